import { OrderStatus } from '@hub/order-model';
import type { IntegrationSettings } from '../core/aggregator-adapter';
import { AdapterCapabilityUnsupported } from '../core/adapter.errors';
import {
  type CallbackAuth,
  type CallbackPlan,
  credentialsAuth,
  jsonRequest,
  type StatusCallbackInput,
} from '../core/status-callback';
import type { DeclarativeMapping } from './declarative-mapping';

/**
 * The declarative platforms' partner APIs are not public, so status callbacks go to the
 * integration's own callback URL (`apiBaseUrl`, typically the middleware's or the platform's
 * endpoint configured by the head office) as one generic JSON call:
 * `POST {apiBaseUrl}/orders/{externalId}/status` with `{ orderId, displayNumber, status,
 * platformStatus, reason }`, `platformStatus` being the mapping's own name for the status when it
 * has one. Without a callback URL nothing can be sent: unsupported, and status-sync skips it.
 */
export function declarativeStatusCallback(
  platform: string,
  input: StatusCallbackInput,
  integration: IntegrationSettings,
  mapping: DeclarativeMapping | undefined,
  platformStatus: string | undefined,
): CallbackPlan | undefined {
  if (input.status === OrderStatus.RECEIVED) return undefined;
  if (!integration.apiBaseUrl) {
    throw new AdapterCapabilityUnsupported(
      platform,
      'send status callbacks without a callback URL (apiBaseUrl)',
    );
  }
  const base = integration.apiBaseUrl.replace(/\/+$/, '');
  const body = {
    orderId: input.order.externalId,
    displayNumber: input.order.displayNumber,
    status: input.status,
    platformStatus,
    reason: input.reason,
  };
  return {
    action: `${platform} status ${input.status}`,
    request: jsonRequest(
      'POST',
      `${base}/orders/${encodeURIComponent(input.order.externalId)}/status`,
      body,
      callbackAuth(integration, mapping),
      { 'idempotency-key': input.idempotencyKey },
    ),
  };
}

/** A static key goes back the way it came (UrbanPiper-style `Authorization: apikey …`); else the integration's credentials. */
function callbackAuth(
  integration: IntegrationSettings,
  mapping: DeclarativeMapping | undefined,
): CallbackAuth {
  const auth = mapping?.auth;
  if (auth?.scheme === 'static-key') {
    return { kind: 'header', name: auth.header, value: `${auth.prefix ?? ''}${integration.secret}` };
  }
  if (auth?.scheme === 'basic') {
    const colon = integration.secret.indexOf(':');
    if (colon > 0) {
      return {
        kind: 'basic',
        username: integration.secret.slice(0, colon),
        password: integration.secret.slice(colon + 1),
      };
    }
  }
  return credentialsAuth(integration);
}
