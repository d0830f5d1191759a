import { randomUUID } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import { Role } from '@hub/auth';
import { CanonicalOrderDto, KitchenTicketChangedV1, KitchenTicketV1, SocketAck } from '@hub/contracts';
import { OrderStatus, OrderType, PaymentStatus } from '@hub/order-model';
import { eventually, InProcessService, TestEnvironment } from '@hub/testing';
import { startKotRouter } from './support/boot';
import { orderAccepted, putStationConfig } from './support/kitchen';
import { KitchenGateway } from '../../src/tickets/kitchen.gateway';
import { KitchenSocketAdapter } from '../../src/tickets/kitchen-socket.adapter';

jest.setTimeout(120_000);

const VENUE = 'venue-replicas';

/** A station screen: a socket.io client on one replica that records what it is sent. */
interface Screen {
  socket: Socket;
  tickets: KitchenTicketV1[];
  changes: KitchenTicketChangedV1[];
}

function order(station: string, code: string): CanonicalOrderDto {
  const id = randomUUID();
  return {
    id,
    venueId: VENUE,
    channel: 'qr',
    externalId: `replicas-${id}`,
    displayNumber: id.slice(0, 4).toUpperCase(),
    orderType: OrderType.DINE_IN,
    status: OrderStatus.ACCEPTED,
    placedAt: new Date().toISOString(),
    customer: { name: 'Guest' },
    items: [
      { lineId: '1', externalCode: code, name: code, quantity: 1, unitPrice: 10000, modifiers: [], station },
    ],
    totals: { subtotal: 10000, tax: 0, discount: 0, deliveryFee: 0, tip: 0, total: 10000, currency: 'INR' },
    payment: { status: PaymentStatus.PENDING, payments: [] },
    source: { platform: 'qr', storeRef: VENUE, rawDeliveryId: randomUUID() },
  };
}

/**
 * Two kot-router replicas in one process, on one database and one NATS namespace: they share the
 * durable consumer (JetStream gives each order to one of them) and, through the Postgres socket.io
 * adapter, the kitchen rooms.
 */
