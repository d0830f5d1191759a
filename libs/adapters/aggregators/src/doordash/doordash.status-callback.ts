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
  type StoreControlInput,
  unsupportedStoreControl,
} from '../core/status-callback';
import { DOORDASH } from './doordash.mapper';

const DOORDASH_API = 'https://openapi.doordash.com';

/**
 * DoorDash Marketplace "Confirm Order" (checked 2026-11-22 against developer.doordash.com/api/marketplace,
 * "Webhook to confirm an order", and DoorDash's Marketplace OpenAPI as republished by API Evangelist:
 * operation `confirmOrder`, `PATCH /api/v1/orders/{id}` on the server `https://openapi.doordash.com/marketplace`,
 * answering 202): `PATCH /marketplace/api/v1/orders/{id}` with `{merchant_supplied_id (the order id in
 * our system), order_status: success|fail, failure_reason? (omit on success), prep_time?,
 * pickup_instructions?}`. accepted → success, rejected → fail with the reason. DoorDash has no other
 * merchant status call in that integration: the rest is unsupported. Auth: `Authorization: Bearer`
 * with the DoorDash JWT in `credentials.accessToken` (minting the HS256 `dd-ver` JWT is not done here).
 */
export function doorDashStatusCallback(
  input: StatusCallbackInput,
  integration: IntegrationSettings,
): CallbackPlan | undefined {
  const base = callbackBase(integration, DOORDASH_API);
  const confirm = (body: Record<string, string>): CallbackPlan => ({
    action: `doordash confirm ${body.order_status}`,
    request: jsonRequest(
      'PATCH',
      `${base}/marketplace/api/v1/orders/${encodeURIComponent(input.order.externalId)}`,
      { merchant_supplied_id: input.order.id, ...body },
      credentialsAuth(integration),
    ),
  });
  switch (input.status) {
    case OrderStatus.RECEIVED:
      return undefined;
    case OrderStatus.ACCEPTED:
      return confirm({ order_status: 'success' });
    case OrderStatus.REJECTED:
      return confirm({ order_status: 'fail', failure_reason: input.reason ?? 'rejected by the restaurant' });
    case OrderStatus.IN_PREPARATION:
    case OrderStatus.READY:
    case OrderStatus.DISPATCHED:
    case OrderStatus.COMPLETED:
    case OrderStatus.CANCELLED:
    case OrderStatus.REFUNDED:
      throw AdapterCapabilityUnsupported.status(DOORDASH, input.status);
  }
}

/** DoorDash item availability belongs to its Item Management API (per store, by merchant item id): not wired here. */
export function doorDashAvailabilityCallback(_input: AvailabilityCallbackInput): CallbackPlan {
  throw new AdapterCapabilityUnsupported(DOORDASH, 'push item availability (Item Management API not wired)');
}

/**
 * Store pause (developer.doordash.com, Marketplace "Update store & item status", read 2026-11-22):
 * `PUT /api/v1/stores/{merchant_supplied_id}/status` (under `/marketplace`) `{is_active: false, reason,
 * notes, end_time}` deactivates the store until `end_time`; `{is_active: true}` reactivates it; 200.
 * `reason` must be one of DoorDash's list: a pause from the restaurant's own system is
 * `store_self_disabled_in_their_POS_portal`. The store's merchant_supplied_id is the integration's store
 * reference. Busy mode: no DoorDash API for it is documented there, so unsupported.
 */
export function doorDashStoreControlCallback(
  input: StoreControlInput,
  integration: IntegrationSettings,
): CallbackPlan {
  if (input.aspect === 'busy') unsupportedStoreControl(DOORDASH, 'busy');
  const base = callbackBase(integration, DOORDASH_API);
  const paused =
    input.pausedUntil !== undefined && Date.parse(input.pausedUntil) > Date.parse(input.changedAt);
  return {
    action: `doordash store ${paused ? 'deactivate' : 'activate'}`,
    request: jsonRequest(
      'PUT',
      `${base}/marketplace/api/v1/stores/${encodeURIComponent(integration.storeRef)}/status`,
      paused
        ? {
            is_active: false,
            reason: 'store_self_disabled_in_their_POS_portal',
            notes: 'Paused by the restaurant',
            end_time: new Date(input.pausedUntil!).toISOString(),
          }
        : { is_active: true },
      credentialsAuth(integration),
    ),
  };
}
