import { createHash } from 'node:crypto';
import {
  BadRequestException,
  HttpException,
  Injectable,
  Logger,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  AdapterRegistry,
  AggregatorAdapter,
  MalformedPayloadError,
  RawWebhook,
  WebhookOutcome,
} from '@hub/aggregators';
import { EventTransaction } from '@hub/messaging';
import { Integration, IntegrationsRepository } from '../../../integrations/integrations.repository';
import { ReceivedOrdersRepository } from '../../../orders/received-orders.repository';
import { DeliveriesRepository, DeliveryState } from '../../../orders/deliveries.repository';
import { freshEvents, PlannedDelivery, planDeliveries } from '../../delivery-plan';
import { RateLimiter } from '../../rate-limiter';
import { unknownStores } from '../../webhooks.metrics';
import { FetchThinOrdersUseCase } from '../fetch-thin-orders/fetch-thin-orders.usecase';

export interface WebhookReceipt {
  status: 'stored' | 'duplicate' | 'ignored';
  /** the (first) delivery stored */
  deliveryId?: string;
  /** every delivery stored, when one push carried several orders (GloriaFood) */
  deliveryIds?: string[];
  reason?: string;
}

/** Signature and delivery headers kept with the raw body as evidence (never the Authorization header). */
const EVIDENCE_HEADER = /^(x-|toast-|content-type$|user-agent$)/;

export class RateLimitedException extends HttpException {
  constructor(platform: string) {
    super(`too many ${platform} deliveries for this integration; retry shortly`, 429);
  }
}

/**
 * A platform's webhook: find the adapter (404), the integration(s) from the platform's store
 * reference(s) (404), keep within each one's rate (429), verify the signature over the raw bytes
 * (401), normalise (400 naming the problem, the delivery kept as needing attention), then commit the
 * raw delivery, unique on the platform's dedupe key, with its outbox events in one transaction
 * before answering. It waits on nothing but Postgres: a thin event (Square, Uber Eats) is stored as
 * `awaiting_fetch` and its order fetched afterwards by FetchThinOrdersUseCase, woken after commit.
 * A delivery seen before answers as a duplicate and creates nothing.
 *
 * A push that spans stores (GloriaFood) is parsed once per known store, each order its own delivery
 * under its own dedupe key. When one of its stores has no integration, the orders of the known
 * stores are stored and the answer is 404 naming the unknown store: the missing integration is
 * reported rather than hidden behind a 200, and when the push comes again the known stores' orders
 * answer as duplicates while the newly connected store's are stored (whether GloriaFood retries a
 * non-2xx push is not stated in its docs; see the README).
 */
@Injectable()
export class ReceiveWebhookUseCase {
  private readonly logger = new Logger(ReceiveWebhookUseCase.name);

  constructor(
    private readonly registry: AdapterRegistry,
    private readonly integrations: IntegrationsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly received: ReceivedOrdersRepository,
    private readonly tx: EventTransaction,
    private readonly limiter: RateLimiter,
    private readonly fetcher: FetchThinOrdersUseCase,
  ) {}

  /** The answer body: the adapter's own shape where the platform expects one (Google), else the receipt. */
  async answer(webhook: RawWebhook): Promise<unknown> {
    const adapter = this.adapterOf(webhook);
    const receipt = await this.execute(webhook);
    return adapter.acknowledge ? adapter.acknowledge(receipt, webhook) : receipt;
  }

  async execute(webhook: RawWebhook): Promise<WebhookReceipt> {
    const adapter = this.adapterOf(webhook);
    const storeRefs = this.storeRefsOf(adapter, webhook);
    const found = await Promise.all(
      storeRefs.map((storeRef) => this.integrations.findByStoreRef(adapter.platform, storeRef)),
    );
    const known = found.filter((integration): integration is Integration => integration !== null);
    const unknown = storeRefs.filter((_, index) => found[index] === null);
    if (known.length === 0) {
      throw new NotFoundException(`no ${adapter.platform} integration for store ${unknown.join(', ')}`);
    }
    for (const integration of known)
      if (!this.limiter.take(integration.id)) throw new RateLimitedException(adapter.platform);
    for (const integration of known) {
      if (!(await adapter.verifySignature(webhook, integration.settings))) {
        throw new UnauthorizedException(
          `the ${adapter.platform} signature is missing or does not match this integration's secret`,
        );
      }
    }

    const outcomes: Array<{ integration: Integration; outcome: WebhookOutcome }> = [];
    for (const integration of known) {
      try {
        outcomes.push({ integration, outcome: await adapter.parseWebhook(webhook, integration.settings) });
      } catch (error) {
        if (error instanceof MalformedPayloadError) {
          await this.keepForAttention(webhook, integration, error.message);
          throw new BadRequestException(error.message);
        }
        throw error;
      }
    }
    const receipt = await this.store(webhook, outcomes);
    if (unknown.length > 0) {
      unknownStores.inc({ platform: adapter.platform }, unknown.length);
      this.logger.warn(
        `${adapter.platform} delivery names stores with no integration: ${unknown.join(', ')}`,
      );
      const kept =
        receipt.status === 'ignored'
          ? 'nothing'
          : `${receipt.status} the orders of ${known.length} known store(s)`;
      throw new NotFoundException(
        `no ${adapter.platform} integration for store ${unknown.join(', ')}; ${kept}; retry once it is connected`,
      );
    }
    return receipt;
  }

