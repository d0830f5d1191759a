import { Injectable } from '@nestjs/common';
import type { CsvTable } from '../../csv.util';
import type { ChannelsReportDto } from '../../dto/report-responses.dto';
import type { ReportFilter } from '../../report-filter';
import { figuresByCurrency, filtersOf, groupBy, MONEY_FIGURE_COLUMNS } from '../../report-figures';
import { MONEY_MEASURES, ReportsRepository } from '../../reports.repository';

/** Orders, revenue, cancellation rate and preparation time per channel. */
@Injectable()
export class GetChannelPerformanceUseCase {
  constructor(private readonly reports: ReportsRepository) {}

  async execute(filter: ReportFilter): Promise<ChannelsReportDto> {
    const rows = await this.reports.orderTotals(filter, ['channel', 'currency'], MONEY_MEASURES);
    return {
      filters: filtersOf(filter),
      channels: [...groupBy(rows, (r) => String(r.channel)).entries()].map(([channel, group]) => ({
        channel,
        ...figuresByCurrency(group),
      })),
    };
  }

  /** One row per channel and currency. */
  csv(report: ChannelsReportDto): CsvTable {
    return {
      columns: ['channel', ...MONEY_FIGURE_COLUMNS],
      rows: report.channels.flatMap((channel) =>
        channel.byCurrency.map((figures) => [
          channel.channel,
          ...MONEY_FIGURE_COLUMNS.map((c) => figures[c]),
        ]),
      ),
    };
  }
}
