import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { orderPollerConformance } from '../core/poller-conformance';
import { SquareCatchUpPoller } from './square.poller';

const retrieved = JSON.parse(
  readFileSync(join(__dirname, '__fixtures__', 'retrieve-order-response.json'), 'utf8'),
) as { order: unknown };

orderPollerConformance({
  createPoller: () => new SquareCatchUpPoller(),
  integration: {
    venueId: 'blr-koramangala',
    storeRef: 'FPYCBCHYMXFK1',
    secret: 'square-signature-key',
    credentials: { accessToken: 'square-access-token' },
  },
  // SearchOrders answers `{orders: [...], cursor?}` (Square SDK, doc/models/search-orders-response.md);
  // the order is the published RetrieveOrder sample's
  serve: () => ({ orders: [retrieved.order] }),
  expect: { externalIds: ['CAISENgvlJ6jLWAzERDzjyHVybY'], totals: [550] },
  checkRequests: ([request]) => {
    expect(request.method).toBe('POST');
    expect(request.url.pathname).toBe('/v2/orders/search');
    expect(request.headers.authorization).toBe('Bearer square-access-token');
    const body = JSON.parse(request.body) as {
      location_ids: string[];
      query: { filter: { date_time_filter: { updated_at: { start_at: string } } }; sort: unknown };
    };
    expect(body.location_ids).toEqual(['FPYCBCHYMXFK1']);
    expect(body.query.sort).toEqual({ sort_field: 'UPDATED_AT', sort_order: 'ASC' });
    expect(Date.parse(body.query.filter.date_time_filter.updated_at.start_at)).not.toBeNaN();
  },
});
