import { Injectable } from '@nestjs/common';
import { PREP_BIN_SECONDS } from '../../../read-model/contributions';
import type { CsvTable } from '../../csv.util';
import type { PreparationTimeReportDto } from '../../dto/report-responses.dto';
import type { ReportFilter } from '../../report-filter';
import { average, filtersOf, groupBy, prepStats, sumMeasures } from '../../report-figures';
import { BinRow, ReportsRepository } from '../../reports.repository';

/**
 * Preparation time (readyAt − acceptedAt) per venue and overall, and ticket time (routed → bumped)
 * per station: averages from sums, median and p90 from 15-second histograms.
 */
@Injectable()
export class GetPreparationTimeUseCase {
  constructor(private readonly reports: ReportsRepository) {}

  async execute(filter: ReportFilter): Promise<PreparationTimeReportDto> {
    const [venueRows, venueBins, stationRows, stationBins] = await Promise.all([
      this.reports.orderTotals(filter, ['venue_id'], ['orders', 'prepCount', 'prepSeconds']),
      this.reports.orderPrepBins(filter, 'venue_id'),
      this.reports.stationTotals(filter),
      this.reports.stationBins(filter),
    ]);
    const binsOf = groupBy(venueBins, (b) => b.group);
    const stationBinsOf = groupBy(stationBins, (b) => b.group);
    const total = sumMeasures(venueRows);
    const allBins = [...groupBy(venueBins, (b) => String(b.bin)).values()].map((group): BinRow => ({
      group: 'all',
      bin: group[0].bin,
      count: group.reduce((s, b) => s + b.count, 0),
    }));
    return {
      filters: filtersOf(filter),
      binSeconds: PREP_BIN_SECONDS,
      overall: prepStats(total.prepCount, total.prepSeconds, allBins),
      venues: venueRows.map((row) => ({
        venueId: String(row.venue_id),
        ...prepStats(row.prepCount, row.prepSeconds, binsOf.get(String(row.venue_id)) ?? []),
      })),
      stations: stationRows.map((row) => ({
        venueId: row.venue_id,
        station: row.station,
        tickets: row.tickets,
        ...prepStats(
          row.bumped,
          row.ticketSeconds,
          stationBinsOf.get(`${row.venue_id}/${row.station}`) ?? [],
        ),
        averageWaitSeconds: average(row.waitSeconds, row.acknowledged),
        averageWorkSeconds: average(row.workSeconds, row.worked),
        voids: row.voids,
      })),
    };
  }

  /** level `overall`, `venue` or `station`, one per row. */
  csv(report: PreparationTimeReportDto): CsvTable {
    const stats = ['count', 'averageSeconds', 'medianSeconds', 'p90Seconds'] as const;
    return {
      columns: ['level', 'venueId', 'station', ...stats, 'averageWaitSeconds', 'averageWorkSeconds', 'voids'],
      rows: [
        ['overall', null, null, ...stats.map((s) => report.overall[s]), null, null, null],
        ...report.venues.map((v) => ['venue', v.venueId, null, ...stats.map((s) => v[s]), null, null, null]),
        ...report.stations.map((s) => [
          'station',
          s.venueId,
          s.station,
          ...stats.map((k) => s[k]),
          s.averageWaitSeconds,
          s.averageWorkSeconds,
          s.voids,
        ]),
      ],
    };
  }
}
