import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { GetChannelPerformanceUseCase } from './usecases/get-channel-performance/get-channel-performance.usecase';
import { GetDelayedOrdersUseCase } from './usecases/get-delayed-orders/get-delayed-orders.usecase';
import { GetOrderAccuracyUseCase } from './usecases/get-order-accuracy/get-order-accuracy.usecase';
import { GetPeakPeriodsUseCase } from './usecases/get-peak-periods/get-peak-periods.usecase';
import { GetPreparationTimeUseCase } from './usecases/get-preparation-time/get-preparation-time.usecase';
import { GetRevenueByLocationUseCase } from './usecases/get-revenue-by-location/get-revenue-by-location.usecase';
import { GetSummaryUseCase } from './usecases/get-summary/get-summary.usecase';

@Module({
  controllers: [ReportsController],
  providers: [
    ReportsRepository,
    GetSummaryUseCase,
    GetPreparationTimeUseCase,
    GetDelayedOrdersUseCase,
    GetOrderAccuracyUseCase,
    GetPeakPeriodsUseCase,
    GetChannelPerformanceUseCase,
    GetRevenueByLocationUseCase,
  ],
})
export class ReportsModule {}
