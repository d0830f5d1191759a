import { ORDER_MEASURE_COLUMNS, OrderMeasures, PREP_BIN_SECONDS } from '../read-model/contributions';
import type {
  FiguresByCurrencyDto,
  MoneyFiguresDto,
  OrderFiguresDto,
  PrepStatsDto,
  ReportFiltersDto,
} from './dto/report-responses.dto';
import type { ReportFilter } from './report-filter';
import type { OrderTotalsRow } from './reports.repository';

/** part / whole to 4 decimals; 0 when there is nothing to divide. */
export function rate(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}

/** sum / count rounded to a whole unit (seconds, minor units); null when there is nothing. */
export function average(sum: number, count: number): number | null {
  return count === 0 ? null : Math.round(sum / count);
}

/**
 * The nearest-rank percentile (the smallest value with at least p of the values at or below it) of
 * a histogram, as the start of its bin: exact to PREP_BIN_SECONDS.
 */
export function percentileFromBins(
  bins: ReadonlyArray<{ bin: number; count: number }>,
  p: number,
): number | null {
  const sorted = [...bins].filter((b) => b.count > 0).sort((a, b) => a.bin - b.bin);
  const n = sorted.reduce((sum, b) => sum + b.count, 0);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(p * n));
  let seen = 0;
  for (const b of sorted) {
    seen += b.count;
    if (seen >= rank) return b.bin * PREP_BIN_SECONDS;
  }
  return sorted[sorted.length - 1].bin * PREP_BIN_SECONDS;
}

export function prepStats(
  count: number,
  sumSeconds: number,
  bins: ReadonlyArray<{ bin: number; count: number }>,
): PrepStatsDto {
  return {
    count,
    averageSeconds: average(sumSeconds, count),
    medianSeconds: percentileFromBins(bins, 0.5),
    p90Seconds: percentileFromBins(bins, 0.9),
  };
}

export function emptyMeasures(): OrderMeasures {
  const measures = {} as OrderMeasures;
  for (const field of Object.keys(ORDER_MEASURE_COLUMNS) as Array<keyof OrderMeasures>) measures[field] = 0;
  return measures;
}

export function sumMeasures(rows: ReadonlyArray<OrderMeasures>): OrderMeasures {
  const sum = emptyMeasures();
  for (const row of rows)
    for (const field of Object.keys(sum) as Array<keyof OrderMeasures>) sum[field] += row[field];
  return sum;
}

export function orderFigures(m: OrderMeasures): OrderFiguresDto {
  return {
    orders: m.orders,
    completedOrders: m.completed,
    cancelledOrders: m.cancelled,
    rejectedOrders: m.rejected,
    refundedOrders: m.refundedOrders,
    cancellationRate: rate(m.cancelled + m.rejected, m.orders),
    averagePreparationSeconds: average(m.prepSeconds, m.prepCount),
  };
}

export function moneyFigures(currency: string, m: OrderMeasures): MoneyFiguresDto {
  return {
    currency,
    ...orderFigures(m),
    revenue: m.revenue,
    refunds: m.refunds,
    netRevenue: m.revenue - m.revenueRefunded,
    averageOrderValue: average(m.revenue, m.completed),
    voidedLines: m.voidedLines,
    voidedAmount: m.voidedAmount,
  };
}

/** Rows of one group, one per currency → the group's counts and its money per currency. */
export function figuresByCurrency(rows: ReadonlyArray<OrderTotalsRow>): FiguresByCurrencyDto {
  const byCurrency = new Map<string, OrderMeasures[]>();
  for (const row of rows) {
    const currency = String(row.currency);
    byCurrency.set(currency, [...(byCurrency.get(currency) ?? []), row]);
  }
  return {
    ...orderFigures(sumMeasures(rows)),
    byCurrency: [...byCurrency.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, measures]) => moneyFigures(currency, sumMeasures(measures))),
  };
}

export function groupBy<T>(rows: ReadonlyArray<T>, key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

export function filtersOf(filter: ReportFilter): ReportFiltersDto {
  return {
    ...(filter.from ? { from: filter.from.toISOString() } : {}),
    ...(filter.to ? { to: filter.to.toISOString() } : {}),
    venueIds: filter.venueIds,
    channels: filter.channels,
  };
}

/** The CSV columns of a MoneyFiguresDto, in order. */
export const MONEY_FIGURE_COLUMNS: ReadonlyArray<keyof MoneyFiguresDto> = [
  'currency',
  'orders',
  'completedOrders',
  'cancelledOrders',
  'rejectedOrders',
  'refundedOrders',
  'cancellationRate',
  'averagePreparationSeconds',
  'revenue',
  'refunds',
  'netRevenue',
  'averageOrderValue',
  'voidedLines',
  'voidedAmount',
];
