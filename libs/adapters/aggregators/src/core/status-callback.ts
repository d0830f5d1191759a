import type { OrderStatus } from '@hub/order-model';
import type { IntegrationSettings } from './aggregator-adapter';
import { AdapterCapabilityUnsupported } from './adapter.errors';

/**
 * Outbound calls to a platform (status-sync): what to send is decided here, purely, per platform;
 * sending, authenticating, retrying and recording is status-sync's. Nothing here does I/O.
 */

/** How a request authenticates. OAuth tokens need I/O, so the sender resolves them (cached, refreshed once on 401). */
export type CallbackAuth =
  | { kind: 'none' }
  | { kind: 'bearer'; token: string }
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'header'; name: string; value: string }
  | {
      kind: 'oauth-client-credentials';
      tokenUrl: string;
      clientId: string;
      clientSecret: string;
      scope: string;
    };

export interface CallbackRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** absolute: `apiBaseUrl` (when set) or the platform's API host, plus the documented path */
  url: string;
  /** content type, API version headers ... never the credentials: those are in `auth` */
  headers: Record<string, string>;
  /** the JSON body, serialised once so the bytes sent are the bytes signed or recorded */
  body?: string;
  auth: CallbackAuth;
}

/**
 * One call, or a read followed by a write when the platform's write needs something only the
 * platform knows (Square's order version and fulfillment uid, Shopify's fulfillment order id).
 * `next` is pure: given the parsed JSON answer of `request`, the next plan, or undefined when the
 * answer shows there is nothing left to do (already fulfilled ...).
 */
export interface CallbackPlan {
  request: CallbackRequest;
  next?: (answer: unknown) => CallbackPlan | undefined;
  /** a short, secret-free description for the attempt log, e.g. `ubereats accept_pos_order` */
  action: string;
}

/** What a status callback knows about the order: the canonical order's identity, never the customer. */
export interface CallbackOrder {
  /** our order id */
  id: string;
  /** the platform's order id */
  externalId: string;
  displayNumber?: string;
  orderType: string;
  /** the platform's item codes with quantities, for platforms that confirm lines */
  items?: ReadonlyArray<{ externalCode: string; quantity: number }>;
}

export interface StatusCallbackInput {
  order: CallbackOrder;
  status: OrderStatus;
  /** why (rejections and cancellations) */
  reason?: string;
  /** stable across attempts of one callback: platforms that accept an idempotency key get it */
  idempotencyKey: string;
}

export interface AvailabilityCallbackInput {
  kind: 'item' | 'modifier';
  /** the platform's code of the item (from the platform code mappings) */
  platformCode: string;
  /** our internal (POS) code, for platforms that key items by the merchant's own id */
  code: string;
  available: boolean;
  /** ISO 8601 UTC; an 86 that ends by itself */
  until?: string;
  idempotencyKey: string;
}

/**
 * A venue's store controls for one platform, as they are now (`orders.v1.store-controls-changed`):
 * `aspect` says which of the two a call is about, since platforms expose them as separate APIs.
 */
export interface StoreControlInput {
  /** `pause`: take no orders until `pausedUntil` (absent or past: open again); `busy`: `busyExtraMinutes` on top of the prep time */
  aspect: 'pause' | 'busy';
  /** ISO 8601 UTC; absent when the channel is not paused */
  pausedUntil?: string;
  /** 0 ends busy mode */
  busyExtraMinutes: number;
  /** when the venue changed them (ISO 8601 UTC) */
  changedAt: string;
  idempotencyKey: string;
}

/** An order's new promised time (`orders.v1.prep-time-changed`). */
export interface PrepTimeInput {
  order: CallbackOrder;
  /** when the order will be ready, ISO 8601 UTC */
  promisedAt: string;
  /** the new preparation time in minutes, when the venue gave one */
  prepTimeMinutes?: number;
  reason?: string;
  idempotencyKey: string;
}

/** An adapter that can tell its platform about status changes and item availability. */
export interface StatusCallbackBuilder {
  /**
   * The call that pauses/unpauses the store or sets/ends busy mode on the platform. Throws
   * AdapterCapabilityUnsupported where the platform has no API for that aspect (the caller skips it
   * with the reason). An adapter without this method has no store-control API at all.
   */
  storeControlCallback?(input: StoreControlInput, integration: IntegrationSettings): CallbackPlan;

  /** The call that tells the platform an order's new ready time; AdapterCapabilityUnsupported where there is none. */
  prepTimeCallback?(input: PrepTimeInput, integration: IntegrationSettings): CallbackPlan;

  /**
   * The call(s) that tell the platform the order reached `status`. `undefined`: nothing to tell for
   * this status. Throws AdapterCapabilityUnsupported where the platform has no API for it.
   */
  statusCallback(input: StatusCallbackInput, integration: IntegrationSettings): CallbackPlan | undefined;

  /** The call that marks an item (un)available; throws AdapterCapabilityUnsupported where there is no API. */
  availabilityCallback(input: AvailabilityCallbackInput, integration: IntegrationSettings): CallbackPlan;
}

export function hasStatusCallbacks(adapter: object): adapter is StatusCallbackBuilder {
  return (
    typeof (adapter as Partial<StatusCallbackBuilder>).statusCallback === 'function' &&
    typeof (adapter as Partial<StatusCallbackBuilder>).availabilityCallback === 'function'
  );
}

/** The usual refusal of a store-control aspect or a prep-time update by a platform that has no API for it. */
export function unsupportedStoreControl(platform: string, aspect: StoreControlInput['aspect']): never {
  throw new AdapterCapabilityUnsupported(
    platform,
    aspect === 'pause' ? 'pause the store (no store status API)' : 'set busy mode (no busy/prep-time API)',
  );
}

export function unsupportedPrepTime(platform: string): never {
  throw new AdapterCapabilityUnsupported(platform, "update an order's ready time (no such API)");
}

/** `apiBaseUrl` when the integration sets one (tests point it at a local server), else the platform's host. */
export function callbackBase(integration: IntegrationSettings, platformHost: string): string {
  return (integration.apiBaseUrl ?? platformHost).replace(/\/+$/, '');
}

export function jsonRequest(
  method: CallbackRequest['method'],
  url: string,
  body: unknown,
  auth: CallbackAuth,
  headers: Record<string, string> = {},
): CallbackRequest {
  return {
    method,
    url,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    auth,
  };
}

/**
 * The usual per-integration auth: OAuth client credentials when `credentials.clientId` is set (the
 * secret is `credentials.clientSecret`, else the integration secret), else `credentials.accessToken`
 * as a bearer token, else Basic with `credentials.username`/`credentials.password`.
 */
export function credentialsAuth(
  integration: IntegrationSettings,
  defaults: { tokenUrl?: string; scope?: string } = {},
): CallbackAuth {
  const credentials = integration.credentials ?? {};
  if (credentials.clientId && (credentials.tokenUrl ?? defaults.tokenUrl)) {
    return {
      kind: 'oauth-client-credentials',
      tokenUrl: credentials.tokenUrl ?? defaults.tokenUrl!,
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret ?? integration.secret,
      scope: credentials.scope ?? defaults.scope ?? '',
    };
  }
  if (credentials.accessToken) return { kind: 'bearer', token: credentials.accessToken };
  if (credentials.username && credentials.password) {
    return { kind: 'basic', username: credentials.username, password: credentials.password };
  }
  return { kind: 'none' };
}
