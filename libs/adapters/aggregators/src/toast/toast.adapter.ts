import { OrderStatus } from '@hub/order-model';
import { AdapterCapabilityUnsupported } from '../core/adapter.errors';
import type {
  AggregatorAdapter,
  IntegrationSettings,
  RawWebhook,
  WebhookOutcome,
} from '../core/aggregator-adapter';
import { hmacSha256, safeEqualBase64 } from '../core/crypto.util';
import { PayloadReader } from '../core/payload-reader.util';
import { validatePayload } from '../core/payload-validation.util';
import { StatusTable } from '../core/status-table.util';
import { header, peekJson, peekString } from '../core/webhook.util';
import { mapToastOrder, mapToastVoid, TOAST } from './toast.mapper';
import { ToastOrderMessageDto } from './toast.webhook.dto';
import type {
  AvailabilityCallbackInput,
  CallbackPlan,
  PrepTimeInput,
  StatusCallbackBuilder,
  StatusCallbackInput,
  StoreControlInput,
} from '../core/status-callback';
import { unsupportedPrepTime, unsupportedStoreControl } from '../core/status-callback';

const ORDER_EVENTS = new Set(['order_updated', 'channel_order_updated']);

/**
 * Toast: `Toast-Signature` is base64 HMAC-SHA256(subscription secret, raw body + the message's
 * timestamp) (doc.toasttab.com "Message signing"). The timestamp is the message's own `timestamp`
 * field, read from the body without re-serialising it; the signature still covers the raw bytes.
 * Toast retries with the original message, so its age is not held against it. The restaurant is
 * `Toast-Restaurant-External-ID`; a new order and each change to it arrive as `order_updated`
 * with the full order, deduplicated on the event guid (and by externalId downstream).
 */
export class ToastAdapter implements AggregatorAdapter, StatusCallbackBuilder {
  readonly platform = TOAST;

  private readonly statuses = new StatusTable(
    TOAST,
    {
      [OrderStatus.RECEIVED]: null,
      [OrderStatus.IN_PREPARATION]: 'IN_PREPARATION',
      [OrderStatus.READY]: 'READY_FOR_PICKUP',
      [OrderStatus.COMPLETED]: 'CLOSED',
      [OrderStatus.CANCELLED]: 'VOIDED',
    },
    {
      RECEIVED: OrderStatus.RECEIVED,
      IN_PREPARATION: OrderStatus.IN_PREPARATION,
      READY_FOR_PICKUP: OrderStatus.READY,
      CLOSED: OrderStatus.COMPLETED,
      VOIDED: OrderStatus.CANCELLED,
    },
  );

  canHandle(platform: string): boolean {
    return platform === TOAST;
  }

  storeRefOf(webhook: RawWebhook): string | undefined {
    return (
      header(webhook, 'toast-restaurant-external-id') ??
      peekString(peekJson(webhook.rawBody), 'details', 'restaurantGuid')
    );
  }

  verifySignature(webhook: RawWebhook, integration: IntegrationSettings): boolean {
    if (!integration.secret) return false;
    const timestamp = peekString(peekJson(webhook.rawBody), 'timestamp');
    const received = header(webhook, 'toast-signature');
    if (!timestamp || !received) return false;
    return safeEqualBase64(received, hmacSha256(integration.secret, webhook.rawBody, timestamp));
  }

  async parseWebhook(webhook: RawWebhook, integration: IntegrationSettings): Promise<WebhookOutcome> {
    const body = PayloadReader.parseJson(TOAST, webhook.rawBody);
    const message = validatePayload(TOAST, ToastOrderMessageDto, body.value);
    const eventType = header(webhook, 'toast-event-type') ?? message.eventType;
    if (!ORDER_EVENTS.has(eventType))
      return { kind: 'ignored', reason: `event type ${eventType} is not used` };
    const order = body.get('details.order');
    const dedupeKey = message.guid;
    if (order.at('voided').optBoolean() || order.at('deleted').optBoolean()) {
      return { kind: 'status', dedupeKey, updates: [mapToastVoid(order, body.at('timestamp').isoTime())] };
    }
    return { kind: 'orders', dedupeKey, orders: [mapToastOrder(order, integration)] };
  }

  /** Toast's public Orders API takes orders in; it has no call for a partner to move an order's status, and menu availability (stock) is not wired: every status callback is unsupported. */
  statusCallback(input: StatusCallbackInput, _integration: IntegrationSettings): CallbackPlan | undefined {
    throw AdapterCapabilityUnsupported.status(TOAST, input.status);
  }

  availabilityCallback(_input: AvailabilityCallbackInput, _integration: IntegrationSettings): CallbackPlan {
    throw new AdapterCapabilityUnsupported(TOAST, 'push item availability');
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
