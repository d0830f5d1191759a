import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@hub/auth';
import { ServiceKitModule } from '@hub/service-kit';
import { CreateMenuSchema1763800000000 } from '../migrations/1763800000000-CreateMenuSchema';
import { CreateBrandMenu1763900000000 } from '../migrations/1763900000000-CreateBrandMenu';
import { CreatePlatformMappings1763900001000 } from '../migrations/1763900001000-CreatePlatformMappings';
import { CreateSeenOrders1763900002000 } from '../migrations/1763900002000-CreateSeenOrders';
import { CreateMenuVersion1764000000000 } from '../migrations/1764000000000-CreateMenuVersion';
import type { MenuMappingEnv } from './config/env.dto';
import { MappingModule } from './mapping/mapping.module';
import { MenuModule } from './menu/menu.module';
import { OrdersModule } from './orders/orders.module';
import { SettingsModule } from './settings/settings.module';

export const MENU_MAPPING_SERVICE = 'menu-mapping';

@Module({})
export class AppModule {
  static forRoot(env: MenuMappingEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({
          service: MENU_MAPPING_SERVICE,
          env,
          schema: 'menu',
          // repositories speak SQL to their own schema; no entity classes are mapped
          entities: [],
          migrations: [
            CreateMenuSchema1763800000000,
            CreateBrandMenu1763900000000,
            CreatePlatformMappings1763900001000,
            CreateSeenOrders1763900002000,
            CreateMenuVersion1764000000000,
          ],
        }),
        AuthModule.forRoot({ jwtSecret: env.AUTH_JWT_SECRET }),
        SettingsModule.forRoot(env),
        MenuModule,
        MappingModule,
        OrdersModule,
      ],
    };
  }
}
