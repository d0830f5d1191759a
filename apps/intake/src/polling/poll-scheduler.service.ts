import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import {
  AdapterRegistry,
  MalformedPayloadError,
  PlatformApiError,
  PollerConfigError,
} from '@hub/aggregators';
import { pollFailures, pollRuns } from './polling.metrics';
import { LeasedPoll, PollingRepository } from './polling.repository';
import { pollBackoffSeconds, POLL_SETTINGS, PollSettings } from './polling.settings';
import { PollIntegrationCommand } from './usecases/poll-integration/poll-integration.command';
import {
  PollIntegrationUseCase,
  PollLeaseLostError,
  PollNotPossibleError,
  PollResult,
} from './usecases/poll-integration/poll-integration.usecase';

/** Integrations leased per tick; the rest are due at the next one. */
const BATCH = 10;

export type PollOutcome = { ok: true; result: PollResult } | { ok: false; error: Error; retryAt: Date };

function reasonOf(error: Error): string {
  if (error instanceof PlatformApiError) return 'api';
  if (error instanceof PollerConfigError || error instanceof PollNotPossibleError) return 'config';
  if (error instanceof MalformedPayloadError) return 'malformed';
  if (error instanceof PollLeaseLostError) return 'lease';
  return 'error';
}

/**
 * Polls every integration that has a `pollIntervalSeconds` and a platform that can be polled, each
 * at its own interval, from its cursor in Postgres. Every tick it leases the due integrations (FOR
 * UPDATE SKIP LOCKED, so several intake replicas share them and never poll one twice at once),
 * polls them one after the other and schedules the next poll: the interval after a success, a
 * doubling backoff after a failure, which is counted (`hub_intake_poll_failures_total`), logged
 * without secrets and kept on the integration (`GET .../integrations` → `polling.lastError`).
 */
@Injectable()
export class PollScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PollScheduler.name);
  /** this process's lease owner name */
  readonly owner = `intake-${randomUUID()}`;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;

  constructor(
    private readonly registry: AdapterRegistry,
    private readonly polling: PollingRepository,
    private readonly pollIntegration: PollIntegrationUseCase,
    @Inject(POLL_SETTINGS) private readonly settings: PollSettings,
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.tickMs <= 0) return;
    const loop = (): void => {
      if (this.stopped) return;
      this.running = this.tick().catch((error: Error) => {
        this.logger.warn(`poll tick failed, next tick retries: ${error.message}`);
        return 0;
      });
      void this.running.finally(() => {
        if (!this.stopped) {
          this.timer = setTimeout(loop, this.settings.tickMs);
          this.timer.unref();
        }
      });
    };
    this.timer = setTimeout(loop, 0);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Polls what is due at `now`; returns how many integrations were polled. */
  async tick(now: Date = new Date()): Promise<number> {
    const platforms = this.registry.pollablePlatforms();
    await this.polling.ensureCursors(platforms, now);
    const due = await this.polling.leaseDue(
      this.owner,
      platforms,
      now,
      new Date(now.getTime() + this.settings.leaseMs),
      BATCH,
    );
    for (const poll of due) {
      if (this.stopped) break;
      await this.run(poll, now, 'schedule');
    }
    return due.length;
  }

  /** Polls one leased integration and records the outcome; never throws for a failed poll. */
  async run(poll: LeasedPoll, now: Date, trigger: 'schedule' | 'manual'): Promise<PollOutcome> {
    try {
      const result = await this.pollIntegration.execute(
        PollIntegrationCommand.create(poll, this.owner, now, trigger),
      );
      const interval = poll.pollIntervalSeconds ?? 0;
      // more pages than one poll takes: go on at the next tick rather than after a full interval
      const nextPollAt = new Date(now.getTime() + (result.more ? 0 : interval * 1000));
      await this.polling.succeeded(poll.integrationId, this.owner, now, nextPollAt);
      pollRuns.inc({ platform: poll.platform, trigger, outcome: 'success' });
      return { ok: true, result };
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      const failures = poll.consecutiveFailures + 1;
      const retryAt = new Date(now.getTime() + pollBackoffSeconds(failures, this.settings) * 1000);
      await this.polling.failed(poll.integrationId, this.owner, now, retryAt, error.message);
      pollRuns.inc({ platform: poll.platform, trigger, outcome: 'failure' });
      pollFailures.inc({ platform: poll.platform, reason: reasonOf(error) });
      // the message names the platform, the URL and the status: never the credentials (they travel in headers)
      this.logger.warn(
        `${poll.platform} poll of venue ${poll.venueId} failed (${failures} in a row), retrying at ${retryAt.toISOString()}: ${error.message}`,
      );
      return { ok: false, error, retryAt };
    }
  }

  /** Leases one integration now (manual sync); null when another process is polling it. */
  leaseNow(integrationId: string, now: Date): Promise<LeasedPoll | null> {
    return this.polling.leaseNow(
      integrationId,
      this.owner,
      now,
      new Date(now.getTime() + this.settings.leaseMs),
    );
  }
}
