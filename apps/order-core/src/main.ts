import 'reflect-metadata';
import { loadEnvOrExit } from '@hub/config';
import { runService } from '@hub/service-kit';
import { AppModule, ORDER_CORE_SERVICE } from './app.module';
import { OrderCoreEnv } from './config/env.dto';

const env = loadEnvOrExit(OrderCoreEnv);
runService({
  name: ORDER_CORE_SERVICE,
  description: 'Owns the canonical order table: creation once per order, the status machine and its history.',
  module: AppModule.forRoot(env),
  env,
  port: env.ORDER_CORE_PORT,
});