describe('kot-router: kitchen screens on two replicas share their rooms', () => {
  let environment: TestEnvironment;
  let a: InProcessService;
  let b: InProcessService;
  let aStopped = false;
  /** each replica's gateway.broadcast, watched (the calls go through unchanged) */
  const shows: Record<'a' | 'b', jest.SpyInstance<void, [string, KitchenTicketV1[]]>> = {} as never;
  /** which replica routed a ticket: the one whose gateway was asked to show it */
  const routedBy = (ticketId: string): 'a' | 'b' | undefined =>
    (['a', 'b'] as const).find((name) =>
      shows[name].mock.calls.some(([, tickets]) => tickets.some((t) => t.ticketId === ticketId)),
    );
  const screens: Screen[] = [];

  const start = () => startKotRouter({ KITCHEN_ACK_TIMEOUT_MS: '1500' }, environment);

  async function screen(
    replica: InProcessService,
    station: string,
    answer: (ticket: KitchenTicketV1, deliveries: number) => boolean = () => true,
  ): Promise<Screen> {
    const socket = io(`${replica.url}/kitchen`, {
      auth: { token: environment.token(Role.STATION, [VENUE], station, `screen-${randomUUID()}`) },
      transports: ['websocket'],
      forceNew: true,
    });
    const s: Screen = { socket, tickets: [], changes: [] };
    socket.on('ticket', (ticket: KitchenTicketV1, ack?: (r: SocketAck) => void) => {
      s.tickets.push(ticket);
      const deliveries = s.tickets.filter((t) => t.ticketId === ticket.ticketId).length;
      if (answer(ticket, deliveries)) ack?.({ ok: true });
    });
    socket.on('ticket:changed', (change: KitchenTicketChangedV1) => s.changes.push(change));
    await new Promise((resolve) => socket.once('joined', resolve));
    screens.push(s);
    return s;
  }

  const fire = (target: CanonicalOrderDto) => b.publish(orderAccepted(target));
  const ticketOf = async (orderId: string, station: string) => {
    const [row] = await environment.query<{ id: string; shown_at: Date | null }>(
      'SELECT id, shown_at FROM kot.tickets WHERE order_id = $1 AND station = $2',
      [orderId, station],
    );
    return row;
  };
  const send = (s: Screen, event: string, body: unknown): Promise<SocketAck> =>
    s.socket.timeout(5000).emitWithAck(event, body) as Promise<SocketAck>;

  beforeAll(async () => {
    environment = await TestEnvironment.create();
    a = await start();
    b = await start();
    shows.a = jest.spyOn(a.app.get(KitchenGateway), 'broadcast');
    shows.b = jest.spyOn(b.app.get(KitchenGateway), 'broadcast');
    const manager = environment.token(Role.MANAGER, [VENUE]);
    for (const [path, body] of [
      ['settings', { venueName: 'Replicas Test', timeZone: 'Asia/Kolkata' }],
      ['grill', { displayName: 'Grill' }],
      ['dessert', { displayName: 'Dessert' }],
    ] as const)
      await putStationConfig(a, VENUE, manager, path, body);
    // each replica has heard the other's heartbeat, so a broadcast waits for both
    for (const replica of [a, b]) {
      await eventually(
        async () => ((await replica.app.get(KitchenSocketAdapter).replicas()) === 2 ? true : undefined),
        15_000,
        'the replicas to see each other',
      );
    }
  });

  afterAll(async () => {
    for (const s of screens) s.socket.close();
    if (a && !aStopped) {
      await a.nc.close();
      await a.app.close();
    }
    await b?.stop();
  });

  it('shows a ticket once, live, on a screen of the other replica, whichever replica routed it; its acknowledgement comes back', async () => {
    const grill = await screen(b, 'grill');
    const fired: string[] = [];
    const routers = () => new Set(fired.map(routedBy));
    // one order at a time until each replica's consumer has taken some (JetStream picks the replica)
    while (fired.length < 6 || (routers().size < 2 && fired.length < 40)) {
      const next = order('grill', `DISH-${fired.length}`);
      await fire(next);
      const ticket = await eventually(() => ticketOf(next.id, 'grill'), 10_000, 'the grill ticket');
      await eventually(
        () => (grill.tickets.some((t) => t.ticketId === ticket.id) ? true : undefined),
        10_000,
        `ticket ${ticket.id} on the screen at B`,
      );
      fired.push(ticket.id);
    }
    expect(routers()).toEqual(new Set(['a', 'b']));

    // every ticket was acknowledged back to the replica that sent it (shown_at), so none is sent again
    const unshown = () =>
      environment.query<{ id: string }>(
        "SELECT id FROM kot.tickets WHERE venue_id = $1 AND station = 'grill' AND shown_at IS NULL",
        [VENUE],
      );
    await eventually(async () => ((await unshown()).length === 0 ? true : undefined), 10_000, 'shown_at');
    expect(grill.tickets.map((t) => t.ticketId).sort()).toEqual([...fired].sort());
  });

  it('a bump on a screen at replica A reaches the station’s screen at replica B as ticket:changed', async () => {
    const [atB] = screens;
    const atA = await screen(a, 'grill');
    const ticketId = atB.tickets[0].ticketId;

    expect(await send(atA, 'ticket:bump', { ticketId })).toEqual({ ok: true });
    const change = await eventually(
      () => atB.changes.find((c) => c.ticketId === ticketId),
      10_000,
      'ticket:changed at B',
    );
    expect(change).toMatchObject({ ticketId, station: 'grill', action: 'bumped' });
    expect(await send(atA, 'ticket:recall', { ticketId })).toEqual({ ok: true });
    await eventually(
      () => atB.changes.find((c) => c.ticketId === ticketId && c.action === 'recalled'),
      10_000,
      'the recall at B',
    );
    // the screen that bumped and recalled is not told about its own doing
    expect(atA.changes.filter((c) => c.ticketId === ticketId)).toEqual([]);
  });

  it('sends an unacknowledged ticket again to a screen on the other replica', async () => {
    // the screen at B loses the first delivery of every ticket; orders are fired until A routed one
    const dessert = await screen(b, 'dessert', (_ticket, deliveries) => deliveries > 1);
    const resent: string[] = [];
    while (!resent.some((id) => routedBy(id) === 'a') && resent.length < 10) {
      const next = order('dessert', `SWEET-${resent.length}`);
      await fire(next);
      const shown = await eventually(
        async () => {
          const row = await ticketOf(next.id, 'dessert');
          return row?.shown_at ? row : undefined;
        },
        20_000,
        'the dessert ticket to be acknowledged',
      );
      resent.push(shown.id);
    }
    expect(resent.some((id) => routedBy(id) === 'a')).toBe(true);
    for (const id of resent) {
      expect(dessert.tickets.filter((t) => t.ticketId === id)).toHaveLength(2);
    }
  });

  /** The adapter connections of this suite's database that are in LISTEN (one per running replica). */
  const listening = async () =>
    (
      await environment.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = $1 AND application_name = 'kot-router-socket-adapter' AND query LIKE 'LISTEN%'`,
        [environment.database],
      )
    )[0].n;

  it('a replica stopped as soon as it has started shuts down, its adapter connection with it', async () => {
    // its LISTEN connection is still being set up when the socket server closes
    const early = await start();
    await early.nc.close();
    await early.app.close();
    await eventually(async () => ((await listening()) === 2 ? true : undefined), 10_000, 'A and B only');
  });

  it('a replica that stops ends its adapter connection and leaves the other to carry on alone', async () => {
    await eventually(async () => ((await listening()) === 2 ? true : undefined), 10_000, 'A and B listening');

    aStopped = true;
    await a.nc.close();
    await a.app.close();

    // A's pool is ended (its connections never idle out on their own), and B counts itself alone
    await eventually(async () => ((await listening()) === 1 ? true : undefined), 10_000, 'A’s LISTEN to end');
    await eventually(
      async () => ((await b.app.get(KitchenSocketAdapter).replicas()) === 1 ? true : undefined),
      20_000, // a heartbeat that crossed the early replica's goodbye keeps it counted for up to 10 s
      'B to count one replica',
    );

    const [grill] = screens;
    const last = order('grill', 'LAST');
    await fire(last);
    const ticket = await eventually(() => ticketOf(last.id, 'grill'), 10_000, 'the last grill ticket');
    await eventually(
      () => (grill.tickets.some((t) => t.ticketId === ticket.id) ? true : undefined),
      10_000,
      'the last ticket on the screen at B',
    );
    expect(routedBy(ticket.id)).toBe('b');
  });
});
