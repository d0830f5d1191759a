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
 * Where each order waits, from the order table, its status history, its tickets and its hops
 * (one row per order and hop, since the oldest wait): mapping (received, not mapped), ticketing
 * (accepted and not held, or released, with no ticket routed), kitchen_start (tickets routed, none
 * taken on), preparation (in preparation), ticket_ack (a ticket not taken on at its station), print
 * (a ticket for a station with a printer not printed), platform_ack (accepted, on a channel whose
 * platform is called back, $1, and no acknowledgement from the platform yet).
 */
const WAITING_SQL = `
  WITH accepted AS (
    SELECT o.id, o.venue_id, o.correlation_id, o.channel, o.status, o.mapped, o.created_at, o.fire_at, o.released_at,
           (SELECT max(h.at) FROM order_status_history h WHERE h.order_id = o.id AND h.to_status = o.status) AS status_at,
           (SELECT min(t.routed_at) FROM order_tickets t WHERE t.order_id = o.id) AS first_routed,
           (SELECT min(t.acknowledged_at) FROM order_tickets t WHERE t.order_id = o.id) AS first_started
      FROM orders o
     WHERE o.status IN ('received', 'accepted', 'in_preparation', 'ready', 'dispatched'))
  SELECT id, venue_id, correlation_id, 'mapping' AS hop, created_at AS since FROM accepted WHERE status = 'received' AND NOT mapped
  UNION ALL
  SELECT id, venue_id, correlation_id, 'ticketing', COALESCE(released_at, status_at) FROM accepted
   WHERE status = 'accepted' AND first_routed IS NULL AND (fire_at IS NULL OR released_at IS NOT NULL)
  UNION ALL
  SELECT id, venue_id, correlation_id, 'kitchen_start', first_routed FROM accepted WHERE status = 'accepted' AND first_routed IS NOT NULL AND first_started IS NULL
  UNION ALL
  SELECT id, venue_id, correlation_id, 'preparation', status_at FROM accepted WHERE status = 'in_preparation'
  UNION ALL
  SELECT a.id, a.venue_id, a.correlation_id, 'ticket_ack', min(t.routed_at) FROM accepted a JOIN order_tickets t ON t.order_id = a.id
   WHERE a.status IN ('accepted', 'in_preparation') AND t.kind <> 'void' AND t.acknowledged_at IS NULL AND t.bumped_at IS NULL
   GROUP BY a.id, a.venue_id, a.correlation_id
  UNION ALL
  SELECT a.id, a.venue_id, a.correlation_id, 'print', min(t.routed_at) FROM accepted a JOIN order_tickets t ON t.order_id = a.id
   WHERE a.status IN ('accepted', 'in_preparation', 'ready') AND t.printing
     AND NOT EXISTS (SELECT 1 FROM order_hops p WHERE p.order_id = a.id AND p.kind = 'ticket_printed' AND p.ticket_id = t.ticket_id)
   GROUP BY a.id, a.venue_id, a.correlation_id
  UNION ALL
  SELECT a.id, a.venue_id, a.correlation_id, 'platform_ack',
         (SELECT min(h.at) FROM order_status_history h WHERE h.order_id = a.id AND h.to_status = 'accepted')
    FROM accepted a
   WHERE a.status <> 'received' AND a.channel = ANY($1::text[])
     AND NOT EXISTS (SELECT 1 FROM order_hops p WHERE p.order_id = a.id AND p.kind = 'platform_acked')`;

/** The waiting orders past their hop's limit ($2..$8: seconds per hop, in STUCK_HOPS order). */
const STUCK_SQL = `SELECT * FROM (${WAITING_SQL}) waiting
  WHERE since < now() - make_interval(secs => CASE hop
    WHEN 'mapping' THEN $2::float8 WHEN 'ticketing' THEN $3::float8 WHEN 'kitchen_start' THEN $4::float8
    WHEN 'preparation' THEN $5::float8 WHEN 'ticket_ack' THEN $6::float8 WHEN 'print' THEN $7::float8
    ELSE $8::float8 END)`;

@Injectable()
export class StuckOrdersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Orders past a hop's limit that have no alarm for that hop yet. `callbackChannels`: the channels
   * whose platform is told the order's status (the others never wait for its acknowledgement).
   */
  async newlyStuck(
    manager: EntityManager,
    limits: HopLimits,
    callbackChannels: string[],
  ): Promise<StuckOrder[]> {
    const rows: Array<{ id: string; venue_id: string; correlation_id: string; hop: StuckHop; since: Date }> =
      await manager.query(
        `SELECT w.* FROM (${STUCK_SQL}) w
        WHERE NOT EXISTS (SELECT 1 FROM order_alarms a WHERE a.order_id = w.id AND a.hop = w.hop)
        LIMIT 200`,
        [
          callbackChannels,
          limits.mapping,
          limits.ticketing,
          limits.kitchen_start,
          limits.preparation,
          limits.ticket_ack,
          limits.print,
          limits.platform_ack,
        ],
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
  async clearMoved(manager: EntityManager, callbackChannels: string[]): Promise<void> {
    await manager.query(
      `UPDATE order_alarms a SET cleared_at = now()
        WHERE a.cleared_at IS NULL AND NOT EXISTS (SELECT 1 FROM (${WAITING_SQL}) w WHERE w.id = a.order_id AND w.hop = a.hop)`,
      [callbackChannels],
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
