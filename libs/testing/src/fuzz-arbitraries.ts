import fc from 'fast-check';

/**
 * Arbitraries of hostile HTTP input, shared by the short fuzz of `npm test` (apps/intake) and the
 * long one (`npm run fuzz`): random, malformed, truncated, binary and oversized bodies, and headers
 * a platform or a client would send, with plausible or random values.
 */
export const fuzzBody = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ maxLength: 2000 }),
    fc.json({ maxDepth: 4 }),
    fc.uint8Array({ maxLength: 4000 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
    fc.constantFrom(
      '',
      '{',
      '{"id":',
      'null',
      '[]',
      '{"orders":[{}]}',
      '{"count":1,"orders":null}',
      'webhook_id=1',
      'x'.repeat(20_000),
    ),
  );

/** Printable ASCII only: what fetch accepts in a header value. */
export const headerValue = (maxLength = 80): fc.Arbitrary<string> =>
  fc.string({ maxLength }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));

export const WEBHOOK_HEADER_NAMES = [
  'content-type',
  'x-shopify-hmac-sha256',
  'x-shopify-shop-domain',
  'x-shopify-topic',
  'x-shopify-webhook-id',
  'authorization',
  'x-wc-webhook-source',
  'x-wc-webhook-signature',
  'x-uber-signature',
  'x-square-hmacsha256-signature',
  'x-olo-timestamp',
  'x-olo-signature',
  'x-store-id',
  'idempotency-key',
] as const;

/** Webhook headers: the platforms' header names with plausible (`known`) or random values. */
export const fuzzHeaders = (known: readonly string[] = []): fc.Arbitrary<Record<string, string>> =>
  fc.dictionary(
    fc.constantFrom(...WEBHOOK_HEADER_NAMES),
    fc.oneof(
      fc.constantFrom('application/json', 'apikey user:key', 'orders/create', ...known),
      headerValue(),
    ),
    { maxKeys: 6 },
  );
