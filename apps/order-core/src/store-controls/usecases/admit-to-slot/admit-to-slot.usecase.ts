import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ActorType, OrderStatus, StatusActor } from '@hub/order-model';
import { ChannelCapabilities } from '../../../channels/channel-capabilities.service';
import { OrderHopsRepository } from '../../../ledger/order-hops.repository';
import type { CapacityTaken, OrderEntity } from '../../../orders/entities/order.entity';
import { SCHEDULING_SETTINGS, SchedulingSettings } from '../../../scheduling/scheduling.settings';
import { CapacitySlotsRepository } from '../../capacity-slots.repository';
import { PrepTimeChange } from '../../prep-time-events';
import { describeSlot, nextSlot, slotStart } from '../../slot.util';
import type { ControlsForOrder, SlotCapacity } from '../../store-controls.repository';

/** How far ahead an order may be moved looking for room: a day of slots. */
const MAX_SLOTS_AHEAD = 96;

export const CAPACITY_ACTOR: StatusActor = { type: ActorType.SYSTEM, id: 'order-core:capacity' };

export type Admission =
  { outcome: 'admitted'; moved?: PrepTimeChange } | { outcome: 'rejected'; reason: string };

/** A recount after staff moved an order's time: where it now counts (and why it moved on), or full. */
export type Recount =
  { outcome: 'counted'; promisedAt: Date; moved?: string } | { outcome: 'full'; reason: string };

const limitText = (capacity: SlotCapacity) =>
  `${capacity.limit} ${capacity.unit === 'orders' ? 'orders' : 'preparation minutes'}${capacity.channel === '*' ? '' : ` for ${capacity.channel}`}`;

/**
 * Capacity per 15-minute slot. An order's promised (ready) time is its scheduled time, else now
 * plus its preparation time (the venue's, plus busy mode); it is counted in that time's slot
 * against every limit that applies (the venue's `*` and its channel's). A full slot moves it to
 * the next slot with room (its promised time becomes that slot's start, recorded on its timeline
 * with the reason), unless its platform cannot move an order's time: then it is rejected with the
 * reason. Counting is atomic in Postgres, so concurrent orders never overfill a slot; a cancelled or
 * rejected order gives its place back.
 */
@Injectable()
export class AdmitToSlotUseCase {
  constructor(
    private readonly slots: CapacitySlotsRepository,
    private readonly hops: OrderHopsRepository,
    private readonly channels: ChannelCapabilities,
    @Inject(SCHEDULING_SETTINGS) private readonly scheduling: SchedulingSettings,
  ) {}

  /** In the caller's transaction, with the order locked. Writes nothing when no limit or busy mode applies. */
  async admit(manager: EntityManager, order: OrderEntity, controls: ControlsForOrder): Promise<Admission> {
    if (controls.capacities.length === 0 && controls.busyExtraMinutes === 0) return { outcome: 'admitted' };
    const now = new Date();
    const prepMinutes = this.scheduling.prepMinutes + controls.busyExtraMinutes;
    const requested = order.scheduledFor ?? new Date(now.getTime() + prepMinutes * 60_000);
    const first = slotStart(requested);
    let firstFull: SlotCapacity | undefined;
    for (let ahead = 0; ahead <= MAX_SLOTS_AHEAD; ahead += 1) {
      const slot = nextSlot(first, ahead);
      const full = await this.takeAll(manager, order.venueId, controls.capacities, slot, prepMinutes);
      if (full) {
        firstFull ??= full;
        if (ahead === 0 && !this.channels.canReschedule(order.channel)) {
          return {
            outcome: 'rejected',
            reason: `slot ${describeSlot(first)} is full (${limitText(full)}) and ${order.channel} cannot move an order's time`,
          };
        }
        continue;
      }
      const promisedAt = ahead === 0 ? requested : slot;
      const taken: CapacityTaken | null =
        controls.capacities.length > 0
          ? { slot: slot.toISOString(), channels: controls.capacities.map((c) => c.channel), prepMinutes }
          : null;
      await this.setPromised(manager, order, promisedAt, prepMinutes, taken);
      if (ahead === 0) return { outcome: 'admitted' };
      const reason = `slot ${describeSlot(first)} is full (${limitText(firstFull!)}); moved to ${describeSlot(slot)}`;
      const moved: PrepTimeChange = {
        promisedAt,
        previousPromisedAt: requested,
        prepTimeMinutes: prepMinutes,
        cause: 'capacity',
        reason,
        actor: CAPACITY_ACTOR,
        at: now,
      };
      await this.hops.record(manager, {
        orderId: order.id,
        kind: 'prep_time_changed',
        actor: CAPACITY_ACTOR,
        reason,
        detail: {
          promisedAt: promisedAt.toISOString(),
          previousPromisedAt: requested.toISOString(),
          prepTimeMinutes: prepMinutes,
          cause: 'capacity',
        },
        at: now,
      });
      return { outcome: 'admitted', moved };
    }
    return {
      outcome: 'rejected',
      reason: `no 15-minute slot has room in the next ${MAX_SLOTS_AHEAD / 4} hours (${limitText(firstFull!)})`,
    };
  }

