import type { IntegrationSettings } from '../core/aggregator-adapter';
import { PlatformApiError } from '../core/adapter.errors';
import { configurableListPage } from '../core/configurable-list.util';
import type { PollContext } from '../core/order-poller';
import {
  type ListedPage,
  PolledPlatformAdapter,
  PollerConfigError,
  pollBase,
} from '../core/polled-platform.adapter';
import { UberTokenClient } from '../ubereats/ubereats-token.client';
import { OPENTABLE, OPENTABLE_PRESET } from './opentable.preset';

/** OpenTable's OAuth host (OpenTable partner docs; partner-only, not confirmed publicly). */
const OPENTABLE_TOKEN_URL = 'https://oauth.opentable.com/api/v2/oauth/token';

/**
 * OpenTable, polled. Auth is OAuth 2.0 client credentials (the partner portal issues a client id
 * and secret: public integration guides say so); the token is cached until shortly before it
 * expires, or until the API refuses it (401). Token URL `credentials.tokenUrl`, else `<apiBaseUrl>/api/v2/oauth/token` when
 * `apiBaseUrl` is set (tests), else OpenTable's OAuth host.
 *
 * The order-list endpoint is NOT public (partner docs only), so the request is configuration
 * (`configurable-list.util.ts`): by default
 * `GET <apiBaseUrl>/v2/restaurants/{storeRef}/orders?updated_after=<ISO>&page=<n>&limit=50`, orders
 * under `items`, the next sweep from the latest `updated_at` seen. `apiBaseUrl` is required.
 */
export class OpenTableAdapter extends PolledPlatformAdapter {
  readonly platform = OPENTABLE;
  protected readonly preset = OPENTABLE_PRESET;
  private readonly tokens = new UberTokenClient();

  protected async listPage(
    cursor: string | null,
    integration: IntegrationSettings,
    ctx: PollContext,
  ): Promise<ListedPage> {
    const settings = integration.credentials ?? {};
    if (!settings.clientId) {
      throw new PollerConfigError(OPENTABLE, 'set credentials.clientId (the secret is the client secret)');
    }
    const base = pollBase(OPENTABLE, integration, undefined, "OpenTable's partner API host");
    const client = {
      tokenUrl:
        settings.tokenUrl ?? (integration.apiBaseUrl ? `${base}/api/v2/oauth/token` : OPENTABLE_TOKEN_URL),
      clientId: settings.clientId,
      clientSecret: settings.clientSecret ?? integration.secret,
      scope: settings.scope ?? '',
    };
    const token = await this.tokens.token(ctx.api, client);
    return configurableListPage(
      OPENTABLE,
      integration,
      ctx,
      cursor,
      this.mappingFor(integration),
      {
        ordersPath: '/v2/restaurants/{storeRef}/orders',
        sinceParam: 'updated_after',
        pageParam: 'page',
        limitParam: 'limit',
        pageSize: 50,
        timeField: 'updated_at',
      },
      { authorization: `Bearer ${token}` },
    ).catch((error: unknown) => {
      // a token OpenTable refuses is dropped, so the next poll asks for a new one
      if (error instanceof PlatformApiError && error.status === 401) this.tokens.forget(client);
      throw error;
    });
  }
}
