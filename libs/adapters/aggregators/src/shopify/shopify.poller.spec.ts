import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { orderPollerConformance } from '../core/poller-conformance';
import { ShopifyCatchUpPoller } from './shopify.poller';

const sdkOrder = JSON.parse(readFileSync(join(__dirname, '__fixtures__', 'order.sdk.json'), 'utf8')) as {
  order: { id: number };
};

orderPollerConformance({
  createPoller: () => new ShopifyCatchUpPoller(),
  integration: {
    venueId: 'blr-koramangala',
    storeRef: 'spice-route.myshopify.com',
    secret: 'shopify-app-secret',
    credentials: { accessToken: 'shpat_test' },
  },
  // orders.json answers `{orders: [...]}`: the SDK's order resource, listed
  serve: (request) =>
    request.url.searchParams.get('since_id') === String(sdkOrder.order.id)
      ? { orders: [] }
      : { orders: [sdkOrder.order] },
  expect: { externalIds: [String(sdkOrder.order.id)], totals: [40994] },
  checkRequests: ([request]) => {
    expect(request.url.pathname).toBe('/admin/api/2025-01/orders.json');
    expect(request.headers['x-shopify-access-token']).toBe('shpat_test');
    expect(request.url.searchParams.get('status')).toBe('any');
    expect(request.url.searchParams.get('since_id')).toBe('0');
  },
});
