import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { orderPollerConformance } from '../core/poller-conformance';
import { OpenTableAdapter } from './opentable.adapter';

orderPollerConformance({
  createPoller: () => new OpenTableAdapter(),
  integration: {
    venueId: 'sf-mission',
    storeRef: '123456',
    secret: 'opentable-client-secret',
    credentials: { clientId: 'opentable-client' },
  },
  serve: (request) =>
    request.url.pathname === '/api/v2/oauth/token'
      ? { access_token: 'ot-token', token_type: 'bearer', expires_in: 3600 }
      : (JSON.parse(readFileSync(join(__dirname, '__fixtures__', 'orders.crafted.json'), 'utf8')) as unknown),
  expect: { externalIds: ['ot-ord-7781'], totals: [5559] },
  checkRequests: (requests) => {
    const token = requests.find((request) => request.url.pathname === '/api/v2/oauth/token');
    expect(new URLSearchParams(token?.body).get('grant_type')).toBe('client_credentials');
    const list = requests.find((request) => request.url.pathname === '/v2/restaurants/123456/orders');
    expect(list?.headers.authorization).toBe('Bearer ot-token');
  },
});
