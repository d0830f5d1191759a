import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@hub/auth';
import { ServiceKitModule } from '@hub/service-kit';
import { CreateIntakeSchema1763800000000 } from '../migrations/1763800000000-CreateIntakeSchema';
import { CreateIntegrations1763900300000 } from '../migrations/1763900300000-CreateIntegrations';
import { AddIntegrationMapping1764300000000 } from '../migrations/1764300000000-AddIntegrationMapping';
import { AddThinFetches1764600000000 } from '../migrations/1764600000000-AddThinFetches';
import { CreatePollCursors1764700000000 } from '../migrations/1764700000000-CreatePollCursors';
import { AddDeliveryRetries1764900000000 } from '../migrations/1764900000000-AddDeliveryRetries';
import { IndexReceivedOrdersByAge1764900100000 } from '../migrations/1764900100000-IndexReceivedOrdersByAge';
import type { IntakeEnv } from './config/env.dto';
import { DeliveryEntity } from './orders/entities/delivery.entity';
import { OrdersModule } from './orders/orders.module';
import { PollingModule } from './polling/polling.module';
import { WebhooksModule } from './webhooks/webhooks.module';

export const INTAKE_SERVICE = 'intake';

@Module({})
export class AppModule {
  static forRoot(env: IntakeEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({
          service: INTAKE_SERVICE,
          env,
          schema: 'intake',
          entities: [DeliveryEntity],
          migrations: [
            CreateIntakeSchema1763800000000,
            CreateIntegrations1763900300000,
            AddIntegrationMapping1764300000000,
            AddThinFetches1764600000000,
            CreatePollCursors1764700000000,
            AddDeliveryRetries1764900000000,
            IndexReceivedOrdersByAge1764900100000,
          ],
        }),
        AuthModule.forRoot({ jwtSecret: env.AUTH_JWT_SECRET }),
        OrdersModule.forRoot(env),
        WebhooksModule.forRoot(env),
        PollingModule.forRoot(env),
      ],
    };
  }
}
