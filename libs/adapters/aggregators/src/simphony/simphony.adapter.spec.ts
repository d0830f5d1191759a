import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { orderPollerConformance } from '../core/poller-conformance';
import { SimphonyAdapter } from './simphony.adapter';

orderPollerConformance({
  createPoller: () => new SimphonyAdapter(),
  integration: {
    venueId: 'lon-covent-garden',
    storeRef: 'loc-01',
    secret: 'unused',
    currency: 'GBP',
    credentials: { accessToken: 'sts-token', orgShortName: 'ACME', rvcRef: '1' },
  },
  serve: () =>
    JSON.parse(readFileSync(join(__dirname, '__fixtures__', 'checks.crafted.json'), 'utf8')) as unknown,
  expect: { externalIds: ['chk-5001'], totals: [2584] },
  checkRequests: ([request]) => {
    expect(request.url.pathname).toBe('/api/v1/checks');
    expect(request.url.searchParams.get('includeClosed')).toBe('true');
    expect(request.headers.authorization).toBe('Bearer sts-token');
    expect(request.headers['simphony-orgshortname']).toBe('ACME');
    expect(request.headers['simphony-locref']).toBe('loc-01');
    expect(request.headers['simphony-rvcref']).toBe('1');
  },
});
