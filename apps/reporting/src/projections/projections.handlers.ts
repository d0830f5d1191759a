import { Controller, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { VenueScoped } from '@hub/auth';
import {
  EventEnvelope,
  KOT_TICKET_ACKNOWLEDGED_V1,
  KOT_TICKET_BUMPED_V1,
  KOT_TICKET_ROUTED_V1,
  ORDERS_CREATED_V1,
  ORDERS_ITEMS_ADDED_V1,
  ORDERS_ITEMS_VOIDED_V1,
  ORDERS_PAYMENT_CHANGED_V1,
  ORDERS_STATUS_CHANGED_V1,
  OrderCreatedV1,
  OrderItemsAddedV1,
  OrderItemsVoidedV1,
  OrderPaymentChangedV1,
  OrderStatusChangedV1,
  TicketAcknowledgedV1,
  TicketBumpedV1,
  TicketRoutedV1,
} from '@hub/contracts';
import { JetStreamContext, PassRpcErrorsFilter } from '@hub/messaging';
import { ProjectOrderEventUseCase } from './usecases/project-order-event/project-order-event.usecase';
import { ProjectTicketEventUseCase } from './usecases/project-ticket-event/project-ticket-event.usecase';

/**
 * The read models are built from these events only (consumers `reporting-orders-v1` and
 * `reporting-kot-v1`). Events act on the venue named in their envelope. `orders.v1.priority-changed`
 * is not taken: no report uses an order's priority.
 */
@Controller()
@UseFilters(PassRpcErrorsFilter)
@VenueScoped({ from: 'record' })
export class ProjectionsHandlers {
  constructor(
    private readonly orders: ProjectOrderEventUseCase,
    private readonly tickets: ProjectTicketEventUseCase,
  ) {}

  @EventPattern(ORDERS_CREATED_V1)
  async onOrderCreated(
    @Payload() event: EventEnvelope<OrderCreatedV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    await this.orders.created(event, ctx.inboxKey);
  }

  @EventPattern(ORDERS_STATUS_CHANGED_V1)
  async onStatusChanged(
    @Payload() event: EventEnvelope<OrderStatusChangedV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    await this.orders.statusChanged(event, ctx.inboxKey);
  }

  @EventPattern(ORDERS_ITEMS_ADDED_V1)
  async onItemsAdded(
    @Payload() event: EventEnvelope<OrderItemsAddedV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    await this.orders.itemsAdded(event, ctx.inboxKey);
  }

  @EventPattern(ORDERS_ITEMS_VOIDED_V1)
  async onItemsVoided(
    @Payload() event: EventEnvelope<OrderItemsVoidedV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    await this.orders.itemsVoided(event, ctx.inboxKey);
  }

  @EventPattern(ORDERS_PAYMENT_CHANGED_V1)
  async onPaymentChanged(
    @Payload() event: EventEnvelope<OrderPaymentChangedV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    await this.orders.paymentChanged(event, ctx.inboxKey);
  }

  @EventPattern(KOT_TICKET_ROUTED_V1)
  async onTicketRouted(
    @Payload() event: EventEnvelope<TicketRoutedV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    await this.tickets.routed(event, ctx.inboxKey);
  }

  @EventPattern(KOT_TICKET_ACKNOWLEDGED_V1)
  async onTicketAcknowledged(
    @Payload() event: EventEnvelope<TicketAcknowledgedV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    await this.tickets.acknowledged(event, ctx.inboxKey);
  }

  @EventPattern(KOT_TICKET_BUMPED_V1)
  async onTicketBumped(
    @Payload() event: EventEnvelope<TicketBumpedV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    await this.tickets.bumped(event, ctx.inboxKey);
  }
}
