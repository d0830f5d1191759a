import { jetstreamManager } from '@nats-io/jetstream';
import { STATUS_CALLBACK_DELIVERED_V1, type StatusCallbackDeliveredV1, STREAMS } from '@hub/contracts';
import { wireStreamName, wireSubject } from '@hub/messaging';
import { eventually, InProcessService } from '@hub/testing';
import {
  ACCEPTED,
  COMPLETED,
  IN_PREPARATION,
  integrationsReplicated,
  move,
  READY,
  RECEIVED,
  saveIntegration,
  startStatusSync,
  testOrder,
} from './fixtures';
import { PlatformStandIn } from './platform-stand-in';

jest.setTimeout(60_000);

describe('status-sync: status.v1.callback-delivered when a platform acknowledged a status callback', () => {
  let service: InProcessService;
  let api: PlatformStandIn;
  /** scripted answers by request path (consumed in order), else 200 */
  const scripted = new Map<string, number[]>();

  /** Every status.v1.callback-delivered on the STATUS stream, oldest first. */
  const delivered = async (): Promise<StatusCallbackDeliveredV1[]> => {
    const jsm = await jetstreamManager(service.nc);
    const stream = wireStreamName(service.environment.namespace, STREAMS.STATUS);
    const wire = wireSubject(service.environment.namespace, STATUS_CALLBACK_DELIVERED_V1);
    const info = await jsm.streams.info(stream);
    const found: StatusCallbackDeliveredV1[] = [];
    for (let seq = info.state.first_seq; seq > 0 && seq <= info.state.last_seq; seq += 1) {
      const message = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
      if (message?.subject === wire)
        found.push(message.json<{ payload: StatusCallbackDeliveredV1 }>().payload);
    }
    return found;
  };

  beforeAll(async () => {
    api = await PlatformStandIn.start();
    api.handler = (request) => {
      const script = scripted.get(`${request.method} ${request.path}`);
      if (script && script.length > 0) return { status: script.shift()! };
      return { status: 200, body: {} };
    };
    service = await startStatusSync({
      CALLBACK_POLL_MS: '50',
      CALLBACK_BACKOFF_BASE_MS: '20',
      CALLBACK_BACKOFF_MAX_MS: '80',
      CALLBACK_SHUTDOWN_GRACE_MS: '0',
    });
    await saveIntegration(service, 'venue-w', 'woocommerce', {
      storeRef: 'https://w.shop.example',
      secret: 'woo-secret',
      apiBaseUrl: `${api.baseUrl}/woo-w`,
      credentials: { consumerKey: 'ck_w', consumerSecret: 'cs_w' },
    });
    await integrationsReplicated(service.environment, 1);
  });

  afterAll(async () => {
    await service?.stop();
    await api?.close();
  });

  it('emits one callback-delivered per status the platform answered 2xx to, after any retries', async () => {
    const order = testOrder('venue-w', 'woocommerce');
    const path = `/woo-w/wp-json/wc/v3/orders/${order.externalId}`;
    scripted.set(`PUT ${path}`, [503]); // the acceptance is refused once, then delivered
    await move(service, order, [
      [RECEIVED, ACCEPTED],
      [ACCEPTED, IN_PREPARATION],
      [IN_PREPARATION, READY],
      [READY, COMPLETED],
    ]);
    const events = await eventually(
      async () => {
        const mine = (await delivered()).filter((e) => e.orderId === order.id);
        return mine.some((e) => e.status === COMPLETED) ? mine : undefined;
      },
      10_000,
      'the completed callback to be delivered',
    );
    const rows = await service.environment.query<{ id: string; status: string; attempts: number }>(
      "SELECT id, status, attempts FROM status_sync.callbacks WHERE order_id = $1 AND kind = 'status' AND state = 'sent'",
      [order.id],
    );
    // one event per sent callback (statuses WooCommerce cannot express are not sent, nor announced),
    // naming the callback, the platform, the status and how many tries it took
    expect(rows.map((r) => r.status).sort()).toEqual([ACCEPTED, COMPLETED]);
    expect(events).toHaveLength(rows.length);
    for (const row of rows) {
      expect(events.filter((e) => e.callbackId === row.id)).toEqual([
        {
          callbackId: row.id,
          orderId: order.id,
          venueId: 'venue-w',
          platform: 'woocommerce',
          status: row.status,
          attempts: row.attempts,
          deliveredAt: expect.any(String),
          httpStatus: 200,
        },
      ]);
    }
    expect(events.find((e) => e.status === ACCEPTED)).toMatchObject({ attempts: 2, httpStatus: 200 });
  });
});