  /**
   * Takes room in the slot under every limit, in a fixed order (`*` first) so concurrent orders lock
   * slot rows alike; returns the first limit that is full (giving back what it took), or undefined.
   */
  private async takeAll(
    manager: EntityManager,
    venueId: string,
    capacities: SlotCapacity[],
    slot: Date,
    prepMinutes: number,
  ): Promise<SlotCapacity | undefined> {
    const taken: SlotCapacity[] = [];
    for (const capacity of capacities) {
      if (await this.slots.take(manager, venueId, capacity, slot, prepMinutes)) {
        taken.push(capacity);
        continue;
      }
      for (const back of taken) await this.slots.give(manager, venueId, back.channel, slot, prepMinutes);
      return capacity;
    }
    return undefined;
  }

  private async setPromised(
    manager: EntityManager,
    order: OrderEntity,
    promisedAt: Date,
    prepMinutes: number,
    taken: CapacityTaken | null,
  ): Promise<void> {
    await manager.query(
      'UPDATE orders SET promised_at = $2, prep_time_minutes = $3, capacity_taken = $4 WHERE id = $1',
      [order.id, promisedAt, prepMinutes, taken ? JSON.stringify(taken) : null],
    );
    order.promisedAt = promisedAt;
    order.prepTimeMinutes = prepMinutes;
    order.capacityTaken = taken;
  }

  /**
   * Staff moved the order's promised time (or its preparation minutes): the place it holds is given
   * back and it is counted again under the limits that apply now, in the slot of `wanted` or, when
   * that is full, the next slot with room (up to a day ahead), whose start becomes its promised time.
   * An order not yet admitted (received, not mapped) is left for its admission to count. In the
   * caller's transaction with the order locked; 'full' leaves the caller to roll back (the old place
   * is kept).
   */
  async recount(
    manager: EntityManager,
    order: OrderEntity,
    controls: ControlsForOrder,
    wanted: Date,
    prepMinutes: number,
  ): Promise<Recount> {
    const admitted = order.status !== OrderStatus.RECEIVED || order.mapped;
    if (!admitted || (!order.capacityTaken && controls.capacities.length === 0))
      return { outcome: 'counted', promisedAt: wanted };
    await this.giveBack(manager, order);
    const first = slotStart(wanted);
    let firstFull: SlotCapacity | undefined;
    for (let ahead = 0; ahead <= MAX_SLOTS_AHEAD; ahead += 1) {
      const slot = nextSlot(first, ahead);
      const full = await this.takeAll(manager, order.venueId, controls.capacities, slot, prepMinutes);
      if (full) {
        firstFull ??= full;
        continue;
      }
      const taken: CapacityTaken | null =
        controls.capacities.length > 0
          ? { slot: slot.toISOString(), channels: controls.capacities.map((c) => c.channel), prepMinutes }
          : null;
      await manager.query('UPDATE orders SET capacity_taken = $2 WHERE id = $1', [
        order.id,
        taken ? JSON.stringify(taken) : null,
      ]);
      order.capacityTaken = taken;
      if (ahead === 0) return { outcome: 'counted', promisedAt: wanted };
      return {
        outcome: 'counted',
        promisedAt: slot,
        moved: `slot ${describeSlot(first)} is full (${limitText(firstFull!)}); moved to ${describeSlot(slot)}`,
      };
    }
    return {
      outcome: 'full',
      reason: `slot ${describeSlot(first)} is full (${limitText(firstFull!)}) and no 15-minute slot after it has room in the next ${MAX_SLOTS_AHEAD / 4} hours`,
    };
  }

  /**
   * A cancelled or rejected order gives its place back (in the caller's transaction, the order
   * locked): the next order that arrives for that slot can take it.
   */
  async release(manager: EntityManager, order: OrderEntity): Promise<void> {
    if (!order.capacityTaken) return;
    await this.giveBack(manager, order);
    await manager.query('UPDATE orders SET capacity_taken = NULL WHERE id = $1', [order.id]);
  }

  private async giveBack(manager: EntityManager, order: OrderEntity): Promise<void> {
    const taken = order.capacityTaken;
    if (!taken) return;
    for (const channel of taken.channels)
      await this.slots.give(manager, order.venueId, channel, new Date(taken.slot), taken.prepMinutes);
    order.capacityTaken = null;
  }
}
