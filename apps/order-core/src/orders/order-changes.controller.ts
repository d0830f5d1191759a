import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { CurrentPrincipal, Principal, Role, Roles, VenueScoped } from '@hub/auth';
import { OrderIdParamsDto, OrderViewDto } from './dto/order-query.dto';
import { toView } from './orders.controller';
import { AddOrderItemsDto } from './usecases/add-order-items/add-order-items.command';
import { AddOrderItemsUseCase } from './usecases/add-order-items/add-order-items.usecase';
import { ChangeOrderPriorityDto } from './usecases/change-order-priority/change-order-priority.command';
import { ChangeOrderPriorityUseCase } from './usecases/change-order-priority/change-order-priority.usecase';
import {
  VoidOrderItemDto,
  VoidOrderItemParamsDto,
} from './usecases/void-order-items/void-order-items.command';
import { VoidOrderItemsUseCase } from './usecases/void-order-items/void-order-items.usecase';

/** Changes to an open order: lines added or voided, and its kitchen priority. Staff and up. */
@ApiTags('orders')
@ApiBearerAuth()
@Controller('v1/orders')
export class OrderChangesController {
  constructor(
    private readonly addItems: AddOrderItemsUseCase,
    private readonly voidItems: VoidOrderItemsUseCase,
    private readonly changePriority: ChangeOrderPriorityUseCase,
  ) {}

  @Post(':id/items')
  @HttpCode(200)
  @Roles(Role.STAFF, Role.MANAGER, Role.HEAD_OFFICE)
  @VenueScoped({ from: 'record' })
  @ApiOperation({
    summary:
      'Add lines to an open order (totals recomputed; orders.v1.items-added). 409 once it is ready, dispatched, completed, cancelled, rejected or refunded',
  })
  @ApiOkResponse({ type: OrderViewDto })
  async add(
    @Param() params: OrderIdParamsDto,
    @Body() body: AddOrderItemsDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-correlation-id') requestId: string | undefined,
  ): Promise<OrderViewDto> {
    const { order } = await this.addItems.execute(params.id, body, principal, requestId ?? randomUUID());
    return toView(order);
  }

  @Post(':id/items/:lineId/void')
  @HttpCode(200)
  @Roles(Role.STAFF, Role.MANAGER, Role.HEAD_OFFICE)
  @VenueScoped({ from: 'record' })
  @ApiOperation({
    summary:
      'Void one line of an open order with a reason (orders.v1.items-voided). 409 for the last live line: cancel the order instead',
  })
  @ApiOkResponse({ type: OrderViewDto })
  async void(
    @Param() params: VoidOrderItemParamsDto,
    @Body() body: VoidOrderItemDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-correlation-id') requestId: string | undefined,
  ): Promise<OrderViewDto> {
    const order = await this.voidItems.execute(
      params.id,
      params.lineId,
      body.reason,
      principal,
      requestId ?? randomUUID(),
    );
    return toView(order);
  }

  @Post(':id/priority')
  @HttpCode(200)
  @Roles(Role.STAFF, Role.MANAGER, Role.HEAD_OFFICE)
  @VenueScoped({ from: 'record' })
  @ApiOperation({
    summary:
      'Set an open order rush, vip or normal (orders.v1.priority-changed; the kitchen re-ranks its tickets)',
  })
  @ApiOkResponse({ type: OrderViewDto })
  async priority(
    @Param() params: OrderIdParamsDto,
    @Body() body: ChangeOrderPriorityDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-correlation-id') requestId: string | undefined,
  ): Promise<OrderViewDto> {
    return toView(
      await this.changePriority.execute(params.id, body.priority, principal, requestId ?? randomUUID()),
    );
  }
}
