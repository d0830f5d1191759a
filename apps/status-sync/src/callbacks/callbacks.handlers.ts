import { Controller, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { VenueScoped } from '@hub/auth';
import {
  type EventEnvelope,
  INTAKE_INTEGRATION_SAVED_V1,
  type IntakeIntegrationSavedV1,
  MENU_AVAILABILITY_CHANGED_V1,
  type MenuAvailabilityChangedV1,
  ORDERS_PREP_TIME_CHANGED_V1,
  ORDERS_STATUS_CHANGED_V1,
  ORDERS_STORE_CONTROLS_CHANGED_V1,
  type OrderPrepTimeChangedV1,
  type OrderStatusChangedV1,
  type StoreControlsChangedV1,
} from '@hub/contracts';
import { JetStreamContext, PassRpcErrorsFilter } from '@hub/messaging';
import { EnqueueAvailabilityCallbacksUseCase } from './usecases/enqueue-availability-callbacks/enqueue-availability-callbacks.usecase';
import { EnqueuePrepTimeCallbacksUseCase } from './usecases/enqueue-prep-time-callbacks/enqueue-prep-time-callbacks.usecase';
import { EnqueueStatusCallbacksUseCase } from './usecases/enqueue-status-callbacks/enqueue-status-callbacks.usecase';
import { EnqueueStoreControlCallbacksUseCase } from './usecases/enqueue-store-control-callbacks/enqueue-store-control-callbacks.usecase';
import { ReplicateIntegrationUseCase } from './usecases/replicate-integration/replicate-integration.usecase';

/** Events act on the venue named in their envelope. */
@Controller()
@UseFilters(PassRpcErrorsFilter)
@VenueScoped({ from: 'record' })
export class CallbacksHandlers {
  constructor(
    private readonly statusCallbacks: EnqueueStatusCallbacksUseCase,
    private readonly availabilityCallbacks: EnqueueAvailabilityCallbacksUseCase,
    private readonly replicateIntegration: ReplicateIntegrationUseCase,
    private readonly storeControlCallbacks: EnqueueStoreControlCallbacksUseCase,
    private readonly prepTimeCallbacks: EnqueuePrepTimeCallbacksUseCase,
  ) {}

  @EventPattern(ORDERS_STORE_CONTROLS_CHANGED_V1)
  onStoreControlsChanged(
    @Payload() event: EventEnvelope<StoreControlsChangedV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    return this.storeControlCallbacks.execute(event, ctx.inboxKey);
  }

  @EventPattern(ORDERS_PREP_TIME_CHANGED_V1)
  onPrepTimeChanged(
    @Payload() event: EventEnvelope<OrderPrepTimeChangedV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    return this.prepTimeCallbacks.execute(event, ctx.inboxKey);
  }

  @EventPattern(ORDERS_STATUS_CHANGED_V1)
  onStatusChanged(
    @Payload() event: EventEnvelope<OrderStatusChangedV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    return this.statusCallbacks.execute(event, ctx.inboxKey);
  }

  @EventPattern(MENU_AVAILABILITY_CHANGED_V1)
  onAvailabilityChanged(
    @Payload() event: EventEnvelope<MenuAvailabilityChangedV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    return this.availabilityCallbacks.execute(event, ctx.inboxKey);
  }

  @EventPattern(INTAKE_INTEGRATION_SAVED_V1)
  onIntegrationSaved(
    @Payload() event: EventEnvelope<IntakeIntegrationSavedV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    return this.replicateIntegration.execute(event, ctx.inboxKey);
  }
}
