import { listAt } from '../declarative/declarative.mapper';
import type { DeclarativeMapping } from '../declarative/declarative-mapping';
import type { IntegrationSettings } from './aggregator-adapter';
import { firstPollSince, type PollContext, readCursor } from './order-poller';
import { getJson, latestTime, type ListedPage, pollBase } from './polled-platform.adapter';
import { PayloadReader } from './payload-reader.util';

/**
 * The order-list request of a platform whose API is not public (POSist, OpenTable): everything the
 * request needs is a default here that the integration's `credentials` can override, so a partner
 * who has the platform's API documentation configures it without code.
 *
 * - `credentials.ordersPath`: path under the API base, `{storeRef}` replaced (URL-encoded)
 * - `credentials.sinceParam`: query parameter of the lower time bound (ISO 8601)
 * - `credentials.pageParam`, `credentials.limitParam`, `credentials.pageSize`: page-number paging;
 *   a page shorter than the page size is the last
 * - `credentials.timeField`: the order field the next sweep starts from (latest value seen)
 */
export interface ListDefaults {
  apiHost?: string;
  ordersPath: string;
  sinceParam: string;
  pageParam: string;
  limitParam: string;
  pageSize: number;
  timeField: string;
}

interface PagedCursor {
  since: string;
  page: number;
}

export async function configurableListPage(
  platform: string,
  integration: IntegrationSettings,
  ctx: PollContext,
  cursor: string | null,
  mapping: DeclarativeMapping,
  defaults: ListDefaults,
  headers: Record<string, string>,
): Promise<ListedPage> {
  const settings = integration.credentials ?? {};
  const base = pollBase(platform, integration, defaults.apiHost, `${platform}'s partner API host`);
  const pageSize = Number(settings.pageSize) > 0 ? Math.floor(Number(settings.pageSize)) : defaults.pageSize;
  const saved = readCursor<PagedCursor>(cursor);
  const since = saved?.since ?? firstPollSince(integration, ctx.now).toISOString();
  const page = Number.isSafeInteger(saved?.page) && (saved?.page as number) > 0 ? (saved?.page as number) : 1;
  const path = (settings.ordersPath ?? defaults.ordersPath).replace(
    '{storeRef}',
    encodeURIComponent(integration.storeRef),
  );
  const query = new URLSearchParams({
    [settings.sinceParam ?? defaults.sinceParam]: since,
    [settings.pageParam ?? defaults.pageParam]: String(page),
    [settings.limitParam ?? defaults.limitParam]: String(pageSize),
  });
  const url = `${base}${path.startsWith('/') ? '' : '/'}${path}${path.includes('?') ? '&' : '?'}${query.toString()}`;
  const answer = await ctx.api.fetchJson(url, getJson(headers));
  const root = PayloadReader.of(platform, answer, 'answer');
  const listed = (Array.isArray(answer) ? root.array() : listAt(mapping.orders, root, root)).map(
    (reader) => reader.value,
  );
  const more = listed.length >= pageSize;
  const next: PagedCursor = more
    ? { since, page: page + 1 }
    : { since: latestTime(listed, settings.timeField ?? defaults.timeField) ?? since, page: 1 };
  return { answer, url, nextCursor: JSON.stringify(next), more };
}
