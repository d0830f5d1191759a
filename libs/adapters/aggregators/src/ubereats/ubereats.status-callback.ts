import { OrderStatus } from '@hub/order-model';
import type { IntegrationSettings } from '../core/aggregator-adapter';
import { AdapterCapabilityUnsupported } from '../core/adapter.errors';
import {
  type AvailabilityCallbackInput,
  type CallbackAuth,
  callbackBase,
  type CallbackPlan,
  jsonRequest,
  type StatusCallbackInput,
} from '../core/status-callback';
import { UBEREATS } from './ubereats.mapper';

const UBER_API = 'https://api.uber.com';
const UBER_TOKEN_URL = 'https://auth.uber.com/oauth/v2/token';
/** An 86 with no end: Uber wants a time, so "until someone lifts it" is 2100-01-01. */
const INDEFINITE_SUSPENSION = 4_102_444_800;

/** OAuth client credentials: `credentials.clientId`, the integration secret as client secret (as for fetching orders). */
export function uberAuth(integration: IntegrationSettings, scope: string): CallbackAuth {
  const base = integration.apiBaseUrl?.replace(/\/+$/, '');
  return {
    kind: 'oauth-client-credentials',
    tokenUrl: integration.credentials?.tokenUrl ?? (base ? `${base}/oauth/v2/token` : UBER_TOKEN_URL),
    clientId: integration.credentials?.clientId ?? '',
    clientSecret: integration.secret,
    scope: integration.credentials?.scope ?? scope,
  };
}

/**
 * Uber Eats order actions (developer.uber.com, Eats "Order" references), each with an
 * `eats.order` client-credentials token:
 * - accepted → `POST /v1/eats/orders/{order_id}/accept_pos_order` `{reason, external_reference_id}`
 * - rejected → `POST /v1/eats/orders/{order_id}/deny_pos_order` `{reason: {explanation, code}}`
 * - ready → `POST /v1/delivery/order/{order_id}/ready` (the newer Order API's "Mark Order Ready", no
 *   body; the v1/eats reference has no ready call. Not confirmed against a retrievable page: check first)
 * - cancelled → `POST /v1/eats/orders/{order_id}/cancel` `{reason: OTHER, details}`
 * - received: nothing to tell; in_preparation, dispatched, completed, refunded: Uber has no call for
 *   them (Uber's courier picks up; merchant-delivered orders use restaurantdelivery/status, not here).
 */
export function uberStatusCallback(
  input: StatusCallbackInput,
  integration: IntegrationSettings,
): CallbackPlan | undefined {
  const base = callbackBase(integration, UBER_API);
  const id = encodeURIComponent(input.order.externalId);
  const auth = uberAuth(integration, 'eats.order');
  switch (input.status) {
    case OrderStatus.RECEIVED:
      return undefined;
    case OrderStatus.ACCEPTED:
      return {
        action: 'ubereats accept_pos_order',
        request: jsonRequest(
          'POST',
          `${base}/v1/eats/orders/${id}/accept_pos_order`,
          {
            reason: 'accepted',
            ...(input.order.displayNumber ? { external_reference_id: input.order.displayNumber } : {}),
          },
          auth,
        ),
      };
    case OrderStatus.REJECTED:
      return {
        action: 'ubereats deny_pos_order',
        request: jsonRequest(
          'POST',
          `${base}/v1/eats/orders/${id}/deny_pos_order`,
          { reason: { explanation: input.reason ?? 'rejected by the restaurant', code: 'OTHER' } },
          auth,
        ),
      };
    case OrderStatus.READY:
      return {
        action: 'ubereats ready',
        request: jsonRequest('POST', `${base}/v1/delivery/order/${id}/ready`, undefined, auth),
      };
    case OrderStatus.CANCELLED:
      return {
        action: 'ubereats cancel',
        request: jsonRequest(
          'POST',
          `${base}/v1/eats/orders/${id}/cancel`,
          { reason: 'OTHER', details: input.reason ?? 'cancelled by the restaurant' },
          auth,
        ),
      };
    case OrderStatus.IN_PREPARATION:
    case OrderStatus.DISPATCHED:
    case OrderStatus.COMPLETED:
    case OrderStatus.REFUNDED:
      throw AdapterCapabilityUnsupported.status(UBEREATS, input.status);
  }
}

/**
 * An item's availability (developer.uber.com, Eats Menu "Update Item"):
 * `POST /v2/eats/stores/{store_id}/menus/items/{item_id}` with
 * `suspension_info.suspension.suspend_until` (Unix seconds; 0 lifts it). Scope `eats.store`.
 */
export function uberAvailabilityCallback(
  input: AvailabilityCallbackInput,
  integration: IntegrationSettings,
): CallbackPlan {
  const base = callbackBase(integration, UBER_API);
  const until = input.available
    ? 0
    : input.until
      ? Math.floor(Date.parse(input.until) / 1000)
      : INDEFINITE_SUSPENSION;
  return {
    action: `ubereats suspend item ${input.available ? 'lifted' : 'set'}`,
    request: jsonRequest(
      'POST',
      `${base}/v2/eats/stores/${encodeURIComponent(integration.storeRef)}/menus/items/${encodeURIComponent(input.platformCode)}`,
      {
        suspension_info: {
          suspension: { suspend_until: until, ...(input.available ? {} : { reason: 'out of stock' }) },
        },
      },
      uberAuth(integration, 'eats.store'),
    ),
  };
}
