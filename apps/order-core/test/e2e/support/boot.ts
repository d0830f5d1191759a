import { InProcessService } from '@hub/testing';
import { AppModule } from '../../../src/app.module';
import { OrderCoreEnv } from '../../../src/config/env.dto';

/** order-core in this process, on the suite's own database and NATS namespace; `env` adds variables. */
export function startOrderCore(env?: Record<string, string>): Promise<InProcessService> {
  return InProcessService.start({
    name: 'order-core',
    envClass: OrderCoreEnv,
    module: (appEnv) => AppModule.forRoot(appEnv),
    portVariable: 'ORDER_CORE_PORT',
    ...(env ? { env } : {}),
  });
}
