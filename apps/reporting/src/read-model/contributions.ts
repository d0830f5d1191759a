import { OrderStatus } from '@hub/order-model';
import type { OrderFact } from './order-fact';
import type { TicketFact } from './ticket-fact';

/** Preparation times are kept as histograms of this many seconds per bin (for the median and p90). */
export const PREP_BIN_SECONDS = 15;

export function prepBin(seconds: number): number {
  return Math.floor(Math.max(0, seconds) / PREP_BIN_SECONDS);
}

/** measure → column of `order_hourly` */
export const ORDER_MEASURE_COLUMNS = {
  orders: 'orders',
  completed: 'completed',
  revenue: 'revenue',
  revenueRefunded: 'revenue_refunded',
  refunds: 'refunds',
  refundedOrders: 'refunded_orders',
  cancelled: 'cancelled',
  rejected: 'rejected',
  prepCount: 'prep_count',
  prepSeconds: 'prep_seconds',
  evaluated: 'evaluated',
  delayed: 'delayed',
  delaySeconds: 'delay_seconds',
  withVoids: 'with_voids',
  withIssues: 'with_issues',
  items: 'items',
  tickets: 'tickets',
  voids: 'voids',
  voidedLines: 'voided_lines',
  voidedAmount: 'voided_amount',
} as const;

/** measure → column of `station_hourly` */
export const STATION_MEASURE_COLUMNS = {
  tickets: 'tickets',
  voids: 'voids',
  acknowledged: 'acknowledged',
  waitSeconds: 'wait_seconds',
  bumped: 'bumped',
  ticketSeconds: 'ticket_seconds',
  worked: 'worked',
  workSeconds: 'work_seconds',
} as const;

export type OrderMeasures = Record<keyof typeof ORDER_MEASURE_COLUMNS, number>;
export type StationMeasures = Record<keyof typeof STATION_MEASURE_COLUMNS, number>;

export interface OrderHourlyKey {
  venueId: string;
  channel: string;
  currency: string;
  bucketStart: Date;
  localHour: number;
  localDow: number;
}

export interface StationHourlyKey {
  venueId: string;
  station: string;
  bucketStart: Date;
  localHour: number;
  localDow: number;
}

export interface OrderContribution {
  key: OrderHourlyKey;
  measures: OrderMeasures;
  /** the preparation-time bin, when the order has one */
  prepBin: number | null;
}

export interface StationContribution {
  key: StationHourlyKey;
  measures: StationMeasures;
  /** the routed → bumped bin, when the ticket was bumped */
  ticketBin: number | null;
}

/**
 * What one order adds to the aggregates of its hour. An order counts once it is known (venue,
 * channel, currency, placedAt). Definitions (README "Definitions"):
 * - revenue: the order total of orders whose status is `completed` (a fully refunded order moves to
 *   `refunded` and leaves revenue; a partly refunded one stays, its refund shows in refunds);
 * - cancelled: ever cancelled (also when refunded after); rejected: rejected by the venue;
 * - prep: readyAt − acceptedAt; evaluated/delayed: has a handoff time / handed off after the promise;
 * - with issues: a void ticket or a refund;
 * - voided lines and their value (before tax): lines voided from the order, whatever became of it.
 */
export function orderContribution(fact: OrderFact): OrderContribution | null {
  if (
    !fact.channel ||
    !fact.currency ||
    !fact.bucketStart ||
    fact.localHour === null ||
    fact.localDow === null
  )
    return null;
  const completed = fact.status === OrderStatus.COMPLETED ? 1 : 0;
  const total = fact.total ?? 0;
  const evaluated = fact.delaySeconds !== null ? 1 : 0;
  return {
    key: {
      venueId: fact.venueId,
      channel: fact.channel,
      currency: fact.currency,
      bucketStart: fact.bucketStart,
      localHour: fact.localHour,
      localDow: fact.localDow,
    },
    measures: {
      orders: 1,
      completed,
      revenue: completed * total,
      revenueRefunded: completed * fact.refunded,
      refunds: fact.refunded,
      refundedOrders: fact.refunded > 0 ? 1 : 0,
      cancelled: fact.cancelledAt ? 1 : 0,
      rejected: fact.rejectedAt ? 1 : 0,
      prepCount: fact.prepSeconds !== null ? 1 : 0,
      prepSeconds: fact.prepSeconds ?? 0,
      evaluated,
      delayed: fact.delayed ? 1 : 0,
      delaySeconds: fact.delayed ? (fact.delaySeconds ?? 0) : 0,
      withVoids: fact.voids > 0 ? 1 : 0,
      withIssues: fact.voids > 0 || fact.refunded > 0 ? 1 : 0,
      items: fact.items,
      tickets: fact.tickets,
      voids: fact.voids,
      voidedLines: fact.voidedLines,
      voidedAmount: fact.voidedAmount,
    },
    prepBin: fact.prepSeconds !== null ? prepBin(fact.prepSeconds) : null,
  };
}

const secondsBetween = (from: Date, to: Date) =>
  Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

/**
 * What one ticket adds to its station's hour (of routedAt). Void tickets count as voids only; the
 * others: wait = routed → acknowledged, work = acknowledged → bumped, ticket time = routed → bumped.
 */
