import type { IntegrationSettings } from '../core/aggregator-adapter';
import {
  firstPollSince,
  idField,
  normaliseEach,
  type OrderPoller,
  type PollContext,
  type PollPage,
  readCursor,
} from '../core/order-poller';
import { PayloadReader } from '../core/payload-reader.util';
import { mapShopifyOrder, SHOPIFY } from './shopify.mapper';

/** Admin REST API version; `credentials.apiVersion` pins another. */
const SHOPIFY_API_VERSION = '2025-01';
const PAGE_SIZE = 250;

interface ShopifyCursor {
  /** orders created before this are never asked for (the first poll's look-back) */
  createdAtMin: string;
  /** the highest order id stored so far: `since_id` */
  sinceId: string;
}

/** Numeric order of Shopify's integer ids, which can pass 2^53. */
function laterId(a: string, b: string): string {
  return BigInt(a) >= BigInt(b) ? a : b;
}

/**
 * Shopify catch-up: the Admin REST API order list (shopify.dev, REST Admin API, Order resource,
 * `GET /admin/api/{version}/orders.json`) with `status=any`, `since_id` (orders with a higher id,
 * returned in id order) and `created_at_min` (the first poll's look-back), `limit=250`. The shop
 * is the store reference (`<shop>.myshopify.com`), or `apiBaseUrl`; auth is the app's Admin API
 * access token in `X-Shopify-Access-Token` (`credentials.accessToken`). `since_id` rather than
 * the `Link` header's page_info: the platform client returns bodies only, and `since_id` pages
 * just as well in id order. Each order is normalised as an `orders/create` webhook is
 * (`mapShopifyOrder`).
 */
export class ShopifyCatchUpPoller implements OrderPoller {
  readonly platform = SHOPIFY;

  canHandle(platform: string): boolean {
    return platform === SHOPIFY;
  }

  async fetchOrdersSince(
    cursor: string | null,
    integration: IntegrationSettings,
    ctx: PollContext,
  ): Promise<PollPage> {
    const saved = readCursor<ShopifyCursor>(cursor);
    const createdAtMin = saved?.createdAtMin ?? firstPollSince(integration, ctx.now).toISOString();
    const sinceId = saved?.sinceId && /^\d+$/.test(saved.sinceId) ? saved.sinceId : '0';
    const base = (integration.apiBaseUrl ?? `https://${integration.storeRef}`).replace(/\/+$/, '');
    const version = integration.credentials?.apiVersion ?? SHOPIFY_API_VERSION;
    const query = new URLSearchParams({
      status: 'any',
      limit: String(PAGE_SIZE),
      since_id: sinceId,
      created_at_min: createdAtMin,
    });
    const url = `${base}/admin/api/${version}/orders.json?${query.toString()}`;
    const answer = await ctx.api.fetchJson(url, {
      method: 'GET',
      headers: { 'x-shopify-access-token': integration.credentials?.accessToken ?? '' },
    });
    const listed = PayloadReader.of(SHOPIFY, answer, 'orders.json')
      .at('orders')
      .array()
      .map((reader) => reader.value);
    const { orders, problems } = normaliseEach(
      SHOPIFY,
      listed,
      (raw, index) => {
        const order = mapShopifyOrder(
          PayloadReader.of(SHOPIFY, raw, `orders.json.orders[${index}]`),
          integration,
        );
        return { externalId: order.externalId, raw, order };
      },
      (raw) => idField(raw, 'id'),
    );
    const ids = listed
      .map((raw) => idField(raw, 'id'))
      .filter((id): id is string => id !== undefined && /^\d+$/.test(id));
    const next: ShopifyCursor = { createdAtMin, sinceId: ids.reduce(laterId, sinceId) };
    return { orders, problems, nextCursor: JSON.stringify(next), more: listed.length >= PAGE_SIZE };
  }
}