  private adapterOf(webhook: RawWebhook): AggregatorAdapter {
    const adapter = this.registry.find(webhook.platform);
    if (!adapter)
      throw new NotFoundException(
        `unknown platform ${webhook.platform}; known: ${this.registry.platforms().join(', ')}`,
      );
    return adapter;
  }

  private storeRefsOf(adapter: AggregatorAdapter, webhook: RawWebhook): string[] {
    let storeRefs: string[];
    try {
      const one = adapter.storeRefOf(webhook);
      storeRefs = adapter.storeRefsOf ? adapter.storeRefsOf(webhook) : one ? [one] : [];
    } catch (error) {
      throw new BadRequestException(
        `cannot read the ${adapter.platform} store reference: ${(error as Error).message}`,
      );
    }
    if (storeRefs.length === 0)
      throw new BadRequestException(`the ${adapter.platform} delivery does not say which store it is for`);
    return storeRefs;
  }

  private async store(
    webhook: RawWebhook,
    outcomes: Array<{ integration: Integration; outcome: WebhookOutcome }>,
  ): Promise<WebhookReceipt> {
    const planned = outcomes.flatMap(({ integration, outcome }) => planDeliveries(integration, outcome));
    if (planned.length === 0) {
      const reasons = outcomes.map(({ outcome }) => (outcome.kind === 'ignored' ? outcome.reason : ''));
      return { status: 'ignored', reason: reasons.filter(Boolean).join('; ') };
    }
    const result = await this.tx.run(
      async ({ manager, emit }) => {
        const stored: Array<{ id: string; state: DeliveryState }> = [];
        for (const delivery of planned) {
          const newId = uuidv7();
          const fresh = delivery.orderIds
            ? await this.received.claim(
                manager,
                delivery.integration.platform,
                delivery.integration.venueId,
                delivery.orderIds,
                newId,
              )
            : undefined;
          // every order of it came before, by another delivery or a poll: nothing new
          if (fresh?.size === 0) continue;
          const id = await this.insert(manager, webhook, delivery, newId);
          if (!id) continue;
          freshEvents(delivery, id, fresh).forEach(emit);
          stored.push({ id, state: delivery.state });
        }
        return stored;
      },
      undefined,
      { publish: 'background' },
    );
    const stored = result.duplicate ? [] : result.result;
    if (stored.some((delivery) => delivery.state === 'awaiting_fetch')) this.fetcher.wake();
    if (stored.length === 0) return { status: 'duplicate' };
    return stored.length === 1
      ? { status: 'stored', deliveryId: stored[0].id }
      : { status: 'stored', deliveryId: stored[0].id, deliveryIds: stored.map((delivery) => delivery.id) };
  }

  /** Inserts one delivery row; its id, or undefined when its dedupe key was seen before. */
  private async insert(
    manager: EntityManager,
    webhook: RawWebhook,
    delivery: PlannedDelivery,
    id: string,
  ): Promise<string | undefined> {
    const inserted = await this.deliveries.insertWebhook(manager, {
      id,
      platform: delivery.integration.platform,
      venueId: delivery.integration.venueId,
      dedupeKey: delivery.dedupeKey,
      kind: delivery.kind,
      state: delivery.state,
      rawBody: webhook.rawBody,
      headers: this.evidenceHeaders(webhook),
    });
    return inserted ? id : undefined;
  }

  /** An authenticated delivery we cannot normalise is kept, never dropped, and listed as needing attention. */
  private async keepForAttention(
    webhook: RawWebhook,
    integration: Integration,
    error: string,
  ): Promise<void> {
    await this.tx.run(async ({ manager }) => {
      await this.deliveries.insertWebhook(manager, {
        id: uuidv7(),
        platform: integration.platform,
        venueId: integration.venueId,
        dedupeKey: `raw:${createHash('sha256').update(webhook.rawBody).digest('hex')}`,
        kind: 'unparsed',
        state: 'needs_attention',
        error: error.slice(0, 2000),
        rawBody: webhook.rawBody,
        headers: this.evidenceHeaders(webhook),
      });
    });
  }

  private evidenceHeaders(webhook: RawWebhook): Record<string, string | undefined> {
    return Object.fromEntries(Object.entries(webhook.headers).filter(([name]) => EVIDENCE_HEADER.test(name)));
  }
}
