import { Injectable } from '@nestjs/common';
import type { CsvTable } from '../../csv.util';
import type { RevenueByLocationReportDto } from '../../dto/report-responses.dto';
import type { ReportFilter } from '../../report-filter';
import { figuresByCurrency, filtersOf, groupBy, MONEY_FIGURE_COLUMNS } from '../../report-figures';
import { MONEY_MEASURES, ReportsRepository } from '../../reports.repository';

/** CSV venueId of the consolidated rows. */
export const CONSOLIDATED = '*';

/** Revenue per venue and the consolidated total across them (per currency). */
@Injectable()
export class GetRevenueByLocationUseCase {
  constructor(private readonly reports: ReportsRepository) {}

  async execute(filter: ReportFilter): Promise<RevenueByLocationReportDto> {
    const rows = await this.reports.orderTotals(filter, ['venue_id', 'currency'], MONEY_MEASURES);
    return {
      filters: filtersOf(filter),
      venues: [...groupBy(rows, (r) => String(r.venue_id)).entries()].map(([venueId, group]) => ({
        venueId,
        ...figuresByCurrency(group),
      })),
      total: figuresByCurrency(rows),
    };
  }

  /** One row per venue and currency, then the consolidated rows with venueId `*`. */
  csv(report: RevenueByLocationReportDto): CsvTable {
    return {
      columns: ['venueId', ...MONEY_FIGURE_COLUMNS],
      rows: [
        ...report.venues.flatMap((venue) =>
          venue.byCurrency.map((figures) => [venue.venueId, ...MONEY_FIGURE_COLUMNS.map((c) => figures[c])]),
        ),
        ...report.total.byCurrency.map((figures) => [
          CONSOLIDATED,
          ...MONEY_FIGURE_COLUMNS.map((c) => figures[c]),
        ]),
      ],
    };
  }
}
