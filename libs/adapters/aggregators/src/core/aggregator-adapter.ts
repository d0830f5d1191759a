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
      /**
       * Store references of other integrations whose orders arrived in the same delivery (a
       * GloriaFood push can span restaurants). Intake parses the delivery again with each one's
       * integration; each parse returns only that store's orders, under its own dedupe key.
       */
      otherStoreRefs?: string[];
    }
  | { kind: 'status'; dedupeKey: string; updates: PlatformStatusUpdate[] }
  | { kind: 'ignored'; reason: string };

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
   * Checks the platform's signature or token over the raw bytes, timing-safe, before anything is
   * parsed. Refuses stale timestamps where the platform sends one. Never throws.
   */
  verifySignature(webhook: RawWebhook, integration: IntegrationSettings): boolean;

  /**
   * Turns a verified delivery into canonical orders, status updates, or a reason to ignore it.
   * Thin platforms (Square, Uber Eats) fetch the full order through `api`. Throws
   * MalformedPayloadError naming what is wrong, or PlatformApiError when the fetch fails.
   */
  parseWebhook(
    webhook: RawWebhook,
    integration: IntegrationSettings,
    api?: PlatformApi,
  ): Promise<WebhookOutcome>;

  /**
   * Canonical status → the platform's status or action name. `undefined`: nothing to tell the
   * platform. Throws AdapterCapabilityUnsupported for what the platform cannot express.
   */
  mapStatus(status: OrderStatus): string | undefined;

  /** The platform's status or action name → the canonical status, when it has one. */
  toCanonicalStatus(platformStatus: string): OrderStatus | undefined;
}
