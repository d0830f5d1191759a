import { InProcessService, type TestEnvironment } from '@hub/testing';
import { AppModule } from '../../../src/app.module';
import { IntakeEnv } from '../../../src/config/env.dto';
import { rawWebhookBodies } from '../../../src/webhooks/raw-webhook-body';

/**
 * intake in this process, keeping raw webhook bodies for signature checks as main.ts does; `env` adds
 * variables. With an `environment`, it shares that database and NATS namespace; else it gets its own.
 */
export function startIntake(
  env?: Record<string, string>,
  environment?: TestEnvironment,
): Promise<InProcessService> {
  return InProcessService.start({
    name: 'intake',
    envClass: IntakeEnv,
    module: (appEnv) => AppModule.forRoot(appEnv),
    portVariable: 'INTAKE_PORT',
    ...(environment ? { environment } : {}),
    ...(env ? { env } : {}),
    configure: rawWebhookBodies,
  });
}
