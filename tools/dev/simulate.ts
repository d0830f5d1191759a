/**
 * `npm run simulate`: realistic orders from several platforms, sent as signed webhooks to the demo
 * integrations of a running system (`npm start`), at a chosen rate, so tickets arrive at the demo
 * stations within seconds. Each payload is the platform's published sample (libs/adapters/aggregators
 * fixtures) with a fresh id and the demo menu's items.
 *
 *   npm run simulate -- --rate 1 --duration 60 --platforms shopify,woocommerce,gloriafood
 */
import { createHmac, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_MENU } from '@hub/testing';
import { DEMO_INTEGRATIONS, DemoPlatform } from './demo-integrations';

const FIXTURES = join(__dirname, '..', '..', 'libs', 'adapters', 'aggregators', 'src');
const fixture = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(FIXTURES, path), 'utf8')) as Record<string, unknown>;
const hmac = (secret: string, body: string, encoding: 'hex' | 'base64') =>
  createHmac('sha256', secret).update(body).digest(encoding);
const rupees = (paise: number) => (paise / 100).toFixed(2);

interface Signed {
  body: string;
  headers: Record<string, string>;
}

function someLines(): Array<{ code: string; name: string; price: number; quantity: number }> {
  const count = randomInt(1, 4);
  return Array.from({ length: count }, () => {
    const item = DEMO_MENU[randomInt(DEMO_MENU.length)];
    return { code: item.code, name: item.name, price: item.price, quantity: randomInt(1, 3) };
  });
}

