import { Controller, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { VenueScoped } from '@hub/auth';
import {
  EventEnvelope,
  INTAKE_ORDER_RECEIVED_V1,
  INTAKE_STATUS_RECEIVED_V1,
  IntakeStatusReceivedV1,
  KOT_TICKET_ACKNOWLEDGED_V1,
  KOT_TICKET_BUMPED_V1,
  KOT_TICKET_ROUTED_V1,
  TicketAcknowledgedV1,
  TicketBumpedV1,
  TicketRoutedV1,
  IntakeOrderReceivedV1,
  MENU_ORDER_MAPPED_V1,
  MENU_ORDER_NEEDS_ATTENTION_V1,
  MenuOrderMappedV1,
  MenuOrderNeedsAttentionV1,
} from '@hub/contracts';
import { JetStreamContext, PassRpcErrorsFilter } from '@hub/messaging';
import { ApplyKitchenProgressUseCase } from './usecases/apply-kitchen-progress/apply-kitchen-progress.usecase';
import { ApplyPlatformUpdateUseCase } from './usecases/apply-platform-update/apply-platform-update.usecase';
import { ApplyOrderMappingUseCase } from './usecases/apply-order-mapping/apply-order-mapping.usecase';
import { FlagOrderForAttentionUseCase } from './usecases/flag-order-for-attention/flag-order-for-attention.usecase';
import { RecordReceivedOrderUseCase } from './usecases/record-received-order/record-received-order.usecase';

/** Events act on the venue named in their envelope. */
@Controller()
@UseFilters(PassRpcErrorsFilter)
@VenueScoped({ from: 'record' })
export class OrdersHandlers {
  constructor(
    private readonly recordReceived: RecordReceivedOrderUseCase,
    private readonly applyMapping: ApplyOrderMappingUseCase,
    private readonly flagForAttention: FlagOrderForAttentionUseCase,
    private readonly kitchenProgress: ApplyKitchenProgressUseCase,
    private readonly platformUpdate: ApplyPlatformUpdateUseCase,
  ) {}

  @EventPattern(INTAKE_ORDER_RECEIVED_V1)
  onOrderReceived(
    @Payload() event: EventEnvelope<IntakeOrderReceivedV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    return this.recordReceived.execute(event, ctx.inboxKey);
  }

  @EventPattern(MENU_ORDER_MAPPED_V1)
  onOrderMapped(
    @Payload() event: EventEnvelope<MenuOrderMappedV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    return this.applyMapping.execute(event, ctx.inboxKey);
  }

  @EventPattern(MENU_ORDER_NEEDS_ATTENTION_V1)
  onOrderNeedsAttention(
    @Payload() event: EventEnvelope<MenuOrderNeedsAttentionV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    return this.flagForAttention.execute(event, ctx.inboxKey);
  }

  /** No inbox: its effect is idempotent on the ticket's id (ApplyKitchenProgressUseCase.routed). */
  @EventPattern(KOT_TICKET_ROUTED_V1)
  onTicketRouted(@Payload() event: EventEnvelope<TicketRoutedV1>): Promise<void> {
    return this.kitchenProgress.routed(event);
  }

  @EventPattern(KOT_TICKET_ACKNOWLEDGED_V1)
  onTicketAcknowledged(
    @Payload() event: EventEnvelope<TicketAcknowledgedV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    return this.kitchenProgress.started(event, ctx.inboxKey);
  }

  @EventPattern(KOT_TICKET_BUMPED_V1)
  onTicketBumped(
    @Payload() event: EventEnvelope<TicketBumpedV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    return this.kitchenProgress.finished(event, ctx.inboxKey);
  }

  @EventPattern(INTAKE_STATUS_RECEIVED_V1)
  onPlatformUpdate(
    @Payload() event: EventEnvelope<IntakeStatusReceivedV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    return this.platformUpdate.execute(event, ctx.inboxKey);
  }
}
