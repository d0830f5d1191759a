import { OrderStatus } from '@hub/order-model';
import { AdapterCapabilityUnsupported } from '../core/adapter.errors';
import type {
  AggregatorAdapter,
  BatchEntry,
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
  PrepTimeInput,
  StatusCallbackBuilder,
  StatusCallbackInput,
  StoreControlInput,
} from '../core/status-callback';
import { unsupportedPrepTime, unsupportedStoreControl } from '../core/status-callback';

/**
 * GloriaFood Accepted Orders push (API v2). No HMAC: the account's static master key arrives in
 * `Authorization` and is compared timing-safe; it authenticates the sender, not the body. One push
 * may carry orders of several restaurants: each order's `restaurant_key` picks its store, and each
 * order is its own batch entry. Orders arrive accepted, and GloriaFood takes no status
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
    return this.storeRefsOf(webhook)[0];
  }

  /** Every `restaurant_key` in the push, in order of first appearance. */
  storeRefsOf(webhook: RawWebhook): string[] {
    const body = peekJson(webhook.rawBody);
    if (body === null || typeof body !== 'object') return [];
    const orders = (body as { orders?: unknown }).orders;
    if (!Array.isArray(orders)) return [];
    const refs = orders.map((order) => peekString(order, 'restaurant_key'));
    return [...new Set(refs.filter((ref): ref is string => ref !== undefined))];
  }

  verifySignature(webhook: RawWebhook, integration: IntegrationSettings): boolean {
    if (!integration.secret) return false;
    return safeEqualText(header(webhook, 'authorization'), integration.secret);
  }

  /**
   * A push is a batch: each order of this integration's restaurant is its own entry, deduplicated
   * on its own id and status (a later push of the same order cancelled is a new entry). An accepted
   * order is an order; any other status is a status update.
   */
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
    const entries: BatchEntry[] = ours.map((order) => {
      const status = order.at('status').text() ?? 'accepted';
      const dedupeKey = `${order.at('id').nonEmpty()}:${status}`;
      if (status === 'accepted') return { dedupeKey, order: mapGloriaFoodOrder(order, integration) };
      return {
        dedupeKey,
        update: mapGloriaFoodStatus(order, status, (s) => this.toCanonicalStatus(s), webhook.receivedAt),
      };
    });
    return otherStoreRefs.length > 0
      ? { kind: 'batch', entries, otherStoreRefs }
      : { kind: 'batch', entries };
  }

  /** GloriaFood pushes orders already accepted and takes no status or availability callbacks: every status callback is unsupported. */
  statusCallback(input: StatusCallbackInput, _integration: IntegrationSettings): CallbackPlan | undefined {
    throw AdapterCapabilityUnsupported.status(GLORIAFOOD, input.status);
  }

  availabilityCallback(_input: AvailabilityCallbackInput, _integration: IntegrationSettings): CallbackPlan {
    throw new AdapterCapabilityUnsupported(GLORIAFOOD, 'push item availability');
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
