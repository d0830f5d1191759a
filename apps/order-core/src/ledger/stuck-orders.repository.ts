import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { StuckHop } from '@hub/contracts';

export type HopLimits = Record<StuckHop, number>;

export interface StuckOrder {
  orderId: string;
  venueId: string;
  correlationId: string;
  hop: StuckHop;
  since: Date;
}

export interface OpenAlarm {
  orderId: string;
  venueId: string;
  displayNumber: string;
  channel: string;
  status: string;
  hop: StuckHop;
  since: string;
  raisedAt: string;
}

/**
 * Where each order waits, from the order table, its status history and its tickets:
 * mapping (received, not mapped), ticketing (accepted and not held, or released, with no ticket
 * routed), kitchen_start (tickets
 * routed, none taken on), preparation (in preparation).
 */
const WAITING_SQL = `
  WITH accepted AS (
    SELECT o.id, o.venue_id, o.correlation_id, o.status, o.mapped, o.created_at, o.fire_at, o.released_at,
           (SELECT max(h.at) FROM order_status_history h WHERE h.order_id = o.id AND h.to_status = o.status) AS status_at,
           (SELECT min(t.routed_at) FROM order_tickets t WHERE t.order_id = o.id) AS first_routed,
           (SELECT min(t.acknowledged_at) FROM order_tickets t WHERE t.order_id = o.id) AS first_started
      FROM orders o
     WHERE o.status IN ('received', 'accepted', 'in_preparation'))
  SELECT id, venue_id, correlation_id, 'mapping' AS hop, created_at AS since FROM accepted WHERE status = 'received' AND NOT mapped
  UNION ALL
  SELECT id, venue_id, correlation_id, 'ticketing', COALESCE(released_at, status_at) FROM accepted
   WHERE status = 'accepted' AND first_routed IS NULL AND (fire_at IS NULL OR released_at IS NOT NULL)
  UNION ALL
  SELECT id, venue_id, correlation_id, 'kitchen_start', first_routed FROM accepted WHERE status = 'accepted' AND first_routed IS NOT NULL AND first_started IS NULL
  UNION ALL
  SELECT id, venue_id, correlation_id, 'preparation', status_at FROM accepted WHERE status = 'in_preparation'`;

/** The waiting orders past their hop's limit ($1..$4: mapping, ticketing, kitchen_start, preparation seconds). */
const STUCK_SQL = `SELECT * FROM (${WAITING_SQL}) waiting
  WHERE since < now() - make_interval(secs => CASE hop WHEN 'mapping' THEN $1::float8 WHEN 'ticketing' THEN $2::float8 WHEN 'kitchen_start' THEN $3::float8 ELSE $4::float8 END)`;

@Injectable()
export class StuckOrdersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Orders past a hop's limit that have no alarm for that hop yet. */
  async newlyStuck(manager: EntityManager, limits: HopLimits): Promise<StuckOrder[]> {
    const rows: Array<{ id: string; venue_id: string; correlation_id: string; hop: StuckHop; since: Date }> =
      await manager.query(
        `SELECT w.* FROM (${STUCK_SQL}) w
        WHERE NOT EXISTS (SELECT 1 FROM order_alarms a WHERE a.order_id = w.id AND a.hop = w.hop)
        LIMIT 200`,
        [limits.mapping, limits.ticketing, limits.kitchen_start, limits.preparation],
      );
    return rows.map((r) => ({
      orderId: r.id,
      venueId: r.venue_id,
      correlationId: r.correlation_id,
      hop: r.hop,
      since: r.since,
    }));
  }

  /** Records the alarm; false when another replica raised it first. */
  async raise(manager: EntityManager, stuck: StuckOrder): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      'INSERT INTO order_alarms (order_id, hop, since) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING order_id',
      [stuck.orderId, stuck.hop, stuck.since],
    );
    return rows.length > 0;
  }

  /** Clears the open alarms of orders that are no longer waiting at that hop. */
  async clearMoved(manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE order_alarms a SET cleared_at = now()
        WHERE a.cleared_at IS NULL AND NOT EXISTS (SELECT 1 FROM (${WAITING_SQL}) w WHERE w.id = a.order_id AND w.hop = a.hop)`,
    );
  }

  async open(venueIds: string[] | '*'): Promise<OpenAlarm[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT a.order_id, o.venue_id, o.display_number, o.channel, o.status, a.hop, a.since, a.raised_at
         FROM order_alarms a JOIN orders o ON o.id = a.order_id
        WHERE a.cleared_at IS NULL ${venueIds === '*' ? '' : 'AND o.venue_id = ANY($1)'}
        ORDER BY a.since`,
      venueIds === '*' ? [] : [venueIds],
    );
    return rows.map((r) => ({
      orderId: r.order_id as string,
      venueId: r.venue_id as string,
      displayNumber: r.display_number as string,
      channel: r.channel as string,
      status: r.status as string,
      hop: r.hop as StuckHop,
      since: (r.since as Date).toISOString(),
      raisedAt: (r.raised_at as Date).toISOString(),
    }));
  }
}
