import { StoreControlsController } from '../store-controls/store-controls.controller';
import { StoreControlsRepository } from '../store-controls/store-controls.repository';
import { CapacitySlotsRepository } from '../store-controls/capacity-slots.repository';
import { PrepTimeController } from '../store-controls/prep-time.controller';
import { AdmitToSlotUseCase } from '../store-controls/usecases/admit-to-slot/admit-to-slot.usecase';
import { ChangePrepTimeUseCase } from '../store-controls/usecases/change-prep-time/change-prep-time.usecase';
import { ChannelCapabilities } from '../channels/channel-capabilities.service';
import { LedgerHandlers } from '../ledger/ledger.handlers';
import { OrderHopsRepository } from '../ledger/order-hops.repository';
import { RecordHopUseCase } from '../ledger/usecases/record-hop/record-hop.usecase';
import { SCHEDULING_SETTINGS } from '../scheduling/scheduling.settings';
import { ReleaseScheduledOrdersUseCase } from '../scheduling/usecases/release-scheduled-orders/release-scheduled-orders.usecase';
import { DynamicModule, Module } from '@nestjs/common';
import type { OrderCoreEnv } from '../config/env.dto';
import { StuckOrdersRepository } from '../ledger/stuck-orders.repository';
import {
  LEDGER_SETTINGS,
  WatchStuckOrdersUseCase,
} from '../ledger/usecases/watch-stuck-orders/watch-stuck-orders.usecase';
import { AcceptancePoliciesRepository } from '../acceptance/acceptance-policies.repository';
import { AcceptanceController } from '../acceptance/acceptance.controller';
import { EnforceAcceptanceDeadlinesUseCase } from '../acceptance/usecases/enforce-acceptance-deadlines/enforce-acceptance-deadlines.usecase';
import { PaymentsController } from '../payments/payments.controller';
import { PaymentsRepository } from '../payments/payments.repository';
import { RecordPaymentUseCase } from '../payments/usecases/record-payment/record-payment.usecase';
import { RefundOrderUseCase } from '../payments/usecases/refund-order/refund-order.usecase';
import { AdmissionRepository } from './admission.repository';
import { OrderChangesController } from './order-changes.controller';
import { OrderChangesRepository } from './order-changes.repository';
import { OrderTicketsRepository } from './order-tickets.repository';
import { OrdersController } from './orders.controller';
import { OrdersHandlers } from './orders.handlers';
import { OrdersRepository } from './orders.repository';
import { AddOrderItemsUseCase } from './usecases/add-order-items/add-order-items.usecase';
import { ChangeOrderPriorityUseCase } from './usecases/change-order-priority/change-order-priority.usecase';
import { VoidOrderItemsUseCase } from './usecases/void-order-items/void-order-items.usecase';
import { ApplyKitchenProgressUseCase } from './usecases/apply-kitchen-progress/apply-kitchen-progress.usecase';
import { ApplyPlatformUpdateUseCase } from './usecases/apply-platform-update/apply-platform-update.usecase';
import { ApplyOrderMappingUseCase } from './usecases/apply-order-mapping/apply-order-mapping.usecase';
import { ChangeOrderStatusUseCase } from './usecases/change-order-status/change-order-status.usecase';
import { FlagOrderForAttentionUseCase } from './usecases/flag-order-for-attention/flag-order-for-attention.usecase';
import { RecordReceivedOrderUseCase } from './usecases/record-received-order/record-received-order.usecase';

@Module({
  // payments live beside orders: refunds move the order's status, and the status machine asks the ledger
  controllers: [
    OrdersController,
    OrdersHandlers,
    PaymentsController,
    AcceptanceController,
    StoreControlsController,
    PrepTimeController,
    LedgerHandlers,
    OrderChangesController,
  ],
  providers: [
    OrdersRepository,
    AdmissionRepository,
    OrderTicketsRepository,
    ApplyKitchenProgressUseCase,
    ApplyOrderMappingUseCase,
    ApplyPlatformUpdateUseCase,
    ChangeOrderStatusUseCase,
    FlagOrderForAttentionUseCase,
    RecordReceivedOrderUseCase,
    PaymentsRepository,
    RecordPaymentUseCase,
    RefundOrderUseCase,
    AcceptancePoliciesRepository,
    EnforceAcceptanceDeadlinesUseCase,
    StuckOrdersRepository,
    WatchStuckOrdersUseCase,
    ReleaseScheduledOrdersUseCase,
    StoreControlsRepository,
    CapacitySlotsRepository,
    AdmitToSlotUseCase,
    ChangePrepTimeUseCase,
    ChannelCapabilities,
    OrderHopsRepository,
    RecordHopUseCase,
    OrderChangesRepository,
    AddOrderItemsUseCase,
    VoidOrderItemsUseCase,
    ChangeOrderPriorityUseCase,
  ],
})
export class OrdersModule {
  static forRoot(env: OrderCoreEnv): DynamicModule {
    const limits = {
      mapping: env.STUCK_MAPPING_SECONDS,
      ticketing: env.STUCK_TICKETING_SECONDS,
      kitchen_start: env.STUCK_KITCHEN_START_SECONDS,
      preparation: env.STUCK_PREPARATION_SECONDS,
      ticket_ack: env.STUCK_TICKET_ACK_SECONDS,
      print: env.STUCK_PRINT_SECONDS,
      platform_ack: env.STUCK_PLATFORM_ACK_SECONDS,
    };
    return {
      module: OrdersModule,
      providers: [
        { provide: LEDGER_SETTINGS, useValue: { limits, sweepMs: env.STUCK_SWEEP_MS } },
        { provide: SCHEDULING_SETTINGS, useValue: { prepMinutes: env.SCHEDULED_PREP_MINUTES } },
      ],
    };
  }
}
