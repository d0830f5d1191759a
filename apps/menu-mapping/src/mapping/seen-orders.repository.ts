import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { OrderDraftDto } from '@hub/contracts';
import { preparedRows } from '@hub/persistence';

export interface RecentOrderRow {
  venueId: string;
  channel: string;
  externalId: string;
  receivedAt: string;
  order: OrderDraftDto;
}

/**
 * A bounded copy of the orders each venue received (the newest N per venue, customer removed), so a
 * mapping version can be tried on real orders before it is published. menu-mapping's own copy: it
 * never reads another service's tables.
 */
@Injectable()
export class SeenOrdersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(
    manager: EntityManager,
    order: OrderDraftDto,
    outcome: 'mapped' | 'needs_attention',
    keepPerVenue: number,
  ): Promise<void> {
    const copy: OrderDraftDto = { ...order, customer: { name: '' } };
    // one round trip: record it, and prune the venue past the bound (the newest keepPerVenue - 1
    // already there plus this one); one transaction at a time per venue prunes, the others skip it
    await preparedRows(
      manager,
      `WITH recorded AS (
         INSERT INTO recent_orders (id, venue_id, platform, channel, external_id, order_draft, outcome)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT ON CONSTRAINT recent_orders_key_uq DO UPDATE SET outcome = EXCLUDED.outcome
         RETURNING id)
       DELETE FROM recent_orders
        WHERE id IN (SELECT id FROM recent_orders WHERE venue_id = $2 ORDER BY id DESC OFFSET $8)
          AND pg_try_advisory_xact_lock(hashtext($9))`,
      [
        uuidv7(),
        order.venueId,
        order.source.platform,
        order.channel,
        order.externalId,
        JSON.stringify(copy),
        outcome,
        Math.max(0, keepPerVenue - 1),
        `recent-orders:${order.venueId}`,
      ],
    );
  }

  /** The newest orders of these venues from one platform, newest first. */
  recent(
    venueIds: string[],
    platform: string,
    limit: number,
    manager?: EntityManager,
  ): Promise<RecentOrderRow[]> {
    return (manager ?? this.dataSource.manager).query(
      `SELECT venue_id AS "venueId", channel, external_id AS "externalId",
              to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "receivedAt", order_draft AS order
       FROM recent_orders WHERE venue_id = ANY ($1::text[]) AND platform = $2 ORDER BY id DESC LIMIT $3`,
      [venueIds, platform, limit],
    );
  }
}
