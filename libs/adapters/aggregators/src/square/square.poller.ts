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
import { latestTime } from '../core/polled-platform.adapter';
import { PayloadReader } from '../core/payload-reader.util';
import { mapSquareOrder, SQUARE } from './square.mapper';

const SQUARE_API = 'https://connect.squareup.com';
/** the same default as the webhook path's RetrieveOrder; `credentials.squareVersion` pins another */
const SQUARE_VERSION = '2025-01-23';
const PAGE_SIZE = 100;

interface SquareCursor {
  /** `updated_at` lower bound of the current sweep, RFC 3339 */
  since: string;
  /** Square's pagination cursor within the sweep */
  page?: string;
}

/**
 * Square catch-up: SearchOrders (`POST /v2/orders/search`, developer.squareup.com Orders API
 * reference) for the integration's location (`location_ids: [storeRef]`), filtered by
 * `date_time_filter.updated_at.start_at` and sorted by `UPDATED_AT` ascending (Square requires the
 * sort field to match the date filter), paged by Square's `cursor`. Each order is normalised
 * exactly as the thin webhook path normalises its RetrieveOrder answer (`mapSquareOrder`), so an
 * order seen by both is the same canonical order under the same (platform, venue, order id) key.
 * Auth: `credentials.accessToken` as a bearer token, `Square-Version` header.
 */
export class SquareCatchUpPoller implements OrderPoller {
  readonly platform = SQUARE;

  canHandle(platform: string): boolean {
    return platform === SQUARE;
  }

  async fetchOrdersSince(
    cursor: string | null,
    integration: IntegrationSettings,
    ctx: PollContext,
  ): Promise<PollPage> {
    const saved = readCursor<SquareCursor>(cursor);
    const since = saved?.since ?? firstPollSince(integration, ctx.now).toISOString();
    const url = `${(integration.apiBaseUrl ?? SQUARE_API).replace(/\/+$/, '')}/v2/orders/search`;
    const answer = await ctx.api.fetchJson(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${integration.credentials?.accessToken ?? ''}`,
        'square-version': integration.credentials?.squareVersion ?? SQUARE_VERSION,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        location_ids: [integration.storeRef],
        limit: PAGE_SIZE,
        ...(saved?.page ? { cursor: saved.page } : {}),
        query: {
          filter: { date_time_filter: { updated_at: { start_at: since } } },
          sort: { sort_field: 'UPDATED_AT', sort_order: 'ASC' },
        },
      }),
    });
    const body = PayloadReader.of(SQUARE, answer, 'SearchOrders');
    const listed = body
      .at('orders')
      .optArray()
      .map((reader) => reader.value);
    const { orders, problems } = normaliseEach(
      SQUARE,
      listed,
      (raw, index) => {
        const id = PayloadReader.of(SQUARE, raw, `SearchOrders.orders[${index}]`).at('id').nonEmpty();
        const order = mapSquareOrder(
          PayloadReader.of(SQUARE, { order: raw }, `SearchOrders.orders[${index}]`),
          id,
          integration,
        );
        return { externalId: id, raw, order };
      },
      (raw) => idField(raw, 'id'),
    );
    const page = body.at('cursor').text();
    const next: SquareCursor = page ? { since, page } : { since: latestTime(listed, 'updated_at') ?? since };
    return { orders, problems, nextCursor: JSON.stringify(next), more: page !== undefined };
  }
}