const BUILDERS: Record<DemoPlatform, (n: number, secret: string, storeRef: string) => Signed> = {
  shopify: (n, secret, storeRef) => {
    const order = (fixture('shopify/__fixtures__/order.sdk.json') as { order: Record<string, unknown> })
      .order;
    const lines = someLines();
    const subtotal = lines.reduce((sum, l) => sum + l.price * l.quantity, 0);
    const tax = Math.round(subtotal * 0.05);
    const id = Date.now() * 100 + n;
    const body = JSON.stringify({
      ...order,
      id,
      name: `#S${n}`,
      order_number: n,
      currency: 'INR',
      created_at: new Date().toISOString(),
      line_items: lines.map((l, i) => ({
        ...(order.line_items as object[])[0],
        id: id * 10 + i,
        sku: l.code,
        title: l.name,
        name: l.name,
        price: rupees(l.price),
        quantity: l.quantity,
      })),
      subtotal_price: rupees(subtotal),
      total_line_items_price: rupees(subtotal),
      total_tax: rupees(tax),
      total_discounts: '0.00',
      discount_codes: [],
      shipping_lines: [],
      total_price: rupees(subtotal + tax),
    });
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/create',
        'x-shopify-shop-domain': storeRef,
        'x-shopify-webhook-id': `sim-${id}`,
        'x-shopify-hmac-sha256': hmac(secret, body, 'base64'),
      },
    };
  },
  woocommerce: (n, secret, storeRef) => {
    const order = fixture('woocommerce/__fixtures__/order-727.json');
    const lines = someLines();
    const subtotal = lines.reduce((sum, l) => sum + l.price * l.quantity, 0);
    const id = 100_000 + (Date.now() % 1_000_000) * 10 + (n % 10);
    const body = JSON.stringify({
      ...order,
      id,
      number: String(id),
      currency: 'INR',
      date_created_gmt: new Date().toISOString().slice(0, 19),
      line_items: lines.map((l, i) => ({
        ...(order.line_items as object[])[0],
        id: id * 10 + i,
        name: l.name,
        sku: l.code,
        product_id: 0,
        variation_id: 0,
        quantity: l.quantity,
        price: l.price / 100,
        subtotal: rupees(l.price * l.quantity),
        total: rupees(l.price * l.quantity),
        subtotal_tax: '0.00',
        total_tax: '0.00',
        taxes: [],
      })),
      shipping_lines: [],
      fee_lines: [],
      coupon_lines: [],
      tax_lines: [],
      discount_total: '0.00',
      shipping_total: '0.00',
      cart_tax: '0.00',
      total_tax: '0.00',
      total: rupees(subtotal),
    }).replace(/\//g, '\\/');
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'x-wc-webhook-source': `${storeRef}/`,
        'x-wc-webhook-topic': 'order.created',
        'x-wc-webhook-resource': 'order',
        'x-wc-webhook-event': 'created',
        'x-wc-webhook-delivery-id': `sim-${id}`,
        'x-wc-webhook-signature': hmac(secret, body, 'base64'),
      },
    };
  },
  gloriafood: (n, secret, storeRef) => {
    const push = fixture('gloriafood/__fixtures__/orders.json') as { orders: Array<Record<string, unknown>> };
    const template = push.orders[0];
    const lines = someLines();
    const subtotal = lines.reduce((sum, l) => sum + l.price * l.quantity, 0);
    const id = Date.now() * 100 + n;
    const item =
      (template.items as Array<Record<string, unknown>>).find((i) => i.type === 'item') ??
      (template.items as object[])[0];
    const body = JSON.stringify({
      count: 1,
      orders: [
        {
          ...template,
          id,
          restaurant_key: storeRef,
          currency: 'INR',
          type: 'pickup',
          accepted_at: new Date().toISOString(),
          fulfill_at: new Date(Date.now() + 20 * 60_000).toISOString(),
          items: lines.map((l, i) => ({
            ...item,
            id: id * 10 + i,
            type: 'item',
            type_id: l.code,
            name: l.name,
            price: l.price / 100,
            total_item_price: (l.price * l.quantity) / 100,
            quantity: l.quantity,
            tax_value: 0,
            options: [],
          })),
          sub_total_price: subtotal / 100,
          tax_value: 0,
          total_price: subtotal / 100,
        },
      ],
    });
    return { body, headers: { 'content-type': 'application/json', authorization: secret } };
  },
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string', default: '1' },
      duration: { type: 'string', default: '60' },
      platforms: { type: 'string', default: DEMO_INTEGRATIONS.map((i) => i.platform).join(',') },
      intake: { type: 'string', default: process.env.INTAKE_URL ?? 'http://127.0.0.1:3001' },
    },
  });
  const rate = Number(values.rate);
  const total = Math.round(rate * Number(values.duration));
  const chosen = DEMO_INTEGRATIONS.filter((i) => values.platforms!.split(',').includes(i.platform));
  if (chosen.length === 0 || !(rate > 0) || !(total > 0)) {
    process.stderr.write(
      `usage: npm run simulate -- --rate <per second> --duration <seconds> --platforms ${DEMO_INTEGRATIONS.map((i) => i.platform).join(',')}\n`,
    );
    process.exit(2);
  }
  const outcomes = new Map<string, number>();
  const started = Date.now();
  const sends: Array<Promise<void>> = [];
  for (let n = 0; n < total; n++) {
    const wait = started + (n * 1000) / rate - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const integration = chosen[n % chosen.length];
    const { body, headers } = BUILDERS[integration.platform](n, integration.secret, integration.storeRef);
    sends.push(
      fetch(`${values.intake}/v1/webhooks/${integration.platform}`, { method: 'POST', headers, body }).then(
        async (response) => {
          const key = `${integration.platform} ${response.status}`;
          outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
          if (!response.ok) process.stderr.write(`${key}: ${await response.text()}\n`);
        },
        (error: Error) => {
          outcomes.set(
            `${integration.platform} failed`,
            (outcomes.get(`${integration.platform} failed`) ?? 0) + 1,
          );
          process.stderr.write(`${integration.platform}: ${error.message}\n`);
        },
      ),
    );
  }
  await Promise.all(sends);
  process.stdout.write(`${JSON.stringify(Object.fromEntries(outcomes))}\n`);
}

void main();
