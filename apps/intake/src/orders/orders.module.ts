import { Module } from '@nestjs/common';
import { DeliveriesRepository } from './deliveries.repository';
import { OrdersController } from './orders.controller';
import { ReceiveDirectOrderUseCase } from './usecases/receive-direct-order/receive-direct-order.usecase';

@Module({
  controllers: [OrdersController],
  providers: [DeliveriesRepository, ReceiveDirectOrderUseCase],
  exports: [DeliveriesRepository],
})
export class OrdersModule {}
