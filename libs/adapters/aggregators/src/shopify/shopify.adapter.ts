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
import { mapShopifyCancellation, mapShopifyOrder, mapShopifyPaid, SHOPIFY } from './shopify.mapper';
import { ShopifyOrderWebhookDto } from './shopify.webhook.dto';
import type {
  AvailabilityCallbackInput,
  CallbackPlan,
  PrepTimeInput,
  StatusCallbackBuilder,
  StatusCallbackInput,
  StoreControlInput,
} from '../core/status-callback';
import { unsupportedPrepTime, unsupportedStoreControl } from '../core/status-callback';
import { shopifyAvailabilityCallback, shopifyStatusCallback } from './shopify.status-callback';

/**
 * Shopify: `X-Shopify-Hmac-Sha256` is the base64 HMAC-SHA256 of the raw body with the app's client
 * secret; the shop is in `X-Shopify-Shop-Domain`. Newer deliveries may drop the `X-` prefix, so
 * both spellings are read. Status goes back through fulfillments and order close/cancel.
 */
export class ShopifyAdapter implements AggregatorAdapter, StatusCallbackBuilder {
  readonly platform = SHOPIFY;

  private readonly statuses = new StatusTable(
    SHOPIFY,
    {
      [OrderStatus.RECEIVED]: null,
      [OrderStatus.DISPATCHED]: 'fulfilled',
      [OrderStatus.COMPLETED]: 'closed',
      [OrderStatus.CANCELLED]: 'cancelled',
      [OrderStatus.REFUNDED]: 'refunded',
    },
    {
      fulfilled: OrderStatus.DISPATCHED,
      closed: OrderStatus.COMPLETED,
      cancelled: OrderStatus.CANCELLED,
      refunded: OrderStatus.REFUNDED,
    },
  );

  canHandle(platform: string): boolean {
    return platform === SHOPIFY;
  }

  storeRefOf(webhook: RawWebhook): string | undefined {
    return header(webhook, 'x-shopify-shop-domain', 'shopify-shop-domain')?.toLowerCase();
  }

  verifySignature(webhook: RawWebhook, integration: IntegrationSettings): boolean {
    if (!integration.secret) return false;
    const received = header(webhook, 'x-shopify-hmac-sha256', 'shopify-hmac-sha256');
    return safeEqualBase64(received, hmacSha256(integration.secret, webhook.rawBody));
  }

  async parseWebhook(webhook: RawWebhook, integration: IntegrationSettings): Promise<WebhookOutcome> {
    const topic = header(webhook, 'x-shopify-topic', 'shopify-topic');
    const dedupeKey =
      header(webhook, 'x-shopify-webhook-id', 'shopify-webhook-id') ?? bodyDigest(webhook.rawBody);
    if (topic !== 'orders/create' && topic !== 'orders/cancelled' && topic !== 'orders/paid') {
      return { kind: 'ignored', reason: `topic ${topic ?? '(none)'} is not used` };
    }
    const body = PayloadReader.parseJson(SHOPIFY, webhook.rawBody);
    if (topic === 'orders/cancelled') {
      return {
        kind: 'status',
        dedupeKey,
        updates: [mapShopifyCancellation(body.object(), webhook.receivedAt)],
      };
    }
    if (topic === 'orders/paid') {
      return { kind: 'status', dedupeKey, updates: [mapShopifyPaid(body.object(), webhook.receivedAt)] };
    }
    validatePayload(SHOPIFY, ShopifyOrderWebhookDto, body.value);
    return { kind: 'orders', dedupeKey, orders: [mapShopifyOrder(body, integration)] };
  }

  /** See `shopify.status-callback.ts`: the documented call for each status, or unsupported. */
  statusCallback(input: StatusCallbackInput, integration: IntegrationSettings): CallbackPlan | undefined {
    return shopifyStatusCallback(input, integration);
  }

  availabilityCallback(input: AvailabilityCallbackInput, _integration: IntegrationSettings): CallbackPlan {
    return shopifyAvailabilityCallback(input);
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
}
