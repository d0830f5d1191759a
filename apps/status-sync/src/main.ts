import 'reflect-metadata';
import { loadEnvOrExit } from '@hub/config';
import { runService } from '@hub/service-kit';
import { AppModule, STATUS_SYNC_SERVICE } from './app.module';
import { StatusSyncEnv } from './config/env.dto';

const env = loadEnvOrExit(StatusSyncEnv);
runService({
  name: STATUS_SYNC_SERVICE,
  description:
    'Sends every order status back to its platform, reliably; failed callbacks are visible and retryable.',
  module: AppModule.forRoot(env),
  env,
  port: env.STATUS_SYNC_PORT,
});
