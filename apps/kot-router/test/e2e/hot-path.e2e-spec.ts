import { randomUUID } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { Role } from '@hub/auth';
import {
  CanonicalOrderDto,
  createEnvelope,
  KitchenTicketV1,
  ORDERS_RELEASED_V1,
  OrderReleasedV1,
  SocketAck,
} from '@hub/contracts';
import { OrderStatus, OrderType, PaymentStatus } from '@hub/order-model';
import { eventually, InProcessService } from '@hub/testing';
import { startKotRouter } from './support/boot';
import { orderAccepted, putStationConfig } from './support/kitchen';
import { KitchenOrdersRepository } from '../../src/tickets/kitchen-orders.repository';
import { ShownTickets } from '../../src/tickets/shown-tickets';
import { TicketsRepository } from '../../src/tickets/tickets.repository';

jest.setTimeout(90_000);

const VENUE = 'venue-hot-path';
/** a venue without stations set up or screens: its tickets go to their lines' stations, unanswered */
const SHOWN_VENUE = 'venue-hot-shown';

function order(venueId = VENUE): CanonicalOrderDto {
  const id = randomUUID();
  const line = (lineId: string, code: string, station: string) => ({
    lineId,
    externalCode: code,
    name: code,
    quantity: 1,
    unitPrice: 10000,
    modifiers: [],
    station,
  });
  return {
    id,
    venueId,
    channel: 'qr',
    externalId: `hot-${id}`,
    displayNumber: id.slice(0, 4).toUpperCase(),
    orderType: OrderType.DINE_IN,
    status: OrderStatus.ACCEPTED,
    placedAt: new Date().toISOString(),
    customer: { name: 'Guest' },
    items: [line('1', 'STEAK', 'grill'), line('2', 'LASSI', 'bar')],
    totals: { subtotal: 20000, tax: 0, discount: 0, deliveryFee: 0, tip: 0, total: 20000, currency: 'INR' },
    payment: { status: PaymentStatus.PENDING, payments: [] },
    source: { platform: 'qr', storeRef: venueId, rawDeliveryId: randomUUID() },
  };
}

/** A ticket as the route use case makes it before it is stored (seq 0: insertAll numbers it). */
function unnumbered(orderId: string, station: string): KitchenTicketV1 {
  const now = new Date().toISOString();
  return {
    ticketId: uuidv7(),
    seq: 0,
    orderId,
    displayNumber: 'T',
    channel: 'qr',
    orderType: OrderType.DINE_IN,
    station,
    items: [],
    createdAt: now,
    priority: 0,
    kind: 'new',
    startBy: now,
  };
}

/**
 * The hot path of an order in few statements: its daily number with the check that it has no tickets
 * yet (one statement), every station's ticket with its seq (one), and the screens' answers written
 * together (one per batch). These hold it to the guarantees the statement per step gave.
 */
