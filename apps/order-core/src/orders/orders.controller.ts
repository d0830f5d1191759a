import { OrderHopsRepository } from '../ledger/order-hops.repository';
import { StuckOrdersRepository } from '../ledger/stuck-orders.repository';
import { StuckOrderDto, StuckOrdersQueryDto } from './dto/stuck-order.dto';
import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  Headers,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  BadRequestException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import {
  assertVenueAccess,
  canAccessVenue,
  CurrentPrincipal,
  Principal,
  Role,
  Roles,
  VenueScoped,
} from '@hub/auth';
import type { OrderEntity } from './entities/order.entity';
import { toCanonicalOrder } from './orders.mapper';
import { OrderChangesRepository } from './order-changes.repository';
import { OrdersRepository } from './orders.repository';
import {
  ListOrdersQueryDto,
  OrderIdParamsDto,
  OrderPageDto,
  OrderViewDto,
  OrderWithTimelineDto,
  TimelineEntryDto,
} from './dto/order-query.dto';
import { ChangeOrderStatusDto } from './usecases/change-order-status/change-order-status.command';
import { ChangeOrderStatusUseCase } from './usecases/change-order-status/change-order-status.usecase';

export function toView(order: OrderEntity): OrderViewDto {
  const promisedAt = order.promisedAt ?? order.scheduledFor;
  return {
    ...toCanonicalOrder(order, order.items),
    mapped: order.mapped,
    ...(order.attention ? { attention: order.attention } : {}),
    ...(order.acceptBy && order.status === 'received' ? { acceptBy: order.acceptBy.toISOString() } : {}),
    ...(order.fireAt && !order.releasedAt ? { firesAt: order.fireAt.toISOString() } : {}),
    ...(promisedAt ? { promisedAt: promisedAt.toISOString() } : {}),
    ...(order.prepTimeMinutes ? { prepTimeMinutes: order.prepTimeMinutes } : {}),
    correlationId: order.correlationId,
  };
}

@ApiTags('orders')
@ApiBearerAuth()
@Controller('v1/orders')
export class OrdersController {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly changeStatus: ChangeOrderStatusUseCase,
    private readonly stuckOrders: StuckOrdersRepository,
    private readonly changes: OrderChangesRepository,
    private readonly hops: OrderHopsRepository,
  ) {}

  @Get()
  @VenueScoped({ from: 'query', key: 'venueId' })
  @ApiOperation({ summary: 'Orders, newest first, filtered by venue, channel, status and time' })
  @ApiOkResponse({ type: OrderPageDto })
  async list(
    @Query() query: ListOrdersQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrderPageDto> {
    let venueIds: string[] | '*';
    if (query.venueId) venueIds = [query.venueId];
    else if (principal.venues === '*') venueIds = '*';
    else throw new BadRequestException('venueId is required: name one of the venues of your token');
    const page = await this.orders.list({ ...query, venueIds, limit: query.limit ?? 50 });
    return { orders: page.orders.map(toView), nextCursor: page.nextCursor };
  }

  @Get('stuck')
  @VenueScoped({ from: 'query', key: 'venueId' })
  @ApiOperation({
    summary:
      'Orders stalled at a hop (mapping, ticketing, kitchen start, preparation, ticket not taken on, not printed, platform not acknowledging) past its limit',
  })
  @ApiOkResponse({ type: [StuckOrderDto] })
  stuck(
    @Query() query: StuckOrdersQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StuckOrderDto[]> {
    if (!query.venueId && principal.venues !== '*')
      throw new BadRequestException('venueId is required: name one of the venues of your token');
    return this.stuckOrders.open(query.venueId ? [query.venueId] : '*');
  }

  @Get('held')
  @VenueScoped({ from: 'query', key: 'venueId' })
  @ApiOperation({ summary: 'Scheduled orders accepted and held until their kitchen time (firesAt)' })
  @ApiOkResponse({ type: [OrderViewDto] })
  async held(
    @Query() query: StuckOrdersQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrderViewDto[]> {
    if (!query.venueId && principal.venues !== '*')
      throw new BadRequestException('venueId is required: name one of the venues of your token');
    return (await this.orders.held(query.venueId ? [query.venueId] : '*')).map(toView);
  }

  @Get(':id')
  @VenueScoped({ from: 'record' })
  @ApiOperation({ summary: 'One order with its timeline' })
  @ApiOkResponse({ type: OrderWithTimelineDto })
  async get(
    @Param() params: OrderIdParamsDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrderWithTimelineDto> {
    const order = await this.orders.findById(params.id);
    if (!order) throw new NotFoundException(`order ${params.id} not found`);
    if (!canAccessVenue(principal, order.venueId))
      throw new ForbiddenException(`this token is not scoped to venue ${order.venueId}`);
    const [history, changes, hops] = await Promise.all([
      this.orders.history(order.id),
      this.changes.list(order.id),
      this.hops.entries(order.id),
    ]);
    /** the status the order was in at a time, from its history */
    const statusAt = (at: Date) =>
      history.filter((h) => h.at.getTime() <= at.getTime()).pop()?.toStatus ?? order.status;
    const timeline: TimelineEntryDto[] = [
      ...history.map((h) => ({
        kind: 'status' as const,
        from: h.fromStatus,
        to: h.toStatus,
        actorType: h.actorType,
        actorId: h.actorId,
        ...(h.reason ? { reason: h.reason } : {}),
        at: h.at.toISOString(),
      })),
      ...changes.map((c) => ({
        kind: c.kind,
        from: c.status,
        to: c.status,
        actorType: c.actor.type,
        actorId: c.actor.id,
        ...(c.reason ? { reason: c.reason } : {}),
        ...(c.lineIds ? { lineIds: c.lineIds } : {}),
        ...(c.priority ? { priority: c.priority } : {}),
        at: c.at.toISOString(),
      })),
      ...hops.map((hop) => ({
        kind: hop.kind,
        from: statusAt(hop.at),
        to: statusAt(hop.at),
        actorType: hop.actorType,
        actorId: hop.actorId,
        ...(hop.reason ? { reason: hop.reason } : {}),
        detail: hop.detail,
        at: hop.at.toISOString(),
      })),
    ];
    // oldest first; a status move and a change at the same instant keep their own order
    const time = (entry: TimelineEntryDto) => Date.parse(entry.at);
    return { ...toView(order), timeline: timeline.sort((a, b) => time(a) - time(b)) };
  }

  @Post(':id/status')
  @HttpCode(200)
  @Roles(Role.STAFF, Role.MANAGER, Role.HEAD_OFFICE)
  @VenueScoped({ from: 'record' })
  @ApiOperation({ summary: 'Move an order to another status (409 names the allowed moves when refused)' })
  @ApiOkResponse({ type: OrderViewDto })
  async changeOrderStatus(
    @Param() params: OrderIdParamsDto,
    @Body() body: ChangeOrderStatusDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-correlation-id') requestId: string | undefined,
  ): Promise<OrderViewDto> {
    const order = await this.changeStatus.execute(
      params.id,
      body.status,
      principal,
      body.reason,
      requestId ?? randomUUID(),
    );
    assertVenueAccess(principal, order.venueId);
    return toView(order);
  }
}
