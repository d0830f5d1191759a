import type { IntegrationSettings } from '../core/aggregator-adapter';
import { configurableListPage } from '../core/configurable-list.util';
import type { PollContext } from '../core/order-poller';
import { type ListedPage, PolledPlatformAdapter } from '../core/polled-platform.adapter';
import { POSIST, POSIST_PRESET } from './posist.preset';

/**
 * POSist (Restroworks), polled. Its partner API is NOT public: we could confirm neither the host,
 * the order-list endpoint, its parameters nor the auth header. So the request is configuration
 * (`configurable-list.util.ts`): by default `GET <apiBaseUrl>/api/v1/orders?updatedAfter=<ISO>&page=<n>&limit=50`
 * with the API key (the integration's secret) in `x-api-key` (`credentials.authHeader` renames
 * it, `credentials.authPrefix` prefixes it), the orders under `orders`, the next sweep from the
 * latest `updated` seen. `apiBaseUrl` is required.
 */
export class PosistAdapter extends PolledPlatformAdapter {
  readonly platform = POSIST;
  protected readonly preset = POSIST_PRESET;

  protected listPage(
    cursor: string | null,
    integration: IntegrationSettings,
    ctx: PollContext,
  ): Promise<ListedPage> {
    const settings = integration.credentials ?? {};
    return configurableListPage(
      POSIST,
      integration,
      ctx,
      cursor,
      this.mappingFor(integration),
      {
        ordersPath: '/api/v1/orders',
        sinceParam: 'updatedAfter',
        pageParam: 'page',
        limitParam: 'limit',
        pageSize: 50,
        timeField: 'updated',
      },
      { [settings.authHeader ?? 'x-api-key']: `${settings.authPrefix ?? ''}${integration.secret}` },
    );
  }
}
