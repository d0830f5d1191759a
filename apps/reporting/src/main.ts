import 'reflect-metadata';
import { loadEnvOrExit } from '@hub/config';
import { runService } from '@hub/service-kit';
import { AppModule, REPORTING_SERVICE } from './app.module';
import { ReportingEnv } from './config/env.dto';

const env = loadEnvOrExit(ReportingEnv);
runService({
  name: REPORTING_SERVICE,
  description: 'Head office reporting from read models built only from events.',
  module: AppModule.forRoot(env),
  env,
  port: env.REPORTING_PORT,
});
