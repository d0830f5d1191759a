import { ConflictException, Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@hub/auth';
import { EventTransaction } from '@hub/messaging';
import { ActorType, OrderStatus, StatusActor } from '@hub/order-model';
import { OrderHopsRepository } from '../../../ledger/order-hops.repository';
import { OrdersRepository } from '../../../orders/orders.repository';
import { OPEN_ORDER_STATUSES } from '../../../orders/order-changes.exception';
import { changeOrderAsStaff } from '../../../orders/staff-order-change.util';
import { fireTime } from '../../../scheduling/fire-time.util';
import { SCHEDULING_SETTINGS, SchedulingSettings } from '../../../scheduling/scheduling.settings';
import type { PrepTimeDto } from '../../dto/prep-time.dto';
import { PrepTimeChange, prepTimeChangedEvent } from '../../prep-time-events';
import { StoreControlsRepository } from '../../store-controls.repository';
import { AdmitToSlotUseCase } from '../admit-to-slot/admit-to-slot.usecase';

/** Statuses in which the kitchen has not finished the order, so its time can still move. */
const OPEN = new Set<OrderStatus>(OPEN_ORDER_STATUSES);

/**
 * Staff set an open order's preparation time: its promised time becomes the time its preparation
 * counts from (when it arrived, or its scheduled time less the venue's preparation time) plus the
 * new minutes, recorded on the timeline and announced (`orders.v1.prep-time-changed`) for the platform.
 * Capacity is counted again: the order gives its place in the old slot back and takes one in the new
 * time's slot or, when that is full, the next slot with room (whose start becomes the promised time,
 * the reason on the timeline); with no slot free for a day it answers 409 naming the full slot and
 * nothing changes. A held scheduled order then fires at its new promised time less the new minutes.
 */
@Injectable()
export class ChangePrepTimeUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly orders: OrdersRepository,
    private readonly hops: OrderHopsRepository,
    private readonly storeControls: StoreControlsRepository,
    private readonly slots: AdmitToSlotUseCase,
    @Inject(SCHEDULING_SETTINGS) private readonly scheduling: SchedulingSettings,
  ) {}

  async execute(
    orderId: string,
    prepTimeMinutes: number,
    reason: string | undefined,
    principal: Principal,
    requestId: string,
  ): Promise<PrepTimeDto> {
    return changeOrderAsStaff(this.tx, this.orders, orderId, principal, async (order, { manager, emit }) => {
      if (!OPEN.has(order.status))
        throw new ConflictException(
          `order ${orderId} is ${order.status}: its preparation time can change only while it is ${[...OPEN].join(', ')}`,
        );
      const previous = order.promisedAt ?? order.scheduledFor;
      const from =
        order.promisedAt && order.prepTimeMinutes
          ? order.promisedAt.getTime() - order.prepTimeMinutes * 60_000
          : order.scheduledFor
            ? order.scheduledFor.getTime() - this.scheduling.prepMinutes * 60_000
            : order.createdAt.getTime();
      const wanted = new Date(from + prepTimeMinutes * 60_000);
      const controls = await this.storeControls.controlsFor(manager, order.venueId, order.channel);
      const recount = await this.slots.recount(manager, order, controls, wanted, prepTimeMinutes);
      if (recount.outcome === 'full')
        throw new ConflictException(
          `order ${orderId} cannot be ready ${wanted.toISOString()}: ${recount.reason}; nothing changed`,
        );
      const { promisedAt } = recount;
      const at = new Date();
      const actor: StatusActor = { type: ActorType.STAFF, id: principal.sub };
      const asked = reason ?? `preparation time set to ${prepTimeMinutes} minutes`;
      const text = recount.moved ? `${asked}; ${recount.moved}` : asked;
      order.promisedAt = promisedAt;
      order.prepTimeMinutes = prepTimeMinutes;
      const held = order.fireAt !== null && order.releasedAt === null;
      if (held) order.fireAt = fireTime(order, this.scheduling.prepMinutes);
      await manager.query(
        'UPDATE orders SET promised_at = $2, prep_time_minutes = $3, fire_at = $4 WHERE id = $1',
        [order.id, promisedAt, prepTimeMinutes, order.fireAt],
      );
      const change: PrepTimeChange = {
        promisedAt,
        previousPromisedAt: previous,
        prepTimeMinutes,
        cause: 'staff',
        reason: text,
        actor,
        at,
      };
      await this.hops.record(manager, {
        orderId: order.id,
        kind: 'prep_time_changed',
        actor,
        reason: text,
        detail: {
          promisedAt: promisedAt.toISOString(),
          ...(previous ? { previousPromisedAt: previous.toISOString() } : {}),
          prepTimeMinutes,
          cause: 'staff',
        },
        at,
      });
      emit(prepTimeChangedEvent(order, change, requestId));
      return {
        orderId: order.id,
        promisedAt: promisedAt.toISOString(),
        previousPromisedAt: previous ? previous.toISOString() : null,
        prepTimeMinutes,
        ...(recount.moved ? { movedReason: recount.moved } : {}),
      };
    });
  }
}
