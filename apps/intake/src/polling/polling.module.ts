import { DynamicModule, Module } from '@nestjs/common';
import { AdapterRegistry, createDefaultRegistry, createPlatformApi, PlatformApi } from '@hub/aggregators';
import { SecretBox } from '@hub/secrets';
import type { IntakeEnv } from '../config/env.dto';
import { IntegrationsRepository } from '../integrations/integrations.repository';
import { DeliveriesRepository } from '../orders/deliveries.repository';
import { ReceivedOrdersRepository } from '../orders/received-orders.repository';
import { POLL_PLATFORM_API } from './constants/poll-platform-api.constant';
import { PollScheduler } from './poll-scheduler.service';
import { PollingController } from './polling.controller';
import { PollingRepository } from './polling.repository';
import { POLL_SETTINGS, PollSettings } from './polling.settings';
import { PollIntegrationUseCase } from './usecases/poll-integration/poll-integration.usecase';

/** Polling of platform order lists: the scheduler, its cursors and the manual sync route. */
@Module({})
export class PollingModule {
  static forRoot(env: IntakeEnv): DynamicModule {
    const settings: PollSettings = {
      tickMs: env.POLL_TICK_MS,
      backoffBaseSeconds: env.POLL_BACKOFF_BASE_SECONDS,
      backoffMaxSeconds: env.POLL_BACKOFF_MAX_SECONDS,
      maxPages: env.POLL_MAX_PAGES,
      leaseMs: 5 * 60_000,
    };
    return {
      module: PollingModule,
      controllers: [PollingController],
      providers: [
        { provide: AdapterRegistry, useFactory: () => createDefaultRegistry() },
        { provide: POLL_PLATFORM_API, useFactory: (): PlatformApi => createPlatformApi(fetch) },
        { provide: POLL_SETTINGS, useValue: settings },
        { provide: SecretBox, useValue: new SecretBox(env.INTAKE_SECRETS_KEY) },
        IntegrationsRepository,
        DeliveriesRepository,
        ReceivedOrdersRepository,
        PollingRepository,
        PollIntegrationUseCase,
        PollScheduler,
      ],
      exports: [PollingRepository],
    };
  }
}
