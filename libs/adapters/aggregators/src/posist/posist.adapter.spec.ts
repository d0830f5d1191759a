import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { orderPollerConformance } from '../core/poller-conformance';
import { PosistAdapter } from './posist.adapter';

orderPollerConformance({
  createPoller: () => new PosistAdapter(),
  integration: { venueId: 'blr-indiranagar', storeRef: 'posist-outlet-7', secret: 'posist-api-key' },
  serve: () =>
    JSON.parse(readFileSync(join(__dirname, '__fixtures__', 'orders.crafted.json'), 'utf8')) as unknown,
  expect: { externalIds: ['5f1e0c2b9d1e8a0017a1b001'], totals: [48675] },
  checkRequests: ([request]) => {
    expect(request.url.pathname).toBe('/api/v1/orders');
    expect(request.headers['x-api-key']).toBe('posist-api-key');
    expect(request.url.searchParams.get('page')).toBe('1');
  },
});
