import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import {
  AdapterRegistry,
  MalformedPayloadError,
  PlatformApi,
  PlatformApiError,
  RawWebhook,
} from '@hub/aggregators';
import { EventTransaction } from '@hub/messaging';
import { IntegrationsRepository } from '../../../integrations/integrations.repository';
import { ClaimedFetch, DeliveriesRepository } from '../../../orders/deliveries.repository';
import { ReceivedOrdersRepository } from '../../../orders/received-orders.repository';
import { orderReceivedEvents } from '../../delivery-events';
import { fetchRetryDelayMs } from '../../fetch-backoff';
import { setThinFetchCountsSource, thinFetchAttempts } from '../../webhooks.metrics';
import { PLATFORM_API } from '../../constants/platform-api.constant';

/** Injection token of the fetcher's settings (from THIN_FETCH_* in the environment). */
export const THIN_FETCH_SETTINGS = Symbol('THIN_FETCH_SETTINGS');

export interface ThinFetchSettings {
  maxAttempts: number;
  maxAgeMs: number;
  retryBaseMs: number;
  sweepMs: number;
  /** rows claimed per round */
  batchSize?: number;
  /** how long a claimed row is left to its claimer before another replica may take it */
  leaseMs?: number;
}

export type FetchResult = 'fetched' | 'retry' | 'needs_attention' | 'superseded';

/**
 * The other half of a thin event (Square, Uber Eats): the webhook path stored the delivery as
 * `awaiting_fetch` and answered; this fetches the order from the platform, maps it, and commits the
 * delivery as `stored` with its `intake.v1.order-received` in one transaction. Rows are claimed with
 * FOR UPDATE SKIP LOCKED and a lease, so replicas share the work and a crash only delays a fetch.
 * Woken at once after each stored thin event, and swept on a timer (which also resumes whatever a
 * restart left pending). A platform that is down is retried with jittered backoff; after
 * THIN_FETCH_MAX_ATTEMPTS attempts or THIN_FETCH_MAX_AGE_MINUTES, or at once for an answer that can
 * never succeed (4xx, an order that cannot be mapped), the delivery is kept as `needs_attention`.
 */
@Injectable()
export class FetchThinOrdersUseCase implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FetchThinOrdersUseCase.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly registry: AdapterRegistry,
    private readonly integrations: IntegrationsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly received: ReceivedOrdersRepository,
    private readonly tx: EventTransaction,
    @Inject(PLATFORM_API) private readonly api: PlatformApi,
    @Inject(THIN_FETCH_SETTINGS) private readonly settings: ThinFetchSettings,
  ) {}

  onApplicationBootstrap(): void {
    setThinFetchCountsSource(() => this.deliveries.fetchCounts());
    this.timer = setInterval(() => this.wake(), this.settings.sweepMs);
    this.timer.unref();
    this.wake(); // resume what a restart left pending
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    setThinFetchCountsSource(undefined);
    await this.running;
  }

  /** Runs a round now, or right after the one in progress; never throws. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch((error: Error) =>
        this.logger.warn(`thin-event fetch round failed, will sweep again: ${error.message}`),
      )
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Claims and fetches due thin events until none is due; returns how many it handled. */
  async drain(): Promise<number> {
    let handled = 0;
    for (;;) {
      const claimed = await this.deliveries.claimDueFetches(
        this.settings.batchSize ?? 10,
        this.settings.leaseMs ?? 60_000,
      );
      if (claimed.length === 0) return handled;
      await Promise.all(claimed.map((delivery) => this.fetchOne(delivery)));
      handled += claimed.length;
      if (this.stopped) return handled;
    }
  }

  private async fetchOne(delivery: ClaimedFetch): Promise<FetchResult> {
    const result = await this.attempt(delivery).catch(async (error: Error) => {
      // Postgres itself failed: leave the lease to expire and the row to be claimed again
      this.logger.warn(`thin-event fetch of delivery ${delivery.id} failed to record: ${error.message}`);
      return 'retry' as const;
    });
    thinFetchAttempts.inc({ platform: delivery.platform, outcome: result });
    return result;
  }

  private async attempt(delivery: ClaimedFetch): Promise<FetchResult> {
    const adapter = this.registry.find(delivery.platform);
    const integration = await this.integrations.findByVenue(delivery.venueId, delivery.platform);
    if (!adapter?.fetchOrders || !integration) {
      return this.giveUp(
        delivery,
        `no ${delivery.platform} adapter or integration for venue ${delivery.venueId} any more`,
      );
    }
    const webhook: RawWebhook = {
      platform: delivery.platform,
      headers: delivery.headers,
      rawBody: delivery.rawBody,
      url: '',
      receivedAt: delivery.receivedAt,
    };
    let orders;
    try {
      orders = await adapter.fetchOrders(webhook, integration.settings, this.api);
    } catch (error) {
      if (error instanceof PlatformApiError && error.retryable)
        return this.retryOrGiveUp(delivery, error.message);
      if (error instanceof PlatformApiError || error instanceof MalformedPayloadError) {
        return this.giveUp(delivery, error.message);
      }
      throw error;
    }
    const outcome = await this.tx.run(
      async ({ manager, emit }) => {
        const completed = await this.deliveries.completeFetch(manager, delivery.id);
        if (!completed) return false;
        // an order a poll (or another event) already brought is not announced twice
        const fresh = await this.received.claim(
          manager,
          delivery.platform,
          integration.venueId,
          orders.map((order) => order.externalId),
          delivery.id,
        );
        const news = orders.filter((order) => fresh.has(order.externalId));
        orderReceivedEvents(news, integration.venueId, delivery.id).forEach(emit);
        return true;
      },
      undefined,
      { publish: 'background' },
    );
    return !outcome.duplicate && outcome.result ? 'fetched' : 'superseded';
  }

  private async retryOrGiveUp(delivery: ClaimedFetch, error: string): Promise<FetchResult> {
    // counted from its receipt, or from the retry that re-queued it by hand
    const age = Date.now() - delivery.since.getTime();
    if (delivery.attempt >= this.settings.maxAttempts || age >= this.settings.maxAgeMs) {
      return this.giveUp(delivery, `gave up after ${delivery.attempt} attempts: ${error}`);
    }
    const delayMs = fetchRetryDelayMs(delivery.attempt, this.settings.retryBaseMs);
    await this.deliveries.retryFetchLater(delivery.id, delayMs, error);
    this.logger.warn(
      `${delivery.platform} order of delivery ${delivery.id} not fetched (attempt ${delivery.attempt}), retrying in ${delayMs} ms: ${error}`,
    );
    return 'retry';
  }

  private async giveUp(delivery: ClaimedFetch, error: string): Promise<FetchResult> {
    await this.deliveries.fetchNeedsAttention(delivery.id, error);
    this.logger.error(`${delivery.platform} delivery ${delivery.id} needs attention: ${error}`);
    return 'needs_attention';
  }
}
