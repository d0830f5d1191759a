import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ReportFiltersDto {
  @ApiPropertyOptional({ description: 'ISO 8601 UTC' }) from?: string;
  @ApiPropertyOptional({ description: 'ISO 8601 UTC, exclusive' }) to?: string;
  @ApiProperty({ type: [String], nullable: true, description: 'null: every venue (head office)' })
  venueIds: string[] | null;
  @ApiProperty({ type: [String], nullable: true, description: 'null: every channel' })
  channels: string[] | null;
}

/** Counts: they add up across currencies. */
export class OrderFiguresDto {
  @ApiProperty({ description: 'orders placed (every status)' }) orders: number;
  @ApiProperty({ description: 'orders whose status is completed: the revenue orders' })
  completedOrders: number;
  @ApiProperty({ description: 'orders ever cancelled (also when refunded after)' }) cancelledOrders: number;
  @ApiProperty({ description: 'orders rejected by the venue' }) rejectedOrders: number;
  @ApiProperty({ description: 'orders with any refund' }) refundedOrders: number;
  @ApiProperty({ description: '(cancelled + rejected) / orders, 4 decimals', example: 0.25 })
  cancellationRate: number;
  @ApiProperty({ nullable: true, description: 'mean of readyAt − acceptedAt, whole seconds' })
  averagePreparationSeconds: number | null;
}

/** Money is integer minor units of one currency: never added across currencies. */
export class MoneyFiguresDto extends OrderFiguresDto {
  @ApiProperty({ example: 'INR' }) currency: string;
  @ApiProperty({ description: 'sum of the totals of completed orders, minor units' }) revenue: number;
  @ApiProperty({ description: 'sum of every refund of these orders, minor units' }) refunds: number;
  @ApiProperty({ description: 'revenue minus the refunds of orders still completed (partial refunds)' })
  netRevenue: number;
  @ApiProperty({ nullable: true, description: 'revenue / completed orders, rounded to a minor unit' })
  averageOrderValue: number | null;
  @ApiProperty({ description: 'order lines voided (orders.v1.items-voided), whatever became of the order' })
  voidedLines: number;
  @ApiProperty({
    description: 'value of the voided lines: quantity × unit price with modifiers, before tax, minor units',
  })
  voidedAmount: number;
}

export class FiguresByCurrencyDto extends OrderFiguresDto {
  @ApiProperty({ type: [MoneyFiguresDto], description: 'the same figures per currency, with money' })
  byCurrency: MoneyFiguresDto[];
}

export class SummaryReportDto extends FiguresByCurrencyDto {
  @ApiProperty({ type: ReportFiltersDto }) filters: ReportFiltersDto;
}

export class ChannelFiguresDto extends FiguresByCurrencyDto {
  @ApiProperty({ example: 'zomato' }) channel: string;
}

export class ChannelsReportDto {
  @ApiProperty({ type: ReportFiltersDto }) filters: ReportFiltersDto;
  @ApiProperty({ type: [ChannelFiguresDto] }) channels: ChannelFiguresDto[];
}

export class VenueFiguresDto extends FiguresByCurrencyDto {
  @ApiProperty() venueId: string;
}

export class RevenueByLocationReportDto {
  @ApiProperty({ type: ReportFiltersDto }) filters: ReportFiltersDto;
  @ApiProperty({ type: [VenueFiguresDto] }) venues: VenueFiguresDto[];
  @ApiProperty({
    type: FiguresByCurrencyDto,
    description: 'consolidated across the venues; money per currency',
  })
  total: FiguresByCurrencyDto;
}

export class PrepStatsDto {
  @ApiProperty({ description: 'orders (or tickets) with a preparation time' }) count: number;
  @ApiProperty({ nullable: true, description: 'whole seconds' }) averageSeconds: number | null;
  @ApiProperty({ nullable: true, description: 'nearest rank, to the 15-second bin' }) medianSeconds:
    number | null;
  @ApiProperty({ nullable: true, description: 'nearest rank, to the 15-second bin' }) p90Seconds:
    number | null;
}

export class VenuePrepDto extends PrepStatsDto {
  @ApiProperty() venueId: string;
}

export class StationPrepDto extends PrepStatsDto {
  @ApiProperty() venueId: string;
  @ApiProperty({ example: 'tandoor' }) station: string;
  @ApiProperty({ description: 'tickets routed (new and addition)' }) tickets: number;
  @ApiProperty({ nullable: true, description: 'mean of routed → acknowledged' }) averageWaitSeconds:
    number | null;
  @ApiProperty({ nullable: true, description: 'mean of acknowledged → bumped' }) averageWorkSeconds:
    number | null;
  @ApiProperty({ description: 'void tickets' }) voids: number;
}

