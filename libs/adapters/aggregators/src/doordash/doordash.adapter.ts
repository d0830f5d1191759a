import { OrderStatus } from '@hub/order-model';
import type {
  AggregatorAdapter,
  IntegrationSettings,
  RawWebhook,
  WebhookOutcome,
} from '../core/aggregator-adapter';
import { safeEqualText } from '../core/crypto.util';
import { PayloadReader } from '../core/payload-reader.util';
import { validatePayload } from '../core/payload-validation.util';
import { StatusTable } from '../core/status-table.util';
import { header, peekJson, peekString } from '../core/webhook.util';
import { DOORDASH, mapDoorDashCancellation, mapDoorDashOrder } from './doordash.mapper';
import { DoorDashOrderDto } from './doordash.webhook.dto';
import type {
  AvailabilityCallbackInput,
  CallbackPlan,
  PrepTimeInput,
  StatusCallbackBuilder,
  StatusCallbackInput,
  StoreControlInput,
} from '../core/status-callback';
import { unsupportedPrepTime } from '../core/status-callback';
import {
  doorDashAvailabilityCallback,
  doorDashStatusCallback,
  doorDashStoreControlCallback,
} from './doordash.status-callback';

/**
 * DoorDash Marketplace: the webhook carries the auth token configured in the Developer Portal, as
 * `Authorization: Bearer <token>` or, per integration (`credentials.authScheme = "basic"`), Basic
 * with `user:password` as the secret; compared timing-safe. It authenticates the sender, not the
 * body. The store is `store.merchant_supplied_id`; the order id is the dedupe key. Orders are
 * confirmed with `order_status` "success" or "fail".
 */
export class DoorDashAdapter implements AggregatorAdapter, StatusCallbackBuilder {
  readonly platform = DOORDASH;

  private readonly statuses = new StatusTable(
    DOORDASH,
    { [OrderStatus.RECEIVED]: null, [OrderStatus.ACCEPTED]: 'success', [OrderStatus.REJECTED]: 'fail' },
    { success: OrderStatus.ACCEPTED, fail: OrderStatus.REJECTED, cancelled: OrderStatus.CANCELLED },
  );

  canHandle(platform: string): boolean {
    return platform === DOORDASH;
  }

  storeRefOf(webhook: RawWebhook): string | undefined {
    const body = peekJson(webhook.rawBody);
    return (
      peekString(body, 'store', 'merchant_supplied_id') ??
      peekString(body, 'order', 'store', 'merchant_supplied_id')
    );
  }

  verifySignature(webhook: RawWebhook, integration: IntegrationSettings): boolean {
    if (!integration.secret) return false;
    const expected =
      integration.credentials?.authScheme?.toLowerCase() === 'basic'
        ? `Basic ${Buffer.from(integration.secret, 'utf8').toString('base64')}`
        : `Bearer ${integration.secret}`;
    return safeEqualText(header(webhook, 'authorization'), expected);
  }

  async parseWebhook(webhook: RawWebhook, integration: IntegrationSettings): Promise<WebhookOutcome> {
    const body = PayloadReader.parseJson(DOORDASH, webhook.rawBody).object();
    const eventType = body.get('event.type').text();
    const order = body.at('order').isMissing ? body : body.at('order');
    if (eventType && /cancel/i.test(eventType)) {
      const update = mapDoorDashCancellation(order, webhook.receivedAt);
      return { kind: 'status', dedupeKey: `${update.externalId}:cancel`, updates: [update] };
    }
    if (eventType && eventType !== 'OrderCreate') {
      return { kind: 'ignored', reason: `event type ${eventType} is not used` };
    }
    validatePayload(DOORDASH, DoorDashOrderDto, order.value, order.path);
    const draft = mapDoorDashOrder(order, integration, webhook.receivedAt);
    return { kind: 'orders', dedupeKey: draft.externalId, orders: [draft] };
  }

  /** See `doordash.status-callback.ts`: the documented call for each status, or unsupported. */
  statusCallback(input: StatusCallbackInput, integration: IntegrationSettings): CallbackPlan | undefined {
    return doorDashStatusCallback(input, integration);
  }

  availabilityCallback(input: AvailabilityCallbackInput, _integration: IntegrationSettings): CallbackPlan {
    return doorDashAvailabilityCallback(input);
  }

  storeControlCallback(input: StoreControlInput, integration: IntegrationSettings): CallbackPlan {
    return doorDashStoreControlCallback(input, integration);
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
