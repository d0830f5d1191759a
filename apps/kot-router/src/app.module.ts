import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@hub/auth';
import { ServiceKitModule } from '@hub/service-kit';
import { CreateKotSchema1763800000000 } from '../migrations/1763800000000-CreateKotSchema';
import { AddTicketShownAt1763900000000 } from '../migrations/1763900000000-AddTicketShownAt';
import { UniqueVoidTicket1763900100000 } from '../migrations/1763900100000-UniqueVoidTicket';
import { CreateStationsAndPrinting1763900200000 } from '../migrations/1763900200000-CreateStationsAndPrinting';
import { AddKitchenPriorityAndDailyNumbers1763910000000 } from '../migrations/1763910000000-AddKitchenPriorityAndDailyNumbers';
import { CreateSocketIoAttachments1763925000000 } from '../migrations/1763925000000-CreateSocketIoAttachments';
import { AddTicketVoidedAt1763930000000 } from '../migrations/1763930000000-AddTicketVoidedAt';
import type { KotRouterEnv } from './config/env.dto';
import { KdsModule } from './kds/kds.module';
import { TicketEntity } from './tickets/entities/ticket.entity';
import { TicketsModule } from './tickets/tickets.module';

export const KOT_ROUTER_SERVICE = 'kot-router';

@Module({})
export class AppModule {
  static forRoot(env: KotRouterEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({
          service: KOT_ROUTER_SERVICE,
          env,
          schema: 'kot',
          entities: [TicketEntity],
          migrations: [
            CreateKotSchema1763800000000,
            AddTicketShownAt1763900000000,
            UniqueVoidTicket1763900100000,
            CreateStationsAndPrinting1763900200000,
            AddKitchenPriorityAndDailyNumbers1763910000000,
            CreateSocketIoAttachments1763925000000,
            AddTicketVoidedAt1763930000000,
          ],
        }),
        AuthModule.forRoot({ jwtSecret: env.AUTH_JWT_SECRET }),
        TicketsModule.forRoot(
          { ackTimeoutMs: env.KITCHEN_ACK_TIMEOUT_MS },
          {
            adapter: env.KITCHEN_SOCKET_ADAPTER,
            databaseUrl: env.DATABASE_URL,
            namespace: env.NATS_NAMESPACE,
          },
        ),
        KdsModule,
      ],
    };
  }
}
