import { Injectable } from '@nestjs/common';
import type { OrderMeasures } from '../../../read-model/contributions';
import type { CsvTable } from '../../csv.util';
import type { DelayedOrdersReportDto, DelayStatsDto } from '../../dto/report-responses.dto';
import type { ReportFilter } from '../../report-filter';
import { average, filtersOf, rate, sumMeasures } from '../../report-figures';
import { ReportsRepository } from '../../reports.repository';

function delays(m: OrderMeasures): DelayStatsDto {
  return {
    evaluatedOrders: m.evaluated,
    delayedOrders: m.delayed,
    delayedRate: rate(m.delayed, m.evaluated),
    averageDelaySeconds: average(m.delaySeconds, m.delayed),
  };
}

/** Orders ready or dispatched after their promised time: counts from the aggregates, and the list. */
@Injectable()
export class GetDelayedOrdersUseCase {
  constructor(private readonly reports: ReportsRepository) {}

  async execute(filter: ReportFilter, limit: number): Promise<DelayedOrdersReportDto> {
    const rows = await this.reports.orderTotals(
      filter,
      ['venue_id'],
      ['orders', 'evaluated', 'delayed', 'delaySeconds'],
    );
    const total = sumMeasures(rows);
    const list = await this.reports.delayedOrders(filter, limit);
    return {
      filters: filtersOf(filter),
      ...delays(total),
      venues: rows.map((row) => ({ venueId: String(row.venue_id), ...delays(row) })),
      orders: list.map((o) => ({
        orderId: o.orderId,
        venueId: o.venueId,
        channel: o.channel,
        orderType: o.orderType,
        ...(o.displayNumber ? { displayNumber: o.displayNumber } : {}),
        status: o.status,
        placedAt: o.placedAt.toISOString(),
        promisedAt: o.promisedAt.toISOString(),
        ...(o.readyAt ? { readyAt: o.readyAt.toISOString() } : {}),
        ...(o.dispatchedAt ? { dispatchedAt: o.dispatchedAt.toISOString() } : {}),
        delaySeconds: o.delaySeconds,
      })),
      truncated: total.delayed > list.length,
    };
  }

  /** The delayed orders, one per row. */
  csv(report: DelayedOrdersReportDto): CsvTable {
    const fields = [
      'orderId',
      'venueId',
      'channel',
      'orderType',
      'displayNumber',
      'status',
      'placedAt',
      'promisedAt',
      'readyAt',
      'dispatchedAt',
      'delaySeconds',
    ] as const;
    return { columns: fields, rows: report.orders.map((order) => fields.map((f) => order[f])) };
  }
}
