import { OrderStatus } from '@hub/order-model';
import type {
  AggregatorAdapter,
  IntegrationSettings,
  RawWebhook,
  WebhookOutcome,
} from '../core/aggregator-adapter';
import { AdapterCapabilityUnsupported, MalformedPayloadError } from '../core/adapter.errors';
import { hmacSha256, safeEqualBase64, safeEqualHex, safeEqualText } from '../core/crypto.util';
import { PayloadReader } from '../core/payload-reader.util';
import type {
  AvailabilityCallbackInput,
  CallbackPlan,
  PrepTimeInput,
  StatusCallbackBuilder,
  StatusCallbackInput,
  StoreControlInput,
} from '../core/status-callback';
import { StatusTable } from '../core/status-table.util';
import { header, peekJson, peekString } from '../core/webhook.util';
import { type DeclarativeMapping, MappingConfigError, parseMapping } from './declarative-mapping';
import { parsePath } from './declarative-path';
import {
  declarativePrepTimeCallback,
  declarativeStatusCallback,
  declarativeStoreControlCallback,
} from './declarative.status-callback';
import { listAt, mapDeclarativeOrder, mapDeclarativeStatus, MEANING_TO_STATUS } from './declarative.mapper';

/** The URL query parameter that names the store when the payload cannot (`/v1/webhooks/dotpe?store=…`). */
export const STORE_QUERY_PARAMETER = 'store';

