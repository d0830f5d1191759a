import { Injectable } from '@nestjs/common';
import type { EventEnvelope, MenuOrderMappedV1 } from '@hub/contracts';
import { EventTransaction, InboxKey } from '@hub/messaging';
import { ActorType, OrderStatus } from '@hub/order-model';
import { prepTimeChangedEvent } from '../../../store-controls/prep-time-events';
import {
  AdmitToSlotUseCase,
  CAPACITY_ACTOR,
} from '../../../store-controls/usecases/admit-to-slot/admit-to-slot.usecase';
import { AdmissionRepository } from '../../admission.repository';
import { orderCreatedEvent, receivingActor } from '../../order-events';
import { OrdersRepository } from '../../orders.repository';
import { ChangeOrderStatusUseCase } from '../change-order-status/change-order-status.usecase';

const AUTO_ACCEPT = { type: ActorType.SYSTEM, id: 'order-core:auto-accept' };
const STORE_PAUSED = { type: ActorType.SYSTEM, id: 'order-core:store-paused' };

/**
 * Applies menu-mapping's result: the order's lines get their menu ids and stations (creating the
 * order if order-received has not arrived yet), attention is cleared, and the order is rejected when
 * its channel is paused at the venue, or its capacity slot is full and its platform cannot move it
 * (a full slot otherwise moves it to the next slot with room), else accepted
 * (which fires its tickets) or, where the venue accepts that channel by hand, waits for staff until
 * its deadline. A mapping that arrives again changes nothing.
 */
@Injectable()
export class ApplyOrderMappingUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly orders: OrdersRepository,
    private readonly changeStatus: ChangeOrderStatusUseCase,
    private readonly admissionSettings: AdmissionRepository,
    private readonly admitToSlot: AdmitToSlotUseCase,
  ) {}

  async execute(event: EventEnvelope<MenuOrderMappedV1>, inbox: InboxKey): Promise<void> {
    const { order: draft } = event.payload;
    const key = { channel: draft.channel, venueId: draft.venueId, externalId: draft.externalId };
    await this.tx.run(async ({ manager, emit }) => {
      let order = await this.orders.lockByKey(manager, key);
      if (!order) {
        const state = { mapped: true, attention: null, correlationId: event.correlationId };
        const created = await this.orders.createIfAbsent(
          manager,
          draft,
          state,
          receivingActor(draft.channel),
        );
        if (created) emit(orderCreatedEvent(created, event.id));
        // null: another transaction created it after our read (its insert made ours wait, then do nothing)
        order = created ?? (await this.orders.lockByKey(manager, key))!;
      }
      if (!order.mapped) {
        await this.orders.applyMapping(manager, order, draft.items);
      } else if (order.status !== OrderStatus.RECEIVED) {
        return; // mapped and moved on already
      }
      if (order.status !== OrderStatus.RECEIVED) return;
      // the store controls and the acceptance policy in one read
      const { controls, policy } = await this.admissionSettings.settingsFor(
        manager,
        order.venueId,
        order.channel,
      );
      const { pausedUntil } = controls;
      if (pausedUntil) {
        const reason = `${order.channel} is paused at ${order.venueId} until ${pausedUntil.toISOString()}`;
        await this.changeStatus.move(
          manager,
          order,
          OrderStatus.REJECTED,
          STORE_PAUSED,
          reason,
          event.id,
          emit,
        );
        return;
      }
      const admission = await this.admitToSlot.admit(manager, order, controls);
      if (admission.outcome === 'rejected') {
        await this.changeStatus.move(
          manager,
          order,
          OrderStatus.REJECTED,
          CAPACITY_ACTOR,
          admission.reason,
          event.id,
          emit,
        );
        return;
      }
      if (policy.mode === 'auto') {
        await this.changeStatus.move(
          manager,
          order,
          OrderStatus.ACCEPTED,
          AUTO_ACCEPT,
          undefined,
          event.id,
          emit,
        );
      } else {
        // staff accept it (POST /v1/orders/:id/status); past the deadline the venue's action is taken
        await manager.query(
          'UPDATE orders SET accept_by = COALESCE(accept_by, now() + make_interval(secs => $2)) WHERE id = $1',
          [order.id, policy.deadlineSeconds],
        );
      }
      // after the acceptance, so a platform hears the new time for an order it knows is accepted
      if (admission.moved) emit(prepTimeChangedEvent(order, admission.moved, event.id));
    }, inbox);
  }
}
