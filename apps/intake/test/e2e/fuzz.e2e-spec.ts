import fc from 'fast-check';
import { Role } from '@hub/auth';
import { fuzzBody, fuzzHeaders, InProcessService } from '@hub/testing';
import { startIntake } from './support/boot';
import { WEBHOOKS_PATH } from '../../src/webhooks/webhooks.controller';

jest.setTimeout(120_000);

const VENUE = 'venue-fuzz';
const PLATFORMS = [
  'shopify',
  'woocommerce',
  'ubereats',
  'square',
  'gloriafood',
  'deliveroo',
  'toast',
  'olo',
  'doordash',
  'zomato',
  'swiggy',
  'nosuch',
];
/** What a public route may answer to garbage: a clear client error, never a 5xx (503 only in an outage). */
const CLIENT_ERRORS = new Set([200, 400, 401, 403, 404, 413, 415, 422, 429]);

/**
 * The short fuzz run of `npm test` (the long one is issue "Evidence"): malformed, truncated, oversized
 * and random bodies and headers at the webhook and direct-order routes. Nothing answers 5xx, the
 * service stays up, and nothing unauthenticated is stored.
 */
describe('intake: fuzzing the public routes', () => {
  let service: InProcessService;
  let staff: string;

  beforeAll(async () => {
    service = await startIntake({ WEBHOOK_MAX_BYTES: String(16 * 1024), WEBHOOK_RATE_PER_MINUTE: '100000' });
    const headOffice = service.environment.token(Role.HEAD_OFFICE, '*');
    for (const [platform, storeRef] of [
      ['shopify', 'fuzz.myshopify.com'],
      ['gloriafood', 'fuzz-restaurant-key'],
      ['zomato', 'fuzz-zomato-store'],
    ]) {
      await service.request('PUT', `/v1/venues/${VENUE}/integrations/${platform}`, headOffice, {
        storeRef,
        secret: `secret-${platform}`,
      });
    }
    staff = service.environment.token(Role.STAFF, [VENUE]);
  });

  afterAll(async () => {
    await service?.stop();
  });

  const body = fuzzBody();
  const headers = fuzzHeaders(['fuzz.myshopify.com', 'fuzz-restaurant-key', 'secret-gloriafood']);

  it('answers every malformed, truncated, oversized or random webhook with a clear client error and stores nothing', async () => {
    const before = await service.environment.query('SELECT count(*)::int AS n FROM intake.deliveries');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PLATFORMS), body, headers, async (platform, payload, hdrs) => {
        const response = await fetch(`${service.url}${WEBHOOKS_PATH}/${platform}`, {
          method: 'POST',
          headers: hdrs,
          body: payload,
        });
        const text = await response.text();
        if (!CLIENT_ERRORS.has(response.status))
          throw new Error(`${platform} answered ${response.status}: ${text.slice(0, 300)}`);
        if (response.status >= 400)
          expect(JSON.parse(text)).toMatchObject({ statusCode: response.status, message: expect.anything() });
      }),
      { numRuns: 400 },
    );
    // nothing stored but what authenticated: a guessed signature never matches
    const after = await service.environment.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM intake.deliveries WHERE state = 'stored'",
    );
    expect(after[0].n).toBe((before[0] as { n: number }).n);
    expect((await fetch(`${service.url}/health/ready`)).status).toBe(200);
  });

  it('answers every malformed direct order with 400 naming the problem', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.json({ maxDepth: 5 }), fc.string({ maxLength: 500 })),
        fc.string({ maxLength: 300 }),
        async (payload, key) => {
          const response = await fetch(`${service.url}/v1/orders`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${staff}`,
              'content-type': 'application/json',
              'idempotency-key': key.replace(/[^\x20-\x7e]/g, '') || 'k',
            },
            body: payload,
          });
          const answer = (await response.json()) as { statusCode: number; message: unknown };
          if (response.status !== 400 && response.status !== 403)
            throw new Error(`answered ${response.status}: ${JSON.stringify(answer).slice(0, 300)}`);
          expect(answer.message).toBeTruthy();
        },
      ),
      { numRuns: 300 },
    );
    // direct orders keep no raw body: none was stored
    expect(
      await service.environment.query('SELECT id FROM intake.deliveries WHERE raw_body IS NULL'),
    ).toEqual([]);
  });
});
