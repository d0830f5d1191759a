import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { orderPollerConformance } from '../core/poller-conformance';
import { RevelAdapter } from './revel.adapter';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(join(__dirname, '__fixtures__', name), 'utf8')) as unknown;

orderPollerConformance({
  createPoller: () => new RevelAdapter(),
  integration: {
    venueId: 'nyc-soho',
    storeRef: '12',
    secret: 'revel-api-key:revel-api-secret',
    currency: 'USD',
  },
  serve: (request) =>
    request.url.pathname === '/resources/OrderItem/'
      ? fixture('order-items.crafted.json')
      : fixture('orders-page.crafted.json'),
  expect: { externalIds: ['9001', '9002'], totals: [2212, 879] },
  checkRequests: (requests) => {
    const [orders, items] = requests;
    expect(orders.headers['api-authentication']).toBe('revel-api-key:revel-api-secret');
    expect(orders.url.pathname).toBe('/resources/Order/');
    expect(orders.url.searchParams.get('establishment')).toBe('12');
    expect(orders.url.searchParams.get('order_by')).toBe('updated_date');
    expect(Date.parse(orders.url.searchParams.get('updated_date__gte') ?? '')).not.toBeNaN();
    expect(items.url.searchParams.get('order__in')).toBe('9001,9002');
  },
});