/** Reads a `header:<name>` or body-path location without throwing; undefined when absent. */
function peekLocation(webhook: RawWebhook, body: unknown, location: string): string | undefined {
  if (location.startsWith('header:')) return header(webhook, location.slice('header:'.length));
  let segments: Array<string | number | '*'>;
  try {
    segments = parsePath(location).segments;
  } catch {
    return undefined;
  }
  let current = body;
  for (const segment of segments) {
    const key = segment === '*' ? 0 : segment;
    if (current === null || typeof current !== 'object') return undefined;
    if (typeof key === 'number' ? !Array.isArray(current) : Array.isArray(current)) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return peekString({ value: current }, 'value');
}

function storeQuery(webhook: RawWebhook): string | undefined {
  try {
    const value = new URL(webhook.url, 'http://localhost').searchParams.get(STORE_QUERY_PARAMETER);
    return value?.trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * One adapter for the platforms whose webhook format is not public or is simple (Zomato, Swiggy,
 * DotPe, Petpooja, Freshmenu, Foodics, Chowly, and any new one): the integration's `mapping` (or
 * the platform's preset when it has none) says how the webhook authenticates and where each
 * canonical field sits. See `declarative-mapping.ts` for the format and `README.md` beside it.
 *
 * The store is found before any integration is known, so `storeRefOf` reads the preset's store
 * locations and then the `store` query parameter of the URL the platform posts to; once the
 * integration is found, its own mapping's store location must agree (else 400, kept for attention).
 */
export class DeclarativeAdapter implements AggregatorAdapter, StatusCallbackBuilder {
  private readonly statuses: StatusTable;
  private readonly preset?: DeclarativeMapping;

  constructor(
    readonly platform: string,
    preset?: DeclarativeMapping,
  ) {
    this.preset = preset === undefined ? undefined : parseMapping(preset);
    const toPlatform: Partial<Record<OrderStatus, string | null>> = { [OrderStatus.RECEIVED]: null };
    const fromPlatform: Record<string, OrderStatus> = {};
    for (const [name, meaning] of Object.entries(this.preset?.status?.values ?? {})) {
      const status = MEANING_TO_STATUS[meaning];
      fromPlatform[name] = status;
      if (!(status in toPlatform)) toPlatform[status] = name;
    }
    this.statuses = new StatusTable(platform, toPlatform, fromPlatform);
  }

  canHandle(platform: string): boolean {
    return platform === this.platform;
  }

  storeRefOf(webhook: RawWebhook): string | undefined {
    const body = peekJson(webhook.rawBody);
    for (const location of [this.preset?.storeRef ?? []].flat()) {
      const value = peekLocation(webhook, body, location);
      if (value !== undefined) return value;
    }
    return storeQuery(webhook);
  }

  verifySignature(webhook: RawWebhook, integration: IntegrationSettings): boolean {
    const mapping = this.mappingOf(integration, false);
    if (!mapping || !integration.secret) return false;
    const auth = mapping.auth;
    if (auth.scheme === 'basic') {
      const received = header(webhook, 'authorization');
      const match = received === undefined ? null : /^basic\s+(\S+)$/i.exec(received);
      return safeEqualText(match?.[1], Buffer.from(integration.secret, 'utf8').toString('base64'));
    }
    const received = header(webhook, auth.header);
    if (auth.scheme === 'static-key')
      return safeEqualText(received, `${auth.prefix ?? ''}${integration.secret}`);
    const prefix = auth.prefix ?? '';
    const signature =
      received !== undefined && received.toLowerCase().startsWith(prefix.toLowerCase())
        ? received.slice(prefix.length)
        : undefined;
    const digest = hmacSha256(integration.secret, webhook.rawBody);
    return auth.encoding === 'hex' ? safeEqualHex(signature, digest) : safeEqualBase64(signature, digest);
  }

  async parseWebhook(webhook: RawWebhook, integration: IntegrationSettings): Promise<WebhookOutcome> {
    const mapping = this.mappingOf(integration, true);
    const root = PayloadReader.parseJson(this.platform, webhook.rawBody).object();
    this.checkStore(webhook, root, mapping, integration);
    const ctx = { platform: this.platform, mapping, root };

    if (mapping.status) {
      const reader = listAt(mapping.status.path, root, root)[0];
      if (reader !== undefined && reader.text() !== undefined) {
        const update = mapDeclarativeStatus(ctx, mapping.status, webhook);
        return {
          kind: 'status',
          dedupeKey: `status:${update.externalId}:${update.platformStatus}`,
          updates: [update],
        };
      }
    }

    const orders = listAt(mapping.orders, root, root);
    if (orders.length === 0)
      root.at(mapping.orders === '$' ? 'order' : mapping.orders).fail('no order found');
    const drafts = orders.map((order) => mapDeclarativeOrder(ctx, order, integration, webhook));
    return { kind: 'orders', dedupeKey: this.dedupeKeyOf(webhook, root, mapping, drafts), orders: drafts };
  }

  /** See `declarative.status-callback.ts`: one generic call to the integration's callback URL. */
  statusCallback(input: StatusCallbackInput, integration: IntegrationSettings): CallbackPlan | undefined {
    const mapping = this.mappingOf(integration, false);
    let platformStatus: string | undefined;
    for (const [name, meaning] of Object.entries(mapping?.status?.values ?? {})) {
      if (MEANING_TO_STATUS[meaning] === input.status) {
        platformStatus = name;
        break;
      }
    }
    return declarativeStatusCallback(this.platform, input, integration, mapping, platformStatus);
  }

  /** The mapping's `callbacks.storeControls` template; unsupported without one. */
  storeControlCallback(input: StoreControlInput, integration: IntegrationSettings): CallbackPlan {
    return declarativeStoreControlCallback(
      this.platform,
      input,
      integration,
      this.mappingOf(integration, false),
    );
  }

  /** The mapping's `callbacks.prepTime` template; unsupported without one. */
  prepTimeCallback(input: PrepTimeInput, integration: IntegrationSettings): CallbackPlan {
    return declarativePrepTimeCallback(this.platform, input, integration, this.mappingOf(integration, false));
  }

  availabilityCallback(_input: AvailabilityCallbackInput, _integration: IntegrationSettings): CallbackPlan {
    throw new AdapterCapabilityUnsupported(
      this.platform,
      'mark items (un)available: its partner API is not public',
    );
  }

  mapStatus(status: OrderStatus): string | undefined {
    return this.statuses.toPlatformStatus(status);
  }

  toCanonicalStatus(platformStatus: string): OrderStatus | undefined {
    return this.statuses.toCanonical(platformStatus);
  }

  /** The integration's own mapping, else the preset; invalid or none → false/undefined or a named error. */
  private mappingOf(integration: IntegrationSettings, strict: true): DeclarativeMapping;
  private mappingOf(integration: IntegrationSettings, strict: false): DeclarativeMapping | undefined;
  private mappingOf(integration: IntegrationSettings, strict: boolean): DeclarativeMapping | undefined {
    const candidate = integration.mapping ?? this.preset;
    if (candidate === undefined) {
      if (!strict) return undefined;
      throw new MalformedPayloadError(this.platform, [
        `integration: no mapping is configured and ${this.platform} has no preset`,
      ]);
    }
    try {
      return parseMapping(candidate);
    } catch (error) {
      if (!(error instanceof MappingConfigError)) throw error;
      if (!strict) return undefined;
      throw new MalformedPayloadError(
        this.platform,
        error.problems.map((problem) => `integration ${problem}`),
      );
    }
  }

  /** A store named in the delivery must be this integration's: a branch only gets its own orders. */
  private checkStore(
    webhook: RawWebhook,
    root: PayloadReader,
    mapping: DeclarativeMapping,
    integration: IntegrationSettings,
  ): void {
    for (const location of [mapping.storeRef].flat()) {
      const value = location.startsWith('header:')
        ? header(webhook, location.slice('header:'.length))
        : listAt(location, root, root)[0]?.text();
      if (value === undefined) continue;
      if (value !== integration.storeRef) {
        throw new MalformedPayloadError(this.platform, [
          `${location}: names store "${value}", not this integration's store "${integration.storeRef}"`,
        ]);
      }
      return;
    }
  }

  private dedupeKeyOf(
    webhook: RawWebhook,
    root: PayloadReader,
    mapping: DeclarativeMapping,
    drafts: ReadonlyArray<{ externalId: string }>,
  ): string {
    for (const location of [mapping.dedupeKey ?? []].flat()) {
      const value = location.startsWith('header:')
        ? header(webhook, location.slice('header:'.length))
        : listAt(location, root, root)[0]?.text();
      if (value !== undefined) return value;
    }
    return drafts.map((draft) => draft.externalId).join(',');
  }
}
