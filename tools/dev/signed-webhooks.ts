/**
 * Realistic platform orders as signed webhooks, for `npm run simulate` and `npm run chaos`: each
 * payload is the platform's published sample (libs/adapters/aggregators fixtures) with a fresh id
 * and the demo menu's items, signed the way the platform signs it.
 */
import { createHmac, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_MENU } from '@hub/testing';
import type { DemoPlatform } from './demo-integrations';

const FIXTURES = join(__dirname, '..', '..', 'libs', 'adapters', 'aggregators', 'src');
const fixture = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(FIXTURES, path), 'utf8')) as Record<string, unknown>;
const hmac = (secret: string, body: string, encoding: 'hex' | 'base64') =>
  createHmac('sha256', secret).update(body).digest(encoding);
const rupees = (paise: number) => (paise / 100).toFixed(2);

export interface SignedWebhook {
  body: string;
  headers: Record<string, string>;
  /** the platform's id of the order (the canonical order's externalId) */
  externalId: string;
  lines: WebhookLine[];
}

export interface WebhookLine {
  code: string;
  name: string;
  price: number;
  quantity: number;
}

/** One to three random demo menu items. */
export function someLines(): WebhookLine[] {
  const count = randomInt(1, 4);
  return Array.from({ length: count }, () => {
    const item = DEMO_MENU[randomInt(DEMO_MENU.length)];
    return { code: item.code, name: item.name, price: item.price, quantity: randomInt(1, 3) };
  });
}

export interface WebhookOptions {
  /** the order's items (default: someLines()) */
  lines?: WebhookLine[];
  /** the platform's order id (default: derived from the clock and n) */
  id?: number;
}

type Builder = (
  n: number,
  secret: string,
  storeRef: string,
  lines: WebhookLine[],
  id?: number,
) => SignedWebhook;

const BUILDERS: Record<DemoPlatform, Builder> = {
  shopify: (n, secret, storeRef, lines, givenId) => {
    const order = (fixture('shopify/__fixtures__/order.sdk.json') as { order: Record<string, unknown> })
      .order;
    const subtotal = lines.reduce((sum, l) => sum + l.price * l.quantity, 0);
    const tax = Math.round(subtotal * 0.05);
    const id = givenId ?? Date.now() * 100 + n;
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
      externalId: String(id),
      lines,
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/create',
        'x-shopify-shop-domain': storeRef,
        'x-shopify-webhook-id': `sim-${id}`,
        'x-shopify-hmac-sha256': hmac(secret, body, 'base64'),
      },
    };
  },
  woocommerce: (n, secret, storeRef, lines, givenId) => {
    const order = fixture('woocommerce/__fixtures__/order-727.json');
    const subtotal = lines.reduce((sum, l) => sum + l.price * l.quantity, 0);
    const id = givenId ?? 100_000 + (Date.now() % 1_000_000) * 10 + (n % 10);
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
      externalId: String(id),
      lines,
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
  gloriafood: (n, secret, storeRef, lines, givenId) => {
    const push = fixture('gloriafood/__fixtures__/orders.json') as { orders: Array<Record<string, unknown>> };
    const template = push.orders[0];
    const subtotal = lines.reduce((sum, l) => sum + l.price * l.quantity, 0);
    const id = givenId ?? Date.now() * 100 + n;
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
    return {
      body,
      externalId: String(id),
      lines,
      headers: { 'content-type': 'application/json', authorization: secret },
    };
  },
};

/** The n-th simulated order of a platform, signed with the integration's secret. */
export function signedWebhook(
  platform: DemoPlatform,
  n: number,
  integration: { secret: string; storeRef: string },
  options: WebhookOptions = {},
): SignedWebhook {
  return BUILDERS[platform](
    n,
    integration.secret,
    integration.storeRef,
    options.lines ?? someLines(),
    options.id,
  );
}
