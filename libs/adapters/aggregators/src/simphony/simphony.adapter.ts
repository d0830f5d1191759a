import type { IntegrationSettings } from '../core/aggregator-adapter';
import { firstPollSince, type PollContext, readCursor } from '../core/order-poller';
import {
  getJson,
  latestTime,
  type ListedPage,
  PolledPlatformAdapter,
  PollerConfigError,
  pollBase,
} from '../core/polled-platform.adapter';
import { SIMPHONY, SIMPHONY_PRESET } from './simphony.preset';

interface SimphonyCursor {
  /** `sinceTime` of the next request, ISO 8601 */
  since: string;
}

/**
 * Oracle MICROS Simphony, polled through the Simphony Transaction Services Gen2 Checks API
 * (docs.oracle.com, "Checks API REST Endpoints": `GET {basePath}/checks`, "Get a list of checks";
 * basePath `https://{host}/api/v1`).
 *
 * - Context: the `Simphony-OrgShortName`, `Simphony-LocRef` and `Simphony-RvcRef` headers (the
 *   Checks API takes them in the header when the request carries no check). From
 *   `credentials.orgShortName`, `credentials.locRef` (default: the store reference) and
 *   `credentials.rvcRef`.
 * - Auth: a bearer token from Simphony's OpenID Connect authentication (`credentials.accessToken`).
 *   Obtaining and refreshing that token (PKCE flow) is not done here: an expired token fails the
 *   poll with 401, visible on the integration, until it is replaced.
 * - Query: `includeClosed=true&sinceTime=<ISO 8601>` (used by public STS Gen2 clients; the
 *   parameter list of Oracle's reference page was not available to confirm it). There is no paging
 *   in what we could confirm: one request per poll.
 * - Host: there is no shared host (each enterprise has its own), so `apiBaseUrl` is required.
 *
 * Cursor: `{since}`, moved to the latest `header.openTime` seen (inclusive; repeats are dropped by
 * intake by check ref).
 */
export class SimphonyAdapter extends PolledPlatformAdapter {
  readonly platform = SIMPHONY;
  protected readonly preset = SIMPHONY_PRESET;

  protected async listPage(
    cursor: string | null,
    integration: IntegrationSettings,
    ctx: PollContext,
  ): Promise<ListedPage> {
    const base = pollBase(SIMPHONY, integration, undefined, "the enterprise's STS Gen2 host");
    const credentials = integration.credentials ?? {};
    if (!credentials.accessToken || !credentials.orgShortName || !credentials.rvcRef) {
      throw new PollerConfigError(
        SIMPHONY,
        'set credentials.accessToken, credentials.orgShortName and credentials.rvcRef',
      );
    }
    const since =
      readCursor<SimphonyCursor>(cursor)?.since ?? firstPollSince(integration, ctx.now).toISOString();
    const query = new URLSearchParams({ includeClosed: 'true', sinceTime: since });
    const url = `${base}/api/v1/checks?${query.toString()}`;
    const answer = await ctx.api.fetchJson(
      url,
      getJson({
        authorization: `Bearer ${credentials.accessToken}`,
        'Simphony-OrgShortName': credentials.orgShortName,
        'Simphony-LocRef': credentials.locRef ?? integration.storeRef,
        'Simphony-RvcRef': credentials.rvcRef,
      }),
    );
    const checks = Array.isArray(answer) ? answer : (answer as { checks?: unknown } | null)?.checks;
    const listed = Array.isArray(checks) ? checks : [];
    const next: SimphonyCursor = { since: latestTime(listed, 'header.openTime') ?? since };
    return { answer, url, nextCursor: JSON.stringify(next), more: false };
  }
}
