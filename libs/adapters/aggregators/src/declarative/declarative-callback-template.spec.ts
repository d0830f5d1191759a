import { createHmac } from 'node:crypto';
import { OrderStatus } from '@hub/order-model';
import type { IntegrationSettings } from '../core/aggregator-adapter';
import { AdapterCapabilityUnsupported } from '../core/adapter.errors';
import { callbacksProblems, renderBody, renderUrl } from './declarative-callback-template';
import { mappingProblems } from './declarative-mapping';
import { DeclarativeAdapter } from './declarative.adapter';
import { DECLARATIVE_PRESETS } from './declarative.presets';
import custom from './__fixtures__/custom-mapping.crafted.json';

const callbacks = {
  signature: { header: 'x-partner-signature', encoding: 'hex', prefix: 'sha256=' },
  status: {
    method: 'POST',
    url: 'https://partner.example.com/v2/orders/{{order.externalId}}/state?outlet={{store.ref}}',
    body: {
      state: '{{platformStatus}}',
      token: 'T-{{order.displayNumber}}',
      why: '{{reason}}',
      items: ['{{order.id}}'],
    },
    values: { accepted: 'ACK', ready: 'PACKED' },
  },
  prepTime: {
    method: 'PUT',
    url: '/eta/{{order.externalId}}',
    body: { at: '{{promisedAt}}', min: '{{prepTimeMinutes}}' },
  },
  storeControls: {
    method: 'POST',
    url: '/outlets/{{store.ref}}/busy',
    body: { extra: '{{busyExtraMinutes}}' },
    aspects: ['busy'],
  },
};
const mapping = { ...custom, callbacks };
const integration: IntegrationSettings = {
  venueId: 'venue-a',
  storeRef: 'outlet/7',
  secret: 'shared-secret',
  apiBaseUrl: 'https://partner.example.com/api/',
  mapping,
};
const order = { id: 'o-1', externalId: 'DP 99', displayNumber: '0042', orderType: 'delivery' };

describe('declarative callback templates', () => {
  it('validate with the mapping, naming each bad path', () => {
    expect(mappingProblems(mapping)).toEqual([]);
    expect(
      callbacksProblems({
        signature: { header: 'bad header', encoding: 'hex' },
        status: {
          method: 'GET',
          url: 'ftp://x/{{order.nope}}{{customer.phone}}',
          body: { a: '{{order..id}}', b: '{{unclosed' },
          values: { shipped: 'S' },
        },
        prepTime: { url: 'orders', body: {} },
        storeControls: { method: 'POST', url: '/x', aspects: ['closed'] },
        menu: {},
      }),
    ).toEqual([
      'mapping.callbacks.menu: is not a known field (known: signature, status, prepTime, storeControls)',
      'mapping.callbacks.signature.header: must be a header name',
      'mapping.callbacks.status.method: must be one of POST, PUT, PATCH',
      expect.stringContaining(
        'mapping.callbacks.status.url: "{{customer.phone}}" must start with one of order, status',
      ),
      'mapping.callbacks.status.url: must be http(s)',
      expect.stringContaining('mapping.callbacks.status.body.a: "order..id" is not a valid path'),
      'mapping.callbacks.status.body.b: has an unclosed "{{" or a stray "}}"',
      expect.stringContaining('mapping.callbacks.status.values.shipped: is not one of our statuses'),
      'mapping.callbacks.prepTime.method: must be one of POST, PUT, PATCH',
      'mapping.callbacks.prepTime.url: "orders" is neither an absolute URL nor a path starting with /',
      'mapping.callbacks.storeControls.aspects: must list pause and/or busy',
    ]);
    expect(mappingProblems({ ...custom, callbacks: { status: { method: 'PUT' } } })).toEqual([
      'mapping.callbacks.status.url: is required (an http(s) URL, or a path starting with / joined to apiBaseUrl)',
    ]);
  });

  it('render values with their JSON types, leave out what is missing, and encode URL parts', () => {
    const context = { order: { id: 'o-1', externalId: 'a/b c' }, prepTimeMinutes: 12, paused: false };
    expect(
      renderBody(
        {
          min: '{{prepTimeMinutes}}',
          paused: '{{paused}}',
          gone: '{{reason}}',
          text: 'n={{prepTimeMinutes}}{{reason}}',
          list: ['{{order.id}}', '{{reason}}'],
        },
        context,
      ),
    ).toEqual({ min: 12, paused: false, text: 'n=12', list: ['o-1'] });
    expect(renderUrl('/orders/{{order.externalId}}', context, 'https://h.example/api/')).toBe(
      'https://h.example/api/orders/a%2Fb%20c',
    );
    expect(renderUrl('/orders/{{order.id}}', context, undefined)).toBeUndefined();
  });

  it("build a signed status call from the integration's template; unlisted statuses are unsupported", () => {
    const adapter = new DeclarativeAdapter('dotpe');
    const plan = adapter.statusCallback(
      { order, status: OrderStatus.ACCEPTED, reason: 'ok', idempotencyKey: 'idem-1' },
      integration,
    )!;
    expect(plan.request).toMatchObject({
      method: 'POST',
      url: 'https://partner.example.com/v2/orders/DP%2099/state?outlet=outlet%2F7',
      body: JSON.stringify({ state: 'ACK', token: 'T-0042', why: 'ok', items: ['o-1'] }),
    });
    const signature = createHmac('sha256', 'shared-secret').update(plan.request.body!).digest('hex');
    expect(plan.request.headers['x-partner-signature']).toBe(`sha256=${signature}`);
    expect(plan.request.headers['idempotency-key']).toBe('idem-1');
    expect(() =>
      adapter.statusCallback({ order, status: OrderStatus.DISPATCHED, idempotencyKey: 'i' }, integration),
    ).toThrow(AdapterCapabilityUnsupported);
  });

  it('build prep-time and store-control calls from their templates, only for the aspects listed', () => {
    const adapter = new DeclarativeAdapter('dotpe');
    const prep = adapter.prepTimeCallback(
      { order, promisedAt: '2026-11-22T16:30:00.000Z', prepTimeMinutes: 25, idempotencyKey: 'i' },
      integration,
    );
    expect(prep.request).toMatchObject({
      method: 'PUT',
      url: 'https://partner.example.com/api/eta/DP%2099',
      body: '{"at":"2026-11-22T16:30:00.000Z","min":25}',
    });
    const busy = adapter.storeControlCallback(
      { aspect: 'busy', busyExtraMinutes: 20, changedAt: '2026-11-22T16:00:00.000Z', idempotencyKey: 'i' },
      integration,
    );
    expect(busy.request).toMatchObject({
      url: 'https://partner.example.com/api/outlets/outlet%2F7/busy',
      body: '{"extra":20}',
    });
    expect(() =>
      adapter.storeControlCallback(
        { aspect: 'pause', busyExtraMinutes: 0, changedAt: '2026-11-22T16:00:00.000Z', idempotencyKey: 'i' },
        integration,
      ),
    ).toThrow('dotpe cannot pause the store (no callbacks.storeControls template for it)');
  });

  it('the Zomato and Swiggy presets validate and carry the UrbanPiper status template', () => {
    for (const platform of ['zomato', 'swiggy']) {
      expect(mappingProblems(DECLARATIVE_PRESETS[platform])).toEqual([]);
      expect(DECLARATIVE_PRESETS[platform].callbacks?.status?.url).toBe(
        '/external/api/v1/orders/{{order.displayNumber}}/status/',
      );
    }
  });
});
