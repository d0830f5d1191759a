import 'reflect-metadata';
import { loadEnvOrExit } from '@hub/config';
import { runService } from '@hub/service-kit';
import { AppModule, MENU_MAPPING_SERVICE } from './app.module';
import { MenuMappingEnv } from './config/env.dto';

const env = loadEnvOrExit(MenuMappingEnv);
runService({
  name: MENU_MAPPING_SERVICE,
  description:
    "Owns the menu and each platform's item codes; resolves every order line to an item and a station.",
  module: AppModule.forRoot(env),
  env,
  port: env.MENU_MAPPING_PORT,
});
