import { OrderStatus } from '@hub/order-model';
import type {
  AggregatorAdapter,
  IntegrationSettings,
  RawWebhook,
  WebhookOutcome,
} from '../core/aggregator-adapter';
import { hmacSha256, safeEqualHex } from '../core/crypto.util';
import { PayloadReader } from '../core/payload-reader.util';
import { validatePayload } from '../core/payload-validation.util';
import { StatusTable } from '../core/status-table.util';
import { header, peekJson, peekString } from '../core/webhook.util';
import { DELIVEROO, mapDeliverooOrder, mapDeliverooStatus } from './deliveroo.mapper';
import { DeliverooOrderEventDto } from './deliveroo.webhook.dto';
import type {
  AvailabilityCallbackInput,
  CallbackPlan,
  PrepTimeInput,
  StatusCallbackBuilder,
  StatusCallbackInput,
  StoreControlInput,
} from '../core/status-callback';
import {
  deliverooAvailabilityCallback,
  deliverooStatusCallback,
  deliverooStoreControlCallback,
  deliverooPrepTimeCallback,
} from './deliveroo.status-callback';

/**
 * Deliveroo: `X-Deliveroo-Hmac-Sha256` is hex HMAC-SHA256(webhook secret, sequence GUID + " " +
 * raw body), the GUID being `X-Deliveroo-Sequence-Guid` (api-docs.deliveroo.com "Securing
 * Webhooks"). The legacy POS webhooks join them with " \n " instead; both are accepted. The GUID
 * is the dedupe key; the store is the order's `location_id`.
 */
export class DeliverooAdapter implements AggregatorAdapter, StatusCallbackBuilder {
  readonly platform = DELIVEROO;

  private readonly statuses = new StatusTable(
    DELIVEROO,
    {
      [OrderStatus.RECEIVED]: null,
      [OrderStatus.ACCEPTED]: 'accepted',
      [OrderStatus.REJECTED]: 'rejected',
      [OrderStatus.IN_PREPARATION]: 'in_kitchen',
      [OrderStatus.READY]: 'ready_for_collection',
      [OrderStatus.DISPATCHED]: 'collected',
    },
    {
      pending: OrderStatus.RECEIVED,
      placed: OrderStatus.RECEIVED,
      accepted: OrderStatus.ACCEPTED,
      confirmed: OrderStatus.ACCEPTED,
      rejected: OrderStatus.REJECTED,
      canceled: OrderStatus.CANCELLED,
      in_kitchen: OrderStatus.IN_PREPARATION,
      ready_for_collection: OrderStatus.READY,
      collected: OrderStatus.DISPATCHED,
    },
  );

  canHandle(platform: string): boolean {
    return platform === DELIVEROO;
  }

  storeRefOf(webhook: RawWebhook): string | undefined {
    const body = peekJson(webhook.rawBody);
    return peekString(body, 'body', 'order', 'location_id') ?? peekString(body, 'location_id');
  }

  verifySignature(webhook: RawWebhook, integration: IntegrationSettings): boolean {
    if (!integration.secret) return false;
    const guid = header(webhook, 'x-deliveroo-sequence-guid');
    const received = header(webhook, 'x-deliveroo-hmac-sha256');
    if (!guid || !received) return false;
    const current = safeEqualHex(received, hmacSha256(integration.secret, `${guid} `, webhook.rawBody));
    const legacy = safeEqualHex(received, hmacSha256(integration.secret, `${guid} \n `, webhook.rawBody));
    return current || legacy;
  }

  async parseWebhook(webhook: RawWebhook, integration: IntegrationSettings): Promise<WebhookOutcome> {
    const body = PayloadReader.parseJson(DELIVEROO, webhook.rawBody);
    const event = validatePayload(DELIVEROO, DeliverooOrderEventDto, body.value);
    const order = body.get('body.order');
    const guid = header(webhook, 'x-deliveroo-sequence-guid');
    const dedupeKey =
      guid ?? `${order.at('id').nonEmpty()}:${event.event}:${order.at('status').text() ?? ''}`;
    if (event.event === 'order.new') {
      return { kind: 'orders', dedupeKey, orders: [mapDeliverooOrder(order, integration)] };
    }
    if (event.event === 'order.status_update') {
      const update = mapDeliverooStatus(
        order,
        (status) => this.toCanonicalStatus(status),
        webhook.receivedAt,
      );
      return { kind: 'status', dedupeKey, updates: [update] };
    }
    return { kind: 'ignored', reason: `event ${event.event} is not used` };
  }

  /** See `deliveroo.status-callback.ts`: the documented call for each status, or unsupported. */
  statusCallback(input: StatusCallbackInput, integration: IntegrationSettings): CallbackPlan | undefined {
    return deliverooStatusCallback(input, integration);
  }

  availabilityCallback(input: AvailabilityCallbackInput, _integration: IntegrationSettings): CallbackPlan {
    return deliverooAvailabilityCallback(input);
  }

  storeControlCallback(input: StoreControlInput, integration: IntegrationSettings): CallbackPlan {
    return deliverooStoreControlCallback(input, integration);
  }

  prepTimeCallback(input: PrepTimeInput, integration: IntegrationSettings): CallbackPlan {
    return deliverooPrepTimeCallback(input, integration);
  }

  mapStatus(status: OrderStatus): string | undefined {
    return this.statuses.toPlatformStatus(status);
  }

  toCanonicalStatus(platformStatus: string): OrderStatus | undefined {
    return this.statuses.toCanonical(platformStatus);
  }
}