export class PreparationTimeReportDto {
  @ApiProperty({ type: ReportFiltersDto }) filters: ReportFiltersDto;
  @ApiProperty({ description: 'width of the histogram bins the median and p90 are read from' })
  binSeconds: number;
  @ApiProperty({ type: PrepStatsDto, description: 'orders: readyAt − acceptedAt, every venue in the filter' })
  overall: PrepStatsDto;
  @ApiProperty({ type: [VenuePrepDto] }) venues: VenuePrepDto[];
  @ApiProperty({
    type: [StationPrepDto],
    description:
      'tickets: routed → bumped, per station (the channel filter does not apply: tickets carry none)',
  })
  stations: StationPrepDto[];
}

export class DelayStatsDto {
  @ApiProperty({ description: 'orders with a handoff time (ready or dispatched)' }) evaluatedOrders: number;
  @ApiProperty({ description: 'handed off after the promised time' }) delayedOrders: number;
  @ApiProperty({ description: 'delayed / evaluated, 4 decimals' }) delayedRate: number;
  @ApiProperty({ nullable: true, description: 'mean delay of the delayed orders, whole seconds' })
  averageDelaySeconds: number | null;
}

export class VenueDelayDto extends DelayStatsDto {
  @ApiProperty() venueId: string;
}

export class DelayedOrderDto {
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty() venueId: string;
  @ApiProperty() channel: string;
  @ApiProperty() orderType: string;
  @ApiPropertyOptional() displayNumber?: string;
  @ApiProperty() status: string;
  @ApiProperty() placedAt: string;
  @ApiProperty({ description: 'scheduledFor, else placedAt + the default preparation time' })
  promisedAt: string;
  @ApiPropertyOptional() readyAt?: string;
  @ApiPropertyOptional() dispatchedAt?: string;
  @ApiProperty({ description: 'handoff (dispatched, else ready) − promised' }) delaySeconds: number;
}

export class DelayedOrdersReportDto extends DelayStatsDto {
  @ApiProperty({ type: ReportFiltersDto }) filters: ReportFiltersDto;
  @ApiProperty({ type: [VenueDelayDto] }) venues: VenueDelayDto[];
  @ApiProperty({ type: [DelayedOrderDto], description: 'oldest first, at most `limit`' })
  orders: DelayedOrderDto[];
  @ApiProperty({ description: 'more delayed orders than the list holds' }) truncated: boolean;
}

export class AccuracyStatsDto {
  @ApiProperty() orders: number;
  @ApiProperty({ description: 'orders with a void ticket' }) withVoids: number;
  @ApiProperty({ description: 'orders with a refund' }) withRefunds: number;
  @ApiProperty({ description: 'orders with a void or a refund' }) withIssues: number;
  @ApiProperty({ description: 'withIssues / orders, 4 decimals' }) issueRate: number;
  @ApiProperty({ description: '1 − issueRate' }) accuracyRate: number;
}

export class VenueAccuracyDto extends AccuracyStatsDto {
  @ApiProperty() venueId: string;
}

export class OrderAccuracyReportDto extends AccuracyStatsDto {
  @ApiProperty({ type: ReportFiltersDto }) filters: ReportFiltersDto;
  @ApiProperty({ type: [VenueAccuracyDto] }) venues: VenueAccuracyDto[];
  @ApiProperty({
    description:
      'remakes are not counted: no event says a dish was remade (kot-router emits none for a recall)',
  })
  remakesTracked: boolean;
}

export class PeriodCurrencyDto {
  @ApiProperty() currency: string;
  @ApiProperty() orders: number;
  @ApiProperty({ description: 'minor units' }) revenue: number;
}

export class HourFiguresDto {
  @ApiProperty({ description: '0–23, venue-local' }) hour: number;
  @ApiProperty() orders: number;
  @ApiProperty({ type: [PeriodCurrencyDto] }) byCurrency: PeriodCurrencyDto[];
}

export class DayFiguresDto {
  @ApiProperty({ description: '0 = Sunday … 6 = Saturday, venue-local' }) dayOfWeek: number;
  @ApiProperty() orders: number;
  @ApiProperty({ type: [PeriodCurrencyDto] }) byCurrency: PeriodCurrencyDto[];
}

export class PeakFiguresDto {
  @ApiProperty({ type: [HourFiguresDto], description: 'all 24 hours' }) hours: HourFiguresDto[];
  @ApiProperty({ type: [DayFiguresDto], description: 'all 7 days' }) days: DayFiguresDto[];
}

export class VenuePeakDto extends PeakFiguresDto {
  @ApiProperty() venueId: string;
  @ApiProperty({ example: 'Asia/Kolkata' }) timeZone: string;
}

export class PeakPeriodsReportDto {
  @ApiProperty({ type: ReportFiltersDto }) filters: ReportFiltersDto;
  @ApiProperty({ type: [VenuePeakDto] }) venues: VenuePeakDto[];
  @ApiProperty({ type: PeakFiguresDto, description: 'every venue, each in its own local time' })
  consolidated: PeakFiguresDto;
}
