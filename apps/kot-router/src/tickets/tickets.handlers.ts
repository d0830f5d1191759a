import { Controller, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { VenueScoped } from '@hub/auth';
import {
  EventEnvelope,
  ORDERS_ITEMS_ADDED_V1,
  ORDERS_ITEMS_VOIDED_V1,
  ORDERS_PRIORITY_CHANGED_V1,
  ORDERS_RELEASED_V1,
  ORDERS_STATUS_CHANGED_V1,
  OrderItemsAddedV1,
  OrderItemsVoidedV1,
  OrderPriorityChangedV1,
  OrderReleasedV1,
  OrderStatusChangedV1,
} from '@hub/contracts';
import { JetStreamContext, PassRpcErrorsFilter } from '@hub/messaging';
import { KitchenGateway } from './kitchen.gateway';
import { RerankOrderTicketsUseCase } from './usecases/rerank-order-tickets/rerank-order-tickets.usecase';
import { RouteOrderTicketsUseCase } from './usecases/route-order-tickets/route-order-tickets.usecase';

/** Events act on the venue named in their envelope. */
@Controller()
@UseFilters(PassRpcErrorsFilter)
@VenueScoped({ from: 'record' })
export class TicketsHandlers {
  constructor(
    private readonly routeOrderTickets: RouteOrderTicketsUseCase,
    private readonly rerankOrderTickets: RerankOrderTicketsUseCase,
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

  /** Lines added to an order in the kitchen: an addition ticket with just them, per station. */
  @EventPattern(ORDERS_ITEMS_ADDED_V1)
  async onItemsAdded(
    @Payload() event: EventEnvelope<OrderItemsAddedV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    this.kitchen.broadcast(event.venueId, await this.routeOrderTickets.added(event, ctx.inboxKey));
  }

  /**
   * Lines voided: a void ticket with just them, at each station whose open tickets hold them; a
   * ticket left with nothing to make is closed, and its station's screens retire it.
   */
  @EventPattern(ORDERS_ITEMS_VOIDED_V1)
  async onItemsVoided(
    @Payload() event: EventEnvelope<OrderItemsVoidedV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    const { tickets, closed } = await this.routeOrderTickets.voided(event, ctx.inboxKey);
    this.kitchen.broadcast(event.venueId, tickets);
    this.kitchen.announce(event.venueId, closed);
  }

  /** Rush or VIP: the order's open tickets move up, and screens get them again to re-sort. */
  @EventPattern(ORDERS_PRIORITY_CHANGED_V1)
  async onPriorityChanged(
    @Payload() event: EventEnvelope<OrderPriorityChangedV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    this.kitchen.broadcast(event.venueId, await this.rerankOrderTickets.execute(event, ctx.inboxKey));
  }
}
