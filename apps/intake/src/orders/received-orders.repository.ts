import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { preparedRows } from '@hub/persistence';

/**
 * The orders intake has received, one row per (platform, venue, platform order id), whichever path
 * brought them: a webhook, a thin event's fetch, or a poll. Claiming an order in the transaction
 * that stores its delivery and emits `intake.v1.order-received` makes the first path win and every
 * later one see a duplicate, so a webhook order later listed by a catch-up poll (or the other way
 * round) is received once.
 */
@Injectable()
export class ReceivedOrdersRepository {
  /** Claims the orders for `deliveryId`; returns the external ids that were new (the others were received before). */
  async claim(
    manager: EntityManager,
    platform: string,
    venueId: string,
    externalIds: readonly string[],
    deliveryId: string,
  ): Promise<Set<string>> {
    if (externalIds.length === 0) return new Set();
    const rows = await preparedRows<{ external_id: string }>(
      manager,
      `INSERT INTO received_orders (platform, venue_id, external_id, delivery_id)
       SELECT $1, $2, unnest($3::text[]), $4
       ON CONFLICT DO NOTHING RETURNING external_id`,
      [platform, venueId, [...new Set(externalIds)], deliveryId],
    );
    return new Set(rows.map((row) => row.external_id));
  }
}
