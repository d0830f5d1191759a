import { OrderStatus } from '@hub/order-model';
import type { IntegrationSettings } from '../core/aggregator-adapter';
import { AdapterCapabilityUnsupported } from '../core/adapter.errors';
import {
  type AvailabilityCallbackInput,
  type CallbackAuth,
  type CallbackPlan,
  jsonRequest,
  type StatusCallbackInput,
} from '../core/status-callback';
import { SHOPIFY } from './shopify.mapper';

const SHOPIFY_API_VERSION = '2025-01';

interface FulfillmentOrdersAnswer {
  fulfillment_orders?: Array<{ id?: number | string; status?: string }>;
}

function adminBase(integration: IntegrationSettings): string {
  const base = (integration.apiBaseUrl ?? `https://${integration.storeRef}`).replace(/\/+$/, '');
  return `${base}/admin/api/${integration.credentials?.apiVersion ?? SHOPIFY_API_VERSION}`;
}

function shopifyAuth(integration: IntegrationSettings): CallbackAuth {
  return {
    kind: 'header',
    name: 'x-shopify-access-token',
    value: integration.credentials?.accessToken ?? '',
  };
}

/**
 * Shopify REST Admin API (shopify.dev, resources Fulfillment, FulfillmentOrder, Order):
 * - dispatched, and ready for a pickup order → fulfill what is still open: `GET
 *   /orders/{id}/fulfillment_orders.json`, then `POST /fulfillments.json` with
 *   `line_items_by_fulfillment_order` for the open fulfillment orders (nothing when none is open);
 * - completed → `POST /orders/{id}/close.json`;
 * - cancelled / rejected → `POST /orders/{id}/cancel.json` `{reason: other|declined}`.
 * received, accepted and in_preparation have no Shopify counterpart (nothing to tell); a refund needs
 * Shopify's refund calculation and transactions: unsupported. Auth: `X-Shopify-Access-Token`.
 */
export function shopifyStatusCallback(
  input: StatusCallbackInput,
  integration: IntegrationSettings,
): CallbackPlan | undefined {
  const admin = adminBase(integration);
  const auth = shopifyAuth(integration);
  const orderPath = `${admin}/orders/${encodeURIComponent(input.order.externalId)}`;
  switch (input.status) {
    case OrderStatus.RECEIVED:
    case OrderStatus.ACCEPTED:
    case OrderStatus.IN_PREPARATION:
      return undefined;
    case OrderStatus.READY:
      if (input.order.orderType !== 'pickup') return undefined;
      return fulfill(admin, orderPath, auth);
    case OrderStatus.DISPATCHED:
      return fulfill(admin, orderPath, auth);
    case OrderStatus.COMPLETED:
      return {
        action: 'shopify order close',
        request: jsonRequest('POST', `${orderPath}/close.json`, {}, auth),
      };
    case OrderStatus.CANCELLED:
    case OrderStatus.REJECTED:
      return {
        action: 'shopify order cancel',
        request: jsonRequest(
          'POST',
          `${orderPath}/cancel.json`,
          { reason: input.status === OrderStatus.REJECTED ? 'declined' : 'other' },
          auth,
        ),
      };
    case OrderStatus.REFUNDED:
      throw AdapterCapabilityUnsupported.status(SHOPIFY, input.status);
  }
}

function fulfill(admin: string, orderPath: string, auth: CallbackAuth): CallbackPlan {
  return {
    action: 'shopify fulfillment orders',
    request: {
      method: 'GET',
      url: `${orderPath}/fulfillment_orders.json`,
      headers: { accept: 'application/json' },
      auth,
    },
    next: (answer) => {
      const open = ((answer as FulfillmentOrdersAnswer | undefined)?.fulfillment_orders ?? []).filter(
        (fo) => fo.id !== undefined && (fo.status === 'open' || fo.status === 'in_progress'),
      );
      if (open.length === 0) return undefined;
      return {
        action: 'shopify fulfillment create',
        request: jsonRequest(
          'POST',
          `${admin}/fulfillments.json`,
          {
            fulfillment: {
              line_items_by_fulfillment_order: open.map((fo) => ({ fulfillment_order_id: fo.id })),
              notify_customer: true,
            },
          },
          auth,
        ),
      };
    },
  };
}

/** Shopify availability is inventory per location and inventory item: not a single call. Unsupported. */
export function shopifyAvailabilityCallback(_input: AvailabilityCallbackInput): CallbackPlan {
  throw new AdapterCapabilityUnsupported(SHOPIFY, 'push item availability (inventory levels per location)');
}
