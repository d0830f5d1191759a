import { OrderStatus } from '@hub/order-model';
import type {
  AggregatorAdapter,
  IntegrationSettings,
  OrderDraft,
  PlatformApi,
  RawWebhook,
  WebhookOutcome,
} from '../core/aggregator-adapter';
import { PlatformApiError } from '../core/adapter.errors';
import { hmacSha256, safeEqualHex } from '../core/crypto.util';
import { PayloadReader } from '../core/payload-reader.util';
import { validatePayload } from '../core/payload-validation.util';
import { StatusTable } from '../core/status-table.util';
import { header, peekJson, peekString } from '../core/webhook.util';
import { type ClientCredentials, UberTokenClient } from './ubereats-token.client';
import { mapUberOrder, UBEREATS } from './ubereats.mapper';
import { UberEventDto } from './ubereats.webhook.dto';
import type {
  AvailabilityCallbackInput,
  CallbackPlan,
  PrepTimeInput,
  StatusCallbackBuilder,
  StatusCallbackInput,
  StoreControlInput,
} from '../core/status-callback';
import {
  uberAvailabilityCallback,
  uberStatusCallback,
  uberStoreControlCallback,
  uberPrepTimeCallback,
} from './ubereats.status-callback';

const UBER_API = 'https://api.uber.com';
const UBER_TOKEN_URL = 'https://auth.uber.com/oauth/v2/token';
const ORDER_EVENTS = new Set(['orders.notification', 'orders.scheduled.notification']);
const CANCEL_EVENTS = new Set(['orders.cancel', 'orders.failure']);

export interface UberEatsAdapterOptions {
  /** the clock used for token expiry */
  now?: () => number;
}

/**
 * Uber Eats: `X-Uber-Signature` is the lowercase hex HMAC-SHA256 of the raw body with the app's
 * client secret (`integration.secret`). Order events are thin: they parse as `fetch`, and intake's fetcher
 * later gets the order from `resource_href` with an OAuth client-credentials token (`credentials.clientId`, cached until it
 * expires). Only Uber's API host, or `apiBaseUrl`, is ever called: the href's path is kept, its
 * host is not trusted. The store is `meta.user_id`.
 */
export class UberEatsAdapter implements AggregatorAdapter, StatusCallbackBuilder {
  readonly platform = UBEREATS;

  private readonly tokens: UberTokenClient;

  private readonly statuses = new StatusTable(
    UBEREATS,
    {
      [OrderStatus.RECEIVED]: null,
      [OrderStatus.ACCEPTED]: 'accept_pos_order',
      [OrderStatus.REJECTED]: 'deny_pos_order',
      [OrderStatus.READY]: 'ready',
      [OrderStatus.CANCELLED]: 'cancel',
    },
    {
      accept_pos_order: OrderStatus.ACCEPTED,
      deny_pos_order: OrderStatus.REJECTED,
      ready: OrderStatus.READY,
      cancel: OrderStatus.CANCELLED,
      CREATED: OrderStatus.RECEIVED,
      ACCEPTED: OrderStatus.ACCEPTED,
      DENIED: OrderStatus.REJECTED,
      FINISHED: OrderStatus.COMPLETED,
      CANCELED: OrderStatus.CANCELLED,
      'orders.cancel': OrderStatus.CANCELLED,
      'orders.failure': OrderStatus.CANCELLED,
    },
  );

  constructor(options: UberEatsAdapterOptions = {}) {
    this.tokens = new UberTokenClient(options.now);
  }

  canHandle(platform: string): boolean {
    return platform === UBEREATS;
  }

  storeRefOf(webhook: RawWebhook): string | undefined {
    return peekString(peekJson(webhook.rawBody), 'meta', 'user_id');
  }

  verifySignature(webhook: RawWebhook, integration: IntegrationSettings): boolean {
    if (!integration.secret) return false;
    return safeEqualHex(header(webhook, 'x-uber-signature'), hmacSha256(integration.secret, webhook.rawBody));
  }

