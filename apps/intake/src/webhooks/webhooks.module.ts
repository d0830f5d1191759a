import { DynamicModule, Module } from '@nestjs/common';
import { DeliveriesController } from '../deliveries/deliveries.controller';
import { RetryDeliveryUseCase } from '../deliveries/usecases/retry-delivery/retry-delivery.usecase';
import { ShowDeliveryUseCase } from '../deliveries/usecases/show-delivery/show-delivery.usecase';
import { AdapterRegistry, createDefaultRegistry, createPlatformApi, PlatformApi } from '@hub/aggregators';
import type { IntakeEnv } from '../config/env.dto';
import { IntegrationsController } from '../integrations/integrations.controller';
import { IntegrationsRepository } from '../integrations/integrations.repository';
import { SecretBox } from '@hub/secrets';
import { DeliveriesRepository } from '../orders/deliveries.repository';
import { ReceivedOrdersRepository } from '../orders/received-orders.repository';
import { RateLimiter } from './rate-limiter';
import { PLATFORM_API } from './constants/platform-api.constant';
import {
  FetchThinOrdersUseCase,
  THIN_FETCH_SETTINGS,
  ThinFetchSettings,
} from './usecases/fetch-thin-orders/fetch-thin-orders.usecase';
import { ReceiveWebhookUseCase } from './usecases/receive-webhook/receive-webhook.usecase';
import { PUBLIC_URL, WebhooksController } from './webhooks.controller';

/**
 * Platform webhooks, the integrations they are verified against, and the deliveries they leave
 * (listed, shown and retried here, beside the fetcher a retried thin event wakes).
 */
@Module({})
export class WebhooksModule {
  static forRoot(env: IntakeEnv): DynamicModule {
    return {
      module: WebhooksModule,
      controllers: [WebhooksController, IntegrationsController, DeliveriesController],
      providers: [
        { provide: AdapterRegistry, useFactory: () => createDefaultRegistry() },
        { provide: PLATFORM_API, useFactory: (): PlatformApi => createPlatformApi(fetch) },
        { provide: RateLimiter, useValue: new RateLimiter(env.WEBHOOK_RATE_PER_MINUTE) },
        { provide: SecretBox, useValue: new SecretBox(env.INTAKE_SECRETS_KEY) },
        { provide: PUBLIC_URL, useValue: env.INTAKE_PUBLIC_URL },
        IntegrationsRepository,
        DeliveriesRepository,
        ReceivedOrdersRepository,
        {
          provide: THIN_FETCH_SETTINGS,
          useValue: {
            maxAttempts: env.THIN_FETCH_MAX_ATTEMPTS,
            maxAgeMs: env.THIN_FETCH_MAX_AGE_MINUTES * 60_000,
            retryBaseMs: env.THIN_FETCH_RETRY_BASE_MS,
            sweepMs: env.THIN_FETCH_SWEEP_MS,
          } satisfies ThinFetchSettings,
        },
        FetchThinOrdersUseCase,
        ReceiveWebhookUseCase,
        ShowDeliveryUseCase,
        RetryDeliveryUseCase,
      ],
    };
  }
}
