import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@hub/auth';
import { ServiceKitModule } from '@hub/service-kit';
import { CreateCallbacks1764200000000 } from '../migrations/1764200000000-CreateCallbacks';
import { CreateStatusSyncSchema1763800000000 } from '../migrations/1763800000000-CreateStatusSyncSchema';
import { SharedRateLimits1764900000000 } from '../migrations/1764900000000-SharedRateLimits';
import { StoreControlsAndSharedBreakers1764800000000 } from '../migrations/1764800000000-StoreControlsAndSharedBreakers';
import { CallbacksModule } from './callbacks/callbacks.module';
import type { StatusSyncEnv } from './config/env.dto';

export const STATUS_SYNC_SERVICE = 'status-sync';

@Module({})
export class AppModule {
  static forRoot(env: StatusSyncEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({
          service: STATUS_SYNC_SERVICE,
          env,
          schema: 'status_sync',
          entities: [],
          migrations: [
            CreateStatusSyncSchema1763800000000,
            CreateCallbacks1764200000000,
            StoreControlsAndSharedBreakers1764800000000,
            SharedRateLimits1764900000000,
          ],
        }),
        AuthModule.forRoot({ jwtSecret: env.AUTH_JWT_SECRET }),
        CallbacksModule.forRoot(env),
      ],
    };
  }
}
