import type { IntegrationSettings } from '../core/aggregator-adapter';
import { AdapterCapabilityUnsupported } from '../core/adapter.errors';
import {
  type AvailabilityCallbackInput,
  type CallbackAuth,
  type CallbackPlan,
  credentialsAuth,
  jsonRequest,
  type StatusCallbackInput,
} from '../core/status-callback';
import { WOOCOMMERCE } from './woocommerce.mapper';

/** The shop's own site: `apiBaseUrl`, else the store reference (the site URL the webhooks come from). */
function siteBase(integration: IntegrationSettings): string {
  return (integration.apiBaseUrl ?? integration.storeRef).replace(/\/+$/, '');
}

/** REST API keys as HTTP Basic (`credentials.consumerKey` / `consumerSecret`; over HTTPS only, as WooCommerce requires). */
function wooAuth(integration: IntegrationSettings): CallbackAuth {
  const { consumerKey, consumerSecret } = integration.credentials ?? {};
  if (consumerKey && consumerSecret)
    return { kind: 'basic', username: consumerKey, password: consumerSecret };
  return credentialsAuth(integration);
}

/**
 * WooCommerce REST API v3 (woocommerce.github.io/woocommerce-rest-api-docs, "Update an order"):
 * `PUT /wp-json/wc/v3/orders/{id}` `{status}` with the status from the adapter's table (processing,
 * completed, cancelled, refunded).
 */
export function wooStatusCallback(
  input: StatusCallbackInput,
  integration: IntegrationSettings,
  wooStatus: string | undefined,
): CallbackPlan | undefined {
  if (wooStatus === undefined) return undefined;
  return {
    action: `woocommerce order status ${wooStatus}`,
    request: jsonRequest(
      'PUT',
      `${siteBase(integration)}/wp-json/wc/v3/orders/${encodeURIComponent(input.order.externalId)}`,
      { status: wooStatus },
      wooAuth(integration),
    ),
  };
}

/**
 * "Update a product": `PUT /wp-json/wc/v3/products/{id}` `{stock_status: outofstock|instock}`. An
 * `until` cannot be expressed: the 86 is lifted by the next availability change. WooCommerce has
 * no modifiers, so modifier availability is unsupported.
 */
export function wooAvailabilityCallback(
  input: AvailabilityCallbackInput,
  integration: IntegrationSettings,
): CallbackPlan {
  if (input.kind === 'modifier') {
    throw new AdapterCapabilityUnsupported(WOOCOMMERCE, 'push modifier availability');
  }
  return {
    action: `woocommerce product ${input.available ? 'instock' : 'outofstock'}`,
    request: jsonRequest(
      'PUT',
      `${siteBase(integration)}/wp-json/wc/v3/products/${encodeURIComponent(input.platformCode)}`,
      { stock_status: input.available ? 'instock' : 'outofstock' },
      wooAuth(integration),
    ),
  };
}
