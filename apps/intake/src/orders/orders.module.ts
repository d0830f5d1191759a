import { DynamicModule, Module } from '@nestjs/common';
import type { IntakeEnv } from '../config/env.dto';
import {
  DELIVERY_RETENTION_DAYS,
  PurgeOldDeliveriesUseCase,
} from './usecases/purge-old-deliveries/purge-old-deliveries.usecase';
import { DeliveriesRepository } from './deliveries.repository';
import { OrdersController } from './orders.controller';
import { ReceiveDirectOrderUseCase } from './usecases/receive-direct-order/receive-direct-order.usecase';

@Module({
  controllers: [OrdersController],
  providers: [DeliveriesRepository, ReceiveDirectOrderUseCase, PurgeOldDeliveriesUseCase],
})
export class OrdersModule {
  static forRoot(env: IntakeEnv): DynamicModule {
    return {
      module: OrdersModule,
      providers: [{ provide: DELIVERY_RETENTION_DAYS, useValue: env.DELIVERY_RETENTION_DAYS }],
    };
  }
}
