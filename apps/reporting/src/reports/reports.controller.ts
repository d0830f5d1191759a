import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Principal, Role, Roles, VenueScoped } from '@hub/auth';
import { CsvTable, toCsv } from './csv.util';
import { DelayedOrdersQueryDto, ReportQueryDto } from './dto/report-query.dto';
import {
  ChannelsReportDto,
  DelayedOrdersReportDto,
  OrderAccuracyReportDto,
  PeakPeriodsReportDto,
  PreparationTimeReportDto,
  RevenueByLocationReportDto,
  SummaryReportDto,
} from './dto/report-responses.dto';
import { resolveReportFilter } from './report-filter';
import { GetChannelPerformanceUseCase } from './usecases/get-channel-performance/get-channel-performance.usecase';
import { GetDelayedOrdersUseCase } from './usecases/get-delayed-orders/get-delayed-orders.usecase';
import { GetOrderAccuracyUseCase } from './usecases/get-order-accuracy/get-order-accuracy.usecase';
import { GetPeakPeriodsUseCase } from './usecases/get-peak-periods/get-peak-periods.usecase';
import { GetPreparationTimeUseCase } from './usecases/get-preparation-time/get-preparation-time.usecase';
import { GetRevenueByLocationUseCase } from './usecases/get-revenue-by-location/get-revenue-by-location.usecase';
import { GetSummaryUseCase } from './usecases/get-summary/get-summary.usecase';

/** `?format=csv` or `Accept: text/csv` (unless `?format=json`). */
function wantsCsv(query: ReportQueryDto, accept: string | undefined): boolean {
  if (query.format) return query.format === 'csv';
  return /\btext\/csv\b/i.test(accept ?? '');
}

/** The report as JSON, or its table as CSV. */
function respond<T>(
  res: Response,
  csv: boolean,
  name: string,
  report: T,
  table: (report: T) => CsvTable,
): T | string {
  if (!csv) return report;
  res.type('text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `inline; filename="${name}.csv"`);
  return toCsv(table(report));
}

/**
 * Head office and managers only. The venues are named in the query (a list), so the guard cannot
 * check them itself: resolveReportFilter refuses (403) any venue outside the token and, when none
 * is named, narrows the report to the token's venues.
 */
@ApiTags('reports')
@ApiBearerAuth()
@ApiProduces('application/json', 'text/csv')
@ApiForbiddenResponse({ description: "a staff or station token, or a venue outside the token's venues" })
@Controller('v1/reports')
@Roles(Role.HEAD_OFFICE, Role.MANAGER)
@VenueScoped({ from: 'record' })
export class ReportsController {
  constructor(
    private readonly summaryReport: GetSummaryUseCase,
    private readonly preparationReport: GetPreparationTimeUseCase,
    private readonly delayedReport: GetDelayedOrdersUseCase,
    private readonly accuracyReport: GetOrderAccuracyUseCase,
    private readonly peakReport: GetPeakPeriodsUseCase,
    private readonly channelReport: GetChannelPerformanceUseCase,
    private readonly locationReport: GetRevenueByLocationUseCase,
  ) {}

  @Get('summary')
  @ApiOperation({
    summary: 'Orders, revenue, average order value, cancellation rate, refunds (per currency)',
  })
  @ApiOkResponse({ type: SummaryReportDto })
  async summary(
    @Query() query: ReportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SummaryReportDto | string> {
    const report = await this.summaryReport.execute(resolveReportFilter(principal, query));
    return respond(res, wantsCsv(query, accept), 'summary', report, (r) => this.summaryReport.csv(r));
  }

  @Get('preparation-time')
  @ApiOperation({ summary: 'Preparation time: average, median, p90 per venue and per station' })
  @ApiOkResponse({ type: PreparationTimeReportDto })
  async preparationTime(
    @Query() query: ReportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PreparationTimeReportDto | string> {
    const report = await this.preparationReport.execute(resolveReportFilter(principal, query));
    return respond(res, wantsCsv(query, accept), 'preparation-time', report, (r) =>
      this.preparationReport.csv(r),
    );
  }

  @Get('delayed-orders')
  @ApiOperation({ summary: 'Orders ready or dispatched after their promised time, with the list' })
  @ApiOkResponse({ type: DelayedOrdersReportDto })
  async delayedOrders(
    @Query() query: DelayedOrdersQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DelayedOrdersReportDto | string> {
    const report = await this.delayedReport.execute(
      resolveReportFilter(principal, query),
      query.limit ?? 100,
    );
    return respond(res, wantsCsv(query, accept), 'delayed-orders', report, (r) => this.delayedReport.csv(r));
  }

  @Get('order-accuracy')
  @ApiOperation({ summary: 'Orders with voids or refunds over all orders' })
  @ApiOkResponse({ type: OrderAccuracyReportDto })
  async orderAccuracy(
    @Query() query: ReportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OrderAccuracyReportDto | string> {
    const report = await this.accuracyReport.execute(resolveReportFilter(principal, query));
    return respond(res, wantsCsv(query, accept), 'order-accuracy', report, (r) => this.accuracyReport.csv(r));
  }

  @Get('peak-periods')
  @ApiOperation({ summary: "Orders and revenue per hour of day and day of week, in each venue's time zone" })
  @ApiOkResponse({ type: PeakPeriodsReportDto })
  async peakPeriods(
    @Query() query: ReportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PeakPeriodsReportDto | string> {
    const report = await this.peakReport.execute(resolveReportFilter(principal, query));
    return respond(res, wantsCsv(query, accept), 'peak-periods', report, (r) => this.peakReport.csv(r));
  }

  @Get('channels')
  @ApiOperation({ summary: 'Channel performance: orders, revenue, cancellation rate, preparation time' })
  @ApiOkResponse({ type: ChannelsReportDto })
  async channels(
    @Query() query: ReportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ChannelsReportDto | string> {
    const report = await this.channelReport.execute(resolveReportFilter(principal, query));
    return respond(res, wantsCsv(query, accept), 'channels', report, (r) => this.channelReport.csv(r));
  }

  @Get('revenue-by-location')
  @ApiOperation({ summary: 'Revenue per venue and the consolidated total (per currency)' })
  @ApiOkResponse({ type: RevenueByLocationReportDto })
  async revenueByLocation(
    @Query() query: ReportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RevenueByLocationReportDto | string> {
    const report = await this.locationReport.execute(resolveReportFilter(principal, query));
    return respond(res, wantsCsv(query, accept), 'revenue-by-location', report, (r) =>
      this.locationReport.csv(r),
    );
  }
}
