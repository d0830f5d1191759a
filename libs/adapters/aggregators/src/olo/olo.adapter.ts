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
import { mapOloCancellation, mapOloOrder, OLO } from './olo.mapper';
import { OloOrderEventDto } from './olo.webhook.dto';
import type {
  AvailabilityCallbackInput,
  CallbackPlan,
  PrepTimeInput,
  StatusCallbackBuilder,
  StatusCallbackInput,
  StoreControlInput,
} from '../core/status-callback';
import { unsupportedPrepTime, unsupportedStoreControl } from '../core/status-callback';

/** .NET ticks (100 ns since 0001-01-01T00:00:00Z) at the Unix epoch. */
const TICKS_AT_UNIX_EPOCH = 621_355_968_000_000_000n;
const TICKS_PER_MS = 10_000n;
/** Olo deliveries older (or further in the future) than this are refused. */
export const OLO_MAX_AGE_MS = 5 * 60_000;

/** `X-Olo-Timestamp` → milliseconds since the Unix epoch; undefined when it is not a tick count. */
export function oloTicksToMillis(ticks: string): number | undefined {
  if (!/^\d{1,20}$/.test(ticks)) return undefined;
  return Number((BigInt(ticks) - TICKS_AT_UNIX_EPOCH) / TICKS_PER_MS);
}

/**
 * Olo: `X-Olo-Signature` is base64 HMAC-SHA256(shared secret, webhook URL + "\n" + raw body + "\n"
 * + X-Olo-Message-Id + "\n" + X-Olo-Timestamp) (ololabs/dev-support-code-samples). The URL is the
 * destination registered with Olo (`integration.notificationUrl`), the timestamp .NET ticks: a
 * delivery more than five minutes from our clock is refused. The message id is the dedupe key.
 */
export class OloAdapter implements AggregatorAdapter, StatusCallbackBuilder {
  readonly platform = OLO;

  private readonly statuses = new StatusTable(
    OLO,
    {},
    { OrderPlaced: OrderStatus.RECEIVED, OrderCancelled: OrderStatus.CANCELLED },
  );

  canHandle(platform: string): boolean {
    return platform === OLO;
  }

  storeRefOf(webhook: RawWebhook): string | undefined {
    return peekString(peekJson(webhook.rawBody), 'vendorId');
  }

  verifySignature(webhook: RawWebhook, integration: IntegrationSettings): boolean {
    if (!integration.secret || !integration.notificationUrl) return false;
    const messageId = header(webhook, 'x-olo-message-id');
    const timestamp = header(webhook, 'x-olo-timestamp');
    const received = header(webhook, 'x-olo-signature');
    if (!messageId || !timestamp || !received) return false;
    const sentAt = oloTicksToMillis(timestamp);
    if (sentAt === undefined || Math.abs(webhook.receivedAt.getTime() - sentAt) > OLO_MAX_AGE_MS)
      return false;
    const digest = hmacSha256(
      integration.secret,
      `${integration.notificationUrl}\n`,
      webhook.rawBody,
      `\n${messageId}\n${timestamp}`,
    );
    return safeEqualBase64(received, digest);
  }

  async parseWebhook(webhook: RawWebhook, integration: IntegrationSettings): Promise<WebhookOutcome> {
    const body = PayloadReader.parseJson(OLO, webhook.rawBody).object();
    if (body.at('eventType').isMissing && body.at('orderId').isMissing) {
      return { kind: 'ignored', reason: 'not an order event (test message)' };
    }
    const event = validatePayload(OLO, OloOrderEventDto, body.value);
    const dedupeKey = header(webhook, 'x-olo-message-id') ?? `${String(event.orderId)}:${event.eventType}`;
    if (event.eventType === 'OrderPlaced') {
      return { kind: 'orders', dedupeKey, orders: [mapOloOrder(body, integration)] };
    }
    if (event.eventType === 'OrderCancelled') {
      return { kind: 'status', dedupeKey, updates: [mapOloCancellation(body, webhook.receivedAt)] };
    }
    return { kind: 'ignored', reason: `event type ${event.eventType} is not used` };
  }

  /** Olo's public APIs (ordering, Rails) have no call for a restaurant integration to push order status or item availability: every status callback is unsupported. */
  statusCallback(input: StatusCallbackInput, _integration: IntegrationSettings): CallbackPlan | undefined {
    throw AdapterCapabilityUnsupported.status(OLO, input.status);
  }

  availabilityCallback(_input: AvailabilityCallbackInput, _integration: IntegrationSettings): CallbackPlan {
    throw new AdapterCapabilityUnsupported(OLO, 'push item availability');
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
