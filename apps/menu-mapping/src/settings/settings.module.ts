import { DynamicModule, Global, Module } from '@nestjs/common';
import type { MenuMappingEnv } from '../config/env.dto';
import { MENU_SETTINGS } from './constants/menu-settings.constant';
import type { MenuSettings } from './menu-settings';

@Global()
@Module({})
export class SettingsModule {
  static forRoot(env: MenuMappingEnv): DynamicModule {
    const settings: MenuSettings = {
      tolerance: { minor: env.MENU_PRICE_TOLERANCE_MINOR, percent: env.MENU_PRICE_TOLERANCE_PERCENT },
      recentOrdersPerVenue: env.MENU_RECENT_ORDERS_PER_VENUE,
      availabilitySweepMs: env.MENU_AVAILABILITY_SWEEP_MS,
      snapshotCacheVenues: env.MENU_SNAPSHOT_CACHE_VENUES,
    };
    return {
      module: SettingsModule,
      providers: [{ provide: MENU_SETTINGS, useValue: settings }],
      exports: [MENU_SETTINGS],
    };
  }
}
