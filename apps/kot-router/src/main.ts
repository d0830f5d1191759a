import 'reflect-metadata';
import { loadEnvOrExit } from '@hub/config';
import { runService } from '@hub/service-kit';
import { AppModule, KOT_ROUTER_SERVICE } from './app.module';
import { KotRouterEnv } from './config/env.dto';

const env = loadEnvOrExit(KotRouterEnv);
runService({
  name: KOT_ROUTER_SERVICE,
  description:
    'Splits accepted orders into Kitchen Order Tickets per station and shows them live on /kitchen (socket.io).',
  module: AppModule.forRoot(env),
  env,
  port: env.KOT_ROUTER_PORT,
});
