import { Injectable } from '@nestjs/common';
import type { OrderMeasures } from '../../../read-model/contributions';
import type { CsvTable } from '../../csv.util';
import type { AccuracyStatsDto, OrderAccuracyReportDto } from '../../dto/report-responses.dto';
import type { ReportFilter } from '../../report-filter';
import { filtersOf, rate, sumMeasures } from '../../report-figures';
import { ReportsRepository } from '../../reports.repository';

function accuracy(m: OrderMeasures): AccuracyStatsDto {
  const issueRate = rate(m.withIssues, m.orders);
  return {
    orders: m.orders,
    withVoids: m.withVoids,
    withRefunds: m.refundedOrders,
    withIssues: m.withIssues,
    issueRate,
    accuracyRate: m.orders === 0 ? 1 : Math.round((1 - issueRate) * 10_000) / 10_000,
  };
}

/** Orders with a void ticket or a refund, over all orders, per venue and overall. */
@Injectable()
export class GetOrderAccuracyUseCase {
  constructor(private readonly reports: ReportsRepository) {}

  async execute(filter: ReportFilter): Promise<OrderAccuracyReportDto> {
    const rows = await this.reports.orderTotals(
      filter,
      ['venue_id'],
      ['orders', 'withVoids', 'refundedOrders', 'withIssues'],
    );
    return {
      filters: filtersOf(filter),
      ...accuracy(sumMeasures(rows)),
      remakesTracked: false,
      venues: rows.map((row) => ({ venueId: String(row.venue_id), ...accuracy(row) })),
    };
  }

  csv(report: OrderAccuracyReportDto): CsvTable {
    const fields = ['orders', 'withVoids', 'withRefunds', 'withIssues', 'issueRate', 'accuracyRate'] as const;
    return {
      columns: ['venueId', ...fields],
      rows: [
        ...report.venues.map((venue) => [venue.venueId, ...fields.map((f) => venue[f])]),
        ['*', ...fields.map((f) => report[f])],
      ],
    };
  }
}
