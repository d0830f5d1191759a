import { ORDER_STATUSES, OrderStatus } from '@hub/order-model';
import type { IntegrationSettings } from './aggregator-adapter';
import { AdapterCapabilityUnsupported } from './adapter.errors';
import { createDefaultRegistry } from './adapter.registry';
import { type CallbackPlan, hasStatusCallbacks, type StatusCallbackInput } from './status-callback';

const registry = createDefaultRegistry();
const integration = (overrides: Partial<IntegrationSettings> = {}): IntegrationSettings => ({
  venueId: 'blr-koramangala',
  storeRef: 'store-1',
  secret: 'client-secret',
  apiBaseUrl: 'http://127.0.0.1:9',
  ...overrides,
});
const input = (status: OrderStatus, reason?: string): StatusCallbackInput => ({
  order: {
    id: '01a2036e-2559-7703-ab26-b1eced71891f',
    externalId: 'ext-1',
    displayNumber: '0042',
    orderType: 'pickup',
  },
  status,
  reason,
  idempotencyKey: 'idem-1',
});
const builder = (platform: string) => {
  const adapter = registry.get(platform);
  if (!hasStatusCallbacks(adapter)) throw new Error(`${platform} has no status callbacks`);
  return adapter;
};
const call = (plan: CallbackPlan | undefined) => {
  if (!plan) throw new Error('no plan');
  const { method, url, body } = plan.request;
  return {
    method,
    path: url.replace('http://127.0.0.1:9', ''),
    body: body ? (JSON.parse(body) as unknown) : undefined,
  };
};

