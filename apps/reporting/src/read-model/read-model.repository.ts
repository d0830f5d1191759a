import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  AggregateDeltas,
  ORDER_MEASURE_COLUMNS,
  OrderMeasures,
  STATION_MEASURE_COLUMNS,
  StationMeasures,
} from './contributions';
import type { OrderFact } from './order-fact';
import type { TicketFact } from './ticket-fact';

type ColumnType = 'uuid' | 'text' | 'timestamptz' | 'bigint' | 'int' | 'smallint' | 'boolean';

/** field of OrderFact → column and type of `order_facts` */
const ORDER_FACT_COLUMNS: ReadonlyArray<[keyof OrderFact, string, ColumnType]> = [
  ['orderId', 'order_id', 'uuid'],
  ['venueId', 'venue_id', 'text'],
  ['channel', 'channel', 'text'],
  ['orderType', 'order_type', 'text'],
  ['displayNumber', 'display_number', 'text'],
  ['currency', 'currency', 'text'],
  ['status', 'status', 'text'],
  ['statusAt', 'status_at', 'timestamptz'],
  ['placedAt', 'placed_at', 'timestamptz'],
  ['scheduledFor', 'scheduled_for', 'timestamptz'],
  ['promisedAt', 'promised_at', 'timestamptz'],
  ['acceptedAt', 'accepted_at', 'timestamptz'],
  ['startedAt', 'started_at', 'timestamptz'],
  ['readyAt', 'ready_at', 'timestamptz'],
  ['dispatchedAt', 'dispatched_at', 'timestamptz'],
  ['completedAt', 'completed_at', 'timestamptz'],
  ['cancelledAt', 'cancelled_at', 'timestamptz'],
  ['rejectedAt', 'rejected_at', 'timestamptz'],
  ['refundedAt', 'refunded_at', 'timestamptz'],
  ['total', 'total', 'bigint'],
  ['items', 'items', 'int'],
  ['lines', 'lines', 'int'],
  ['tickets', 'tickets', 'int'],
  ['voids', 'voids', 'int'],
  ['voidedLines', 'voided_lines', 'int'],
  ['voidedAmount', 'voided_amount', 'bigint'],
  ['paid', 'paid', 'bigint'],
  ['refunded', 'refunded', 'bigint'],
  ['paymentStatus', 'payment_status', 'text'],
  ['paymentAt', 'payment_at', 'timestamptz'],
  ['prepSeconds', 'prep_seconds', 'int'],
  ['delaySeconds', 'delay_seconds', 'int'],
  ['delayed', 'delayed', 'boolean'],
  ['bucketStart', 'bucket_start', 'timestamptz'],
  ['localHour', 'local_hour', 'smallint'],
  ['localDow', 'local_dow', 'smallint'],
];

const TICKET_FACT_COLUMNS: ReadonlyArray<[keyof TicketFact, string, ColumnType]> = [
  ['ticketId', 'ticket_id', 'uuid'],
  ['orderId', 'order_id', 'uuid'],
  ['venueId', 'venue_id', 'text'],
  ['station', 'station', 'text'],
  ['kind', 'kind', 'text'],
  ['seq', 'seq', 'int'],
  ['routedAt', 'routed_at', 'timestamptz'],
  ['acknowledgedAt', 'acknowledged_at', 'timestamptz'],
  ['bumpedAt', 'bumped_at', 'timestamptz'],
  ['bucketStart', 'bucket_start', 'timestamptz'],
  ['localHour', 'local_hour', 'smallint'],
  ['localDow', 'local_dow', 'smallint'],
];

/** The read models' tables, in the order a rebuild empties them. `venues` is configuration and stays. */
export const READ_MODEL_TABLES = [
  'order_facts',
  'ticket_facts',
  'order_hourly',
  'order_prep_bins',
  'station_hourly',
  'station_prep_bins',
] as const;

function fromRow<T>(row: Record<string, unknown>, columns: ReadonlyArray<[keyof T, string, ColumnType]>): T {
  const fact: Record<string, unknown> = {};
  for (const [field, column, type] of columns) {
    const value = row[column];
    if (value === null || value === undefined) fact[field as string] = null;
    else if (type === 'bigint' || type === 'int' || type === 'smallint')
      fact[field as string] = Number(value);
    else if (type === 'timestamptz')
      fact[field as string] = value instanceof Date ? value : new Date(String(value));
    else fact[field as string] = value;
  }
  return fact as T;
}

/** One array per column: `unnest($1::uuid[], $2::text[], …)` inserts or updates many rows in one statement. */
function columnArrays<T>(rows: T[], columns: ReadonlyArray<[keyof T, string, ColumnType]>): unknown[][] {
  return columns.map(([field]) => rows.map((row) => row[field] ?? null));
}

