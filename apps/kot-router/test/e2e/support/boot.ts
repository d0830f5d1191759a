import { InProcessService, type TestEnvironment } from '@hub/testing';
import { AppModule } from '../../../src/app.module';
import { KotRouterEnv } from '../../../src/config/env.dto';

/**
 * kot-router in this process; `env` adds variables. With an `environment`, it shares that database
 * and NATS namespace (another replica); else it gets its own.
 */
export function startKotRouter(
  env?: Record<string, string>,
  environment?: TestEnvironment,
): Promise<InProcessService> {
  return InProcessService.start({
    name: 'kot-router',
    envClass: KotRouterEnv,
    module: (appEnv) => AppModule.forRoot(appEnv),
    portVariable: 'KOT_ROUTER_PORT',
    ...(environment ? { environment } : {}),
    ...(env ? { env } : {}),
  });
}
