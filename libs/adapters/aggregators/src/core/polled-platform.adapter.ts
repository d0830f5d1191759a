import type { OrderStatus } from '@hub/order-model';
import { type DeclarativeMapping, parseMapping } from '../declarative/declarative-mapping';
import { listAt, mapDeclarativeOrder } from '../declarative/declarative.mapper';
import { AdapterCapabilityUnsupported } from './adapter.errors';
import type {
  AggregatorAdapter,
  IntegrationSettings,
  PlatformApiRequest,
  RawWebhook,
  WebhookOutcome,
} from './aggregator-adapter';
import { idField, normaliseEach, type OrderPoller, type PollContext, type PollPage } from './order-poller';
import { PayloadReader } from './payload-reader.util';
import {
  type AvailabilityCallbackInput,
  type CallbackPlan,
  type PrepTimeInput,
  type StatusCallbackBuilder,
  type StatusCallbackInput,
  type StoreControlInput,
  unsupportedPrepTime,
  unsupportedStoreControl,
} from './status-callback';
import { StatusTable } from './status-table.util';

/** A poll that cannot run as configured (no API host, no credentials): the message says what to set. */
export class PollerConfigError extends Error {
  constructor(
    readonly platform: string,
    detail: string,
  ) {
    super(`${platform} polling is not configured: ${detail}`);
    this.name = 'PollerConfigError';
  }
}

/** What one list request of a platform answered: the orders' JSON and where to go next. */
export interface ListedPage {
  /** the parsed answer; the mapping's `orders` path finds the orders in it */
  answer: unknown;
  /** the URL asked, for the evidence and the errors */
  url: string;
  nextCursor: string;
  more: boolean;
}

/**
 * A platform whose orders are only polled (POSist, Revel, Simphony, OpenTable): each subclass
 * writes its list request and paging from the platform's docs; each listed order maps onto the
 * canonical order through a declarative mapping (`declarative-mapping.ts`): the integration's own
 * `mapping` when it has one, else the platform's preset, because where these platforms' order
 * fields sit is only partly public. No webhooks: they answer 401 (there is nothing to verify
 * against) and no status goes back (every status callback is unsupported).
 */
export abstract class PolledPlatformAdapter implements AggregatorAdapter, OrderPoller, StatusCallbackBuilder {
  abstract readonly platform: string;
  protected abstract readonly preset: DeclarativeMapping;
  private statusTable?: StatusTable;

  /** Fetches one page of the orders since `cursor` (null: the first poll). */
  protected abstract listPage(
    cursor: string | null,
    integration: IntegrationSettings,
    ctx: PollContext,
  ): Promise<ListedPage>;

  canHandle(platform: string): boolean {
    return platform === this.platform;
  }

  storeRefOf(_webhook: RawWebhook): string | undefined {
    return undefined;
  }

  /** Polled platforms post nothing to us: no webhook verifies. */
  verifySignature(_webhook: RawWebhook, _integration: IntegrationSettings): boolean {
    return false;
  }

  parseWebhook(_webhook: RawWebhook, _integration: IntegrationSettings): Promise<WebhookOutcome> {
    return Promise.reject(
      new AdapterCapabilityUnsupported(this.platform, 'receive webhooks (its orders are polled)'),
    );
  }

  /**
   * No status goes back: these platforms' order-update APIs are partner-only or unconfirmed from
   * public sources (see SOURCES.md in each folder), so every status callback is refused as
   * unsupported rather than approximated, and status-sync lists it as such.
   */
  statusCallback(input: StatusCallbackInput, _integration: IntegrationSettings): CallbackPlan | undefined {
    throw AdapterCapabilityUnsupported.status(this.platform, input.status);
  }

  availabilityCallback(_input: AvailabilityCallbackInput, _integration: IntegrationSettings): CallbackPlan {
    throw new AdapterCapabilityUnsupported(this.platform, 'push item availability');
  }

  storeControlCallback(input: StoreControlInput, _integration: IntegrationSettings): CallbackPlan {
    return unsupportedStoreControl(this.platform, input.aspect);
  }

  prepTimeCallback(_input: PrepTimeInput, _integration: IntegrationSettings): CallbackPlan {
    return unsupportedPrepTime(this.platform);
  }

  mapStatus(status: OrderStatus): string | undefined {
    return this.statuses().toPlatformStatus(status);
  }

  toCanonicalStatus(platformStatus: string): OrderStatus | undefined {
    return this.statuses().toCanonical(platformStatus);
  }

  /** The mapping in force: the integration's (validated when saved), else the preset. */
  mappingFor(integration: IntegrationSettings): DeclarativeMapping {
    return integration.mapping ? parseMapping(integration.mapping) : this.preset;
  }

  async fetchOrdersSince(
    cursor: string | null,
    integration: IntegrationSettings,
    ctx: PollContext,
  ): Promise<PollPage> {
    const page = await this.listPage(cursor, integration, ctx);
    const mapping = this.mappingFor(integration);
    const root = PayloadReader.of(this.platform, page.answer, 'answer');
    const listed = (Array.isArray(page.answer) ? root.array() : listAt(mapping.orders, root, root)).map(
      (reader) => reader.value,
    );
    const receivedAt: RawWebhook = {
      platform: this.platform,
      headers: {},
      rawBody: Buffer.alloc(0),
      url: page.url,
      receivedAt: ctx.now,
    };
    const decl = { platform: this.platform, mapping, root };
    const { orders, problems } = normaliseEach(
      this.platform,
      listed,
      (raw, index) => {
        const order = mapDeclarativeOrder(
          decl,
          PayloadReader.of(this.platform, raw, `answer.${mapping.orders}[${index}]`),
          integration,
          receivedAt,
        );
        return { externalId: order.externalId, raw, order };
      },
      (raw) => {
        try {
          const reader = PayloadReader.of(this.platform, raw, 'order');
          return reader.get(mapping.order.externalId).text();
        } catch {
          return idField(raw, 'id');
        }
      },
    );
    return { orders, problems, nextCursor: page.nextCursor, more: page.more };
  }

  /** No status callbacks are built for polled platforms: every canonical status is unsupported. */
  private statuses(): StatusTable {
    this.statusTable ??= new StatusTable(this.platform, {}, {});
    return this.statusTable;
  }
}

/** `apiBaseUrl` when set (tests point it at a local server), else `fallback`, else a config error. */
export function pollBase(
  platform: string,
  integration: IntegrationSettings,
  fallback: string | undefined,
  hint: string,
): string {
  const base = integration.apiBaseUrl ?? fallback;
  if (!base) throw new PollerConfigError(platform, `set apiBaseUrl (${hint})`);
  return base.replace(/\/+$/, '');
}

/** A GET with JSON accepted and the given headers. */
export function getJson(headers: Record<string, string>): PlatformApiRequest {
  return { method: 'GET', headers: { accept: 'application/json', ...headers } };
}

/** The latest of the ISO times found at `path` in each listed order, or undefined. */
export function latestTime(orders: readonly unknown[], path: string): string | undefined {
  let latest: number | undefined;
  for (const raw of orders) {
    let value: unknown = raw;
    for (const part of path.split('.')) {
      value =
        value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    }
    if (typeof value !== 'string') continue;
    const text = /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`;
    const at = Date.parse(text);
    if (!Number.isNaN(at) && (latest === undefined || at > latest)) latest = at;
  }
  return latest === undefined ? undefined : new Date(latest).toISOString();
}
