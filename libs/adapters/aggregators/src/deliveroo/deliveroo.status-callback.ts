import { OrderStatus } from '@hub/order-model';
import type { IntegrationSettings } from '../core/aggregator-adapter';
import { AdapterCapabilityUnsupported } from '../core/adapter.errors';
import {
  type AvailabilityCallbackInput,
  callbackBase,
  type CallbackPlan,
  credentialsAuth,
  jsonRequest,
  type PrepTimeInput,
  type StatusCallbackInput,
  type StoreControlInput,
} from '../core/status-callback';
import { DELIVEROO } from './deliveroo.mapper';

const DELIVEROO_API = 'https://api.developers.deliveroo.com';
const DELIVEROO_TOKEN_URL = 'https://auth.developers.deliveroo.com/oauth2/token';
const REJECT_REASONS = new Set(['closing_early', 'busy', 'ingredient_unavailable', 'other']);

/**
 * Deliveroo Order API (api-docs.deliveroo.com, "Update Order Status"):
 * `PATCH /order/v1/orders/{order_id}` `{status: accepted|rejected|confirmed, reject_reason?, notes?}`;
 * `reject_reason` is one of closing_early, busy, ingredient_unavailable, other. accepted → accepted,
 * rejected → rejected, in_preparation → confirmed (the order reached the kitchen). Rate limited by
 * Deliveroo to 5 requests per minute per order. OAuth client credentials (`credentials.clientId`, the
 * client secret in `credentials.clientSecret`) or a bearer `credentials.accessToken`.
 * Ready and collected are prep stages we could not confirm from a public reference, and a restaurant
 * cannot cancel through the Order API: unsupported.
 */
export function deliverooStatusCallback(
  input: StatusCallbackInput,
  integration: IntegrationSettings,
): CallbackPlan | undefined {
  const base = callbackBase(integration, DELIVEROO_API);
  const tokenUrl = integration.apiBaseUrl ? `${base}/oauth2/token` : DELIVEROO_TOKEN_URL;
  const auth = credentialsAuth(integration, { tokenUrl });
  const patch = (body: Record<string, string>): CallbackPlan => ({
    action: `deliveroo status ${body.status}`,
    request: jsonRequest(
      'PATCH',
      `${base}/order/v1/orders/${encodeURIComponent(input.order.externalId)}`,
      body,
      auth,
    ),
  });
  switch (input.status) {
    case OrderStatus.RECEIVED:
      return undefined;
    case OrderStatus.ACCEPTED:
      return patch({ status: 'accepted' });
    case OrderStatus.IN_PREPARATION:
      return patch({ status: 'confirmed' });
    case OrderStatus.REJECTED: {
      const code = input.reason?.trim().toLowerCase().replace(/\s+/g, '_');
      return patch({
        status: 'rejected',
        reject_reason: code && REJECT_REASONS.has(code) ? code : 'other',
        ...(input.reason ? { notes: input.reason } : {}),
      });
    }
    case OrderStatus.READY:
    case OrderStatus.DISPATCHED:
    case OrderStatus.COMPLETED:
    case OrderStatus.CANCELLED:
    case OrderStatus.REFUNDED:
      throw AdapterCapabilityUnsupported.status(DELIVEROO, input.status);
  }
}

/** Deliveroo item availability goes through its Menu API per brand and menu: not wired here. */
export function deliverooAvailabilityCallback(_input: AvailabilityCallbackInput): CallbackPlan {
  throw new AdapterCapabilityUnsupported(DELIVEROO, 'push item availability (Menu API not wired)');
}

/**
 * Deliveroo Site API (api-docs.deliveroo.com "Site API": status and workload, under
 * `/site/v1/brands/{brandId}/sites/{siteId}`; read 2026-11-22). The brand id is
 * `credentials.brandId`, the site id the integration's store reference.
 * - pause → `PUT .../status` `{status: CLOSED}`; reopen → `{status: READY_TO_OPEN}` (the site opens
 *   within its opening hours; `OPEN` outside them is refused with 400). The Site API has no "until":
 *   status-sync schedules the reopen call itself at `pausedUntil`.
 * - busy → `PUT .../workload/mode` `{mode: BUSY}`, back to `{mode: QUIET}` at 0 extra minutes. The
 *   extra minutes of each mode are set in Deliveroo's own workload settings, not per call. The body's
 *   values (OPEN, CLOSED, READY_TO_OPEN; QUIET, BUSY, MODERATE) are from a third-party description of
 *   the Site API (withone.ai): Deliveroo's own pages name the endpoints but could not be read for the
 *   enum; QUIET as the normal mode is unconfirmed.
 */
export function deliverooStoreControlCallback(
  input: StoreControlInput,
  integration: IntegrationSettings,
): CallbackPlan {
  const brandId = integration.credentials?.brandId;
  if (!brandId) {
    throw new AdapterCapabilityUnsupported(
      DELIVEROO,
      `${input.aspect === 'pause' ? 'pause the site' : 'set busy mode'} without credentials.brandId (the Site API addresses a brand's site)`,
    );
  }
  const base = callbackBase(integration, DELIVEROO_API);
  const tokenUrl = integration.apiBaseUrl ? `${base}/oauth2/token` : DELIVEROO_TOKEN_URL;
  const site = `${base}/site/v1/brands/${encodeURIComponent(brandId)}/sites/${encodeURIComponent(integration.storeRef)}`;
  const auth = credentialsAuth(integration, { tokenUrl });
  if (input.aspect === 'busy') {
    const mode = input.busyExtraMinutes > 0 ? 'BUSY' : 'QUIET';
    return {
      action: `deliveroo workload mode ${mode}`,
      request: jsonRequest('PUT', `${site}/workload/mode`, { mode }, auth),
    };
  }
  const paused =
    input.pausedUntil !== undefined && Date.parse(input.pausedUntil) > Date.parse(input.changedAt);
  const status = paused ? 'CLOSED' : 'READY_TO_OPEN';
  return {
    action: `deliveroo site status ${status}`,
    request: jsonRequest('PUT', `${site}/status`, { status }, auth),
  };
}

/**
 * Deliveroo's only preparation-time lever is the `in_kitchen` prep stage's `delay` (0, 2, 4, 6, 8 or
 * 10 minutes on top of Deliveroo's own estimate, `POST /v1/orders/{id}/prep_stage`): a promised time
 * cannot be expressed in it without guessing Deliveroo's estimate, so it is unsupported, not approximated.
 */
export function deliverooPrepTimeCallback(
  _input: PrepTimeInput,
  _integration: IntegrationSettings,
): CallbackPlan {
  throw new AdapterCapabilityUnsupported(
    DELIVEROO,
    "set an order's ready time (only a 0-10 min in_kitchen delay on its own estimate exists)",
  );
}