export function stationContribution(fact: TicketFact): StationContribution | null {
  if (!fact.kind || !fact.routedAt || !fact.bucketStart || fact.localHour === null || fact.localDow === null)
    return null;
  const key = {
    venueId: fact.venueId,
    station: fact.station,
    bucketStart: fact.bucketStart,
    localHour: fact.localHour,
    localDow: fact.localDow,
  };
  const none: StationMeasures = {
    tickets: 0,
    voids: 0,
    acknowledged: 0,
    waitSeconds: 0,
    bumped: 0,
    ticketSeconds: 0,
    worked: 0,
    workSeconds: 0,
  };
  if (fact.kind === 'void') return { key, measures: { ...none, voids: 1 }, ticketBin: null };
  const { routedAt, acknowledgedAt, bumpedAt } = fact;
  const ticketSeconds = bumpedAt ? secondsBetween(routedAt, bumpedAt) : null;
  return {
    key,
    measures: {
      ...none,
      tickets: 1,
      acknowledged: acknowledgedAt ? 1 : 0,
      waitSeconds: acknowledgedAt ? secondsBetween(routedAt, acknowledgedAt) : 0,
      bumped: bumpedAt ? 1 : 0,
      ticketSeconds: ticketSeconds ?? 0,
      worked: acknowledgedAt && bumpedAt ? 1 : 0,
      workSeconds: acknowledgedAt && bumpedAt ? secondsBetween(acknowledgedAt, bumpedAt) : 0,
    },
    ticketBin: ticketSeconds !== null ? prepBin(ticketSeconds) : null,
  };
}

export interface HourlyDelta<K, M> {
  key: K;
  measures: M;
}

export interface BinDelta<K> {
  key: K;
  bin: number;
  count: number;
}

export interface AggregateDeltas {
  orderHourly: HourlyDelta<OrderHourlyKey, OrderMeasures>[];
  orderPrepBins: BinDelta<OrderHourlyKey>[];
  stationHourly: HourlyDelta<StationHourlyKey, StationMeasures>[];
  stationPrepBins: BinDelta<StationHourlyKey>[];
}

const orderKeyId = (k: OrderHourlyKey) =>
  `${k.venueId}\u0000${k.channel}\u0000${k.currency}\u0000${k.bucketStart.toISOString()}`;
const stationKeyId = (k: StationHourlyKey) =>
  `${k.venueId}\u0000${k.station}\u0000${k.bucketStart.toISOString()}`;

function addMeasures<M extends Record<string, number>>(into: M, from: M, sign: number): void {
  for (const name of Object.keys(from) as Array<keyof M>) {
    (into as Record<keyof M, number>)[name] = into[name] + sign * from[name];
  }
}

const isZero = (measures: Record<string, number>) => Object.values(measures).every((v) => v === 0);

/**
 * Sums contributions (added with +1, taken back with −1) into the changes to make to each aggregate
 * row. Rows come out sorted by key, so concurrent transactions lock them in the same order, and
 * changes that cancel out (an order's unchanged part) are left out.
 */
export class AggregateAccumulator {
  private readonly orderHourly = new Map<string, HourlyDelta<OrderHourlyKey, OrderMeasures>>();
  private readonly orderBins = new Map<string, BinDelta<OrderHourlyKey>>();
  private readonly stationHourly = new Map<string, HourlyDelta<StationHourlyKey, StationMeasures>>();
  private readonly stationBins = new Map<string, BinDelta<StationHourlyKey>>();

  addOrder(contribution: OrderContribution | null, sign: 1 | -1 = 1): this {
    if (!contribution) return this;
    const id = orderKeyId(contribution.key);
    const row = this.orderHourly.get(id);
    if (row) addMeasures(row.measures, contribution.measures, sign);
    else {
      const measures = { ...contribution.measures };
      for (const name of Object.keys(measures) as Array<keyof OrderMeasures>) measures[name] *= sign;
      this.orderHourly.set(id, { key: contribution.key, measures });
    }
    if (contribution.prepBin !== null)
      this.bin(this.orderBins, id, contribution.key, contribution.prepBin, sign);
    return this;
  }

  addStation(contribution: StationContribution | null, sign: 1 | -1 = 1): this {
    if (!contribution) return this;
    const id = stationKeyId(contribution.key);
    const row = this.stationHourly.get(id);
    if (row) addMeasures(row.measures, contribution.measures, sign);
    else {
      const measures = { ...contribution.measures };
      for (const name of Object.keys(measures) as Array<keyof StationMeasures>) measures[name] *= sign;
      this.stationHourly.set(id, { key: contribution.key, measures });
    }
    if (contribution.ticketBin !== null)
      this.bin(this.stationBins, id, contribution.key, contribution.ticketBin, sign);
    return this;
  }

  private bin<K>(map: Map<string, BinDelta<K>>, id: string, key: K, bin: number, sign: number): void {
    const binId = `${id}\u0000${bin}`;
    const row = map.get(binId);
    if (row) row.count += sign;
    else map.set(binId, { key, bin, count: sign });
  }

  deltas(): AggregateDeltas {
    const sorted = <T>(map: Map<string, T>, keep: (v: T) => boolean) =>
      [...map.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, v]) => v)
        .filter(keep);
    return {
      orderHourly: sorted(this.orderHourly, (r) => !isZero(r.measures)),
      orderPrepBins: sorted(this.orderBins, (r) => r.count !== 0),
      stationHourly: sorted(this.stationHourly, (r) => !isZero(r.measures)),
      stationPrepBins: sorted(this.stationBins, (r) => r.count !== 0),
    };
  }
}