describe('status callbacks: every adapter answers every status with a plan, nothing, or unsupported', () => {
  it.each(registry.platforms())('%s', (platform) => {
    const adapter = builder(platform);
    for (const status of ORDER_STATUSES) {
      try {
        const plan = adapter.statusCallback(input(status), integration());
        if (plan) expect(plan.request.url).toMatch(/^http:\/\/127\.0\.0\.1:9\//);
      } catch (error) {
        expect(error).toBeInstanceOf(AdapterCapabilityUnsupported);
      }
    }
  });
});

describe('Uber Eats', () => {
  const uber = builder('ubereats');
  const settings = integration({ credentials: { clientId: 'uber-client' } });
  it('accepts, denies with the reason, marks ready and cancels, with an eats.order client-credentials token', () => {
    expect(call(uber.statusCallback(input(OrderStatus.ACCEPTED), settings))).toEqual({
      method: 'POST',
      path: '/v1/eats/orders/ext-1/accept_pos_order',
      body: { reason: 'accepted', external_reference_id: '0042' },
    });
    expect(call(uber.statusCallback(input(OrderStatus.REJECTED, 'kitchen closed'), settings)).body).toEqual({
      reason: { explanation: 'kitchen closed', code: 'OTHER' },
    });
    expect(call(uber.statusCallback(input(OrderStatus.READY), settings)).path).toBe(
      '/v1/delivery/order/ext-1/ready',
    );
    expect(call(uber.statusCallback(input(OrderStatus.CANCELLED, 'out of paneer'), settings))).toMatchObject({
      path: '/v1/eats/orders/ext-1/cancel',
      body: { reason: 'OTHER', details: 'out of paneer' },
    });
    expect(uber.statusCallback(input(OrderStatus.RECEIVED), settings)).toBeUndefined();
    expect(() => uber.statusCallback(input(OrderStatus.IN_PREPARATION), settings)).toThrow(
      AdapterCapabilityUnsupported,
    );
    expect(uber.statusCallback(input(OrderStatus.ACCEPTED), settings)!.request.auth).toEqual({
      kind: 'oauth-client-credentials',
      tokenUrl: 'http://127.0.0.1:9/oauth/v2/token',
      clientId: 'uber-client',
      clientSecret: 'client-secret',
      scope: 'eats.order',
    });
  });

  it('suspends an item until a time, and lifts it', () => {
    const base = { kind: 'item' as const, platformCode: 'uber-item-9', code: 'KULFI', idempotencyKey: 'k' };
    expect(
      call(
        uber.availabilityCallback({ ...base, available: false, until: '2026-11-22T18:00:00.000Z' }, settings),
      ),
    ).toEqual({
      method: 'POST',
      path: '/v2/eats/stores/store-1/menus/items/uber-item-9',
      body: { suspension_info: { suspension: { suspend_until: 1795370400, reason: 'out of stock' } } },
    });
    expect(call(uber.availabilityCallback({ ...base, available: true }, settings)).body).toEqual({
      suspension_info: { suspension: { suspend_until: 0 } },
    });
  });
});

describe('Square', () => {
  const square = builder('square');
  const settings = integration({ credentials: { accessToken: 'sq-token' } });
  it('reads the order, then updates the open fulfillment with the version and an idempotency key', () => {
    const plan = square.statusCallback(input(OrderStatus.READY), settings)!;
    expect(call(plan)).toEqual({ method: 'GET', path: '/v2/orders/ext-1', body: undefined });
    expect(plan.request.auth).toEqual({ kind: 'bearer', token: 'sq-token' });
    const answer = {
      order: { location_id: 'L1', version: 4, fulfillments: [{ uid: 'f1', state: 'RESERVED' }] },
    };
    expect(call(plan.next!(answer))).toEqual({
      method: 'PUT',
      path: '/v2/orders/ext-1',
      body: {
        idempotency_key: 'idem-1',
        order: { location_id: 'L1', version: 4, fulfillments: [{ uid: 'f1', state: 'PREPARED' }] },
      },
    });
    const already = { order: { version: 5, fulfillments: [{ uid: 'f1', state: 'PREPARED' }] } };
    expect(plan.next!(already)).toBeUndefined();
  });
});

describe('WooCommerce', () => {
  const woo = builder('woocommerce');
  const settings = integration({ credentials: { consumerKey: 'ck_1', consumerSecret: 'cs_1' } });
  it('puts the order status with the REST API keys as Basic auth, and a product stock status', () => {
    const plan = woo.statusCallback(input(OrderStatus.CANCELLED), settings)!;
    expect(call(plan)).toEqual({
      method: 'PUT',
      path: '/wp-json/wc/v3/orders/ext-1',
      body: { status: 'cancelled' },
    });
    expect(plan.request.auth).toEqual({ kind: 'basic', username: 'ck_1', password: 'cs_1' });
    expect(call(woo.statusCallback(input(OrderStatus.ACCEPTED), settings)).body).toEqual({
      status: 'processing',
    });
    expect(
      call(
        woo.availabilityCallback(
          { kind: 'item', platformCode: '794', code: 'KULFI', available: false, idempotencyKey: 'k' },
          settings,
        ),
      ),
    ).toEqual({ method: 'PUT', path: '/wp-json/wc/v3/products/794', body: { stock_status: 'outofstock' } });
  });
});

describe('Shopify, Deliveroo, DoorDash', () => {
  it('Shopify fulfills what is open on dispatch, closes on completion and cancels', () => {
    const shopify = builder('shopify');
    const settings = integration({ credentials: { accessToken: 'shpat' } });
    const plan = shopify.statusCallback(input(OrderStatus.DISPATCHED), settings)!;
    expect(call(plan).path).toBe('/admin/api/2025-01/orders/ext-1/fulfillment_orders.json');
    expect(
      call(
        plan.next!({
          fulfillment_orders: [
            { id: 11, status: 'open' },
            { id: 12, status: 'closed' },
          ],
        }),
      ),
    ).toEqual({
      method: 'POST',
      path: '/admin/api/2025-01/fulfillments.json',
      body: {
        fulfillment: {
          line_items_by_fulfillment_order: [{ fulfillment_order_id: 11 }],
          notify_customer: true,
        },
      },
    });
    expect(plan.next!({ fulfillment_orders: [{ id: 12, status: 'closed' }] })).toBeUndefined();
    expect(call(shopify.statusCallback(input(OrderStatus.COMPLETED), settings)).path).toBe(
      '/admin/api/2025-01/orders/ext-1/close.json',
    );
    expect(call(shopify.statusCallback(input(OrderStatus.CANCELLED), settings)).body).toEqual({
      reason: 'other',
    });
  });

  it('Deliveroo accepts, rejects with a documented reason and confirms', () => {
    const deliveroo = builder('deliveroo');
    expect(call(deliveroo.statusCallback(input(OrderStatus.ACCEPTED), integration()))).toEqual({
      method: 'PATCH',
      path: '/order/v1/orders/ext-1',
      body: { status: 'accepted' },
    });
    expect(call(deliveroo.statusCallback(input(OrderStatus.REJECTED, 'busy'), integration())).body).toEqual({
      status: 'rejected',
      reject_reason: 'busy',
      notes: 'busy',
    });
    expect(call(deliveroo.statusCallback(input(OrderStatus.IN_PREPARATION), integration())).body).toEqual({
      status: 'confirmed',
    });
  });

  it('DoorDash confirms success or fail', () => {
    const doordash = builder('doordash');
    expect(call(doordash.statusCallback(input(OrderStatus.REJECTED, 'closed'), integration()))).toEqual({
      method: 'PATCH',
      path: '/marketplace/api/v1/orders/ext-1',
      body: {
        merchant_supplied_id: input(OrderStatus.REJECTED).order.id,
        order_status: 'fail',
        failure_reason: 'closed',
      },
    });
  });

  it.each(['toast', 'olo', 'gloriafood'])('%s has no status API: unsupported', (platform) => {
    expect(() => builder(platform).statusCallback(input(OrderStatus.ACCEPTED), integration())).toThrow(
      AdapterCapabilityUnsupported,
    );
  });
});
