import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@hub/auth';
import { ServiceKitModule } from '@hub/service-kit';
import { CreateMenuSchema1763800000000 } from '../migrations/1763800000000-CreateMenuSchema';
import type { MenuMappingEnv } from './config/env.dto';
import { MenuItemEntity } from './menu/entities/menu-item.entity';
import { MenuModule } from './menu/menu.module';

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
          entities: [MenuItemEntity],
          migrations: [CreateMenuSchema1763800000000],
        }),
        AuthModule.forRoot({ jwtSecret: env.AUTH_JWT_SECRET }),
        MenuModule,
      ],
    };
  }
}
