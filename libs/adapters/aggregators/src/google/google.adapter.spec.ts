import { generateKeyPairSync, KeyObject, sign as rsaSign } from 'node:crypto';
import { OrderType, PaymentStatus } from '@hub/order-model';
import { startLocalApi, type LocalApi } from '../../test/local-api-server';
import type { IntegrationSettings, RawWebhook } from '../core/aggregator-adapter';
import { AdapterCapabilityUnsupported } from '../core/adapter.errors';
import { aggregatorAdapterConformance, type SignFn } from '../core/conformance';
import { GoogleAdapter } from './google.adapter';
import submitOrder from './__fixtures__/submit-order.crafted.json';

/**
 * Tokens as Google's authorization service mints them ("Authorization and verification"): an RS256
 * JWT whose issuer is https://accounts.google.com and whose audience is the project id. Signed here
 * with node:crypto, independently of the adapter's jose verification, by keys a local JWKS serves.
 */
const ours = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
const KID = 'hub-test-key-1';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
function jwt(
  claims: Record<string, unknown>,
  options: { key?: KeyObject; kid?: string; alg?: string } = {},
): string {
  const head = b64url({ alg: options.alg ?? 'RS256', typ: 'JWT', kid: options.kid ?? KID });
  const body = b64url(claims);
  const signature = rsaSign('sha256', Buffer.from(`${head}.${body}`), options.key ?? ours.privateKey);
  return `${head}.${body}.${signature.toString('base64url')}`;
}
const claimsAt = (at: Date, audience: string, extra: Record<string, unknown> = {}) => ({
  iss: 'https://accounts.google.com',
  aud: audience,
  iat: Math.floor(at.getTime() / 1000),
  exp: Math.floor(at.getTime() / 1000) + 60,
  ...extra,
});

const sign: SignFn = (_body, integration, at) => ({
  authorization: `Bearer ${jwt(claimsAt(at, integration.secret))}`,
});

const integration: IntegrationSettings = {
  venueId: 'blr-koramangala',
  storeRef: 'restaurant/Restaurant/QWERTY',
  secret: 'tep-tep-food-ordering',
  credentials: {},
};

let jwks: LocalApi;

beforeAll(async () => {
  const jwk = ours.publicKey.export({ format: 'jwk' });
  jwks = await startLocalApi(() => ({ body: { keys: [{ ...jwk, kid: KID, alg: 'RS256', use: 'sig' }] } }));
  integration.credentials = { jwksUrl: `${jwks.baseUrl}/oauth2/v3/certs` };
});

afterAll(() => jwks.close());

aggregatorAdapterConformance({
  createAdapter: () => new GoogleAdapter(),
  integration,
  sign,
  signatureHeader: 'authorization',
  signsBody: false,
  // a token that expired more than the clock tolerance ago (exp = signed + 60 s, tolerance 30 s)
  staleAfterMs: 60_000,
  fixtures: [
    {
      name: 'Submit Order (crafted after the SubmitOrderRequestMessage example of "Set up Submit order")',
      body: JSON.stringify(submitOrder),
      headers: { 'content-type': 'application/json' },
      expect: { kind: 'orders', externalIds: ['01412971004192156198'], totals: [6501] },
    },
  ],
  malformed: [
    { name: 'no inputs', body: '{"conversation":{}}' },
    {
      name: 'a Submit Order without its order',
      body: '{"inputs":[{"intent":"actions.intent.TRANSACTION_DECISION","arguments":[{}]}]}',
    },
  ],
});

