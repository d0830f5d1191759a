import { generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Role } from '@hub/auth';
import { InProcessService } from '@hub/testing';
import { startIntake } from './support/boot';
import { WEBHOOKS_PATH } from '../../src/webhooks/webhooks.controller';

jest.setTimeout(60_000);

const BODY = readFileSync(
  join(
    __dirname,
    '..',
    '..',
    '..',
    '..',
    'libs',
    'adapters',
    'aggregators',
    'src',
    'google',
    '__fixtures__',
    'submit-order.crafted.json',
  ),
  'utf8',
);
const VENUE = 'blr-koramangala';
const PROJECT = 'tep-tep-food-ordering';
const KID = 'google-test-key';
const google = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** An RS256 JWT as Google's authorization service signs it (issuer accounts.google.com, audience the project id). */
function token(claims: Record<string, unknown> = {}, key: KeyObject = google.privateKey, kid = KID): string {
  const now = Math.floor(Date.now() / 1000);
  const head = b64url({ alg: 'RS256', typ: 'JWT', kid });
  const body = b64url({
    iss: 'https://accounts.google.com',
    aud: PROJECT,
    iat: now,
    exp: now + 3600,
    ...claims,
  });
  return `${head}.${body}.${sign('sha256', Buffer.from(`${head}.${body}`), key).toString('base64url')}`;
}

describe('intake: Google Food Ordering Submit Order, authenticated by a Google-signed JWT', () => {
  let service: InProcessService;
  let jwks: Server;

  const submit = async (authorization?: string) => {
    const response = await fetch(`${service.url}${WEBHOOKS_PATH}/google`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: BODY,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    const jwk = google.publicKey.export({ format: 'jwk' });
    jwks = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [{ ...jwk, kid: KID, alg: 'RS256', use: 'sig' }] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    service = await startIntake();
    const saved = await service.request(
      'PUT',
      `/v1/venues/${VENUE}/integrations/google`,
      service.environment.token(Role.HEAD_OFFICE, '*'),
      {
        storeRef: 'restaurant/Restaurant/QWERTY',
        secret: PROJECT,
        credentials: { jwksUrl: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/oauth2/v3/certs` },
      },
    );
    if (saved.status !== 200) throw new Error(JSON.stringify(saved.body));
  });

  afterAll(async () => {
    await service?.stop();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  it('stores the order and answers with a SubmitOrderResponseMessage, the same on a retry', async () => {
    const answer = await submit(`Bearer ${token()}`);
    expect(answer).toEqual({
      status: 200,
      body: {
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
                    updateTime: expect.any(String),
                  },
                },
              },
            ],
          },
        },
      },
    });
    // Google retries a Submit Order it got no answer to: the same answer, nothing stored twice
    const retried = await submit(`Bearer ${token()}`);
    expect(retried.status).toBe(200);
    expect(JSON.stringify(retried.body)).toContain('"actionOrderId":"01412971004192156198"');
    const rows = await service.environment.query<{
      venue_id: string;
      dedupe_key: string;
      headers: Record<string, string>;
    }>("SELECT venue_id, dedupe_key, headers FROM intake.deliveries WHERE platform = 'google'");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ venue_id: VENUE, dedupe_key: '01412971004192156198' });
    expect(rows[0].headers.authorization).toBeUndefined(); // the bearer token is never kept
  });

  it.each([
    ['another issuer', () => token({ iss: 'https://evil.example.com' })],
    ['another audience', () => token({ aud: 'someone-elses-project' })],
    ['an expired token', () => token({ iat: 1_700_000_000, exp: 1_700_003_600 })],
    ['a key not in the JWKS', () => token({}, stranger.privateKey, 'unknown-key')],
    ['a known key id signed by another key', () => token({}, stranger.privateKey)],
  ])('answers 401 to %s, storing nothing', async (_name, make) => {
    const before = await service.environment.query(
      "SELECT id FROM intake.deliveries WHERE platform = 'google'",
    );
    const answer = await submit(`Bearer ${make()}`);
    expect(answer).toMatchObject({
      status: 401,
      body: { message: "the google signature is missing or does not match this integration's secret" },
    });
    expect(
      await service.environment.query("SELECT id FROM intake.deliveries WHERE platform = 'google'"),
    ).toEqual(before);
  });

  it('answers 401 without a token', async () => {
    expect((await submit()).status).toBe(401);
  });
});