const unnestOf = (columns: ReadonlyArray<[unknown, string, ColumnType]>, offset = 0) =>
  `unnest(${columns.map(([, , type], i) => `$${i + 1 + offset}::${type}[]`).join(', ')})`;

/**
 * Locks the rows with these keys, creating those not there yet: one round trip in the usual case (the
 * rows exist), two or three when some are new (a row this transaction inserts is its own until it
 * commits; one another transaction inserted in between is locked by a last select). Keys in sorted
 * order, so concurrent batches take the same locks in the same order.
 */
async function lockOrCreateMany<T>(
  keys: string[],
  keyOf: (row: T) => string,
  select: (keys: string[]) => Promise<T[]>,
  insert: (keys: string[]) => Promise<T[]>,
): Promise<Map<string, T>> {
  const sorted = [...new Set(keys)].sort();
  const found = new Map((await select(sorted)).map((row) => [keyOf(row), row]));
  let missing = sorted.filter((key) => !found.has(key));
  if (missing.length > 0) {
    for (const row of await insert(missing)) found.set(keyOf(row), row);
    missing = missing.filter((key) => !found.has(key));
  }
  if (missing.length > 0) for (const row of await select(missing)) found.set(keyOf(row), row);
  return found;
}

/**
 * The read models' SQL. Every method takes the transaction's manager: facts are locked and their
 * aggregates changed in the transaction that records the events in the inbox, a batch of events at once.
 */
@Injectable()
export class ReadModelRepository {
  /** The venues' time zones, creating a row ('UTC') for a venue first seen; share-locked until commit, so a time zone change waits. */
  async venueTimeZones(manager: EntityManager, venueIds: string[]): Promise<Map<string, string>> {
    const rows = await lockOrCreateMany<{ venue_id: string; time_zone: string }>(
      venueIds,
      (row) => row.venue_id,
      (keys) =>
        manager.query(
          'SELECT venue_id, time_zone FROM venues WHERE venue_id = ANY($1::text[]) ORDER BY venue_id FOR SHARE',
          [keys],
        ),
      (keys) =>
        manager.query(
          `INSERT INTO venues (venue_id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING RETURNING venue_id, time_zone`,
          [keys],
        ),
    );
    return new Map([...rows].map(([venueId, row]) => [venueId, row.time_zone]));
  }

  /** The orders' facts, locked for this transaction (created empty when first seen). */
  async lockOrderFacts(
    manager: EntityManager,
    refs: Array<{ orderId: string; venueId: string }>,
  ): Promise<Map<string, OrderFact>> {
    const venueOf = new Map(refs.map((ref) => [ref.orderId, ref.venueId]));
    const rows = await lockOrCreateMany<Record<string, unknown>>(
      [...venueOf.keys()],
      (row) => String(row.order_id),
      (keys) =>
        manager.query(
          'SELECT * FROM order_facts WHERE order_id = ANY($1::uuid[]) ORDER BY order_id FOR UPDATE',
          [keys],
        ),
      (keys) =>
        manager.query(
          `INSERT INTO order_facts (order_id, venue_id) SELECT * FROM unnest($1::uuid[], $2::text[])
           ON CONFLICT DO NOTHING RETURNING *`,
          [keys, keys.map((key) => venueOf.get(key))],
        ),
    );
    return new Map([...rows].map(([orderId, row]) => [orderId, fromRow<OrderFact>(row, ORDER_FACT_COLUMNS)]));
  }

  async saveOrderFacts(manager: EntityManager, facts: OrderFact[]): Promise<void> {
    if (facts.length === 0) return;
    const columns = ORDER_FACT_COLUMNS.slice(1);
    await manager.query(
      `UPDATE order_facts f SET ${columns.map(([, column]) => `${column} = u.${column}`).join(', ')}, updated_at = now()
       FROM ${unnestOf(ORDER_FACT_COLUMNS)} AS u(${ORDER_FACT_COLUMNS.map(([, c]) => c).join(', ')})
       WHERE f.order_id = u.order_id`,
      columnArrays(facts, ORDER_FACT_COLUMNS),
    );
  }

  async lockTicketFacts(
    manager: EntityManager,
    refs: Array<{ ticketId: string; orderId: string; venueId: string; station: string }>,
  ): Promise<Map<string, TicketFact>> {
    const refOf = new Map(refs.map((ref) => [ref.ticketId, ref]));
    const rows = await lockOrCreateMany<Record<string, unknown>>(
      [...refOf.keys()],
      (row) => String(row.ticket_id),
      (keys) =>
        manager.query(
          'SELECT * FROM ticket_facts WHERE ticket_id = ANY($1::uuid[]) ORDER BY ticket_id FOR UPDATE',
          [keys],
        ),
      (keys) => {
        const missing = keys.map((key) => refOf.get(key)!);
        return manager.query(
          `INSERT INTO ticket_facts (ticket_id, order_id, venue_id, station)
           SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING RETURNING *`,
          [
            missing.map((r) => r.ticketId),
            missing.map((r) => r.orderId),
            missing.map((r) => r.venueId),
            missing.map((r) => r.station),
          ],
        );
      },
    );
    return new Map(
      [...rows].map(([ticketId, row]) => [ticketId, fromRow<TicketFact>(row, TICKET_FACT_COLUMNS)]),
    );
  }

