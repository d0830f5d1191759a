import { Injectable } from '@nestjs/common';
import type { CsvTable } from '../../csv.util';
import type { SummaryReportDto } from '../../dto/report-responses.dto';
import type { ReportFilter } from '../../report-filter';
import { figuresByCurrency, filtersOf, MONEY_FIGURE_COLUMNS } from '../../report-figures';
import { MONEY_MEASURES, ReportsRepository } from '../../reports.repository';

/** Orders, revenue, average order value, cancellation rate and refunds: one sum over the hourly aggregates. */
@Injectable()
export class GetSummaryUseCase {
  constructor(private readonly reports: ReportsRepository) {}

  async execute(filter: ReportFilter): Promise<SummaryReportDto> {
    const rows = await this.reports.orderTotals(filter, ['currency'], MONEY_MEASURES);
    return { filters: filtersOf(filter), ...figuresByCurrency(rows) };
  }

  /** One row per currency. */
  csv(report: SummaryReportDto): CsvTable {
    return {
      columns: MONEY_FIGURE_COLUMNS,
      rows: report.byCurrency.map((figures) => MONEY_FIGURE_COLUMNS.map((column) => figures[column])),
    };
  }
}
