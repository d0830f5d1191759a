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
import { SQUARE } from './square.mapper';

const SQUARE_API = 'https://connect.squareup.com';
const SQUARE_VERSION = '2025-01-23';
const TERMINAL = new Set(['COMPLETED', 'CANCELED', 'FAILED']);

interface SquareOrderAnswer {
  order?: {
    location_id?: string;
    version?: number;
    fulfillments?: Array<{ uid?: string; state?: string }>;
  };
}

/**
 * Square (developer.squareup.com, Orders API "UpdateOrder"): `PUT /v2/orders/{order_id}` with the
 * sparse order `{location_id, version, fulfillments: [{uid, state}]}` and an `idempotency_key`
 * ("reattempt it with the same idempotency key without worrying about creating duplicate updates").
 * UpdateOrder needs the order's latest `version` and the fulfillment's `uid`, which only Square knows,
 * so the plan reads the order first (RetrieveOrder `GET /v2/orders/{order_id}`) and then writes; when
 * the fulfillment is already in the target state (accepted and in_preparation are both RESERVED)
 * there is nothing to write. Bearer `credentials.accessToken`, `Square-Version` pinned.
 */
export function squareStatusCallback(
  input: StatusCallbackInput,
  integration: IntegrationSettings,
  targetState: string | undefined,
): CallbackPlan | undefined {
  if (targetState === undefined) return undefined;
  const base = callbackBase(integration, SQUARE_API);
  const url = `${base}/v2/orders/${encodeURIComponent(input.order.externalId)}`;
  const auth: CallbackAuth = { kind: 'bearer', token: integration.credentials?.accessToken ?? '' };
  const headers = { 'square-version': integration.credentials?.squareVersion ?? SQUARE_VERSION };
  return {
    action: 'square RetrieveOrder',
    request: { method: 'GET', url, headers: { accept: 'application/json', ...headers }, auth },
    next: (answer) => {
      const order = (answer as SquareOrderAnswer | undefined)?.order;
      const fulfillment = order?.fulfillments?.find((f) => f.uid && !TERMINAL.has(f.state ?? ''));
      if (!order || !fulfillment?.uid || fulfillment.state === targetState) return undefined;
      return {
        action: `square UpdateOrder fulfillment ${targetState}`,
        request: jsonRequest(
          'PUT',
          url,
          {
            idempotency_key: input.idempotencyKey,
            order: {
              location_id: order.location_id ?? integration.storeRef,
              ...(order.version === undefined ? {} : { version: order.version }),
              fulfillments: [{ uid: fulfillment.uid, state: targetState }],
            },
          },
          auth,
          headers,
        ),
      };
    },
  };
}

/**
 * Square item availability lives in the Catalog (item variation `location_overrides.sold_out`),
 * which takes the whole catalog object at its current version: not a single call. Unsupported here.
 */
export function squareAvailabilityCallback(_input: AvailabilityCallbackInput): CallbackPlan {
  throw new AdapterCapabilityUnsupported(
    SQUARE,
    'push item availability (catalog objects need read-modify-write)',
  );
}
