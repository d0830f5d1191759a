import { OrderStatus } from '@hub/order-model';
import type {
  AggregatorAdapter,
  IntegrationSettings,
  OrderDraft,
  PlatformApi,
  PlatformStatusUpdate,
  RawWebhook,
  WebhookOutcome,
} from '../core/aggregator-adapter';
import { hmacSha256, safeEqualBase64 } from '../core/crypto.util';
import { PayloadReader } from '../core/payload-reader.util';
import { validatePayload } from '../core/payload-validation.util';
import { StatusTable } from '../core/status-table.util';
import { header, peekJson, peekString } from '../core/webhook.util';
import { mapSquareOrder, SQUARE } from './square.mapper';
import { SquareEventDto } from './square.webhook.dto';
import type {
  AvailabilityCallbackInput,
  CallbackPlan,
  PrepTimeInput,
  StatusCallbackBuilder,
  StatusCallbackInput,
  StoreControlInput,
} from '../core/status-callback';
import { unsupportedPrepTime, unsupportedStoreControl } from '../core/status-callback';
import { squareAvailabilityCallback, squareStatusCallback } from './square.status-callback';

const SQUARE_API = 'https://connect.squareup.com';
/** Square-Version sent with RetrieveOrder unless the integration pins another (`credentials.squareVersion`). */
const SQUARE_VERSION = '2025-01-23';

/**
 * Square: `x-square-hmacsha256-signature` is base64 HMAC-SHA256(signature key, notification URL +
 * raw body), where the URL is the one registered with Square byte for byte; it comes from the
 * integration (`notificationUrl`), never from the request, so a proxy that rewrites the URL cannot
 * change what is checked. Events are thin: `order.created` parses as `fetch`; intake stores it,
 * answers, and its fetcher calls `fetchOrders`: RetrieveOrder (`GET /v2/orders/{id}`). The store is the event's location when it names one, else the merchant.
 */
export class SquareAdapter implements AggregatorAdapter, StatusCallbackBuilder {
  readonly platform = SQUARE;

  private readonly statuses = new StatusTable(
    SQUARE,
    {
      [OrderStatus.RECEIVED]: null,
      [OrderStatus.ACCEPTED]: 'RESERVED',
      [OrderStatus.IN_PREPARATION]: 'RESERVED',
      [OrderStatus.READY]: 'PREPARED',
      [OrderStatus.COMPLETED]: 'COMPLETED',
      [OrderStatus.REJECTED]: 'CANCELED',
      [OrderStatus.CANCELLED]: 'CANCELED',
    },
    {
      PROPOSED: OrderStatus.RECEIVED,
      RESERVED: OrderStatus.ACCEPTED,
      PREPARED: OrderStatus.READY,
      COMPLETED: OrderStatus.COMPLETED,
      CANCELED: OrderStatus.CANCELLED,
      FAILED: OrderStatus.REJECTED,
    },
  );

  canHandle(platform: string): boolean {
    return platform === SQUARE;
  }

  storeRefOf(webhook: RawWebhook): string | undefined {
    const event = peekJson(webhook.rawBody);
    const object = (event as { data?: { object?: unknown } } | undefined)?.data?.object;
    const inner = object && typeof object === 'object' ? Object.values(object)[0] : undefined;
    return peekString(inner, 'location_id') ?? peekString(event, 'merchant_id');
  }

  verifySignature(webhook: RawWebhook, integration: IntegrationSettings): boolean {
    if (!integration.secret || !integration.notificationUrl) return false;
    const received = header(webhook, 'x-square-hmacsha256-signature');
    return safeEqualBase64(
      received,
      hmacSha256(integration.secret, integration.notificationUrl, webhook.rawBody),
    );
  }

  async parseWebhook(webhook: RawWebhook, _integration: IntegrationSettings): Promise<WebhookOutcome> {
    const body = PayloadReader.parseJson(SQUARE, webhook.rawBody);
    const event = validatePayload(SQUARE, SquareEventDto, body.value);
    const dedupeKey = event.event_id;
    switch (event.type) {
      case 'order.created':
        return { kind: 'fetch', dedupeKey, externalId: this.orderIdOf(body) };
      case 'order.fulfillment.updated':
        return { kind: 'status', dedupeKey, updates: this.fulfillmentUpdates(body, webhook.receivedAt) };
      case 'order.updated': {
        const updated = body.get('data.object.order_updated');
        const state = updated.at('state').nonEmpty();
        const update: PlatformStatusUpdate = {
          externalId: body.at('data').at('id').text() ?? updated.at('order_id').nonEmpty(),
          platformStatus: state,
          status: state === 'OPEN' ? undefined : this.toCanonicalStatus(state),
          occurredAt: updated.at('updated_at').optIsoTime() ?? body.at('created_at').isoTime(),
        };
        return { kind: 'status', dedupeKey, updates: [update] };
      }
      default:
        return { kind: 'ignored', reason: `event type ${event.type} is not used` };
    }
  }

  /** RetrieveOrder (`GET /v2/orders/{id}`) with the integration's access token, mapped. */
  async fetchOrders(
    webhook: RawWebhook,
    integration: IntegrationSettings,
    api: PlatformApi,
  ): Promise<OrderDraft[]> {
    const body = PayloadReader.parseJson(SQUARE, webhook.rawBody);
    validatePayload(SQUARE, SquareEventDto, body.value);
    const orderId = this.orderIdOf(body);
    const answer = await api.fetchJson(
      `${this.apiBase(integration)}/v2/orders/${encodeURIComponent(orderId)}`,
      {
        headers: {
          authorization: `Bearer ${integration.credentials?.accessToken ?? ''}`,
          'square-version': integration.credentials?.squareVersion ?? SQUARE_VERSION,
        },
      },
    );
    return [mapSquareOrder(PayloadReader.of(SQUARE, answer, 'RetrieveOrder'), orderId, integration)];
  }

  /** See `square.status-callback.ts`: the documented call for each status, or unsupported. */
  statusCallback(input: StatusCallbackInput, integration: IntegrationSettings): CallbackPlan | undefined {
    return squareStatusCallback(input, integration, this.mapStatus(input.status));
  }

  availabilityCallback(input: AvailabilityCallbackInput, _integration: IntegrationSettings): CallbackPlan {
    return squareAvailabilityCallback(input);
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

  private fulfillmentUpdates(body: PayloadReader, receivedAt: Date): PlatformStatusUpdate[] {
    const updated = body.get('data.object.order_fulfillment_updated');
    const externalId = body.at('data').at('id').text() ?? updated.at('order_id').nonEmpty();
    const occurredAt =
      updated.at('updated_at').optIsoTime() ?? body.at('created_at').optIsoTime() ?? receivedAt.toISOString();
    return updated
      .at('fulfillment_update')
      .array()
      .map((change) => {
        const state = change.at('new_state').nonEmpty();
        return { externalId, platformStatus: state, status: this.toCanonicalStatus(state), occurredAt };
      });
  }

  private orderIdOf(body: PayloadReader): string {
    return body.at('data').at('id').text() ?? body.get('data.object.order_created.order_id').nonEmpty();
  }

  private apiBase(integration: IntegrationSettings): string {
    return (integration.apiBaseUrl ?? SQUARE_API).replace(/\/+$/, '');
  }
}
