import { Role } from '@hub/auth';
import { OrderType } from '@hub/order-model';
import { eventually, InProcessService, TestEnvironment } from '@hub/testing';
import {
  ACCEPTED,
  IN_PREPARATION,
  integrationsReplicated,
  move,
  READY,
  RECEIVED,
  saveIntegration,
  startStatusSync,
  testOrder,
} from './fixtures';
import { PlatformStandIn, type StandInAnswer } from './platform-stand-in';

jest.setTimeout(90_000);

const LEASE_MS = 2500;

/**
 * status-sync stopped while a call is held open by the platform (the process dies mid-flight), then
 * started again on the same database and namespace: the callback is retried once its lease expires,
 * with the same idempotency key, and is delivered once; events that came while it was down are
 * consumed and delivered after it, in order.
 */
describe('status-sync: killed mid-flight, nothing lost or repeated', () => {
  let environment: TestEnvironment;
  let api: PlatformStandIn;
  let first: InProcessService | undefined;
  let second: InProcessService | undefined;
  const squareStates = new Map<string, string>();
  let holdNextWrite = true;
  let release: (() => void) | undefined;

  const start = () =>
    startStatusSync(
      {
        CALLBACK_POLL_MS: '50',
        CALLBACK_BACKOFF_BASE_MS: '20',
        CALLBACK_BACKOFF_MAX_MS: '80',
        CALLBACK_LEASE_MS: String(LEASE_MS),
        CALLBACK_TIMEOUT_MS: '10000',
        CALLBACK_SHUTDOWN_GRACE_MS: '0',
      },
      environment,
    );

  beforeAll(async () => {
    environment = await TestEnvironment.create();
    api = await PlatformStandIn.start();
    api.handler = (request): StandInAnswer | Promise<StandInAnswer> => {
      const match = /\/v2\/orders\/([^/?]+)$/.exec(request.path);
      if (!match) return { status: 404 };
      const id = match[1];
      const answer = (): StandInAnswer => {
        if (request.method === 'PUT') {
          const body = JSON.parse(request.body) as { order: { fulfillments: Array<{ state: string }> } };
          squareStates.set(id, body.order.fulfillments[0].state);
        }
        const state = squareStates.get(id) ?? 'PROPOSED';
        return {
          status: 200,
          body: { order: { id, location_id: 'L1', version: 7, fulfillments: [{ uid: 'f-1', state }] } },
        };
      };
      if (request.method === 'PUT' && holdNextWrite) {
        holdNextWrite = false;
        // held open: the platform never answers this one (its caller is stopped meanwhile)
        return new Promise<StandInAnswer>((resolve) => {
          release = () => resolve({ status: 200, body: {} });
        });
      }
      return answer();
    };
    first = await start();
    await saveIntegration(first, 'venue-r', 'square', {
      storeRef: 'L1',
      secret: 'square-signature-key',
      apiBaseUrl: `${api.baseUrl}/square`,
      credentials: { accessToken: 'sq-access-token' },
    });
  });

  afterAll(async () => {
    release?.();
    await first?.app.close().catch(() => undefined);
    await second?.stop();
    if (!second) await environment.stop();
    await api.close();
  });

  it('retries the interrupted call after the lease, once, with the same idempotency key, and loses nothing', async () => {
    const order = testOrder('venue-r', 'square', OrderType.PICKUP);
    const path = `/square/v2/orders/${order.externalId}`;
    await integrationsReplicated(environment, 1);
    await move(first!, order, [[RECEIVED, ACCEPTED]]);
    await eventually(
      () => (api.to(path).some((r) => r.method === 'PUT') ? true : undefined),
      10_000,
      'the held PUT',
    );

    // the process goes away mid-call: its connection to NATS and the HTTP call are cut
    await first!.nc.close();
    await first!.app.close();
    first = undefined;
    const [leased] = await environment.query<{ state: string }>(
      'SELECT state FROM status_sync.callbacks WHERE order_id = $1',
      [order.id],
    );
    expect(leased.state).toBe('sending');
    const held = api.to(path).find((r) => r.method === 'PUT')!;
    await eventually(() => (held.aborted ? true : undefined), 5000, 'the held call to be cut');

    // while status-sync is down, the order moves on
    second = await start();
    await move(second, order, [
      [ACCEPTED, IN_PREPARATION],
      [IN_PREPARATION, READY],
    ]);

    const headOffice = environment.token(Role.HEAD_OFFICE, '*');
    await eventually(
      async () => {
        const response = await second!.request('GET', `/v1/callbacks?orderId=${order.id}`, headOffice);
        const items = (response.body as unknown as { items: Array<{ status: string; state: string }> }).items;
        const ready = items.find((c) => c.status === 'ready');
        return ready?.state === 'sent' ? items : undefined;
      },
      15_000,
      'ready to be told after the restart',
    );

    const writes = api.to(path).filter((r) => r.method === 'PUT');
    const bodies = writes.map(
      (r) =>
        JSON.parse(r.body) as { idempotency_key: string; order: { fulfillments: Array<{ state: string }> } },
    );
    // the held RESERVED (cut), RESERVED again (delivered), then PREPARED: in order, each delivered once
    // (in_preparation is RESERVED too, and was superseded by ready while status-sync was down)
    expect(bodies.map((b) => b.order.fulfillments[0].state)).toEqual(['RESERVED', 'RESERVED', 'PREPARED']);
    expect(writes.map((r) => [r.aborted, r.answered])).toEqual([
      [true, undefined],
      [false, 200],
      [false, 200],
    ]);
    expect(bodies[1].idempotency_key).toBe(bodies[0].idempotency_key);

    const attempts = await environment.query<{ attempt: number; outcome: string }>(
      `SELECT a.attempt, a.outcome FROM status_sync.callback_attempts a JOIN status_sync.callbacks c ON c.id = a.callback_id
       WHERE c.order_id = $1 AND c.status = 'accepted' ORDER BY a.attempt`,
      [order.id],
    );
    expect(attempts).toEqual([
      { attempt: 1, outcome: 'interrupted' },
      { attempt: 2, outcome: 'sent' },
    ]);
    const states = await environment.query<{ status: string; state: string }>(
      'SELECT status, state FROM status_sync.callbacks WHERE order_id = $1 ORDER BY seq',
      [order.id],
    );
    expect(states).toEqual([
      { status: 'accepted', state: 'sent' },
      { status: 'in_preparation', state: 'superseded' }, // came while down: ready made it stale
      { status: 'ready', state: 'sent' },
    ]);
  });
});
