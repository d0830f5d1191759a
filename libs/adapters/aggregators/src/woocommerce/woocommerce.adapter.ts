import { OrderStatus } from '@hub/order-model';
import type {
  AggregatorAdapter,
  IntegrationSettings,
  RawWebhook,
  WebhookOutcome,
} from '../core/aggregator-adapter';
import { hmacSha256, safeEqualBase64 } from '../core/crypto.util';
import { bodyDigest } from '../core/digest.util';
import { PayloadReader } from '../core/payload-reader.util';
import { validatePayload } from '../core/payload-validation.util';
import { StatusTable } from '../core/status-table.util';
import { header } from '../core/webhook.util';
import { mapWooOrder, mapWooStatusUpdate, WOOCOMMERCE } from './woocommerce.mapper';
import { WooOrderWebhookDto } from './woocommerce.webhook.dto';
import type {
  AvailabilityCallbackInput,
  CallbackPlan,
  PrepTimeInput,
  StatusCallbackBuilder,
  StatusCallbackInput,
  StoreControlInput,
} from '../core/status-callback';
import { unsupportedPrepTime, unsupportedStoreControl } from '../core/status-callback';
import { wooAvailabilityCallback, wooStatusCallback } from './woocommerce.status-callback';

/** The creation ping WooCommerce posts when a webhook is saved: form-encoded `webhook_id=<n>`, unsigned. */
const PING = /^webhook_id=\d+$/;

/**
 * WooCommerce: `X-WC-Webhook-Signature` is the base64 HMAC-SHA256 of the raw body with the webhook
 * secret. The body is PHP's compact JSON with `\/` escapes, so it is verified as received and never
 * re-serialised. The store is `X-WC-Webhook-Source` (the site URL).
 */
export class WooCommerceAdapter implements AggregatorAdapter, StatusCallbackBuilder {
  readonly platform = WOOCOMMERCE;

  private readonly statuses = new StatusTable(
    WOOCOMMERCE,
    {
      [OrderStatus.RECEIVED]: null,
      [OrderStatus.ACCEPTED]: 'processing',
      [OrderStatus.COMPLETED]: 'completed',
      [OrderStatus.REJECTED]: 'cancelled',
      [OrderStatus.CANCELLED]: 'cancelled',
      [OrderStatus.REFUNDED]: 'refunded',
    },
    {
      pending: OrderStatus.RECEIVED,
      'on-hold': OrderStatus.RECEIVED,
      processing: OrderStatus.ACCEPTED,
      completed: OrderStatus.COMPLETED,
      cancelled: OrderStatus.CANCELLED,
      refunded: OrderStatus.REFUNDED,
    },
  );

  canHandle(platform: string): boolean {
    return platform === WOOCOMMERCE;
  }

  /** The site URL, without trailing slashes and with a lower-case origin, so `https://Shop.example/` matches. */
  storeRefOf(webhook: RawWebhook): string | undefined {
    const source = header(webhook, 'x-wc-webhook-source');
    if (!source) return undefined;
    try {
      const url = new URL(source);
      return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
    } catch {
      return source.replace(/\/+$/, '');
    }
  }

  /**
   * True for a valid signature. Also true for the bare creation ping with no signature at all: it
   * carries nothing but the webhook's id and parses to `ignored`, and WooCommerce disables a hook
   * whose ping is not answered 2xx.
   */
  verifySignature(webhook: RawWebhook, integration: IntegrationSettings): boolean {
    if (!integration.secret) return false;
    const received = header(webhook, 'x-wc-webhook-signature');
    if (received === undefined) return this.isPing(webhook);
    return safeEqualBase64(received, hmacSha256(integration.secret, webhook.rawBody));
  }

  async parseWebhook(webhook: RawWebhook, integration: IntegrationSettings): Promise<WebhookOutcome> {
    if (this.isPing(webhook)) return { kind: 'ignored', reason: 'webhook creation ping' };
    const topic = header(webhook, 'x-wc-webhook-topic');
    const dedupeKey =
      header(webhook, 'x-wc-webhook-delivery-id', 'x-wc-delivery-id') ??
      `${topic ?? ''}:${bodyDigest(webhook.rawBody)}`;
    if (topic !== 'order.created' && topic !== 'order.updated') {
      return { kind: 'ignored', reason: `topic ${topic ?? '(none)'} is not used` };
    }
    const body = PayloadReader.parseJson(WOOCOMMERCE, webhook.rawBody);
    if (topic === 'order.updated') {
      const update = mapWooStatusUpdate(
        body.object(),
        (status) => this.toCanonicalStatus(status),
        webhook.receivedAt,
      );
      return { kind: 'status', dedupeKey, updates: [update] };
    }
    validatePayload(WOOCOMMERCE, WooOrderWebhookDto, body.value);
    return { kind: 'orders', dedupeKey, orders: [mapWooOrder(body, integration)] };
  }

  /** See `woocommerce.status-callback.ts`: the documented call for each status, or unsupported. */
  statusCallback(input: StatusCallbackInput, integration: IntegrationSettings): CallbackPlan | undefined {
    return wooStatusCallback(input, integration, this.mapStatus(input.status));
  }

  availabilityCallback(input: AvailabilityCallbackInput, integration: IntegrationSettings): CallbackPlan {
    return wooAvailabilityCallback(input, integration);
  }

  storeControlCallback(input: StoreControlInput, _integration: IntegrationSettings): CallbackPlan {
    return unsupportedStoreControl(this.platform, input.aspect);
  }

  prepTimeCallback(_input: PrepTimeInput, _integration: IntegrationSettings): CallbackPlan {
    return unsupportedPrepTime(this.platform);
  }

  mapStatus(status: OrderStatus): string | undefined {
    return this.statuses.toPlatformStatus(status);
  }

  toCanonicalStatus(platformStatus: string): OrderStatus | undefined {
    return this.statuses.toCanonical(platformStatus);
  }

  private isPing(webhook: RawWebhook): boolean {
    return webhook.rawBody.length < 64 && PING.test(webhook.rawBody.toString('utf8').trim());
  }
}
