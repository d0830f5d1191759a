import { createHash } from 'node:crypto';
import {
  BadRequestException,
  HttpException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  AdapterRegistry,
  AggregatorAdapter,
  MalformedPayloadError,
  PlatformApi,
  PlatformApiError,
  PlatformStatusUpdate,
  RawWebhook,
  WebhookOutcome,
} from '@hub/aggregators';
import {
  createEnvelope,
  EventEnvelope,
  INTAKE_ORDER_RECEIVED_V1,
  INTAKE_STATUS_RECEIVED_V1,
  IntakeOrderReceivedV1,
  IntakeStatusReceivedV1,
  PlatformUpdate,
} from '@hub/contracts';
import { EventTransaction } from '@hub/messaging';
import { OrderStatus } from '@hub/order-model';
import { Integration, IntegrationsRepository } from '../../../integrations/integrations.repository';
import { DeliveriesRepository } from '../../../orders/deliveries.repository';
import { RateLimiter } from '../../rate-limiter';

/** Injection token of the client adapters fetch thin events' orders with. */
export const PLATFORM_API = Symbol('PLATFORM_API');

export interface WebhookReceipt {
  status: 'stored' | 'duplicate' | 'ignored';
  deliveryId?: string;
  reason?: string;
}

/** Signature and delivery headers kept with the raw body as evidence (never the Authorization header). */
const EVIDENCE_HEADER = /^(x-|toast-|content-type$|user-agent$)/;

const UPDATE_OF: Partial<Record<OrderStatus, PlatformUpdate>> = {
  [OrderStatus.CANCELLED]: 'cancelled',
  [OrderStatus.REJECTED]: 'cancelled',
  [OrderStatus.DISPATCHED]: 'picked_up',
  [OrderStatus.COMPLETED]: 'delivered',
};

export class RateLimitedException extends HttpException {
  constructor(platform: string) {
    super(`too many ${platform} deliveries for this integration; retry shortly`, 429);
  }
}

/**
 * A platform's webhook: find the adapter (404), the integration from the platform's store reference
 * (404), keep within its rate (429), verify the signature over the raw bytes (401), normalise (400
 * naming the problem, the delivery kept as needing attention), then commit the raw delivery, unique on
 * the platform's dedupe key, with its outbox events in one transaction before answering. A delivery
 * seen before answers as a duplicate and creates nothing.
 */
@Injectable()
export class ReceiveWebhookUseCase {
  private readonly logger = new Logger(ReceiveWebhookUseCase.name);

  constructor(
    private readonly registry: AdapterRegistry,
    private readonly integrations: IntegrationsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly tx: EventTransaction,
    private readonly limiter: RateLimiter,
    @Inject(PLATFORM_API) private readonly api: PlatformApi,
  ) {}

  async execute(webhook: RawWebhook): Promise<WebhookReceipt> {
    const adapter = this.registry.find(webhook.platform);
    if (!adapter)
      throw new NotFoundException(
        `unknown platform ${webhook.platform}; known: ${this.registry.platforms().join(', ')}`,
      );
    const storeRef = this.storeRefOf(adapter, webhook);
    const integration = await this.integrations.findByStoreRef(adapter.platform, storeRef);
    if (!integration) throw new NotFoundException(`no ${adapter.platform} integration for store ${storeRef}`);
    if (!this.limiter.take(integration.id)) throw new RateLimitedException(adapter.platform);
    if (!adapter.verifySignature(webhook, integration.settings)) {
      throw new UnauthorizedException(
        `the ${adapter.platform} signature is missing or does not match this integration's secret`,
      );
    }

    let outcome: WebhookOutcome;
    try {
      outcome = await adapter.parseWebhook(webhook, integration.settings, this.api);
    } catch (error) {
      if (error instanceof MalformedPayloadError) {
        await this.keepForAttention(webhook, integration, error.message);
        throw new BadRequestException(error.message);
      }
      if (error instanceof PlatformApiError) {
        // a thin event whose order we could not fetch: nothing is stored, the platform retries
        this.logger.warn(`${adapter.platform} API: ${error.message}`);
        throw new ServiceUnavailableException(
          `could not fetch the order from ${adapter.platform}; retry later`,
        );
      }
      throw error;
    }
    if (outcome.kind === 'ignored') return { status: 'ignored', reason: outcome.reason };
    return this.store(webhook, integration, outcome);
  }

  private storeRefOf(adapter: AggregatorAdapter, webhook: RawWebhook): string {
    let storeRef: string | undefined;
    try {
      storeRef = adapter.storeRefOf(webhook);
    } catch (error) {
      throw new BadRequestException(
        `cannot read the ${adapter.platform} store reference: ${(error as Error).message}`,
      );
    }
    if (!storeRef)
      throw new BadRequestException(`the ${adapter.platform} delivery does not say which store it is for`);
    return storeRef;
  }

  private async store(
    webhook: RawWebhook,
    integration: Integration,
    outcome: Exclude<WebhookOutcome, { kind: 'ignored' }>,
  ): Promise<WebhookReceipt> {
    const deliveryId = uuidv7();
    const meta = {
      venueId: integration.venueId,
      aggregateType: 'delivery',
      aggregateId: deliveryId,
      correlationId: deliveryId,
    };
    const events: EventEnvelope[] =
      outcome.kind === 'orders'
        ? outcome.orders.map((order) =>
            createEnvelope<IntakeOrderReceivedV1>(
              INTAKE_ORDER_RECEIVED_V1,
              { deliveryId, order: { ...order, source: { ...order.source, rawDeliveryId: deliveryId } } },
              meta,
            ),
          )
        : outcome.updates.flatMap((update) => this.statusEvent(update, integration, deliveryId, meta));
    const result = await this.tx.run(
      async ({ manager, emit }) => {
        const stored = await this.deliveries.insertWebhook(manager, {
          id: deliveryId,
          platform: integration.platform,
          venueId: integration.venueId,
          dedupeKey: outcome.dedupeKey,
          kind: outcome.kind === 'orders' ? 'order' : 'status',
          state: 'stored',
          rawBody: webhook.rawBody,
          headers: this.evidenceHeaders(webhook),
        });
        if (stored) events.forEach(emit);
        return stored;
      },
      undefined,
      { publish: 'background' },
    );
    const stored = !result.duplicate && result.result;
    return stored ? { status: 'stored', deliveryId } : { status: 'duplicate' };
  }

  private statusEvent(
    update: PlatformStatusUpdate,
    integration: Integration,
    deliveryId: string,
    meta: Parameters<typeof createEnvelope>[2],
  ): EventEnvelope[] {
    const kind = update.status ? UPDATE_OF[update.status] : undefined;
    if (!kind) return [];
    return [
      createEnvelope<IntakeStatusReceivedV1>(
        INTAKE_STATUS_RECEIVED_V1,
        {
          deliveryId,
          channel: integration.platform,
          venueId: integration.venueId,
          externalId: update.externalId,
          update: kind,
          ...(update.reason ? { reason: update.reason } : {}),
          at: update.occurredAt,
        },
        meta,
      ),
    ];
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
