import { createHmac } from 'node:crypto';
import { OrderStatus } from '@hub/order-model';
import type { IntegrationSettings } from '../core/aggregator-adapter';
import { AdapterCapabilityUnsupported } from '../core/adapter.errors';
import {
  type CallbackAuth,
  type CallbackOrder,
  type CallbackPlan,
  credentialsAuth,
  jsonRequest,
  type PrepTimeInput,
  type StatusCallbackInput,
  type StoreControlInput,
} from '../core/status-callback';
import { type CallbackTemplate, renderBody, renderHeaders, renderUrl } from './declarative-callback-template';
import type { DeclarativeMapping } from './declarative-mapping';

/**
 * The declarative platforms' partner APIs are not public, so what a status callback looks like comes
 * from the integration's mapping: `callbacks.status` (a template, see
 * `declarative-callback-template.ts`; the Zomato and Swiggy presets ship one) decides the method,
 * the URL and the body, signed when the mapping says so. Without a template, one generic JSON call
 * goes to the integration's own callback URL (`apiBaseUrl`):
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
  const template = mapping?.callbacks?.status;
  if (template) {
    const named = template.values ? template.values[input.status] : input.status;
    if (named === undefined) throw AdapterCapabilityUnsupported.status(platform, input.status);
    return templatedPlan(platform, `status ${input.status}`, template, integration, mapping, {
      ...orderContext(input.order),
      status: input.status,
      platformStatus: named,
      reason: input.reason,
      idempotencyKey: input.idempotencyKey,
    });
  }
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

/** An order's new ready time, through the mapping's `callbacks.prepTime` template; none → unsupported. */
export function declarativePrepTimeCallback(
  platform: string,
  input: PrepTimeInput,
  integration: IntegrationSettings,
  mapping: DeclarativeMapping | undefined,
): CallbackPlan {
  const template = mapping?.callbacks?.prepTime;
  if (!template) {
    throw new AdapterCapabilityUnsupported(
      platform,
      "update an order's ready time (no callbacks.prepTime template)",
    );
  }
  return templatedPlan(platform, 'prep time', template, integration, mapping, {
    ...orderContext(input.order),
    promisedAt: input.promisedAt,
    prepTimeMinutes: input.prepTimeMinutes,
    reason: input.reason,
    idempotencyKey: input.idempotencyKey,
  });
}

/** Pause or busy mode, through the mapping's `callbacks.storeControls` template (for the aspects it lists); none → unsupported. */
export function declarativeStoreControlCallback(
  platform: string,
  input: StoreControlInput,
  integration: IntegrationSettings,
  mapping: DeclarativeMapping | undefined,
): CallbackPlan {
  const template = mapping?.callbacks?.storeControls;
  if (!template || !(template.aspects ?? ['pause', 'busy']).includes(input.aspect)) {
    throw new AdapterCapabilityUnsupported(
      platform,
      `${input.aspect === 'pause' ? 'pause the store' : 'set busy mode'} (no callbacks.storeControls template for it)`,
    );
  }
  const paused =
    input.pausedUntil !== undefined && Date.parse(input.pausedUntil) > Date.parse(input.changedAt);
  return templatedPlan(platform, `store ${input.aspect}`, template, integration, mapping, {
    aspect: input.aspect,
    paused,
    ...(paused ? { pausedUntil: input.pausedUntil } : {}),
    busyExtraMinutes: input.busyExtraMinutes,
    changedAt: input.changedAt,
    idempotencyKey: input.idempotencyKey,
  });
}

function orderContext(order: CallbackOrder): Record<string, unknown> {
  return {
    order: {
      id: order.id,
      externalId: order.externalId,
      displayNumber: order.displayNumber,
      orderType: order.orderType,
    },
  };
}

/** Renders a template into one call: URL, headers and body from the context, the body signed when configured. */
function templatedPlan(
  platform: string,
  what: string,
  template: CallbackTemplate,
  integration: IntegrationSettings,
  mapping: DeclarativeMapping | undefined,
  context: Record<string, unknown>,
): CallbackPlan {
  const full: Record<string, unknown> = {
    ...context,
    store: { ref: integration.storeRef, venueId: integration.venueId },
  };
  const url = renderUrl(template.url, full, integration.apiBaseUrl);
  if (!url) {
    throw new AdapterCapabilityUnsupported(
      platform,
      `send "${template.url}" without a callback base URL (apiBaseUrl)`,
    );
  }
  const body = template.body === undefined ? undefined : JSON.stringify(renderBody(template.body, full));
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
    'idempotency-key': String(full.idempotencyKey),
    ...renderHeaders(template.headers, full),
  };
  const signature =
    mapping?.callbacks?.signature ?? (mapping?.auth.scheme === 'hmac-sha256' ? mapping.auth : undefined);
  if (signature && integration.secret) {
    const digest = createHmac('sha256', integration.secret)
      .update(body ?? '')
      .digest(signature.encoding);
    headers[signature.header.toLowerCase()] = `${signature.prefix ?? ''}${digest}`;
  }
  return {
    action: `${platform} ${what}`,
    request: { method: template.method, url, headers, body, auth: callbackAuth(integration, mapping) },
  };
}
