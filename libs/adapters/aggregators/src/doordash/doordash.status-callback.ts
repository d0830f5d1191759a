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
import { DOORDASH } from './doordash.mapper';

const DOORDASH_API = 'https://openapi.doordash.com';

/**
 * DoorDash Marketplace "Confirm Order" (developer.doordash.com, Marketplace order integration; the
 * shape follows the adapter's own notes, not a page we could retrieve):
 * `PATCH /marketplace/api/v1/orders/{id}` `{merchant_supplied_id, order_status: success|fail,
 * failure_reason?}`. accepted → success, rejected → fail with the reason. DoorDash has no other
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
