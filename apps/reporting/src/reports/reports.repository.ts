import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  ORDER_MEASURE_COLUMNS,
  OrderMeasures,
  STATION_MEASURE_COLUMNS,
  StationMeasures,
} from '../read-model/contributions';
import type { ReportFilter } from './report-filter';

/** What the summary, channel and location reports read. */
export const MONEY_MEASURES: ReadonlyArray<keyof OrderMeasures> = [
  'orders',
  'completed',
  'revenue',
  'revenueRefunded',
  'refunds',
  'refundedOrders',
  'cancelled',
  'rejected',
  'prepCount',
  'prepSeconds',
  'voidedLines',
  'voidedAmount',
];

export type OrderGroup = 'venue_id' | 'channel' | 'currency' | 'local_hour' | 'local_dow';

export type OrderTotalsRow = OrderMeasures & Partial<Record<OrderGroup, string | number>>;
export type StationTotalsRow = StationMeasures & { venue_id: string; station: string };

export interface BinRow {
  group: string;
  bin: number;
  count: number;
}

export interface DelayedOrderRow {
  orderId: string;
  venueId: string;
  channel: string;
  orderType: string;
  displayNumber: string | null;
  status: string;
  placedAt: Date;
  promisedAt: Date;
  readyAt: Date | null;
  dispatchedAt: Date | null;
  delaySeconds: number;
}

/** `WHERE` of the filter on an aggregate table (the station tables have no channel). */
function where(filter: ReportFilter, options: { channel: boolean }): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    clauses.push(clause.replace('?', `$${params.length}`));
  };
  if (filter.venueIds) add('venue_id = ANY(?)', filter.venueIds);
  if (options.channel && filter.channels) add('channel = ANY(?)', filter.channels);
  if (filter.from) add('bucket_start >= ?', filter.from);
  if (filter.to) add('bucket_start < ?', filter.to);
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

function numbers<T>(row: Record<string, unknown>, keys: string[]): T {
  const out: Record<string, unknown> = { ...row };
  for (const key of keys) out[key] = Number(row[key] ?? 0);
  return out as T;
}

/** The reports' reads: sums of the hourly aggregates, never a scan of the orders (the delayed list aside). */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Sums of the hourly aggregates per group. Only the measures asked for are summed (each SUM of a
   * bigint is a numeric aggregate: summing all of them doubles the time); the others read 0.
   */
  async orderTotals(
    filter: ReportFilter,
    groupBy: OrderGroup[],
    fields: ReadonlyArray<keyof OrderMeasures>,
  ): Promise<OrderTotalsRow[]> {
    const { sql, params } = where(filter, { channel: true });
    const measures = Object.entries(ORDER_MEASURE_COLUMNS).filter(([field]) =>
      fields.includes(field as keyof OrderMeasures),
    );
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${[...groupBy, ...measures.map(([field, column]) => `SUM(${column}) AS "${field}"`)].join(', ')}
       FROM order_hourly ${sql}
       ${groupBy.length > 0 ? `GROUP BY ${groupBy.join(', ')} ORDER BY ${groupBy.join(', ')}` : ''}`,
      params,
    );
    return rows
      .map((row) =>
        numbers<OrderTotalsRow>(
          row,
          measures.map(([field]) => field),
        ),
      )
      .filter((row) => row.orders !== 0 || groupBy.length === 0);
  }

  /** Preparation-time bins, per `group` (a column, or 'all'). */
  async orderPrepBins(filter: ReportFilter, group: 'venue_id' | 'channel' | null): Promise<BinRow[]> {
    const { sql, params } = where(filter, { channel: true });
    const rows: Array<{ group: string; bin: number; count: string }> = await this.dataSource.query(
      `SELECT ${group ?? "'all'"} AS "group", bin, SUM(orders) AS count FROM order_prep_bins ${sql}
       GROUP BY 1, bin HAVING SUM(orders) <> 0 ORDER BY 1, bin`,
      params,
    );
    return rows.map((r) => ({ group: r.group, bin: Number(r.bin), count: Number(r.count) }));
  }

  async stationTotals(filter: ReportFilter): Promise<StationTotalsRow[]> {
    const { sql, params } = where(filter, { channel: false });
    const measures = Object.entries(STATION_MEASURE_COLUMNS);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT venue_id, station, ${measures.map(([field, column]) => `SUM(${column}) AS "${field}"`).join(', ')}
       FROM station_hourly ${sql} GROUP BY venue_id, station ORDER BY venue_id, station`,
      params,
    );
    return rows.map((row) =>
      numbers<StationTotalsRow>(
        row,
        measures.map(([field]) => field),
      ),
    );
  }

  /** Ticket-time bins per venue and station (`group` = venue id and station joined by '/'). */
  async stationBins(filter: ReportFilter): Promise<BinRow[]> {
    const { sql, params } = where(filter, { channel: false });
    const rows: Array<{ group: string; bin: number; count: string }> = await this.dataSource.query(
      `SELECT venue_id || '/' || station AS "group", bin, SUM(tickets) AS count FROM station_prep_bins ${sql}
       GROUP BY 1, bin HAVING SUM(tickets) <> 0 ORDER BY 1, bin`,
      params,
    );
    return rows.map((r) => ({ group: r.group, bin: Number(r.bin), count: Number(r.count) }));
  }

  /** The delayed orders themselves, latest delay first (an index on delayed orders per venue and hour). */
  async delayedOrders(filter: ReportFilter, limit: number): Promise<DelayedOrderRow[]> {
    const { sql, params } = where(filter, { channel: true });
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT order_id, venue_id, channel, order_type, display_number, status, placed_at, promised_at, ready_at,
              dispatched_at, delay_seconds
       FROM order_facts ${sql ? `${sql} AND delayed` : 'WHERE delayed'} AND currency IS NOT NULL
       ORDER BY placed_at, order_id LIMIT ${Number(limit)}`,
      params,
    );
    return rows.map((r) => ({
      orderId: String(r.order_id),
      venueId: String(r.venue_id),
      channel: String(r.channel),
      orderType: String(r.order_type),
      displayNumber: (r.display_number as string | null) ?? null,
      status: String(r.status),
      placedAt: r.placed_at as Date,
      promisedAt: r.promised_at as Date,
      readyAt: (r.ready_at as Date | null) ?? null,
      dispatchedAt: (r.dispatched_at as Date | null) ?? null,
      delaySeconds: Number(r.delay_seconds),
    }));
  }

  async timeZones(venueIds: string[]): Promise<Map<string, string>> {
    const rows: Array<{ venue_id: string; time_zone: string }> = await this.dataSource.query(
      'SELECT venue_id, time_zone FROM venues WHERE venue_id = ANY($1)',
      [venueIds],
    );
    return new Map(rows.map((r) => [r.venue_id, r.time_zone]));
  }
}