describe('kot-router: an order’s tickets, numbers and shown marks in few statements', () => {
  let service: InProcessService;
  const sockets: Socket[] = [];

  const meta = (target: CanonicalOrderDto) => ({
    venueId: target.venueId,
    aggregateType: 'order',
    aggregateId: target.id,
    correlationId: target.id,
  });
  const released = (target: CanonicalOrderDto) =>
    createEnvelope<OrderReleasedV1>(
      ORDERS_RELEASED_V1,
      { order: target, at: new Date().toISOString() },
      meta(target),
    );

  async function screen(station: string): Promise<KitchenTicketV1[]> {
    const socket = io(`${service.url}/kitchen`, {
      auth: { token: service.environment.token(Role.STATION, [VENUE], station, `screen-${randomUUID()}`) },
      transports: ['websocket'],
      forceNew: true,
    });
    const tickets: KitchenTicketV1[] = [];
    socket.on('ticket', (ticket: KitchenTicketV1, ack?: (r: SocketAck) => void) => {
      tickets.push(ticket);
      ack?.({ ok: true });
    });
    await new Promise((resolve) => socket.once('joined', resolve));
    sockets.push(socket);
    return tickets;
  }

  beforeAll(async () => {
    service = await startKotRouter({ KITCHEN_ACK_TIMEOUT_MS: '500' });
    const manager = service.environment.token(Role.MANAGER, [VENUE]);
    const put = (path: string, body: unknown) => putStationConfig(service, VENUE, manager, path, body);
    await put('grill', { displayName: 'Grill' });
    await put('bar', { displayName: 'Bar' });
    await put('expo', { displayName: 'Expo', expo: true });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await service?.stop();
  });

  it('fires orders handled side by side with gap-free seqs per station and daily numbers, each order once', async () => {
    const grillScreen = await screen('grill');
    const orders = Array.from({ length: 12 }, () => order());
    // each order's events share its correlation id, so its second one (a release, as after a hold)
    // is handled after the first; different orders run side by side
    await Promise.all(orders.map((o) => service.publish(orderAccepted(o))));
    await Promise.all(orders.map((o) => service.publish(released(o))));
    const rows = await eventually(
      async () => {
        const found = await service.environment.query<{
          order_id: string;
          station: string;
          seq: number;
          ticket: KitchenTicketV1;
        }>(
          'SELECT order_id, station, seq, ticket FROM kot.tickets WHERE venue_id = $1 ORDER BY station, seq',
          [VENUE],
        );
        return found.length === orders.length * 3 ? found : undefined;
      },
      20_000,
      'three tickets per order',
    );
    // the releases have been handled too (the inbox has both events of every order)
    await eventually(
      async () => {
        const [{ handled }] = await service.environment.query<{ handled: number }>(
          'SELECT count(*)::int AS handled FROM kot.inbox',
        );
        return handled >= orders.length * 2 ? true : undefined;
      },
      20_000,
      'both events of every order handled',
    );
    const byStation = (station: string) => rows.filter((r) => r.station === station);
    for (const station of ['bar', 'expo', 'grill']) {
      expect(byStation(station).map((r) => r.seq)).toEqual(orders.map((_, i) => i + 1));
      expect(new Set(byStation(station).map((r) => r.order_id)).size).toBe(orders.length);
      for (const r of byStation(station)) expect(r.ticket.seq).toBe(r.seq);
    }
    const kitchen = await service.environment.query<{ order_id: string; daily_number: number }>(
      'SELECT order_id, daily_number FROM kot.kitchen_orders WHERE venue_id = $1 ORDER BY daily_number',
      [VENUE],
    );
    expect(kitchen.map((k) => k.daily_number)).toEqual(orders.map((_, i) => i + 1));
    const [cursor] = await service.environment.query<{ last_number: number }>(
      'SELECT last_number FROM kot.daily_number_cursors WHERE venue_id = $1',
      [VENUE],
    );
    expect(cursor.last_number).toBe(orders.length); // the releases took no number
    for (const r of rows)
      expect(r.ticket.dailyNumber).toBe(kitchen.find((k) => k.order_id === r.order_id)?.daily_number);
    // the screen got each grill ticket as stored, seq included
    const shown = await eventually(
      () => {
        const once = [...new Map(grillScreen.map((t) => [t.ticketId, t])).values()];
        return once.length === orders.length ? once : undefined;
      },
      5000,
      'every grill ticket on the screen',
    );
    expect(shown.map((t) => t.seq).sort((a, b) => a - b)).toEqual(byStation('grill').map((r) => r.seq));
    for (const t of shown) expect(t).toEqual(byStation('grill').find((r) => r.seq === t.seq)?.ticket);
  });

  it('gives concurrent transactions distinct, gap-free seqs at every station and daily numbers', async () => {
    const dataSource = service.app.get(DataSource);
    const tickets = service.app.get(TicketsRepository);
    const kitchenOrders = service.app.get(KitchenOrdersRepository);
    const venueId = 'venue-hot-concurrent';
    const stored = await Promise.all(
      Array.from({ length: 20 }, () =>
        dataSource.transaction(async (manager) => {
          const orderId = randomUUID();
          const kitchenOrder = await kitchenOrders.fire(
            manager,
            { orderId, venueId, dueAt: new Date(), priority: 'normal' },
            'UTC',
            new Date(),
          );
          const routed = await tickets.insertAll(
            manager,
            venueId,
            ['bar', 'grill'].map((station) => unnumbered(orderId, station)),
            'hot-path-test',
          );
          return { orderId, dailyNumber: kitchenOrder?.dailyNumber, routed };
        }),
      ),
    );
    const serial = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(stored.map((s) => s.dailyNumber).sort((a, b) => a! - b!)).toEqual(serial);
    for (const station of ['bar', 'grill']) {
      const seqs = stored.map((s) => s.routed.find((t) => t.station === station)!.seq);
      expect(seqs.sort((a, b) => a - b)).toEqual(serial);
      const rows = await service.environment.query<{ seq: number; ticket: KitchenTicketV1 }>(
        'SELECT seq, ticket FROM kot.tickets WHERE venue_id = $1 AND station = $2 ORDER BY seq',
        [venueId, station],
      );
      expect(rows.map((r) => r.seq)).toEqual(serial);
      for (const r of rows) expect(r.ticket.seq).toBe(r.seq);
    }

    // an order that has tickets takes no number again; one numbered without tickets keeps its number
    const fire = (orderId: string) =>
      dataSource.transaction((manager) =>
        kitchenOrders.fire(
          manager,
          { orderId, venueId, dueAt: new Date(), priority: 'rush' },
          'UTC',
          new Date(),
        ),
      );
    expect(await fire(stored[0].orderId)).toBeNull();
    const lonely = randomUUID();
    const first = await fire(lonely);
    expect(first).toMatchObject({ orderId: lonely, dailyNumber: 21, priority: 'rush' });
    expect(await fire(lonely)).toEqual(first);
    const [cursor] = await service.environment.query<{ last_number: number }>(
      'SELECT last_number FROM kot.daily_number_cursors WHERE venue_id = $1',
      [venueId],
    );
    expect(cursor.last_number).toBe(21);
  });

  it('writes screens’ answers that arrive together in one statement, each at its own venue and station', async () => {
    // a venue with no screens connected: only the answers recorded here are written
    const target = order(SHOWN_VENUE);
    await service.publish(orderAccepted(target));
    const [bar, grill] = await eventually(
      async () => {
        const found = await service.environment.query<{ id: string; station: string }>(
          'SELECT id, station FROM kot.tickets WHERE order_id = $1 ORDER BY station',
          [target.id],
        );
        return found.length === 2 ? found : undefined;
      },
      5000,
      'the bar and grill tickets',
    );
    const repository = service.app.get(TicketsRepository);
    const writes = jest.spyOn(repository, 'markShown');
    try {
      const shown = service.app.get(ShownTickets);
      shown.record({ venueId: SHOWN_VENUE, station: 'bar' }, bar.id);
      shown.record({ venueId: VENUE, station: 'grill' }, grill.id); // not this venue's ticket
      shown.record({ venueId: SHOWN_VENUE, station: 'bar' }, grill.id); // not the bar's ticket
      await eventually(() => (writes.mock.calls.length > 0 ? true : undefined), 5000, 'the write');
      await shown.flush();
      expect(writes).toHaveBeenCalledTimes(1);
      expect(writes.mock.calls[0][0]).toHaveLength(3);
    } finally {
      writes.mockRestore();
    }
    const after = await service.environment.query<{ station: string; shown: boolean }>(
      'SELECT station, shown_at IS NOT NULL AS shown FROM kot.tickets WHERE order_id = $1 ORDER BY station',
      [target.id],
    );
    expect(after).toEqual([
      { station: 'bar', shown: true },
      { station: 'grill', shown: false },
    ]);
  });

  it('writes the answers still waiting when it shuts down', async () => {
    const replica = await startKotRouter({}, service.environment);
    const target = order(SHOWN_VENUE);
    await service.publish(orderAccepted(target));
    const [grill] = await eventually(
      async () => {
        const found = await service.environment.query<{ id: string }>(
          "SELECT id FROM kot.tickets WHERE order_id = $1 AND station = 'grill'",
          [target.id],
        );
        return found.length === 1 ? found : undefined;
      },
      5000,
      'the grill ticket',
    );
    replica.app.get(ShownTickets).record({ venueId: SHOWN_VENUE, station: 'grill' }, grill.id);
    await replica.nc.close();
    await replica.app.close();
    const [row] = await service.environment.query<{ shown_at: Date | null }>(
      'SELECT shown_at FROM kot.tickets WHERE id = $1',
      [grill.id],
    );
    expect(row.shown_at).not.toBeNull();
  });
});
