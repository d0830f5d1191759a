import { jetstreamManager } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { Role } from '@hub/auth';
import {
  EventEnvelope,
  INTAKE_ORDER_RECEIVED_V1,
  KitchenTicketChangedV1,
  KOT_TICKET_BUMPED_V1,
  KOT_TICKET_RECALLED_V1,
  ORDERS_STATUS_CHANGED_V1,
  STREAMS,
  TicketBumpedV1,
} from '@hub/contracts';
import { wireStreamName, wireSubject } from '@hub/messaging';
import { demoDirectOrder, eventually } from '@hub/testing';
import {
  getJson,
  postOrder,
  refusedConnection,
  RunningSystem,
  sleep,
  StationScreen,
  VENUE_A,
  VENUE_B,
} from './system';

/**
 * The walking skeleton: a direct order posted to intake becomes one canonical order and one ticket
 * per station on the station's socket, through all the services running as separate processes on
 * real Postgres and JetStream.
 */
// the services run as their own processes: starting them and the restart tests take seconds
jest.setTimeout(120_000);

describe('order to ticket, end to end', () => {
  let system: RunningSystem;
  let nc: NatsConnection;
  let staffA: string;
  let tandoor: StationScreen;
  let bar: StationScreen;

  const ticketsOf = async (orderId: string) =>
    system.environment.query<{ station: string; kind: string; seq: number }>(
      'SELECT station, kind, seq FROM kot.tickets WHERE order_id = $1 ORDER BY station, seq',
      [orderId],
    );
  const orderIdOf = (deliveryId: unknown) =>
    eventually(
      async () => {
        const rows = await system.environment.query<{ id: string }>(
          'SELECT id FROM orders.orders WHERE correlation_id = $1',
          [deliveryId],
        );
        return rows[0]?.id;
      },
      10_000,
      `the order of delivery ${String(deliveryId)}`,
    );

  /** Waits until a consumer has nothing pending or unacknowledged. */
  const drained = (stream: keyof typeof STREAMS, durable: string) =>
    eventually(
      async () => {
        const jsm = await jetstreamManager(nc);
        const info = await jsm.consumers.info(
          wireStreamName(system.environment.namespace, STREAMS[stream]),
          durable,
        );
        return info.num_pending === 0 && info.num_ack_pending === 0 ? true : undefined;
      },
      15_000,
      `${durable} to drain`,
    );

  beforeAll(async () => {
    system = await RunningSystem.start();
    nc = await connect({ servers: system.environment.natsUrl });
    staffA = system.environment.token(Role.STAFF, [VENUE_A]);
    tandoor = await StationScreen.connect(system.url('kot-router'), {
      token: system.environment.token(Role.STATION, [VENUE_A], 'tandoor'),
    });
    bar = await StationScreen.connect(system.url('kot-router'), {
      token: system.environment.token(Role.STATION, [VENUE_A], 'bar'),
    });
  });

  afterAll(async () => {
    tandoor?.close();
    bar?.close();
    await nc?.close();
    await system?.stop();
  });

  it('runs every service with health, metrics and OpenAPI', async () => {
    for (const name of [
      'intake',
      'menu-mapping',
      'order-core',
      'kot-router',
      'status-sync',
      'reporting',
    ] as const) {
      const live = await getJson(`${system.url(name)}/health/live`);
      expect(live).toEqual({ status: 200, body: { status: 'ok' } });
      const ready = await getJson(`${system.url(name)}/health/ready`);
      expect(ready.status).toBe(200);
      expect(ready.body.details).toMatchObject({ database: { status: 'up' }, nats: { status: 'up' } });
      const metrics = await fetch(`${system.url(name)}/metrics`).then((r) => r.text());
      expect(metrics).toContain('process_resident_memory_bytes');
      const openapi = await getJson(`${system.url(name)}/docs/openapi.json`);
      expect(openapi.body.openapi).toMatch(/^3\./);
    }
  });

  it('puts a direct order on each of its stations as one ticket, and in the order table as accepted', async () => {
    const sentAt = Date.now();
    const posted = await postOrder(
      system.url('intake'),
      staffA,
      demoDirectOrder(VENUE_A, [
        { code: 'PANEER-TIKKA', quantity: 2, notes: 'extra spicy' },
        { code: 'MANGO-LASSI', quantity: 1 },
        { code: 'GARLIC-NAAN', quantity: 3 },
      ]),
      'e2e-first-order',
    );
    expect(posted.status).toBe(202);
    expect(posted.body).toEqual({ deliveryId: expect.any(String), duplicate: false });

    const tandoorTicket = await eventually(
      () => tandoor.tickets.find((t) => t.items.some((i) => i.name === 'Paneer Tikka')),
      5000,
      'the tandoor ticket',
    );
    const latencyMs = Date.now() - sentAt;
    const barTicket = await eventually(
      () => bar.tickets.find((t) => t.orderId === tandoorTicket.orderId),
      5000,
      'the bar ticket',
    );
    process.stdout.write(`order → tandoor ticket: ${latencyMs} ms\n`);

    expect(tandoorTicket).toMatchObject({
      station: 'tandoor',
      kind: 'new',
      channel: 'qr',
      orderType: 'dine_in',
      seq: expect.any(Number),
      items: [
        { name: 'Paneer Tikka', quantity: 2, modifiers: [], notes: 'extra spicy' },
        { name: 'Garlic Naan', quantity: 3, modifiers: [] },
      ],
    });
    expect(barTicket.items).toEqual([
      { lineId: expect.any(String), name: 'Mango Lassi', quantity: 1, modifiers: [] },
    ]);
    expect(barTicket.displayNumber).toBe(tandoorTicket.displayNumber);

    const order = await getJson(`${system.url('order-core')}/v1/orders/${tandoorTicket.orderId}`, staffA);
    expect(order.status).toBe(200);
    expect(order.body).toMatchObject({
      id: tandoorTicket.orderId,
      venueId: VENUE_A,
      channel: 'qr',
      externalId: 'e2e-first-order',
      status: 'accepted',
      mapped: true,
      correlationId: posted.body.deliveryId,
      totals: { subtotal: 2 * 28000 + 12000 + 3 * 6000, tax: 4300, total: 90300, currency: 'INR' },
    });
    expect(
      (order.body.timeline as Array<Record<string, unknown>>).map((t) => [t.from, t.to, t.actorType]),
    ).toEqual([
      [null, 'received', 'system'],
      ['received', 'accepted', 'system'],
    ]);
    expect(((order.body.items as Array<Record<string, unknown>>) ?? []).map((i) => i.station)).toEqual([
      'tandoor',
      'bar',
      'tandoor',
    ]);
  });

  it('moves the order to in preparation when a station takes a ticket on, and to ready when every ticket is bumped', async () => {
    const posted = await postOrder(
      system.url('intake'),
      staffA,
      demoDirectOrder(VENUE_A, [
        { code: 'GARLIC-NAAN', quantity: 2 },
        { code: 'MASALA-CHAI', quantity: 2 },
      ]),
      'e2e-kitchen-progress',
    );
    const orderId = await orderIdOf(posted.body.deliveryId);
    const naan = await eventually(
      () => tandoor.tickets.find((t) => t.orderId === orderId),
      5000,
      'the tandoor ticket',
    );
    const chai = await eventually(
      () => bar.tickets.find((t) => t.orderId === orderId),
      5000,
      'the bar ticket',
    );
    const statusOf = async () =>
      (await getJson(`${system.url('order-core')}/v1/orders/${orderId}`, staffA)).body;

    expect(await tandoor.request('ticket:ack', { ticketId: naan.ticketId })).toEqual({ ok: true });
    expect(await tandoor.request('ticket:ack', { ticketId: naan.ticketId })).toEqual({ ok: true });
    await eventually(
      async () => ((await statusOf()).status === 'in_preparation' ? true : undefined),
      5000,
      'in_preparation',
    );

    expect(await tandoor.request('ticket:bump', { ticketId: naan.ticketId })).toEqual({ ok: true });
    expect(await tandoor.request('ticket:bump', { ticketId: naan.ticketId })).toEqual({
      ok: false,
      error: `ticket ${naan.ticketId} is not open at this station`,
    });
    // recalled (not done after all) and bumped again: the bus hears both, the order waits for the bar
    expect(await tandoor.request('ticket:recall', { ticketId: naan.ticketId })).toEqual({ ok: true });
    const jsm = await jetstreamManager(nc);
    const recalled = await jsm.streams.getMessage(wireStreamName(system.environment.namespace, STREAMS.KOT), {
      last_by_subj: wireSubject(system.environment.namespace, KOT_TICKET_RECALLED_V1),
    });
    expect(recalled!.json<EventEnvelope<{ ticketId: string }>>().payload.ticketId).toBe(naan.ticketId);
    expect(await tandoor.request('ticket:bump', { ticketId: naan.ticketId })).toEqual({ ok: true });
    await drained('KOT', 'order-core-kot-v1');
    expect((await statusOf()).status).toBe('in_preparation');

    expect(await bar.request('ticket:bump', { ticketId: chai.ticketId })).toEqual({ ok: true });
    const ready = await eventually(
      async () => {
        const order = await statusOf();
        return order.status === 'ready' ? order : undefined;
      },
      5000,
      'ready',
    );
    // the status moves (the timeline also holds the ledger's hops: the tickets taken on)
    expect(
      (ready.timeline as Array<Record<string, unknown>>)
        .filter((t) => t.kind === 'status')
        .map((t) => [t.to, t.actorType, t.actorId]),
    ).toEqual([
      ['received', 'system', 'intake'],
      ['accepted', 'system', 'order-core:auto-accept'],
      ['in_preparation', 'station', 'tandoor'],
      ['ready', 'station', 'bar'],
    ]);
  });

  it('closes a station’s ticket once every line on it is voided, so the order is ready when the other station bumps', async () => {
    const posted = await postOrder(
      system.url('intake'),
      staffA,
      demoDirectOrder(VENUE_A, [
        { code: 'PANEER-TIKKA', quantity: 1 },
        { code: 'GARLIC-NAAN', quantity: 2 },
        { code: 'MASALA-CHAI', quantity: 1 },
      ]),
      'e2e-void-a-station',
    );
    const orderId = await orderIdOf(posted.body.deliveryId);
    const changes: KitchenTicketChangedV1[] = [];
    tandoor.socket.on('ticket:changed', (change: KitchenTicketChangedV1) => changes.push(change));
    const naanAndTikka = await eventually(
      () => tandoor.tickets.find((t) => t.orderId === orderId && t.kind === 'new'),
      5000,
      'the tandoor ticket',
    );
    const chai = await eventually(
      () => bar.tickets.find((t) => t.orderId === orderId && t.kind === 'new'),
      5000,
      'the bar ticket',
    );
    const orderUrl = `${system.url('order-core')}/v1/orders/${orderId}`;
    const order = async () => (await getJson(orderUrl, staffA)).body;

    // staff void both tandoor lines, one at a time: the tandoor has nothing left to make
    for (const line of naanAndTikka.items) {
      const voided = await fetch(`${orderUrl}/items/${line.lineId}/void`, {
        method: 'POST',
        headers: { authorization: `Bearer ${staffA}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reason: 'kitchen out of paneer' }),
      });
      expect(voided.status).toBe(200);
    }
    const closed = await eventually(
      () => changes.find((c) => c.ticketId === naanAndTikka.ticketId),
      5000,
      'the tandoor ticket closed on its screen',
    );
    expect(closed).toMatchObject({ orderId, station: 'tandoor', action: 'voided', by: expect.any(String) });
    const [row] = await system.environment.query<{ bumped: boolean; voided: boolean }>(
      'SELECT bumped_at IS NOT NULL AS bumped, voided_at IS NOT NULL AS voided FROM kot.tickets WHERE id = $1',
      [naanAndTikka.ticketId],
    );
    expect(row).toEqual({ bumped: true, voided: true });
    const jsm = await jetstreamManager(nc);
    const bumped = await jsm.streams.getMessage(wireStreamName(system.environment.namespace, STREAMS.KOT), {
      last_by_subj: wireSubject(system.environment.namespace, KOT_TICKET_BUMPED_V1),
    });
    expect(bumped!.json<EventEnvelope<TicketBumpedV1>>().payload).toMatchObject({
      ticketId: naanAndTikka.ticketId,
      orderId,
      station: 'tandoor',
      voided: true,
    });
    // a ticket closed by voids is no sign the kitchen started, and cannot be recalled
    await drained('KOT', 'order-core-kot-v1');
    expect((await order()).status).toBe('accepted');
    expect(await tandoor.request('ticket:recall', { ticketId: naanAndTikka.ticketId })).toEqual({
      ok: false,
      error: `ticket ${naanAndTikka.ticketId} is not bumped at this station`,
    });

    expect(await bar.request('ticket:bump', { ticketId: chai.ticketId })).toEqual({ ok: true });
    const ready = await eventually(
      async () => {
        const now = await order();
        return now.status === 'ready' ? now : undefined;
      },
      5000,
      'ready',
    );
    expect(
      (ready.timeline as Array<Record<string, unknown>>)
        .filter((t) => t.kind === 'status')
        .map((t) => [t.to, t.actorType, t.actorId]),
    ).toEqual([
      ['received', 'system', 'intake'],
      ['accepted', 'system', 'order-core:auto-accept'],
      ['in_preparation', 'station', 'bar'],
      ['ready', 'station', 'bar'],
    ]);
  });

  it('voids the tickets of a cancelled order at every station still working on it', async () => {
    const posted = await postOrder(
      system.url('intake'),
      staffA,
      demoDirectOrder(VENUE_A, [
        { code: 'CHICKEN-TIKKA', quantity: 1 },
        { code: 'MANGO-LASSI', quantity: 2 },
      ]),
      'e2e-cancelled',
    );
    const orderId = await orderIdOf(posted.body.deliveryId);
    const tikka = await eventually(
      () => tandoor.tickets.find((t) => t.orderId === orderId),
      5000,
      'the tandoor ticket',
    );
    const lassi = await eventually(
      () => bar.tickets.find((t) => t.orderId === orderId),
      5000,
      'the bar ticket',
    );
    expect(await bar.request('ticket:bump', { ticketId: lassi.ticketId })).toEqual({ ok: true }); // the bar is done already

    const cancelled = await fetch(`${system.url('order-core')}/v1/orders/${orderId}/status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staffA}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'cancelled', reason: 'guest left' }),
    });
    expect(cancelled.status).toBe(200);
    const voided = await eventually(
      () => tandoor.tickets.find((t) => t.orderId === orderId && t.kind === 'void'),
      5000,
      'the void ticket',
    );
    expect(voided).toMatchObject({
      station: 'tandoor',
      items: tikka.items,
      displayNumber: tikka.displayNumber,
      seq: expect.any(Number),
    });
    expect(voided.seq).toBeGreaterThan(tikka.seq);
    await drained('ORDERS', 'kot-router-orders-v1');
    expect(bar.tickets.filter((t) => t.orderId === orderId).map((t) => t.kind)).toEqual(['new']);
    expect((await ticketsOf(orderId)).map((t) => [t.station, t.kind])).toEqual([
      ['bar', 'new'],
      ['tandoor', 'new'],
      ['tandoor', 'void'],
    ]);
  });

  it('answers a repeated request with the first delivery and creates nothing more', async () => {
    const body = demoDirectOrder(VENUE_A, [{ code: 'MASALA-CHAI', quantity: 2 }]);
    const first = await postOrder(system.url('intake'), staffA, body, 'e2e-repeat');
    const orderId = await orderIdOf(first.body.deliveryId);
    await eventually(() => bar.tickets.find((t) => t.orderId === orderId), 5000, 'the chai ticket');

    const again = await postOrder(system.url('intake'), staffA, body, 'e2e-repeat');
    expect(again).toEqual({ status: 200, body: { deliveryId: first.body.deliveryId, duplicate: true } });

    const reused = await postOrder(
      system.url('intake'),
      staffA,
      demoDirectOrder(VENUE_A, [{ code: 'KULFI', quantity: 1 }]),
      'e2e-repeat',
    );
    expect(reused.status).toBe(422);
    expect(reused.body.message).toContain('already used for a different order');

    await drained('INTAKE', 'order-core-intake-v1');
    await drained('ORDERS', 'kot-router-orders-v1');
    expect(
      await system.environment.query('SELECT id FROM orders.orders WHERE external_id = $1', ['e2e-repeat']),
    ).toHaveLength(1);
    expect(await ticketsOf(orderId)).toEqual([{ station: 'bar', kind: 'new', seq: expect.any(Number) }]);
    expect(bar.tickets.filter((t) => t.orderId === orderId)).toHaveLength(1);
  });

  it('applies a redelivered event once', async () => {
    const posted = await postOrder(
      system.url('intake'),
      staffA,
      demoDirectOrder(VENUE_A, [{ code: 'CHICKEN-TIKKA', quantity: 1 }]),
      'e2e-redelivered',
    );
    const orderId = await orderIdOf(posted.body.deliveryId);
    await eventually(() => tandoor.tickets.find((t) => t.orderId === orderId), 5000, 'the first ticket');

    const jsm = await jetstreamManager(nc);
    const namespace = system.environment.namespace;
    const js = jsm.jetstream();
    for (const [stream, subject] of [
      [STREAMS.INTAKE, INTAKE_ORDER_RECEIVED_V1],
      [STREAMS.ORDERS, ORDERS_STATUS_CHANGED_V1],
    ] as const) {
      const stored = await jsm.streams.getMessage(wireStreamName(namespace, stream), {
        last_by_subj: wireSubject(namespace, subject),
      });
      const envelope = stored!.json<EventEnvelope<{ order?: { id?: string } }>>();
      expect(envelope.type).toBe(subject);
      // published again with no Nats-Msg-Id, so the stream keeps it and every consumer gets it a second time
      await js.publish(wireSubject(namespace, subject), JSON.stringify(envelope));
    }
    await drained('INTAKE', 'order-core-intake-v1');
    await drained('INTAKE', 'menu-mapping-intake-v1');
    await drained('MENU', 'order-core-menu-v1');
    await drained('ORDERS', 'kot-router-orders-v1');
    await sleep(200);

    expect(
      await system.environment.query('SELECT id FROM orders.orders WHERE external_id = $1', [
        'e2e-redelivered',
      ]),
    ).toHaveLength(1);
    expect(await ticketsOf(orderId)).toHaveLength(1);
    expect(tandoor.tickets.filter((t) => t.orderId === orderId)).toHaveLength(1);
  });

  it('keeps an order with an unknown item in the table with its reasons, and tickets nothing', async () => {
    const body = demoDirectOrder(VENUE_A, [{ code: 'PANEER-TIKKA', quantity: 1 }]);
    (body.items as Array<Record<string, unknown>>).push({
      lineId: '2',
      externalCode: 'NOT-ON-MENU',
      name: 'Mystery Dish',
      quantity: 1,
      unitPrice: 100,
      modifiers: [],
    });
    const posted = await postOrder(system.url('intake'), staffA, body, 'e2e-unmapped');
    const orderId = await orderIdOf(posted.body.deliveryId);
    const order = await eventually(
      async () => {
        const found = await getJson(`${system.url('order-core')}/v1/orders/${orderId}`, staffA);
        return found.body.attention ? found.body : undefined;
      },
      5000,
      'the attention reasons',
    );
    expect(order).toMatchObject({
      status: 'received',
      mapped: false,
      attention: [
        {
          code: 'UNMAPPED_ITEM',
          lineId: '2',
          message: `item code NOT-ON-MENU (Mystery Dish) is not on the menu of ${VENUE_A}`,
        },
      ],
    });
    const listed = await getJson(
      `${system.url('order-core')}/v1/orders?venueId=${VENUE_A}&status=received`,
      staffA,
    );
    expect((listed.body.orders as Array<{ id: string }>).map((o) => o.id)).toContain(orderId);
    await drained('MENU', 'order-core-menu-v1');
    expect(await ticketsOf(orderId)).toEqual([]);
  });

  it('refuses a token for another venue on HTTP and on the socket', async () => {
    const staffB = system.environment.token(Role.STAFF, [VENUE_B]);
    const refused = await postOrder(
      system.url('intake'),
      staffB,
      demoDirectOrder(VENUE_A, [{ code: 'KULFI', quantity: 1 }]),
      'e2e-wrong-venue',
    );
    expect(refused).toEqual({
      status: 403,
      body: { statusCode: 403, error: 'Forbidden', message: `this token is not scoped to venue ${VENUE_A}` },
    });
    expect((await postOrder(system.url('intake'), 'not-a-jwt', {}, 'x')).status).toBe(401);

    const someOrderOfA = tandoor.tickets[0].orderId;
    expect((await getJson(`${system.url('order-core')}/v1/orders/${someOrderOfA}`, staffB)).status).toBe(403);
    expect((await getJson(`${system.url('order-core')}/v1/orders?venueId=${VENUE_A}`, staffB)).status).toBe(
      403,
    );

    const stationB = system.environment.token(Role.STATION, [VENUE_B], 'tandoor');
    expect(await refusedConnection(system.url('kot-router'), { token: stationB, venueId: VENUE_A })).toBe(
      `this token is not scoped to venue ${VENUE_A}`,
    );
    expect(await refusedConnection(system.url('kot-router'), { token: 'forged' })).toMatch(/^invalid token/);
    expect(await refusedConnection(system.url('kot-router'), {})).toBe(
      'missing token: connect with auth: { token }',
    );

    const screenB = await StationScreen.connect(system.url('kot-router'), { token: stationB });
    try {
      const ticketOfA = tandoor.tickets[0].ticketId;
      expect(await screenB.request('ticket:bump', { ticketId: ticketOfA })).toEqual({
        ok: false,
        error: `ticket ${ticketOfA} is not open at this station`,
      });
      expect(await screenB.request('ticket:ack', { ticketId: ticketOfA })).toEqual({
        ok: false,
        error: `ticket ${ticketOfA} is not at this station`,
      });
      const replay = await screenB.request<{ ok: boolean; replayed: number }>('sync', { afterSeq: 0 });
      expect(replay).toEqual({ ok: true, replayed: 0, states: [] });
      expect(screenB.tickets).toEqual([]);
    } finally {
      screenB.close();
    }
  });

  it('replays the tickets a station missed, in order', async () => {
    const replayed = await StationScreen.connect(system.url('kot-router'), {
      token: system.environment.token(Role.STATION, [VENUE_A], 'tandoor'),
    });
    try {
      expect(await replayed.request('sync', { afterSeq: 0 })).toEqual({
        ok: true,
        replayed: tandoor.tickets.length,
        states: expect.any(Array),
      });
      await eventually(
        () => (replayed.tickets.length === tandoor.tickets.length ? true : undefined),
        5000,
        'the replay',
      );
      // in the station's order of work: priority, then seq
      expect(replayed.tickets.map((t) => t.seq)).toEqual(
        [...tandoor.tickets].sort((a, b) => a.priority - b.priority || a.seq - b.seq).map((t) => t.seq),
      );
      expect(await replayed.request('sync', { afterSeq: -1 })).toEqual({
        ok: false,
        error: 'afterSeq: afterSeq must not be less than 0',
      });
    } finally {
      replayed.close();
    }
  });

  it('loses nothing and duplicates nothing when order-core is killed between its commit and its ack', async () => {
    const orderCore = system.services['order-core'];
    await orderCore.stop();
    await orderCore.start(60_000, { HUB_FAULT_KILL_BEFORE_ACK: 'menu.v1.order-mapped' });

    const posted = await postOrder(
      system.url('intake'),
      staffA,
      demoDirectOrder(VENUE_A, [
        { code: 'DAL-MAKHANI', quantity: 1 },
        { code: 'GULAB-JAMUN', quantity: 2 },
      ]),
      'e2e-killed',
    );
    expect(posted.status).toBe(202);
    expect(await orderCore.exited()).toEqual({ code: null, signal: 'SIGKILL' });

    await orderCore.start();
    const orderId = await orderIdOf(posted.body.deliveryId);
    await drained('MENU', 'order-core-menu-v1');
    await drained('ORDERS', 'kot-router-orders-v1');
    expect(await ticketsOf(orderId)).toEqual([
      { station: 'curry', kind: 'new', seq: expect.any(Number) },
      { station: 'dessert', kind: 'new', seq: expect.any(Number) },
    ]);
    const order = await getJson(`${system.url('order-core')}/v1/orders/${orderId}`, staffA);
    expect(order.body.status).toBe('accepted');
    expect((order.body.timeline as unknown[]).length).toBe(2);
  });

  it('creates the orders that arrived while order-core was down once it is back', async () => {
    const orderCore = system.services['order-core'];
    await orderCore.stop('SIGKILL');
    const posted = await postOrder(
      system.url('intake'),
      staffA,
      demoDirectOrder(VENUE_A, [{ code: 'BUTTER-CHICKEN', quantity: 1 }]),
      'e2e-while-down',
    );
    expect(posted.status).toBe(202);
    await sleep(500);
    expect(
      await system.environment.query('SELECT id FROM orders.orders WHERE external_id = $1', [
        'e2e-while-down',
      ]),
    ).toEqual([]);

    await orderCore.start();
    const orderId = await orderIdOf(posted.body.deliveryId);
    await drained('ORDERS', 'kot-router-orders-v1');
    expect(await ticketsOf(orderId)).toEqual([{ station: 'curry', kind: 'new', seq: expect.any(Number) }]);
  });
});
