import type { IntegrationSettings, PlatformApi } from '../core/aggregator-adapter';
import { MalformedPayloadError } from '../core/adapter.errors';
import { firstPollSince, type PollContext, readCursor } from '../core/order-poller';
import {
  getJson,
  latestTime,
  type ListedPage,
  PolledPlatformAdapter,
  PollerConfigError,
  pollBase,
} from '../core/polled-platform.adapter';
import { REVEL, REVEL_PRESET } from './revel.preset';

/** Orders per list request. */
const PAGE_SIZE = 50;

interface RevelCursor {
  /** `updated_date__gte` of the current sweep, ISO 8601 */
  since: string;
  /** Tastypie offset within the sweep */
  offset: number;
}

type RevelObject = Record<string, unknown>;

/**
 * Revel Systems, polled through the Revel Open API (developer.revelsystems.com, REST API; a
 * Tastypie API: list answers are `{meta: {limit, offset, next, total_count}, objects: [...]}`).
 *
 * - Auth: `API-AUTHENTICATION: <api key>:<api secret>` (Revel Open API authentication scheme
 *   `apiAuthentication`); `credentials.apiKey` + `credentials.apiSecret`, else the integration's
 *   secret as `key:secret`.
 * - Host: `https://<subdomain>.revelup.com` (`credentials.subdomain`), or `apiBaseUrl`.
 * - Orders: `GET /resources/Order/?establishment=<storeRef>&updated_date__gte=<since>&order_by=updated_date&limit=&offset=`
 *   (the Order resource's documented filters: establishment, created_date, updated_date; limit and
 *   offset paging; order_by).
 * - Lines: `GET /resources/OrderItem/?order__in=<ids>&limit=0`, attached to each order as `items`.
 *   The OrderItem resource and its `updated_date__gte` filter appear in public client code; the
 *   `order__in` filter is Tastypie's convention and is NOT confirmed by Revel's public docs.
 *
 * Cursor: `{since, offset}`. While `meta.next` is set the offset moves on; after the last page the
 * next sweep starts at the latest `updated_date` seen (inclusive, so an order updated in the same
 * second is never skipped; intake drops the repeats by order id).
 */
export class RevelAdapter extends PolledPlatformAdapter {
  readonly platform = REVEL;
  protected readonly preset = REVEL_PRESET;

  protected async listPage(
    cursor: string | null,
    integration: IntegrationSettings,
    ctx: PollContext,
  ): Promise<ListedPage> {
    const base = pollBase(
      REVEL,
      integration,
      integration.credentials?.subdomain
        ? `https://${integration.credentials.subdomain}.revelup.com`
        : undefined,
      'or credentials.subdomain: https://<subdomain>.revelup.com',
    );
    const saved = readCursor<RevelCursor>(cursor);
    const since = saved?.since ?? firstPollSince(integration, ctx.now).toISOString();
    const offset = Number.isSafeInteger(saved?.offset) ? (saved?.offset as number) : 0;
    const headers = { 'API-AUTHENTICATION': this.authentication(integration) };
    const query = new URLSearchParams({
      format: 'json',
      establishment: integration.storeRef,
      updated_date__gte: since,
      order_by: 'updated_date',
      limit: String(PAGE_SIZE),
      offset: String(offset),
    });
    const url = `${base}/resources/Order/?${query.toString()}`;
    const answer = await ctx.api.fetchJson(url, getJson(headers));
    const objects = this.objectsOf(answer, url);
    await this.attachItems(ctx.api, base, headers, objects);
    const meta = (answer as { meta?: { next?: unknown } }).meta;
    const more = typeof meta?.next === 'string' && meta.next !== '' && objects.length > 0;
    const next: RevelCursor = more
      ? { since, offset: offset + objects.length }
      : { since: latestTime(objects, 'updated_date') ?? since, offset: 0 };
    return { answer, url, nextCursor: JSON.stringify(next), more };
  }

  private authentication(integration: IntegrationSettings): string {
    const { apiKey, apiSecret } = integration.credentials ?? {};
    if (apiKey && apiSecret) return `${apiKey}:${apiSecret}`;
    if (integration.secret.includes(':')) return integration.secret;
    throw new PollerConfigError(
      REVEL,
      'set credentials.apiKey and credentials.apiSecret, or the secret as "<api key>:<api secret>"',
    );
  }

  private objectsOf(answer: unknown, url: string): RevelObject[] {
    const objects = (answer as { objects?: unknown } | null)?.objects;
    if (!Array.isArray(objects)) {
      throw new MalformedPayloadError(REVEL, [`${url}: objects: expected the list of orders`]);
    }
    return objects.filter((o): o is RevelObject => o !== null && typeof o === 'object');
  }

  /** One OrderItem request for the page's orders; each order gets its lines as `items`. */
  private async attachItems(
    api: PlatformApi,
    base: string,
    headers: Record<string, string>,
    orders: RevelObject[],
  ): Promise<void> {
    const ids = orders.map((order) => order.id).filter((id) => id !== undefined && id !== null);
    if (ids.length === 0) return;
    const query = new URLSearchParams({ format: 'json', order__in: ids.join(','), limit: '0' });
    const url = `${base}/resources/OrderItem/?${query.toString()}`;
    const lines = this.objectsOf(await api.fetchJson(url, getJson(headers)), url);
    for (const order of orders) {
      const uri = `/resources/Order/${String(order.id)}/`;
      order.items = lines.filter((line) => line.order === uri || String(line.order) === String(order.id));
    }
  }
}
