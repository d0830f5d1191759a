import { OrderStatus } from '@hub/order-model';
import { AdapterCapabilityUnsupported } from '../core/adapter.errors';
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
import { GLORIAFOOD, mapGloriaFoodOrder, mapGloriaFoodStatus } from './gloriafood.mapper';
import { GloriaFoodPushDto } from './gloriafood.webhook.dto';
import type {
  AvailabilityCallbackInput,
  CallbackPlan,
  StatusCallbackBuilder,
  StatusCallbackInput,
} from '../core/status-callback';

/**
 * GloriaFood Accepted Orders push (API v2). No HMAC: the account's static master key arrives in
 * `Authorization` and is compared timing-safe; it authenticates the sender, not the body. Each
 * order's `restaurant_key` picks the store. Orders arrive accepted, and GloriaFood takes no status
 * callbacks, so every canonical status is unsupported.
 */
export class GloriaFoodAdapter implements AggregatorAdapter, StatusCallbackBuilder {
  readonly platform = GLORIAFOOD;

  private readonly statuses = new StatusTable(
    GLORIAFOOD,
    {},
    {
      pending: OrderStatus.RECEIVED,
      accepted: OrderStatus.ACCEPTED,
      rejected: OrderStatus.REJECTED,
      missed: OrderStatus.REJECTED,
      timed_out: OrderStatus.REJECTED,
      canceled: OrderStatus.CANCELLED,
    },
  );

  canHandle(platform: string): boolean {
    return platform === GLORIAFOOD;
  }

  storeRefOf(webhook: RawWebhook): string | undefined {
    const body = peekJson(webhook.rawBody);
    if (body === null || typeof body !== 'object') return undefined;
    const orders = (body as { orders?: unknown }).orders;
    return Array.isArray(orders) ? peekString(orders[0], 'restaurant_key') : undefined;
  }

  verifySignature(webhook: RawWebhook, integration: IntegrationSettings): boolean {
    if (!integration.secret) return false;
    return safeEqualText(header(webhook, 'authorization'), integration.secret);
  }

  async parseWebhook(webhook: RawWebhook, integration: IntegrationSettings): Promise<WebhookOutcome> {
    const body = PayloadReader.parseJson(GLORIAFOOD, webhook.rawBody);
    validatePayload(GLORIAFOOD, GloriaFoodPushDto, body.value);
    const all = body.at('orders').array();
    const ours = all.filter((order) => order.at('restaurant_key').string() === integration.storeRef);
    const otherStoreRefs = [...new Set(all.map((order) => order.at('restaurant_key').string()))].filter(
      (storeRef) => storeRef !== integration.storeRef,
    );
    if (ours.length === 0) {
      return {
        kind: 'ignored',
        reason: `no order for restaurant ${integration.storeRef} (only ${otherStoreRefs.join(', ')})`,
      };
    }
    const dedupeKey = ours
      .map((order) => `${order.at('id').nonEmpty()}:${order.at('pos_system_id').text() ?? ''}`)
      .sort()
      .join(',');
    // The push carries accepted orders; a push with none (all cancelled or missed) is read as status.
    const accepted = ours.filter((order) => (order.at('status').text() ?? 'accepted') === 'accepted');
    if (accepted.length === 0) {
      const updates = ours.map((order) =>
        mapGloriaFoodStatus(
          order,
          order.at('status').nonEmpty(),
          (status) => this.toCanonicalStatus(status),
          webhook.receivedAt,
        ),
      );
      return { kind: 'status', dedupeKey, updates };
    }
    const orders = accepted.map((order) => mapGloriaFoodOrder(order, integration));
    return otherStoreRefs.length > 0
      ? { kind: 'orders', dedupeKey, orders, otherStoreRefs }
      : { kind: 'orders', dedupeKey, orders };
  }

  /** GloriaFood pushes orders already accepted and takes no status or availability callbacks: every status callback is unsupported. */
  statusCallback(input: StatusCallbackInput, _integration: IntegrationSettings): CallbackPlan | undefined {
    throw AdapterCapabilityUnsupported.status(GLORIAFOOD, input.status);
  }

  availabilityCallback(_input: AvailabilityCallbackInput, _integration: IntegrationSettings): CallbackPlan {
    throw new AdapterCapabilityUnsupported(GLORIAFOOD, 'push item availability');
  }

  mapStatus(status: OrderStatus): string | undefined {
    return this.statuses.toPlatformStatus(status);
  }

  toCanonicalStatus(platformStatus: string): OrderStatus | undefined {
    return this.statuses.toCanonical(platformStatus);
  }
}
