import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type {
  KitchenOrderPriority,
  KitchenTicketItemV1,
  KitchenTicketStateV1,
  KitchenTicketV1,
} from '@hub/contracts';
import { queryRows, preparedRows } from '@hub/persistence';

export interface StationRef {
  venueId: string;
  station: string;
}

@Injectable()
export class TicketsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Stores tickets of one venue, each at its own station (one ticket per station), in one statement:
   * each takes its station's next sequence number (gap-free: the cursor rows stay locked until
   * commit, taken in the order given, so callers give stations in one order and concurrent
   * transactions cannot deadlock), written into the stored ticket. A ticket that conflicts (the
   * order already has a 'new' ticket, or a cancellation's void, at that station) is not stored, yet
   * its number is taken, as before. Returns the tickets with their numbers, in the order given.
   */
  async insertAll(
    manager: EntityManager,
    venueId: string,
    tickets: readonly KitchenTicketV1[],
    correlationId: string,
  ): Promise<KitchenTicketV1[]> {
    if (tickets.length === 0) return [];
    const rows = await preparedRows<{ station: string; seq: number }>(
      manager,
      `WITH planned AS (
           SELECT p.ticket, p.ord FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS p(ticket, ord)
         ),
         numbered AS (
           INSERT INTO station_cursors (venue_id, station, last_seq)
           SELECT $1::text, ticket->>'station', 1 FROM planned ORDER BY ord
           ON CONFLICT (venue_id, station) DO UPDATE SET last_seq = station_cursors.last_seq + 1
           RETURNING station, last_seq
         ),
         stored AS (
           INSERT INTO tickets (id, venue_id, station, seq, order_id, kind, ticket, correlation_id, created_at,
                                priority, start_by, voids_order)
           SELECT (p.ticket->>'ticketId')::uuid, $1::text, n.station, n.last_seq, (p.ticket->>'orderId')::uuid,
                  p.ticket->>'kind', jsonb_set(p.ticket, '{seq}', to_jsonb(n.last_seq)), $3::text,
                  (p.ticket->>'createdAt')::timestamptz, (p.ticket->>'priority')::integer,
                  (p.ticket->>'startBy')::timestamptz, coalesce((p.ticket->>'voidsOrder')::boolean, false)
             FROM planned p JOIN numbered n ON n.station = p.ticket->>'station'
            ORDER BY p.ord
           ON CONFLICT DO NOTHING
         )
         SELECT station, last_seq AS seq FROM numbered`,
      [venueId, JSON.stringify(tickets), correlationId],
    );
    const seqs = new Map(rows.map((r) => [r.station, r.seq]));
    return tickets.map((ticket) => {
      const seq = seqs.get(ticket.station);
      if (seq === undefined) throw new Error(`no sequence number taken for station ${ticket.station}`);
      return { ...ticket, seq };
    });
  }

  /**
   * What a cancellation voids: per station still working on the order (a new or addition ticket not
   * bumped, and no cancellation void there yet), the lines of those tickets less lines voided before.
   */
  async toVoid(manager: EntityManager, orderId: string): Promise<Array<[string, KitchenTicketItemV1[]]>> {
    const rows: Array<{ station: string; kind: string; ticket: KitchenTicketV1; bumped: boolean }> =
      await manager.query(
        `SELECT t.station, t.kind, t.ticket, t.bumped_at IS NOT NULL AS bumped FROM tickets t
          WHERE t.order_id = $1
            AND NOT EXISTS (SELECT 1 FROM tickets v WHERE v.order_id = t.order_id AND v.station = t.station AND v.voids_order)
          ORDER BY t.station, t.seq`,
        [orderId],
      );
    const voided = new Map<string, Set<string>>();
    for (const row of rows) {
      if (row.kind !== 'void') continue;
      const lines = voided.get(row.station) ?? new Set<string>();
      for (const item of row.ticket.items) if (item.lineId) lines.add(item.lineId);
      voided.set(row.station, lines);
    }
    const stations = new Map<string, KitchenTicketItemV1[]>();
    for (const row of rows) {
      if (row.kind === 'void' || row.bumped) continue;
      const gone = voided.get(row.station);
      const items = row.ticket.items.filter((item) => !item.lineId || !gone?.has(item.lineId));
      if (items.length > 0) stations.set(row.station, [...(stations.get(row.station) ?? []), ...items]);
    }
    return [...stations];
  }

  /**
   * What a void of some lines voids: per station, those lines as its open (not bumped) new and
   * addition tickets of the order hold them. The open tickets are locked (FOR UPDATE) until commit, so
   * voids of the same order take their turn and each sees the voids before it (closeEmptied).
   */
  async linesToVoid(
    manager: EntityManager,
    orderId: string,
    lineIds: readonly string[],
  ): Promise<Array<[string, KitchenTicketItemV1[]]>> {
    const rows: Array<{ station: string; ticket: KitchenTicketV1 }> = await manager.query(
      `SELECT station, ticket FROM tickets
        WHERE order_id = $1 AND kind IN ('new', 'addition') AND bumped_at IS NULL ORDER BY station, seq
          FOR UPDATE`,
      [orderId],
    );
    const stations = new Map<string, KitchenTicketItemV1[]>();
    for (const row of rows) {
      const items = stations.get(row.station) ?? [];
      for (const item of row.ticket.items) {
        if (item.lineId && lineIds.includes(item.lineId) && !items.some((i) => i.lineId === item.lineId))
          items.push(item);
      }
      if (items.length > 0) stations.set(row.station, items);
    }
    return [...stations];
  }

  /**
   * Closes the order's open new and addition tickets whose every line has been voided at their
   * station (by `void` tickets of lines, not a cancellation's): bumped and voided now, in one
   * statement. Lines without a lineId (tickets stored before line changes) are never taken as voided.
   * Returns the tickets closed.
   */
  async closeEmptied(
    manager: EntityManager,
    orderId: string,
    at: Date,
  ): Promise<Array<{ ticketId: string; station: string }>> {
    const rows = queryRows<{ id: string; station: string }>(
      await manager.query(
        `WITH voided AS (
           SELECT v.station, item->>'lineId' AS line_id
             FROM tickets v, jsonb_array_elements(v.ticket->'items') item
            WHERE v.order_id = $1 AND v.kind = 'void' AND NOT v.voids_order
         )
         UPDATE tickets t SET bumped_at = $2, voided_at = $2
          WHERE t.order_id = $1 AND t.kind IN ('new', 'addition') AND t.bumped_at IS NULL
            AND jsonb_array_length(t.ticket->'items') > 0
            AND NOT EXISTS (
              SELECT 1 FROM jsonb_array_elements(t.ticket->'items') item
               WHERE item->>'lineId' IS NULL
                  OR NOT EXISTS (SELECT 1 FROM voided WHERE voided.station = t.station AND voided.line_id = item->>'lineId'))
          RETURNING t.id, t.station`,
        [orderId, at],
      ),
    );
    return rows.map((r) => ({ ticketId: r.id, station: r.station }));
  }

  /**
   * Gives the order's open tickets (not bumped) a new priority from their start-by time; returns
   * them as screens should now show them.
   */
  async rerankOpen(
    manager: EntityManager,
    orderId: string,
    rank: (startBy: Date) => number,
    orderPriority: KitchenOrderPriority | undefined,
  ): Promise<KitchenTicketV1[]> {
    const rows: Array<{ id: string; ticket: KitchenTicketV1; start_by: Date | null; created_at: Date }> =
      await manager.query(
        'SELECT id, ticket, start_by, created_at FROM tickets WHERE order_id = $1 AND bumped_at IS NULL ORDER BY seq FOR UPDATE',
        [orderId],
      );
    const updated: KitchenTicketV1[] = [];
    for (const row of rows) {
      const priority = rank(row.start_by ?? row.created_at);
      const { orderPriority: _previous, ...rest } = row.ticket;
      const ticket: KitchenTicketV1 = { ...rest, priority, ...(orderPriority ? { orderPriority } : {}) };
      await manager.query('UPDATE tickets SET priority = $2, ticket = $3 WHERE id = $1', [
        row.id,
        priority,
        JSON.stringify(ticket),
      ]);
      updated.push(ticket);
    }
    return updated;
  }

  async hasTickets(manager: EntityManager, orderId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query('SELECT 1 FROM tickets WHERE order_id = $1 LIMIT 1', [
      orderId,
    ]);
    return rows.length > 0;
  }

  async find(ticketId: string): Promise<{
    ticket: KitchenTicketV1;
    venueId: string;
    station: string;
    orderId: string;
    correlationId: string;
  } | null> {
    const [row]: Array<{
      ticket: KitchenTicketV1;
      venue_id: string;
      station: string;
      order_id: string;
      correlation_id: string;
    }> = await this.dataSource.query(
      'SELECT ticket, venue_id, station, order_id, correlation_id FROM tickets WHERE id = $1',
      [ticketId],
    );
    return row
      ? {
          ticket: row.ticket,
          venueId: row.venue_id,
          station: row.station,
          orderId: row.order_id,
          correlationId: row.correlation_id,
        }
      : null;
  }

  /**
   * The station's tickets after `afterSeq` (a page of `limit` in sequence), with when they were taken
   * on and bumped, in the station's order of work: priority, then seq.
   */
  async after(ref: StationRef, afterSeq: number, limit = 500): Promise<KitchenTicketV1[]> {
    const rows: Array<{ ticket: KitchenTicketV1; acked_at: Date | null; bumped_at: Date | null }> =
      await this.dataSource.query(
        `SELECT ticket, acked_at, bumped_at FROM (
           SELECT ticket, acked_at, bumped_at, seq, priority FROM tickets
            WHERE venue_id = $1 AND station = $2 AND seq > $3 ORDER BY seq LIMIT $4) page
          ORDER BY priority, seq`,
        [ref.venueId, ref.station, afterSeq, limit],
      );
    return rows.map((r) => ({
      ...r.ticket,
      ...(r.acked_at ? { ackedAt: r.acked_at.toISOString() } : {}),
      ...(r.bumped_at ? { bumpedAt: r.bumped_at.toISOString() } : {}),
    }));
  }

  /** Where the station's recent tickets stand (the last 12 hours, up to 500), for a screen that resyncs. */
  async states(ref: StationRef): Promise<KitchenTicketStateV1[]> {
    const rows: Array<{ id: string; acked_at: Date | null; bumped_at: Date | null }> =
      await this.dataSource.query(
        `SELECT id, acked_at, bumped_at FROM tickets
        WHERE venue_id = $1 AND station = $2 AND created_at > now() - interval '12 hours'
        ORDER BY seq DESC LIMIT 500`,
        [ref.venueId, ref.station],
      );
    return rows.map((r) => ({
      ticketId: r.id,
      ...(r.acked_at ? { ackedAt: r.acked_at.toISOString() } : {}),
      ...(r.bumped_at ? { bumpedAt: r.bumped_at.toISOString() } : {}),
    }));
  }

  async lastSeq(ref: StationRef): Promise<number> {
    const rows: Array<{ last_seq: number }> = await this.dataSource.query(
      'SELECT last_seq FROM station_cursors WHERE venue_id = $1 AND station = $2',
      [ref.venueId, ref.station],
    );
    return rows[0]?.last_seq ?? 0;
  }

  /**
   * A screen of each ticket's station received it: one statement for any number of tickets, each
   * matched on its venue and station too (a ticket id from elsewhere marks nothing).
   */
  async markShown(shown: ReadonlyArray<StationRef & { ticketId: string }>): Promise<void> {
    if (shown.length === 0) return;
    await this.dataSource.query(
      `UPDATE tickets t SET shown_at = COALESCE(t.shown_at, now())
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS s(id, venue_id, station)
        WHERE t.id = s.id AND t.venue_id = s.venue_id AND t.station = s.station`,
      [shown.map((s) => s.ticketId), shown.map((s) => s.venueId), shown.map((s) => s.station)],
    );
  }

  /**
   * Marks the ticket taken on. Returns its order the first time, 'already' when it was acknowledged
   * before, null when no such ticket is at this station.
   */
  async markAcked(
    manager: EntityManager,
    ref: StationRef,
    ticketId: string,
  ): Promise<{ orderId: string; correlationId: string } | 'already' | null> {
    const rows = queryRows<{ order_id: string; correlation_id: string; was_acked: boolean }>(
      await manager.query(
        `UPDATE tickets t SET acked_at = COALESCE(t.acked_at, now())
           FROM (SELECT id, acked_at IS NOT NULL AS was_acked FROM tickets WHERE id = $1 FOR UPDATE) before
          WHERE t.id = before.id AND t.venue_id = $2 AND t.station = $3
          RETURNING t.order_id, t.correlation_id, before.was_acked`,
        [ticketId, ref.venueId, ref.station],
      ),
    );
    if (!rows[0]) return null;
    return rows[0].was_acked
      ? 'already'
      : { orderId: rows[0].order_id, correlationId: rows[0].correlation_id };
  }

  /**
   * Sets or clears bumped_at; returns the ticket's order, or null when no such ticket is at this
   * station (or it is already so). A ticket closed because its lines were voided is never recalled.
   */
  async setBumped(
    ref: StationRef,
    ticketId: string,
    bumped: boolean,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ orderId: string; correlationId: string } | null> {
    const rows = queryRows<{ order_id: string; correlation_id: string }>(
      await manager.query(
        bumped
          ? `UPDATE tickets SET bumped_at = now() WHERE id = $1 AND venue_id = $2 AND station = $3 AND bumped_at IS NULL RETURNING order_id, correlation_id`
          : `UPDATE tickets SET bumped_at = NULL WHERE id = $1 AND venue_id = $2 AND station = $3 AND bumped_at IS NOT NULL AND voided_at IS NULL RETURNING order_id, correlation_id`,
        [ticketId, ref.venueId, ref.station],
      ),
    );
    return rows[0] ? { orderId: rows[0].order_id, correlationId: rows[0].correlation_id } : null;
  }
}