  async saveTicketFacts(manager: EntityManager, facts: TicketFact[]): Promise<void> {
    if (facts.length === 0) return;
    const columns = TICKET_FACT_COLUMNS.slice(1);
    await manager.query(
      `UPDATE ticket_facts f SET ${columns.map(([, column]) => `${column} = u.${column}`).join(', ')}
       FROM ${unnestOf(TICKET_FACT_COLUMNS)} AS u(${TICKET_FACT_COLUMNS.map(([, c]) => c).join(', ')})
       WHERE f.ticket_id = u.ticket_id`,
      columnArrays(facts, TICKET_FACT_COLUMNS),
    );
  }

  /** Adds the deltas to the aggregate rows (creating them), one statement per table, rows in key order. */
  async applyDeltas(manager: EntityManager, deltas: AggregateDeltas): Promise<void> {
    if (deltas.orderHourly.length > 0) {
      const measures = Object.entries(ORDER_MEASURE_COLUMNS) as Array<[keyof OrderMeasures, string]>;
      const rows = deltas.orderHourly;
      await manager.query(
        `INSERT INTO order_hourly (venue_id, channel, currency, bucket_start, local_hour, local_dow, ${measures.map(([, c]) => c).join(', ')})
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::smallint[], $6::smallint[], ${measures.map((_, i) => `$${i + 7}::bigint[]`).join(', ')})
         ON CONFLICT (venue_id, channel, currency, bucket_start) DO UPDATE SET
           ${measures.map(([, c]) => `${c} = order_hourly.${c} + EXCLUDED.${c}`).join(', ')}`,
        [
          rows.map((r) => r.key.venueId),
          rows.map((r) => r.key.channel),
          rows.map((r) => r.key.currency),
          rows.map((r) => r.key.bucketStart),
          rows.map((r) => r.key.localHour),
          rows.map((r) => r.key.localDow),
          ...measures.map(([field]) => rows.map((r) => r.measures[field])),
        ],
      );
    }
    if (deltas.orderPrepBins.length > 0) {
      const rows = deltas.orderPrepBins;
      await manager.query(
        `INSERT INTO order_prep_bins (venue_id, channel, currency, bucket_start, bin, orders)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::int[], $6::int[])
         ON CONFLICT (venue_id, channel, currency, bucket_start, bin) DO UPDATE SET orders = order_prep_bins.orders + EXCLUDED.orders`,
        [
          rows.map((r) => r.key.venueId),
          rows.map((r) => r.key.channel),
          rows.map((r) => r.key.currency),
          rows.map((r) => r.key.bucketStart),
          rows.map((r) => r.bin),
          rows.map((r) => r.count),
        ],
      );
    }
    if (deltas.stationHourly.length > 0) {
      const measures = Object.entries(STATION_MEASURE_COLUMNS) as Array<[keyof StationMeasures, string]>;
      const rows = deltas.stationHourly;
      await manager.query(
        `INSERT INTO station_hourly (venue_id, station, bucket_start, local_hour, local_dow, ${measures.map(([, c]) => c).join(', ')})
         SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::smallint[], $5::smallint[], ${measures.map((_, i) => `$${i + 6}::bigint[]`).join(', ')})
         ON CONFLICT (venue_id, station, bucket_start) DO UPDATE SET
           ${measures.map(([, c]) => `${c} = station_hourly.${c} + EXCLUDED.${c}`).join(', ')}`,
        [
          rows.map((r) => r.key.venueId),
          rows.map((r) => r.key.station),
          rows.map((r) => r.key.bucketStart),
          rows.map((r) => r.key.localHour),
          rows.map((r) => r.key.localDow),
          ...measures.map(([field]) => rows.map((r) => r.measures[field])),
        ],
      );
    }
    if (deltas.stationPrepBins.length > 0) {
      const rows = deltas.stationPrepBins;
      await manager.query(
        `INSERT INTO station_prep_bins (venue_id, station, bucket_start, bin, tickets)
         SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::int[], $5::int[])
         ON CONFLICT (venue_id, station, bucket_start, bin) DO UPDATE SET tickets = station_prep_bins.tickets + EXCLUDED.tickets`,
        [
          rows.map((r) => r.key.venueId),
          rows.map((r) => r.key.station),
          rows.map((r) => r.key.bucketStart),
          rows.map((r) => r.bin),
          rows.map((r) => r.count),
        ],
      );
    }
  }

