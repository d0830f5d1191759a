import type { OrderDraftDto, OrderSourceDto } from '@hub/contracts';
import type { OrderStatus } from '@hub/order-model';

/** One HTTP delivery exactly as it reached us: the signed bytes are the evidence, so keep them. */
export interface RawWebhook {
  /** the route name the platform posted to (`/v1/webhooks/:platform`) */
  platform: string;
  /** header names lower-cased; a repeated header joined with ", " as Node does */
  headers: Readonly<Record<string, string | undefined>>;
  /** the request body byte for byte, before any parsing */
  rawBody: Buffer;
  /** the full URL the platform posted to, as registered with it (Square and Olo sign it) */
  url: string;
  receivedAt: Date;
}

/** What intake knows about one venue's account on one platform. */
export interface IntegrationSettings {
  venueId: string;
  /** the platform's id for the store (shop domain, Uber store id, Square merchant or location ...) */
  storeRef: string;
  /** the webhook secret, signature key, client secret or static key, as the platform names it */
  secret: string;
  /** the notification URL registered with the platform, byte for byte (Square, Olo) */
  notificationUrl?: string;
  /** base URL of the platform API; tests point it at a local server */
  apiBaseUrl?: string;
  /** anything else the platform needs: OAuth client id, access token, auth scheme ... */
  credentials?: Readonly<Record<string, string>>;
  /** ISO 4217 currency when the platform's payload does not say */
  currency?: string;
  /**
   * Declarative platforms (Zomato, Swiggy, DotPe ...): how the webhook authenticates and how its
   * JSON maps onto the canonical order (`DeclarativeMapping`, validated when saved); the
   * platform's preset applies when absent.
   */
  mapping?: Readonly<Record<string, unknown>>;
}

/** The canonical order as an adapter hands it to intake: `source.rawDeliveryId` is intake's to fill. */
export type OrderDraft = Omit<OrderDraftDto, 'source'> & {
  source: Omit<OrderSourceDto, 'rawDeliveryId'>;
};

/** A change the platform reports about an order it already sent (customer cancelled, rider assigned ...). */
export interface PlatformStatusUpdate {
  /** the platform's order id, the canonical order's `externalId` */
  externalId: string;
  /** the platform's own name for what happened, as it sent it */
  platformStatus: string;
  /** the canonical status it means, when it means one (a rider assignment does not) */
  status?: OrderStatus;
  /** ISO 8601 UTC */
  occurredAt: string;
  reason?: string;
}

export type WebhookOutcome =
  | {
      kind: 'orders';
      dedupeKey: string;
      orders: OrderDraft[];
    }
  | { kind: 'status'; dedupeKey: string; updates: PlatformStatusUpdate[] }
  /**
   * A thin event (Square, Uber Eats): the delivery only names the order. Intake stores it durably,
   * answers, and later calls `fetchOrders` (retrying while the platform is down).
   */
  | { kind: 'fetch'; dedupeKey: string; externalId: string }
  /**
   * A push that carries several orders, each deduplicated on its own key (GloriaFood): one entry per
   * order of this integration's store, as an order or as a status update. `otherStoreRefs` names the
   * other stores in the same push; intake parses the push again with each one's integration.
   */
  | { kind: 'batch'; entries: BatchEntry[]; otherStoreRefs?: string[] }
  | { kind: 'ignored'; reason: string };

/** One order of a batch push, with its own dedupe key. */
export type BatchEntry =
  { dedupeKey: string; order: OrderDraft } | { dedupeKey: string; update: PlatformStatusUpdate };

/** What intake did with a delivery, for adapters whose platform expects a particular answer body. */
export interface WebhookReceiptInfo {
  status: 'stored' | 'duplicate' | 'ignored';
  deliveryId?: string;
  reason?: string;
}

export interface PlatformApiRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** The only way an adapter talks to a platform: injected, so tests can point it at a local server. */
export interface PlatformApi {
  /** resolves to the parsed JSON body of a 2xx answer; rejects with PlatformApiError otherwise */
  fetchJson(url: string, init?: PlatformApiRequest): Promise<unknown>;
}

export interface AggregatorAdapter {
  /** the route name: `shopify`, `woocommerce`, `ubereats` ... */
  readonly platform: string;

  canHandle(platform: string): boolean;

  /**
   * The platform's store reference, from a header or the body, so intake can find the integration
   * (and so the venue and the secret) before verifying. Never throws; undefined when absent.
   */
  storeRefOf(webhook: RawWebhook): string | undefined;

  /**
   * Every store reference in the delivery, for platforms whose one push can span stores
   * (GloriaFood). Absent: the delivery is for `storeRefOf` only. Never throws.
   */
  storeRefsOf?(webhook: RawWebhook): string[];

  /**
   * Checks the platform's signature or token over the raw bytes, timing-safe, before anything is
   * parsed. Refuses stale timestamps where the platform sends one. Never throws (a promise never
   * rejects). Asynchronous where a key must be fetched (Google's JWKS).
   */
  verifySignature(webhook: RawWebhook, integration: IntegrationSettings): boolean | Promise<boolean>;

  /**
   * Turns a verified delivery into canonical orders, status updates, a thin event to fetch later
   * (`fetch`), or a reason to ignore it. Never calls the platform: the webhook path waits on nothing
   * but Postgres. Throws MalformedPayloadError naming what is wrong.
   */
  parseWebhook(
    webhook: RawWebhook,
    integration: IntegrationSettings,
    api?: PlatformApi,
  ): Promise<WebhookOutcome>;

  /**
   * Thin platforms: fetches and maps the order(s) a delivery parsed as `fetch` names. Throws
   * PlatformApiError when the platform fails (retryable or not), MalformedPayloadError when its
   * answer cannot be mapped.
   */
  fetchOrders?(
    webhook: RawWebhook,
    integration: IntegrationSettings,
    api: PlatformApi,
  ): Promise<OrderDraft[]>;

  /**
   * The body to answer the platform with, for platforms that expect one of their own (Google's
   * SubmitOrderResponseMessage). Absent: intake answers its receipt.
   */
  acknowledge?(receipt: WebhookReceiptInfo, webhook: RawWebhook): unknown;

  /**
   * Canonical status → the platform's status or action name. `undefined`: nothing to tell the
   * platform. Throws AdapterCapabilityUnsupported for what the platform cannot express.
   */
  mapStatus(status: OrderStatus): string | undefined;

  /** The platform's status or action name → the canonical status, when it has one. */
  toCanonicalStatus(platformStatus: string): OrderStatus | undefined;

  /**
   * Whether the venue may move the promised (ready) time of an order this platform sent, when its
   * 15-minute capacity slot is full. Absent or false: the platform promised the customer a time the
   * hub cannot change, so such an order is rejected with the reason instead of moved.
   */
  readonly canReschedule?: boolean;
}

/** The capability check order-core uses: an adapter's own flag; our direct channels (no adapter) can move. */
export function canRescheduleOrders(adapter: Pick<AggregatorAdapter, 'canReschedule'> | undefined): boolean {
  return adapter ? adapter.canReschedule === true : true;
}
