import { createHmac, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Role } from '@hub/auth';
import { eventually } from '@hub/testing';
import { getJson, RunningSystem, VENUE_A } from './system';

/**
 * Every code adapter end to end: a webhook signed the way its platform signs it, posted to intake
 * running as its own process, becomes an order that order-core lists through `GET /v1/orders`.
 * Local HTTP servers stand in for the Square and Uber Eats APIs (thin events) and Google's JWKS.
 */
jest.setTimeout(120_000);

/** The platforms' published samples (and crafted variants), kept with the adapters; sources beside each. */
const FIXTURES = join(__dirname, '..', '..', '..', '..', 'libs', 'adapters', 'aggregators', 'src');
const fixture = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');
const hmac = (secret: string, data: string, encoding: 'base64' | 'hex') =>
  createHmac('sha256', secret).update(data).digest(encoding);
/** Date → .NET ticks (100 ns since 0001-01-01), as Olo stamps its webhooks. */
const ticks = (date: Date) => (BigInt(date.getTime()) * 10_000n + 621_355_968_000_000_000n).toString();

const googleKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const GOOGLE_KID = 'system-e2e-key';
function googleJwt(audience: string): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${part({ alg: 'RS256', typ: 'JWT', kid: GOOGLE_KID })}.${part({
    iss: 'https://accounts.google.com',
    aud: audience,
    iat: now,
    exp: now + 600,
  })}`;
  return `${signed}.${sign('sha256', Buffer.from(signed), googleKey.privateKey).toString('base64url')}`;
}

/** A stand-in for a platform API: answers by path. */
async function localApi(answer: (method: string, path: string) => string | undefined): Promise<Server> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const body = answer(request.method ?? 'GET', request.url ?? '/');
      response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
      response.end(body ?? '{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

interface PlatformCase {
  platform: string;
  integration: Record<string, unknown>;
  /** the body and headers as the platform sends them, signed */
  delivery: (intakeUrl: string) => { body: string; headers: Record<string, string> };
  externalId: string;
}

describe('a signed webhook of every code adapter becomes an order in order-core', () => {
  let system: RunningSystem;
  let squareApi: Server;
  let uberApi: Server;
  let jwks: Server;
  const servers = () => [squareApi, uberApi, jwks].filter(Boolean);

  const cases = (): PlatformCase[] => {
    const shopify = JSON.stringify(JSON.parse(fixture('shopify/__fixtures__/order.sdk.json')).order);
    const woo = fixture('woocommerce/__fixtures__/order-727.json').trim().replace(/\//g, '\\/');
    const uber = fixture('ubereats/__fixtures__/orders-notification.json');
    const square = fixture('square/__fixtures__/order-created.json');
    const gloria = fixture('gloriafood/__fixtures__/orders.json');
    const toast = fixture('toast/__fixtures__/order-updated.crafted.json');
    const olo = fixture('olo/__fixtures__/order-placed.crafted.json');
    const deliveroo = fixture('deliveroo/__fixtures__/order-new.crafted.json');
    const doordash = fixture('doordash/__fixtures__/sample-self-delivery-order.json');
    const google = fixture('google/__fixtures__/submit-order.crafted.json');
    const json = { 'content-type': 'application/json' };
    return [
      {
        platform: 'shopify',
        integration: { storeRef: 'spice-route.myshopify.com', secret: 'shopify-secret' },
        delivery: () => ({
          body: shopify,
          headers: {
            ...json,
            'x-shopify-topic': 'orders/create',
            'x-shopify-shop-domain': 'spice-route.myshopify.com',
            'x-shopify-webhook-id': randomUUID(),
            'x-shopify-hmac-sha256': hmac('shopify-secret', shopify, 'base64'),
          },
        }),
        externalId: String((JSON.parse(shopify) as { id: number }).id),
      },
      {
        platform: 'woocommerce',
        integration: { storeRef: 'https://example.com', secret: 'woo-secret', currency: 'USD' },
        delivery: () => ({
          body: woo,
          headers: {
            ...json,
            'x-wc-webhook-source': 'https://example.com/',
            'x-wc-webhook-topic': 'order.created',
            'x-wc-webhook-resource': 'order',
            'x-wc-webhook-event': 'created',
            'x-wc-webhook-delivery-id': randomUUID(),
            'x-wc-webhook-signature': hmac('woo-secret', woo, 'base64'),
          },
        }),
        externalId: '727',
      },
      {
        platform: 'square',
        integration: {
          storeRef: 'FPYCBCHYMXFK1',
          secret: 'square-signature-key',
          notificationUrl: '', // filled with intake's URL below
          apiBaseUrl: urlOf(squareApi),
          credentials: { accessToken: 'square-token' },
        },
        delivery: (intakeUrl) => ({
          body: square,
          headers: {
            ...json,
            'x-square-hmacsha256-signature': hmac(
              'square-signature-key',
              `${intakeUrl}/v1/webhooks/square${square}`,
              'base64',
            ),
          },
        }),
        externalId: 'eA3vssLHKJrv9H0IdJCM3gNqfdcZY',
      },
      {
        platform: 'ubereats',
        integration: {
          storeRef: '89dd9741-66b5-4bb4-b216-a813f3b21b4f',
          secret: 'uber-client-secret',
          apiBaseUrl: urlOf(uberApi),
          credentials: { clientId: 'uber-client-id' },
        },
        delivery: () => ({
          body: uber,
          headers: { ...json, 'x-uber-signature': hmac('uber-client-secret', uber, 'hex') },
        }),
        externalId: '153dd7f1-339d-4619-940c-418943c14636',
      },
      {
        platform: 'gloriafood',
        integration: { storeRef: '8yCPCvb3dDo1k', secret: 'gloria-master-key', currency: 'USD' },
        delivery: () => ({ body: gloria, headers: { ...json, authorization: 'gloria-master-key' } }),
        externalId: '776113',
      },
      {
        platform: 'toast',
        integration: {
          storeRef: '9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
          secret: 'toast-webhook-secret',
          currency: 'USD',
        },
        delivery: () => ({
          body: toast,
          headers: {
            ...json,
            'toast-event-type': 'order_updated',
            'toast-event-category': 'orders',
            'toast-restaurant-external-id': '9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
            'toast-attempt-number': '1',
            // doc.toasttab.com "Message signing": base64 HMAC-SHA256 of body + the message's timestamp
            'toast-signature': hmac(
              'toast-webhook-secret',
              `${toast}${(JSON.parse(toast) as { timestamp: string }).timestamp}`,
              'base64',
            ),
          },
        }),
        externalId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
      },
      {
        platform: 'olo',
        integration: { storeRef: '12345', secret: 'o'.repeat(64), notificationUrl: '' },
        delivery: (intakeUrl) => {
          const messageId = randomUUID();
          const timestamp = ticks(new Date());
          const signed = `${intakeUrl}/v1/webhooks/olo\n${olo}\n${messageId}\n${timestamp}`;
          return {
            body: olo,
            headers: {
              ...json,
              'x-olo-message-id': messageId,
              'x-olo-timestamp': timestamp,
              'x-olo-signature': hmac('o'.repeat(64), signed, 'base64'),
            },
          };
        },
        externalId: '1234567890',
      },
      {
        platform: 'deliveroo',
        integration: { storeRef: '348502bd-708f-4977-a02c-600c5419e2b7', secret: 'deliveroo-secret' },
        delivery: () => {
          const guid = randomUUID();
          return {
            body: deliveroo,
            headers: {
              ...json,
              'x-deliveroo-payload-type': 'event/order.new',
              'x-deliveroo-webhook-version': '1',
              'x-deliveroo-sequence-guid': guid,
              'x-deliveroo-hmac-sha256': hmac('deliveroo-secret', `${guid} ${deliveroo}`, 'hex'),
            },
          };
        },
        externalId: 'gb:32498deb-d730-4dfb-b034-38f2d24f5bfd',
      },
      {
        platform: 'doordash',
        integration: { storeRef: '601135', secret: 'dd-webhook-auth-token', currency: 'USD' },
        delivery: () => ({
          body: doordash,
          headers: { ...json, authorization: 'Bearer dd-webhook-auth-token' },
        }),
        externalId: '0nb24d02-e25f-4acb-aeb0-e387b1335791',
      },
      {
        platform: 'google',
        integration: {
          storeRef: 'restaurant/Restaurant/QWERTY',
          secret: 'tep-tep-food-ordering',
          credentials: { jwksUrl: `${urlOf(jwks)}/oauth2/v3/certs` },
        },
        delivery: () => ({
          body: google,
          headers: { ...json, authorization: `Bearer ${googleJwt('tep-tep-food-ordering')}` },
        }),
        externalId: '01412971004192156198',
      },
    ];
  };

  beforeAll(async () => {
    squareApi = await localApi((method, path) =>
      method === 'GET' && path.startsWith('/v2/orders/')
        ? fixture('square/__fixtures__/retrieve-order-response.json')
        : undefined,
    );
    uberApi = await localApi((method, path) => {
      if (method === 'POST' && path === '/oauth/v2/token')
        return JSON.stringify({ access_token: 'uber-token', expires_in: 2_592_000 });
      if (method === 'GET' && path.startsWith('/v2/eats/order/'))
        return fixture('ubereats/__fixtures__/get-order-details.json');
      return undefined;
    });
    const jwk = googleKey.publicKey.export({ format: 'jwk' });
    jwks = await localApi(() =>
      JSON.stringify({ keys: [{ ...jwk, kid: GOOGLE_KID, alg: 'RS256', use: 'sig' }] }),
    );
    system = await RunningSystem.start();
  });

  afterAll(async () => {
    await system?.stop();
    await Promise.all(servers().map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it('connects, posts and finds the order of each platform: shopify, woocommerce, square, ubereats, gloriafood, toast, olo, deliveroo, doordash, google', async () => {
    const intake = system.url('intake');
    const headOffice = system.environment.token(Role.HEAD_OFFICE, '*');
    const all = cases();
    expect(all.map((entry) => entry.platform).sort()).toEqual([
      'deliveroo',
      'doordash',
      'gloriafood',
      'google',
      'olo',
      'shopify',
      'square',
      'toast',
      'ubereats',
      'woocommerce',
    ]);
    for (const entry of all) {
      const integration = { ...entry.integration };
      if (integration.notificationUrl === '')
        integration.notificationUrl = `${intake}/v1/webhooks/${entry.platform}`;
      const saved = await fetch(`${intake}/v1/venues/${VENUE_A}/integrations/${entry.platform}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${headOffice}`, 'content-type': 'application/json' },
        body: JSON.stringify(integration),
      });
      expect({ platform: entry.platform, status: saved.status }).toEqual({
        platform: entry.platform,
        status: 200,
      });
    }

    const answers: Array<{ platform: string; status: number }> = [];
    for (const entry of all) {
      const { body, headers } = entry.delivery(intake);
      const response = await fetch(`${intake}/v1/webhooks/${entry.platform}`, {
        method: 'POST',
        headers,
        body,
      });
      await response.text();
      answers.push({ platform: entry.platform, status: response.status });
    }
    expect(answers).toEqual(all.map((entry) => ({ platform: entry.platform, status: 200 })));

    const staff = system.environment.token(Role.STAFF, [VENUE_A]);
    for (const entry of all) {
      const order = await eventually(
        async () => {
          const listed = await getJson(
            `${system.url('order-core')}/v1/orders?venueId=${VENUE_A}&channel=${entry.platform}&limit=50`,
            staff,
          );
          const orders = (listed.body.orders ?? []) as Array<{
            externalId: string;
            channel: string;
            venueId: string;
          }>;
          return orders.find((candidate) => candidate.externalId === entry.externalId);
        },
        20_000,
        `the ${entry.platform} order ${entry.externalId} in order-core`,
      );
      expect(order).toMatchObject({
        channel: entry.platform,
        venueId: VENUE_A,
        externalId: entry.externalId,
      });
    }
  });
});
