import { Controller, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { VenueScoped } from '@hub/auth';
import {
  EventEnvelope,
  ORDERS_RELEASED_V1,
  ORDERS_STATUS_CHANGED_V1,
  OrderReleasedV1,
  OrderStatusChangedV1,
} from '@hub/contracts';
import { JetStreamContext, PassRpcErrorsFilter } from '@hub/messaging';
import { KitchenGateway } from './kitchen.gateway';
import { RouteOrderTicketsUseCase } from './usecases/route-order-tickets/route-order-tickets.usecase';

/** Events act on the venue named in their envelope. */
@Controller()
@UseFilters(PassRpcErrorsFilter)
@VenueScoped({ from: 'record' })
export class TicketsHandlers {
  constructor(
    private readonly routeOrderTickets: RouteOrderTicketsUseCase,
    private readonly kitchen: KitchenGateway,
  ) {}

  @EventPattern(ORDERS_STATUS_CHANGED_V1)
  async onStatusChanged(
    @Payload() event: EventEnvelope<OrderStatusChangedV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    const tickets = await this.routeOrderTickets.execute(event, ctx.inboxKey);
    this.kitchen.broadcast(event.venueId, tickets);
  }

  /** A held scheduled order reaches its kitchen time. */
  @EventPattern(ORDERS_RELEASED_V1)
  async onReleased(
    @Payload() event: EventEnvelope<OrderReleasedV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    const tickets = await this.routeOrderTickets.execute(event, ctx.inboxKey);
    this.kitchen.broadcast(event.venueId, tickets);
  }
}
