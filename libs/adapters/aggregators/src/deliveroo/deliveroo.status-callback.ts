import { OrderStatus } from '@hub/order-model';
import type { IntegrationSettings } from '../core/aggregator-adapter';
import { AdapterCapabilityUnsupported } from '../core/adapter.errors';
import {
  type AvailabilityCallbackInput,
  callbackBase,
  type CallbackPlan,
  credentialsAuth,
  jsonRequest,
  type StatusCallbackInput,
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
