import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@hub/auth';
import { ServiceKitModule } from '@hub/service-kit';
import { CreateOrdersSchema1763800000000 } from '../migrations/1763800000000-CreateOrdersSchema';
import { CreateOrderTickets1763900000000 } from '../migrations/1763900000000-CreateOrderTickets';
import { CreatePayments1763900100000 } from '../migrations/1763900100000-CreatePayments';
import { CreateAcceptancePolicies1763900200000 } from '../migrations/1763900200000-CreateAcceptancePolicies';
import { CreateOrderAlarms1763900300000 } from '../migrations/1763900300000-CreateOrderAlarms';
import { AddScheduledRelease1763900400000 } from '../migrations/1763900400000-AddScheduledRelease';
import { CreateStoreControls1763900500000 } from '../migrations/1763900500000-CreateStoreControls';
import { AddSlotCapacityAndLedgerHops1763920000000 } from '../migrations/1763920000000-AddSlotCapacityAndLedgerHops';
import { AddOrderCapacityTaken1763920100000 } from '../migrations/1763920100000-AddOrderCapacityTaken';
import { AddOrderLineChanges1763910000000 } from '../migrations/1763910000000-AddOrderLineChanges';
import type { OrderCoreEnv } from './config/env.dto';
import { OrderItemEntity } from './orders/entities/order-item.entity';
import { OrderStatusHistoryEntity } from './orders/entities/order-status-history.entity';
import { OrderEntity } from './orders/entities/order.entity';
import { OrdersModule } from './orders/orders.module';

export const ORDER_CORE_SERVICE = 'order-core';

@Module({})
export class AppModule {
  static forRoot(env: OrderCoreEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({
          service: ORDER_CORE_SERVICE,
          env,
          schema: 'orders',
          entities: [OrderEntity, OrderItemEntity, OrderStatusHistoryEntity],
          migrations: [
            CreateOrdersSchema1763800000000,
            CreateOrderTickets1763900000000,
            CreatePayments1763900100000,
            CreateAcceptancePolicies1763900200000,
            CreateOrderAlarms1763900300000,
            AddScheduledRelease1763900400000,
            CreateStoreControls1763900500000,
            AddOrderLineChanges1763910000000,
            AddSlotCapacityAndLedgerHops1763920000000,
            AddOrderCapacityTaken1763920100000,
          ],
        }),
        AuthModule.forRoot({ jwtSecret: env.AUTH_JWT_SECRET }),
        OrdersModule.forRoot(env),
      ],
    };
  }
}
