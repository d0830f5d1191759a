import { Module } from '@nestjs/common';
import { MappingModule } from '../mapping/mapping.module';
import { MenuModule } from '../menu/menu.module';
import { AttentionController } from './attention.controller';
import { AttentionOrdersRepository } from './attention-orders.repository';
import { OrderValidator } from './order-validator';
import { OrdersHandlers } from './orders.handlers';
import { ListUnmappedCodesUseCase } from './usecases/list-unmapped-codes/list-unmapped-codes.usecase';
import { MapOrderUseCase } from './usecases/map-order/map-order.usecase';
import { ReinjectOrderUseCase } from './usecases/reinject-order/reinject-order.usecase';

/** Validation of every received order, the orders waiting for a person, and their re-injection. */
@Module({
  imports: [MenuModule, MappingModule],
  controllers: [OrdersHandlers, AttentionController],
  providers: [
    AttentionOrdersRepository,
    OrderValidator,
    MapOrderUseCase,
    ReinjectOrderUseCase,
    ListUnmappedCodesUseCase,
  ],
})
export class OrdersModule {}
