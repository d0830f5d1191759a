import type { IntegrationSettings } from '../core/aggregator-adapter';
import {
  idField,
  normaliseEach,
  type OrderPoller,
  type PollContext,
  type PollPage,
} from '../core/order-poller';
import { PayloadReader } from '../core/payload-reader.util';
import { GLORIAFOOD, mapGloriaFoodOrder } from './gloriafood.mapper';

const GLORIAFOOD_POS_API = 'https://pos.globalfoodsoft.com';

/**
 * GloriaFood catch-up: the Accepted Orders API's poll endpoint, `POST /pos/order/pop` with the key
 * in `Authorization`, `Accept: application/json` and `Glf-Api-Version: 2` (GloriaFood integration
 * docs, GlobalFood/integration_docs `accepted_orders`, and the public clients that call it). It
 * answers `{count, orders}` in the push's shape, so each order is normalised as a push is
 * (`mapGloriaFoodOrder`), under the order id: a pushed order later popped (or the other way
 * round) is one order.
 *
 * "Pop" takes the orders off GloriaFood's queue: there is no cursor to keep (the stored cursor only
 * records when we last popped), and an order popped is not listed again. An order of another
 * restaurant of the same key is kept as a problem (stored for attention), never dropped. The key is
 * `credentials.pollKey` when the restaurant's poll key differs from the push key, else the secret.
 */
export class GloriaFoodCatchUpPoller implements OrderPoller {
  readonly platform = GLORIAFOOD;

  canHandle(platform: string): boolean {
    return platform === GLORIAFOOD;
  }

  async fetchOrdersSince(
    _cursor: string | null,
    integration: IntegrationSettings,
    ctx: PollContext,
  ): Promise<PollPage> {
    const url = `${(integration.apiBaseUrl ?? GLORIAFOOD_POS_API).replace(/\/+$/, '')}/pos/order/pop`;
    const answer = await ctx.api.fetchJson(url, {
      method: 'POST',
      headers: {
        authorization: integration.credentials?.pollKey ?? integration.secret,
        accept: 'application/json',
        'glf-api-version': '2',
      },
    });
    const listed = PayloadReader.of(GLORIAFOOD, answer, 'pop')
      .at('orders')
      .optArray()
      .map((reader) => reader.value);
    const ours = listed.filter((raw) => idField(raw, 'restaurant_key') === integration.storeRef);
    const accepted = ours.filter((raw) => (idField(raw, 'status') ?? 'accepted') === 'accepted');
    const { orders, problems } = normaliseEach(
      GLORIAFOOD,
      accepted,
      (raw, index) => {
        const order = mapGloriaFoodOrder(
          PayloadReader.of(GLORIAFOOD, raw, `pop.orders[${index}]`),
          integration,
        );
        return { externalId: order.externalId, raw, order };
      },
      (raw) => idField(raw, 'id'),
    );
    const others = listed
      .filter((raw) => idField(raw, 'restaurant_key') !== integration.storeRef)
      .map((raw) => ({
        externalId: idField(raw, 'id'),
        raw,
        error: `popped with this integration's key but for restaurant ${idField(raw, 'restaurant_key') ?? '(none)'}`,
      }));
    return {
      orders,
      problems: [...problems, ...others],
      nextCursor: JSON.stringify({ poppedAt: ctx.now.toISOString() }),
      more: false,
    };
  }
}