describe('GoogleAdapter', () => {
  const adapter = new GoogleAdapter();
  const body = JSON.stringify(submitOrder);
  const webhook = (authorization?: string, at = new Date()): RawWebhook => ({
    platform: 'google',
    headers: authorization === undefined ? {} : { authorization },
    rawBody: Buffer.from(body),
    url: 'https://hub.example.com/v1/webhooks/google',
    receivedAt: at,
  });
  const verify = (token: string, at = new Date()) =>
    adapter.verifySignature(webhook(`Bearer ${token}`, at), integration);

  it('accepts a token signed by a key of the JWKS for this project, with or without "Bearer"', async () => {
    const token = jwt(claimsAt(new Date(), integration.secret));
    expect(await verify(token)).toBe(true);
    expect(await adapter.verifySignature(webhook(token), integration)).toBe(true);
  });

  it('refuses another issuer, another audience, an expired token, an unknown key and alg none', async () => {
    const now = new Date();
    expect(await verify(jwt(claimsAt(now, integration.secret, { iss: 'https://evil.example.com' })))).toBe(
      false,
    );
    expect(await verify(jwt(claimsAt(now, 'someone-elses-project')))).toBe(false);
    const anHourAgo = new Date(now.getTime() - 3_600_000);
    expect(await verify(jwt(claimsAt(anHourAgo, integration.secret)))).toBe(false);
    expect(
      await verify(jwt(claimsAt(now, integration.secret), { key: stranger.privateKey, kid: 'unknown-kid' })),
    ).toBe(false);
    // a known kid, but signed by another key
    expect(await verify(jwt(claimsAt(now, integration.secret), { key: stranger.privateKey }))).toBe(false);
    const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claimsAt(now, integration.secret))}.`;
    expect(await verify(unsigned)).toBe(false);
    expect(await adapter.verifySignature(webhook(undefined), integration)).toBe(false);
    expect(await adapter.verifySignature(webhook('Bearer not-a-jwt'), integration)).toBe(false);
  });

  it('tolerates a little clock skew, not more', async () => {
    const signed = new Date('2026-01-01T10:00:00Z'); // exp 10:01:00
    expect(await verify(jwt(claimsAt(signed, integration.secret)), new Date('2026-01-01T10:01:20Z'))).toBe(
      true,
    );
    expect(await verify(jwt(claimsAt(signed, integration.secret)), new Date('2026-01-01T10:01:40Z'))).toBe(
      false,
    );
  });

  it('maps the order: lines priced per unit, options as modifiers, fees, tax and Google’s total', async () => {
    const outcome = await adapter.parseWebhook(webhook(), integration);
    if (outcome.kind !== 'orders') throw new Error(`expected orders, got ${outcome.kind}`);
    expect(outcome.dedupeKey).toBe('01412971004192156198');
    const [order] = outcome.orders;
    expect(order).toMatchObject({
      channel: 'google',
      externalId: '01412971004192156198',
      displayNumber: '156198',
      orderType: OrderType.DELIVERY,
      placedAt: '2019-07-17T18:25:30.182Z',
      customer: { name: 'Lovefood Ordering', phone: '+16505555555' },
      payment: { status: PaymentStatus.PENDING, method: 'on_fulfillment' },
      notes: 'Guest prefers their food to be hot when it is delivered.',
      totals: {
        subtotal: 5610,
        tax: 541,
        discount: 0,
        deliveryFee: 350,
        tip: 0,
        total: 6501,
        currency: 'AUD',
      },
    });
    expect(order.items.map((item) => [item.externalCode, item.name, item.quantity, item.unitPrice])).toEqual([
      ['310935169', 'Spicy Fried Chicken', 2, 1980],
      ['310935170', 'Honey Garlic Wings', 1, 1450],
    ]);
    expect(order.items[0].modifiers).toEqual([
      { externalCode: '10239138', name: 'Extra Spicy', quantity: 1, unitPrice: 100 },
    ]);
  });

  it('ignores requests other than Submit Order', async () => {
    const checkout = JSON.stringify({
      inputs: [{ intent: 'actions.foodordering.intent.CHECKOUT', arguments: [] }],
    });
    const outcome = await adapter.parseWebhook({ ...webhook(), rawBody: Buffer.from(checkout) }, integration);
    expect(outcome).toEqual({
      kind: 'ignored',
      reason: expect.stringContaining('actions.foodordering.intent.CHECKOUT'),
    });
  });

  it('answers Submit Order with a SubmitOrderResponseMessage, the order CREATED', () => {
    const at = new Date('2026-01-01T10:00:00Z');
    expect(adapter.acknowledge({ status: 'stored', deliveryId: 'd-1' }, webhook(undefined, at))).toEqual({
      expectUserResponse: false,
      finalResponse: {
        richResponse: {
          items: [
            {
              structuredResponse: {
                orderUpdate: {
                  actionOrderId: '01412971004192156198',
                  orderState: { state: 'CREATED', label: 'Order created' },
                  receipt: { userVisibleOrderId: '156198' },
                  updateTime: '2026-01-01T10:00:00.000Z',
                },
              },
            },
          ],
        },
      },
    });
  });

  it('sends no status callbacks (not built)', () => {
    expect(() =>
      adapter.statusCallback(
        { status: 'accepted' as never, externalId: 'x', venueId: integration.venueId } as never,
        integration,
      ),
    ).toThrow(AdapterCapabilityUnsupported);
  });
});
