import { DynamicModule, Module } from '@nestjs/common';
import { AdapterRegistry, createDefaultRegistry } from '@hub/aggregators';
import { integrationSecretsKey, type StatusSyncEnv } from '../config/env.dto';
import { IntegrationsRepository } from '../integrations/integrations.repository';
import { SecretBox } from '@hub/secrets';
import type { JiraConfig } from '../jira/jira-issue';
import { NotificationsController } from '../notifications/notifications.controller';
import { NotificationsRepository } from '../notifications/notifications.repository';
import { CallbackPlans } from './callback-plans.service';
import { CallbackSender } from './callback-sender.service';
import { CallbackWorker, type WorkerOptions } from './callback-worker.service';
import { CallbacksController } from './callbacks.controller';
import { CallbacksHandlers } from './callbacks.handlers';
import { CallbacksRepository } from './callbacks.repository';
import { type BreakerSettings, CircuitBreakers } from './circuit-breaker';
import { BREAKER_SETTINGS } from './constants/breaker-settings.constant';
import { JIRA_CONFIG } from './constants/jira-config.constant';
import { RATE_LIMIT_SETTINGS } from './constants/rate-limit-settings.constant';
import { WORKER_OPTIONS } from './constants/worker-options.constant';
import { PlatformRateLimiter, type RateLimitSettings } from './rate-limiter';
import { EnqueueAvailabilityCallbacksUseCase } from './usecases/enqueue-availability-callbacks/enqueue-availability-callbacks.usecase';
import { EnqueuePrepTimeCallbacksUseCase } from './usecases/enqueue-prep-time-callbacks/enqueue-prep-time-callbacks.usecase';
import { EnqueueStatusCallbacksUseCase } from './usecases/enqueue-status-callbacks/enqueue-status-callbacks.usecase';
import { EnqueueStoreControlCallbacksUseCase } from './usecases/enqueue-store-control-callbacks/enqueue-store-control-callbacks.usecase';
import { ReplicateIntegrationUseCase } from './usecases/replicate-integration/replicate-integration.usecase';

function jiraConfig(env: StatusSyncEnv): JiraConfig | undefined {
  if (!env.JIRA_BASE_URL || !env.JIRA_EMAIL || !env.JIRA_API_TOKEN || !env.JIRA_PROJECT_KEY) return undefined;
  return {
    baseUrl: env.JIRA_BASE_URL,
    email: env.JIRA_EMAIL,
    apiToken: env.JIRA_API_TOKEN,
    projectKey: env.JIRA_PROJECT_KEY,
    issueType: env.JIRA_ISSUE_TYPE,
  };
}

/** Outbound callbacks: the jobs, their worker, the API that shows them, and the customer notification webhooks. */
@Module({})
export class CallbacksModule {
  static forRoot(env: StatusSyncEnv): DynamicModule {
    const jira = jiraConfig(env);
    const options: WorkerOptions = {
      pollMs: env.CALLBACK_POLL_MS,
      concurrency: env.CALLBACK_CONCURRENCY,
      leaseMs: env.CALLBACK_LEASE_MS,
      timeoutMs: env.CALLBACK_TIMEOUT_MS,
      backoffBaseMs: env.CALLBACK_BACKOFF_BASE_MS,
      backoffMaxMs: env.CALLBACK_BACKOFF_MAX_MS,
      maxAttempts: env.CALLBACK_MAX_ATTEMPTS,
      maxAgeMs: env.CALLBACK_MAX_AGE_MS,
      shutdownGraceMs: env.CALLBACK_SHUTDOWN_GRACE_MS,
      breakerThreshold: env.BREAKER_FAILURE_THRESHOLD,
      breakerWindowMs: env.BREAKER_WINDOW_MS,
      breakerCooldownMs: env.BREAKER_COOLDOWN_MS,
      jiraEnabled: jira !== undefined,
    };
    const breakers: BreakerSettings = {
      threshold: env.BREAKER_FAILURE_THRESHOLD,
      windowMs: env.BREAKER_WINDOW_MS,
      cooldownMs: env.BREAKER_COOLDOWN_MS,
      probeLeaseMs: env.CALLBACK_LEASE_MS,
    };
    const rateLimit: RateLimitSettings = {
      perSecond: env.PLATFORM_RATE_PER_SECOND,
      burst: env.PLATFORM_RATE_PER_SECOND,
    };
    return {
      module: CallbacksModule,
      controllers: [CallbacksController, CallbacksHandlers, NotificationsController],
      providers: [
        { provide: AdapterRegistry, useFactory: () => createDefaultRegistry() },
        { provide: SecretBox, useValue: new SecretBox(integrationSecretsKey(env)) },
        { provide: WORKER_OPTIONS, useValue: options },
        { provide: JIRA_CONFIG, useValue: jira },
        { provide: BREAKER_SETTINGS, useValue: breakers },
        CircuitBreakers,
        { provide: RATE_LIMIT_SETTINGS, useValue: rateLimit },
        PlatformRateLimiter,
        { provide: CallbackSender, useFactory: () => new CallbackSender(fetch) },
        IntegrationsRepository,
        NotificationsRepository,
        CallbacksRepository,
        CallbackPlans,
        CallbackWorker,
        EnqueueStatusCallbacksUseCase,
        EnqueueAvailabilityCallbacksUseCase,
        EnqueueStoreControlCallbacksUseCase,
        EnqueuePrepTimeCallbacksUseCase,
        ReplicateIntegrationUseCase,
      ],
    };
  }
}
