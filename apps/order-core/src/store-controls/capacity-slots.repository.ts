import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SlotCapacity } from './store-controls.repository';

/**
 * The count of each slot, per venue and control channel (`*` or a channel), as one row changed by
 * a single atomic statement: concurrent orders wait on the row's lock, and each sees the count
 * the one before it left, so a slot is never overfilled.
 */
@Injectable()
export class CapacitySlotsRepository {
  /**
   * Counts the order in the slot if it has room (an empty slot always takes one order, so an
   * order larger than a whole slot in minutes is not refused forever). False when full.
   */
  async take(
    manager: EntityManager,
    venueId: string,
    capacity: SlotCapacity,
    slot: Date,
    prepMinutes: number,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO capacity_slots AS s (venue_id, channel, slot_start, orders, prep_minutes) VALUES ($1, $2, $3, 1, $4)
       ON CONFLICT (venue_id, channel, slot_start) DO UPDATE
         SET orders = s.orders + 1, prep_minutes = s.prep_minutes + EXCLUDED.prep_minutes
       WHERE s.orders = 0
          OR (CASE WHEN $5 = 'orders' THEN s.orders + 1 ELSE s.prep_minutes + EXCLUDED.prep_minutes END) <= $6
       RETURNING s.orders`,
      [venueId, capacity.channel, slot, prepMinutes, capacity.unit, capacity.limit],
    );
    return rows.length > 0;
  }

  /** Gives back what `take` counted (an order that took one limit's room but not the other's). */
  async give(
    manager: EntityManager,
    venueId: string,
    channel: string,
    slot: Date,
    prepMinutes: number,
  ): Promise<void> {
    await manager.query(
      `UPDATE capacity_slots SET orders = GREATEST(orders - 1, 0), prep_minutes = GREATEST(prep_minutes - $4, 0)
        WHERE venue_id = $1 AND channel = $2 AND slot_start = $3`,
      [venueId, channel, slot, prepMinutes],
    );
  }
}