  async parseWebhook(webhook: RawWebhook, _integration: IntegrationSettings): Promise<WebhookOutcome> {
    const body = PayloadReader.parseJson(UBEREATS, webhook.rawBody);
    const event = validatePayload(UBEREATS, UberEventDto, body.value);
    const dedupeKey = event.event_id;
    const occurredAt = body.at('event_time').isMissing
      ? webhook.receivedAt.toISOString()
      : body.at('event_time').unixSeconds();
    if (CANCEL_EVENTS.has(event.event_type)) {
      const externalId = body.get('meta.resource_id').nonEmpty();
      return {
        kind: 'status',
        dedupeKey,
        updates: [
          { externalId, platformStatus: event.event_type, status: OrderStatus.CANCELLED, occurredAt },
        ],
      };
    }
    if (!ORDER_EVENTS.has(event.event_type)) {
      return { kind: 'ignored', reason: `event type ${event.event_type} is not used` };
    }
    return { kind: 'fetch', dedupeKey, externalId: body.get('meta.resource_id').nonEmpty() };
  }

  /**
   * The order from `resource_href` (its path on Uber's API host) with a cached client-credentials
   * token; a 401 drops the token and retries once with a fresh one.
   */
  async fetchOrders(
    webhook: RawWebhook,
    integration: IntegrationSettings,
    api: PlatformApi,
  ): Promise<OrderDraft[]> {
    const body = PayloadReader.parseJson(UBEREATS, webhook.rawBody);
    const event = validatePayload(UBEREATS, UberEventDto, body.value);
    const orderId = body.get('meta.resource_id').nonEmpty();
    const order = await this.fetchOrder(
      api,
      integration,
      this.orderUrl(integration, orderId, event.resource_href),
    );
    return [mapUberOrder(PayloadReader.of(UBEREATS, order, 'order'), orderId, integration)];
  }

  /** See `ubereats.status-callback.ts`: the documented call for each status, or unsupported. */
  statusCallback(input: StatusCallbackInput, integration: IntegrationSettings): CallbackPlan | undefined {
    return uberStatusCallback(input, integration);
  }

  availabilityCallback(input: AvailabilityCallbackInput, integration: IntegrationSettings): CallbackPlan {
    return uberAvailabilityCallback(input, integration);
  }

  storeControlCallback(input: StoreControlInput, integration: IntegrationSettings): CallbackPlan {
    return uberStoreControlCallback(input, integration);
  }

  prepTimeCallback(input: PrepTimeInput, integration: IntegrationSettings): CallbackPlan {
    return uberPrepTimeCallback(input, integration);
  }

  mapStatus(status: OrderStatus): string | undefined {
    return this.statuses.toPlatformStatus(status);
  }

  toCanonicalStatus(platformStatus: string): OrderStatus | undefined {
    return this.statuses.toCanonical(platformStatus);
  }

  private async fetchOrder(
    api: PlatformApi,
    integration: IntegrationSettings,
    url: string,
  ): Promise<unknown> {
    const credentials = this.clientCredentials(integration);
    for (let attempt = 1; ; attempt++) {
      const token = await this.tokens.token(api, credentials);
      try {
        return await api.fetchJson(url, { headers: { authorization: `Bearer ${token}` } });
      } catch (error) {
        if (!(error instanceof PlatformApiError) || error.status !== 401) throw error;
        // the cached token was revoked or expired early: forget it, and try once with a fresh one
        this.tokens.forget(credentials);
        if (attempt >= 2) throw error;
      }
    }
  }

  /** The path of `resource_href` on Uber's API host (or `apiBaseUrl`), else the documented path for the id. */
  private orderUrl(integration: IntegrationSettings, orderId: string, resourceHref?: string): string {
    const base = (integration.apiBaseUrl ?? UBER_API).replace(/\/+$/, '');
    let path = `/v2/eats/order/${encodeURIComponent(orderId)}`;
    if (resourceHref) {
      try {
        const href = new URL(resourceHref);
        const trusted = href.origin === UBER_API || href.origin === new URL(base).origin;
        if (trusted && href.pathname.endsWith(`/${orderId}`)) path = href.pathname;
      } catch {
        // a malformed href: keep the documented path
      }
    }
    return `${base}${path}`;
  }

  private clientCredentials(integration: IntegrationSettings): ClientCredentials {
    const base = integration.apiBaseUrl?.replace(/\/+$/, '');
    return {
      tokenUrl: integration.credentials?.tokenUrl ?? (base ? `${base}/oauth/v2/token` : UBER_TOKEN_URL),
      clientId: integration.credentials?.clientId ?? '',
      clientSecret: integration.secret,
      scope: integration.credentials?.scope ?? 'eats.order',
    };
  }
}
