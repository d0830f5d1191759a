import { Injectable } from '@nestjs/common';
import type { CsvTable } from '../../csv.util';
import type { PeakFiguresDto, PeakPeriodsReportDto, PeriodCurrencyDto } from '../../dto/report-responses.dto';
import type { ReportFilter } from '../../report-filter';
import { filtersOf, groupBy } from '../../report-figures';
import { OrderTotalsRow, ReportsRepository } from '../../reports.repository';

function periodFigures(rows: OrderTotalsRow[]): { orders: number; byCurrency: PeriodCurrencyDto[] } {
  const byCurrency = [...groupBy(rows, (r) => String(r.currency)).entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, group]) => ({
      currency,
      orders: group.reduce((sum, r) => sum + r.orders, 0),
      revenue: group.reduce((sum, r) => sum + r.revenue, 0),
    }));
  return { orders: byCurrency.reduce((sum, c) => sum + c.orders, 0), byCurrency };
}

function peak(rows: OrderTotalsRow[]): PeakFiguresDto {
  const byHour = groupBy(rows, (r) => String(r.local_hour));
  const byDay = groupBy(rows, (r) => String(r.local_dow));
  return {
    hours: Array.from({ length: 24 }, (_, hour) => ({
      hour,
      ...periodFigures(byHour.get(String(hour)) ?? []),
    })),
    days: Array.from({ length: 7 }, (_, dayOfWeek) => ({
      dayOfWeek,
      ...periodFigures(byDay.get(String(dayOfWeek)) ?? []),
    })),
  };
}

/** Orders and revenue per hour of day and day of week, each venue in its own time zone. */
@Injectable()
export class GetPeakPeriodsUseCase {
  constructor(private readonly reports: ReportsRepository) {}

  async execute(filter: ReportFilter): Promise<PeakPeriodsReportDto> {
    const rows = await this.reports.orderTotals(
      filter,
      ['venue_id', 'local_dow', 'local_hour', 'currency'],
      ['orders', 'revenue'],
    );
    const venues = groupBy(rows, (r) => String(r.venue_id));
    const zones = await this.reports.timeZones([...venues.keys()]);
    return {
      filters: filtersOf(filter),
      venues: [...venues.entries()].map(([venueId, group]) => ({
        venueId,
        timeZone: zones.get(venueId) ?? 'UTC',
        ...peak(group),
      })),
      consolidated: peak(rows),
    };
  }

  /** One row per scope (venue, or `*` for all), period (hour or day), value and currency; empty periods left out. */
  csv(report: PeakPeriodsReportDto): CsvTable {
    const scopes: Array<[string, string | null, PeakFiguresDto]> = [
      ...report.venues.map((v): [string, string | null, PeakFiguresDto] => [v.venueId, v.timeZone, v]),
      ['*', null, report.consolidated],
    ];
    return {
      columns: ['venueId', 'timeZone', 'period', 'value', 'currency', 'orders', 'revenue'],
      rows: scopes.flatMap(([venueId, timeZone, figures]) => [
        ...figures.hours.flatMap((h) =>
          h.byCurrency.map((c) => [venueId, timeZone, 'hour', h.hour, c.currency, c.orders, c.revenue]),
        ),
        ...figures.days.flatMap((d) =>
          d.byCurrency.map((c) => [venueId, timeZone, 'day', d.dayOfWeek, c.currency, c.orders, c.revenue]),
        ),
      ]),
    };
  }
}
