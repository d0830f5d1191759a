import { AdapterCapabilityUnsupported } from './adapter.errors';
import { createDefaultRegistry } from './adapter.registry';
import type { IntegrationSettings } from './aggregator-adapter';
import { hasStatusCallbacks, type StatusCallbackBuilder, type StoreControlInput } from './status-callback';

const registry = createDefaultRegistry();
const builder = (platform: string): StatusCallbackBuilder => {
  const adapter = registry.get(platform);
  if (!hasStatusCallbacks(adapter)) throw new Error(`${platform} has no status callbacks`);
  return adapter;
};
const settings = (over: Partial<IntegrationSettings> = {}): IntegrationSettings => ({
  venueId: 'venue-a',
  storeRef: 'store-1',
  secret: 'secret',
  apiBaseUrl: 'https://stand-in.example',
  credentials: { clientId: 'client', accessToken: 'token', brandId: 'brand-1' },
  ...over,
});
const changedAt = '2026-11-22T16:00:00.000Z';
const pause: StoreControlInput = {
  aspect: 'pause',
  pausedUntil: '2026-11-22T17:30:00.000Z',
  busyExtraMinutes: 0,
  changedAt,
  idempotencyKey: 'i',
};
const open: StoreControlInput = { aspect: 'pause', busyExtraMinutes: 0, changedAt, idempotencyKey: 'i' };
const busy: StoreControlInput = { aspect: 'busy', busyExtraMinutes: 15, changedAt, idempotencyKey: 'i' };
const order = { id: 'o-1', externalId: 'ext-1', orderType: 'delivery' };

const request = (platform: string, input: StoreControlInput, over?: Partial<IntegrationSettings>) => {
  const plan = builder(platform).storeControlCallback!(input, settings(over));
  return {
    method: plan.request.method,
    url: plan.request.url,
    body: JSON.parse(plan.request.body ?? 'null') as unknown,
  };
};

describe('store controls and ready times, per platform', () => {
  it('Uber Eats: Set Restaurant Status PAUSED until a time, then ONLINE; no busy API', () => {
    expect(request('ubereats', pause)).toEqual({
      method: 'POST',
      url: 'https://stand-in.example/v1/eats/store/store-1/status',
      body: { status: 'PAUSED', paused_until: '2026-11-22T17:30:00Z', reason: 'Paused by the restaurant' },
    });
    expect(request('ubereats', open).body).toEqual({
      status: 'ONLINE',
      reason: 'Reopened by the restaurant',
    });
    // a pause that already ended is an opening
    expect(request('ubereats', { ...pause, changedAt: '2026-11-22T18:00:00.000Z' }).body).toMatchObject({
      status: 'ONLINE',
    });
    expect(() => request('ubereats', busy)).toThrow(AdapterCapabilityUnsupported);
  });

  it('DoorDash: store deactivated until end_time, reactivated; no busy API', () => {
    expect(request('doordash', pause)).toEqual({
      method: 'PUT',
      url: 'https://stand-in.example/marketplace/api/v1/stores/store-1/status',
      body: {
        is_active: false,
        reason: 'store_self_disabled_in_their_POS_portal',
        notes: 'Paused by the restaurant',
        end_time: '2026-11-22T17:30:00.000Z',
      },
    });
    expect(request('doordash', open).body).toEqual({ is_active: true });
    expect(() => request('doordash', busy)).toThrow('doordash cannot set busy mode');
  });

  it("Deliveroo: the brand's site CLOSED / READY_TO_OPEN and its workload mode; needs the brand id", () => {
    const site = 'https://stand-in.example/site/v1/brands/brand-1/sites/store-1';
    expect(request('deliveroo', pause)).toEqual({
      method: 'PUT',
      url: `${site}/status`,
      body: { status: 'CLOSED' },
    });
    expect(request('deliveroo', open).body).toEqual({ status: 'READY_TO_OPEN' });
    expect(request('deliveroo', busy)).toEqual({
      method: 'PUT',
      url: `${site}/workload/mode`,
      body: { mode: 'BUSY' },
    });
    expect(request('deliveroo', { ...busy, busyExtraMinutes: 0 }).body).toEqual({ mode: 'QUIET' });
    expect(() => request('deliveroo', pause, { credentials: { accessToken: 't' } })).toThrow(
      'deliveroo cannot pause the site without credentials.brandId',
    );
  });

  it('platforms without a store-control API refuse both aspects', () => {
    for (const platform of ['square', 'shopify', 'woocommerce', 'toast', 'olo', 'gloriafood']) {
      expect(() => request(platform, pause)).toThrow(`${platform} cannot pause the store`);
      expect(() => request(platform, busy)).toThrow(`${platform} cannot set busy mode`);
    }
  });

  it('a new ready time: Uber update-ready-time; Deliveroo, DoorDash and the rest unsupported', () => {
    const input = { order, promisedAt: '2026-11-22T16:40:00.000Z', prepTimeMinutes: 30, idempotencyKey: 'i' };
    const plan = builder('ubereats').prepTimeCallback!(input, settings());
    expect(plan.request).toMatchObject({
      method: 'POST',
      url: 'https://stand-in.example/v1/delivery/order/ext-1/update-ready-time',
      body: '{"ready_for_pickup_time":"2026-11-22T16:40:00.000Z"}',
    });
    for (const platform of [
      'deliveroo',
      'doordash',
      'square',
      'shopify',
      'woocommerce',
      'toast',
      'olo',
      'gloriafood',
    ]) {
      expect(() => builder(platform).prepTimeCallback!(input, settings())).toThrow(
        AdapterCapabilityUnsupported,
      );
    }
  });
});