  /** Inserts many order facts at once (the load seed). */
  async insertOrderFacts(manager: EntityManager, facts: OrderFact[]): Promise<void> {
    if (facts.length === 0) return;
    await manager.query(
      `INSERT INTO order_facts (${ORDER_FACT_COLUMNS.map(([, c]) => c).join(', ')}) SELECT * FROM ${unnestOf(ORDER_FACT_COLUMNS)}`,
      columnArrays(facts, ORDER_FACT_COLUMNS),
    );
  }

  /** Inserts many ticket facts at once (the load seed). */
  async insertTicketFacts(manager: EntityManager, facts: TicketFact[]): Promise<void> {
    if (facts.length === 0) return;
    await manager.query(
      `INSERT INTO ticket_facts (${TICKET_FACT_COLUMNS.map(([, c]) => c).join(', ')}) SELECT * FROM ${unnestOf(TICKET_FACT_COLUMNS)}`,
      columnArrays(facts, TICKET_FACT_COLUMNS),
    );
  }

  /** The venue's row, locked against every event transaction of the venue until commit. */
  async lockVenue(manager: EntityManager, venueId: string): Promise<string> {
    await manager.query('INSERT INTO venues (venue_id) VALUES ($1) ON CONFLICT DO NOTHING', [venueId]);
    const rows: Array<{ time_zone: string }> = await manager.query(
      'SELECT time_zone FROM venues WHERE venue_id = $1 FOR UPDATE',
      [venueId],
    );
    return rows[0].time_zone;
  }

  async setVenueTimeZone(
    manager: EntityManager,
    venueId: string,
    timeZone: string,
    by: string,
  ): Promise<void> {
    await manager.query(
      'UPDATE venues SET time_zone = $2, time_zone_set_by = $3, updated_at = now() WHERE venue_id = $1',
      [venueId, timeZone, by],
    );
  }

  async venueOrderFacts(manager: EntityManager, venueId: string): Promise<OrderFact[]> {
    const rows: Record<string, unknown>[] = await manager.query(
      'SELECT * FROM order_facts WHERE venue_id = $1',
      [venueId],
    );
    return rows.map((row) => fromRow<OrderFact>(row, ORDER_FACT_COLUMNS));
  }

  async venueTicketFacts(manager: EntityManager, venueId: string): Promise<TicketFact[]> {
    const rows: Record<string, unknown>[] = await manager.query(
      'SELECT * FROM ticket_facts WHERE venue_id = $1',
      [venueId],
    );
    return rows.map((row) => fromRow<TicketFact>(row, TICKET_FACT_COLUMNS));
  }

  /** Moves facts to their new hour buckets (after a time zone change). */
  async updateBuckets(manager: EntityManager, orders: OrderFact[], tickets: TicketFact[]): Promise<void> {
    if (orders.length > 0)
      await manager.query(
        `UPDATE order_facts f SET bucket_start = u.bucket_start, local_hour = u.local_hour, local_dow = u.local_dow
         FROM unnest($1::uuid[], $2::timestamptz[], $3::smallint[], $4::smallint[]) AS u(id, bucket_start, local_hour, local_dow)
         WHERE f.order_id = u.id`,
        [
          orders.map((o) => o.orderId),
          orders.map((o) => o.bucketStart),
          orders.map((o) => o.localHour),
          orders.map((o) => o.localDow),
        ],
      );
    if (tickets.length > 0)
      await manager.query(
        `UPDATE ticket_facts f SET bucket_start = u.bucket_start, local_hour = u.local_hour, local_dow = u.local_dow
         FROM unnest($1::uuid[], $2::timestamptz[], $3::smallint[], $4::smallint[]) AS u(id, bucket_start, local_hour, local_dow)
         WHERE f.ticket_id = u.id`,
        [
          tickets.map((t) => t.ticketId),
          tickets.map((t) => t.bucketStart),
          tickets.map((t) => t.localHour),
          tickets.map((t) => t.localDow),
        ],
      );
  }

  /** Removes every aggregate row of a venue (before they are summed again from its facts). */
  async deleteVenueAggregates(manager: EntityManager, venueId: string): Promise<void> {
    for (const table of ['order_hourly', 'order_prep_bins', 'station_hourly', 'station_prep_bins']) {
      await manager.query(`DELETE FROM ${table} WHERE venue_id = $1`, [venueId]);
    }
  }

  /** Empties the read models and the inbox (so every event can be applied again); keeps venues. */
  async truncateReadModels(manager: EntityManager): Promise<void> {
    await manager.query(`TRUNCATE ${[...READ_MODEL_TABLES, 'inbox'].join(', ')}`);
  }
}
