import 'reflect-metadata';
import { loadEnvOrExit } from '@hub/config';
import { runService } from '@hub/service-kit';
import { AppModule, INTAKE_SERVICE } from './app.module';
import { IntakeEnv } from './config/env.dto';
import { rawWebhookBodies } from './webhooks/raw-webhook-body';

const env = loadEnvOrExit(IntakeEnv);
runService({
  name: INTAKE_SERVICE,
  description:
    'Takes every order in: platform webhooks, direct channels, polling. Durable before it answers.',
  module: AppModule.forRoot(env),
  env,
  port: env.INTAKE_PORT,
  configure: rawWebhookBodies(env),
});
