import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { orderPollerConformance } from '../core/poller-conformance';
import { GloriaFoodCatchUpPoller } from './gloriafood.poller';

orderPollerConformance({
  createPoller: () => new GloriaFoodCatchUpPoller(),
  integration: { venueId: 'nyc-soho', storeRef: '8yCPCvb3dDo1k', secret: 'e6fIguVkyG5xtT3BYGMI4rfm9iVt24YJ' },
  // the pop endpoint answers in the push's shape, `{count, orders}`: the published push sample
  serve: () => JSON.parse(readFileSync(join(__dirname, '__fixtures__', 'orders.json'), 'utf8')) as unknown,
  expect: { externalIds: ['776113'], totals: [6241] },
  checkRequests: ([request]) => {
    expect(request.method).toBe('POST');
    expect(request.url.pathname).toBe('/pos/order/pop');
    expect(request.headers.authorization).toBe('e6fIguVkyG5xtT3BYGMI4rfm9iVt24YJ');
    expect(request.headers['glf-api-version']).toBe('2');
  },
});
