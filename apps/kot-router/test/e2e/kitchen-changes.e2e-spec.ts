import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { io, Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { Role } from '@hub/auth';
import {
  CanonicalOrderDto,
  createEnvelope,
  KitchenSyncAck,
  KitchenTicketChangedV1,
  KitchenTicketV1,
  KOT_TICKET_BUMPED_V1,
  ORDERS_ITEMS_ADDED_V1,
  ORDERS_ITEMS_VOIDED_V1,
  ORDERS_PRIORITY_CHANGED_V1,
  ORDERS_STATUS_CHANGED_V1,
  OrderItemDto,
  OrderItemsAddedV1,
  OrderItemsVoidedV1,
  OrderPriorityChangedV1,
  OrderStatusChangedV1,
  SocketAck,
  STREAMS,
  TicketBumpedV1,
} from '@hub/contracts';
import { ActorType, OrderPriority, OrderStatus, OrderType, PaymentStatus } from '@hub/order-model';
import { wireStreamName, wireSubject } from '@hub/messaging';
import { eventually, InProcessService } from '@hub/testing';
import { startKotRouter } from './support/boot';
import { orderAccepted, putStationConfig } from './support/kitchen';
import { KitchenOrdersRepository } from '../../src/tickets/kitchen-orders.repository';
import { decodeEscPos } from '../printing/escpos-decoder';
import { FakePrinter } from '../printing/fake-printer';

jest.setTimeout(90_000);

const VENUE = 'venue-changes';
const OTHER_VENUE = 'venue-elsewhere';
const staffActor = { type: ActorType.STAFF, id: 'waiter-1' };

type Line = { lineId: string; code: string; name: string; station: string };

const item = (l: Line): OrderItemDto => ({
  lineId: l.lineId,
  externalCode: l.code,
  name: l.name,
  quantity: 1,
  unitPrice: 10000,
  modifiers: [],
  station: l.station,
});

function order(lines: Line[], extra: Partial<CanonicalOrderDto> = {}): CanonicalOrderDto {
  const id = randomUUID();
  return {
    id,
    venueId: VENUE,
    channel: 'qr',
    externalId: `x-${id}`,
    displayNumber: id.slice(0, 4).toUpperCase(),
    orderType: OrderType.DINE_IN,
    status: OrderStatus.ACCEPTED,
    placedAt: new Date().toISOString(),
    customer: { name: 'Guest' },
    items: lines.map(item),
    totals: { subtotal: 0, tax: 0, discount: 0, deliveryFee: 0, tip: 0, total: 0, currency: 'INR' },
    payment: { status: PaymentStatus.PENDING, payments: [] },
    source: { platform: 'qr', storeRef: VENUE, rawDeliveryId: randomUUID() },
    ...extra,
  };
}

/** A station screen: a socket.io client that acknowledges and records what it is sent. */
interface Screen {
  socket: Socket;
  tickets: KitchenTicketV1[];
  changes: KitchenTicketChangedV1[];
}

describe('kot-router: additions, line voids, priority, daily numbers and screens in step', () => {
  let service: InProcessService;
  let manager: string;
  const tandoorPrinter = new FakePrinter();
  const barPrinter = new FakePrinter();
  const screens: Screen[] = [];

  const meta = (target: CanonicalOrderDto) => ({
    venueId: VENUE,
    aggregateType: 'order',
    aggregateId: target.id,
    correlationId: target.id,
  });
  const fire = (target: CanonicalOrderDto) => service.publish(orderAccepted(target));
  const ticketsOf = (orderId: string) =>
    service.environment.query<{ id: string; station: string; kind: string; ticket: KitchenTicketV1 }>(
      'SELECT id, station, kind, ticket FROM kot.tickets WHERE order_id = $1 ORDER BY seq, station',
      [orderId],
    );
  const waitForTickets = (orderId: string, count: number, what: string) =>
    eventually(
      async () => {
        const rows = await ticketsOf(orderId);
        return rows.length === count ? rows : undefined;
      },
      5000,
      what,
    );
  const printed = (job: Buffer) => decodeEscPos(job).lines.map((l) => l.text.trim());

  async function screen(station: string, venues = [VENUE], sub = `screen-${randomUUID()}`): Promise<Screen> {
    const socket = io(`${service.url}/kitchen`, {
      auth: { token: service.environment.token(Role.STATION, venues, station, sub) },
      transports: ['websocket'],
      forceNew: true,
    });
    const s: Screen = { socket, tickets: [], changes: [] };
    socket.on('ticket', (ticket: KitchenTicketV1, ack?: (r: SocketAck) => void) => {
      s.tickets.push(ticket);
      ack?.({ ok: true });
    });
    socket.on('ticket:changed', (change: KitchenTicketChangedV1) => s.changes.push(change));
    await new Promise((resolve) => socket.once('joined', resolve));
    screens.push(s);
    return s;
  }
  const send = <T = SocketAck>(s: Screen, event: string, body: unknown): Promise<T> =>
    s.socket.timeout(5000).emitWithAck(event, body) as Promise<T>;
  /** What a fresh screen is replayed by `sync`, in the order it is sent. */
  async function replay(station: string): Promise<{ tickets: KitchenTicketV1[]; ack: KitchenSyncAck }> {
    const s = await screen(station);
    const ack = await send<KitchenSyncAck>(s, 'sync', { afterSeq: 0 });
    s.socket.close();
    return { tickets: s.tickets, ack };
  }

  beforeAll(async () => {
    await tandoorPrinter.start();
    await barPrinter.start();
    service = await startKotRouter({ KITCHEN_ACK_TIMEOUT_MS: '300' });
    manager = service.environment.token(Role.MANAGER, [VENUE]);
    const put = (path: string, body: unknown) => putStationConfig(service, VENUE, manager, path, body);
    await put('settings', { venueName: 'Changes Test', timeZone: 'Asia/Kolkata' });
    await put('tandoor', { displayName: 'Tandoor', printer: tandoorPrinter.address });
    await put('bar', { displayName: 'Bar', printer: barPrinter.address, prepMinutes: 2 });
    await put('expo', { displayName: 'Expo', expo: true });
    await put('grill', { displayName: 'Grill', prepMinutes: 10, itemPrepMinutes: { SKEWER: 5, STEAK: 20 } });
  });

  afterAll(async () => {
    for (const s of screens) s.socket.close();
    await service?.stop();
    await tandoorPrinter.stop();
    await barPrinter.stop();
  });

  it('prints an ADDITION with only the new lines, and a VOID with only the voided lines, at the stations they concern', async () => {
    const first = order([
      { lineId: '1', code: 'PANEER', name: 'Paneer Tikka', station: 'tandoor' },
      { lineId: '2', code: 'LASSI', name: 'Mango Lassi', station: 'bar' },
    ]);
    const tandoorJobs = tandoorPrinter.jobs.length;
    const barJobs = barPrinter.jobs.length;
    await fire(first);
    const fired = await waitForTickets(first.id, 3, 'the new tickets');
    const daily = fired[0].ticket.dailyNumber;
    expect(daily).toEqual(expect.any(Number));
    expect(new Set(fired.map((t) => t.ticket.dailyNumber))).toEqual(new Set([daily])); // one number per order
    const newTandoor = printed(await tandoorPrinter.nextJob(5000, tandoorJobs));
    expect(newTandoor).toEqual(expect.arrayContaining([`#${daily}`, 'NEW', '1 x Paneer Tikka']));
    await barPrinter.nextJob(5000, barJobs);

    // a garlic naan is added: only the tandoor (and expo) hear of it, with that line alone
    const naan = { lineId: '3', code: 'NAAN', name: 'Garlic Naan', station: 'tandoor' };
    const withNaan = { ...first, items: [...first.items, item(naan)] };
    await service.publish(
      createEnvelope<OrderItemsAddedV1>(
        ORDERS_ITEMS_ADDED_V1,
        {
          orderId: first.id,
          venueId: VENUE,
          lineIds: ['3'],
          items: [item(naan)],
          actor: staffActor,
          at: new Date().toISOString(),
          order: withNaan,
        },
        meta(first),
      ),
    );
    const afterAddition = await waitForTickets(first.id, 5, 'the addition tickets');
    const additions = afterAddition.filter((t) => t.kind === 'addition');
    expect(additions.map((t) => t.station).sort()).toEqual(['expo', 'tandoor']);
    for (const t of additions) expect(t.ticket.items.map((i) => i.name)).toEqual(['Garlic Naan']);
    const additionPrint = printed(await tandoorPrinter.nextJob(5000, tandoorJobs + 1));
    expect(additionPrint).toEqual(
      expect.arrayContaining(['ADDITION', 'ADD TO THE ORDER ALREADY FIRED', '1 x Garlic Naan', `#${daily}`]),
    );
    expect(additionPrint.join('\n')).not.toContain('Paneer');

    // the lassi is voided: a void at the bar (and expo) with the lassi only; the tandoor hears nothing
    await service.publish(
      createEnvelope<OrderItemsVoidedV1>(
        ORDERS_ITEMS_VOIDED_V1,
        {
          orderId: first.id,
          venueId: VENUE,
          lineIds: ['2'],
          items: [item({ lineId: '2', code: 'LASSI', name: 'Mango Lassi', station: 'bar' })],
          reason: 'guest changed their mind',
          actor: staffActor,
          at: new Date().toISOString(),
          order: { ...withNaan, items: withNaan.items.filter((i) => i.lineId !== '2') },
        },
        meta(first),
      ),
    );
    const afterVoid = await waitForTickets(first.id, 7, 'the void tickets');
    const voids = afterVoid.filter((t) => t.kind === 'void');
    expect(voids.map((t) => t.station).sort()).toEqual(['bar', 'expo']);
    for (const t of voids) {
      expect(t.ticket.items.map((i) => i.name)).toEqual(['Mango Lassi']);
      expect(t.ticket.voidsOrder).toBeUndefined();
    }
    const voidPrint = printed(await barPrinter.nextJob(5000, barJobs + 1));
    expect(voidPrint).toEqual(
      expect.arrayContaining(['** VOID **', 'THESE ITEMS ONLY - DO NOT PREPARE', '1 x Mango Lassi']),
    );
    // every print job: tandoor new + addition, bar new + void; no addition at the bar, no void at the tandoor
    const jobs = await service.environment.query<{ station: string; kind: string }>(
      `SELECT j.station, t.kind FROM kot.print_jobs j JOIN kot.tickets t ON t.id = j.ticket_id
        WHERE t.order_id = $1 ORDER BY j.station, t.seq`,
      [first.id],
    );
    expect(jobs).toEqual([
      { station: 'bar', kind: 'new' },
      { station: 'bar', kind: 'void' },
      { station: 'tandoor', kind: 'new' },
      { station: 'tandoor', kind: 'addition' },
    ]);

    // a reprint of the addition says so
    const reprint = await service.request(
      'POST',
      `/v1/venues/${VENUE}/stations/tandoor/tickets/${additions.find((t) => t.station === 'tandoor')!.id}/reprint`,
      manager,
    );
    expect(reprint.status).toBeLessThan(300);
    const reprinted = printed(await tandoorPrinter.nextJob(5000, tandoorJobs + 2));
    expect(reprinted).toEqual(expect.arrayContaining(['REPRINT', 'ADDITION', '1 x Garlic Naan']));

    // then the whole order is cancelled: voids for what is left, the voided lassi not again
    await service.publish(
      createEnvelope<OrderStatusChangedV1>(
        ORDERS_STATUS_CHANGED_V1,
        {
          orderId: first.id,
          from: OrderStatus.ACCEPTED,
          to: OrderStatus.CANCELLED,
          actor: staffActor,
          at: new Date().toISOString(),
          order: { ...withNaan, status: OrderStatus.CANCELLED },
        },
        meta(first),
      ),
    );
    const afterCancel = await waitForTickets(first.id, 9, 'the cancellation voids');
    const cancels = afterCancel.filter((t) => t.kind === 'void' && t.ticket.voidsOrder);
    expect(cancels.map((t) => [t.station, t.ticket.items.map((i) => i.name)]).sort()).toEqual([
      ['expo', ['Paneer Tikka', 'Garlic Naan']],
      ['tandoor', ['Paneer Tikka', 'Garlic Naan']],
    ]);
    const cancelPrint = printed(await tandoorPrinter.nextJob(5000, tandoorJobs + 3));
    expect(cancelPrint).toEqual(expect.arrayContaining(['** VOID **', 'CANCEL - DO NOT PREPARE']));
  });

  it('makes no addition ticket for an order not in the kitchen yet', async () => {
    const held = order([{ lineId: '1', code: 'STEAK', name: 'Steak', station: 'grill' }]);
    await service.publish(
      createEnvelope<OrderItemsAddedV1>(
        ORDERS_ITEMS_ADDED_V1,
        {
          orderId: held.id,
          venueId: VENUE,
          lineIds: ['2'],
          items: [item({ lineId: '2', code: 'SKEWER', name: 'Skewer', station: 'grill' })],
          actor: staffActor,
          at: new Date().toISOString(),
          order: held,
        },
        meta(held),
      ),
    );
    // then it fires, with both lines on its new ticket
    const both = {
      ...held,
      items: [...held.items, item({ lineId: '2', code: 'SKEWER', name: 'Skewer', station: 'grill' })],
    };
    await fire(both);
    const fired = await waitForTickets(held.id, 2, 'its new tickets (grill and expo)');
    const ticket = fired.find((t) => t.station === 'grill')!;
    expect(ticket.kind).toBe('new');
    expect(ticket.ticket.items.map((i) => i.name)).toEqual(['Steak', 'Skewer']);
  });

  it('orders a station’s tickets by start-by time, rush and VIP first, on sync and after a priority change', async () => {
    const inAnHour = new Date(Date.now() + 60 * 60_000).toISOString();
    const steak = { lineId: '1', code: 'STEAK', name: 'Steak', station: 'grill' };
    const skewer = { lineId: '1', code: 'SKEWER', name: 'Skewer', station: 'grill' };
    const quickLater = order([skewer], { scheduledFor: inAnHour, displayNumber: 'S-QUICK' }); // starts at +55
    const slowLater = order([steak], { scheduledFor: inAnHour, displayNumber: 'S-SLOW' }); // starts at +40
    const now = order([steak], { displayNumber: 'N-NOW' }); // starts now
    const rush = order([skewer], { displayNumber: 'R-RUSH', priority: OrderPriority.RUSH });
    const vip = order([skewer], { displayNumber: 'V-VIP', priority: OrderPriority.VIP });
    for (const o of [quickLater, slowLater, now, rush, vip]) {
      await fire(o);
      await waitForTickets(o.id, 2, `the tickets of ${o.displayNumber} (grill and expo)`);
    }
    const grill = (await replay('grill')).tickets.filter((t) =>
      [quickLater, slowLater, now, rush, vip].some((o) => o.id === t.orderId),
    );
    expect(grill.map((t) => t.displayNumber)).toEqual(['V-VIP', 'R-RUSH', 'N-NOW', 'S-SLOW', 'S-QUICK']);
    expect(grill.find((t) => t.displayNumber === 'S-QUICK')).toMatchObject({
      startBy: new Date(Date.parse(inAnHour) - 5 * 60_000).toISOString(),
    });
    expect(grill.find((t) => t.displayNumber === 'R-RUSH')?.orderPriority).toBe('rush');
    // an order due now plus its slowest line starts that line at once (expo does not slow it down) ...
    const rushTicket = grill.find((t) => t.displayNumber === 'R-RUSH')!;
    expect(rushTicket.startBy).toBe(rushTicket.createdAt);
    // ... and expo, with no preparation of its own, starts a ticket when its order is due
    const expo = (await replay('expo')).tickets.find((t) => t.orderId === quickLater.id);
    expect(expo?.startBy).toBe(inAnHour);
    // the daily numbers follow the order they reached the kitchen
    const numbers = [quickLater, slowLater, now, rush, vip].map(
      (o) => grill.find((t) => t.orderId === o.id)?.dailyNumber as number,
    );
    expect(numbers.slice(1).map((n, i) => n - numbers[i])).toEqual([1, 1, 1, 1]);

    // staff mark the quick scheduled order rush: a screen gets it again with its new place
    const watcher = await screen('grill');
    await service.publish(
      createEnvelope<OrderPriorityChangedV1>(
        ORDERS_PRIORITY_CHANGED_V1,
        {
          orderId: quickLater.id,
          venueId: VENUE,
          from: OrderPriority.NORMAL,
          to: OrderPriority.RUSH,
          actor: staffActor,
          at: new Date().toISOString(),
          order: { ...quickLater, priority: OrderPriority.RUSH },
        },
        meta(quickLater),
      ),
    );
    const again = await eventually(
      () => watcher.tickets.find((t) => t.orderId === quickLater.id && t.orderPriority === 'rush'),
      5000,
      'the re-ranked ticket on the screen',
    );
    expect(again.priority).toBeLessThan(grill.find((t) => t.displayNumber === 'N-NOW')!.priority);
    const after = (await replay('grill')).tickets.filter((t) =>
      [quickLater, slowLater, now, rush, vip].some((o) => o.id === t.orderId),
    );
    expect(after.map((t) => t.displayNumber)).toEqual(['V-VIP', 'R-RUSH', 'S-QUICK', 'N-NOW', 'S-SLOW']);
  });

  it('numbers orders per venue and local business day, restarting after local midnight, under concurrency', async () => {
    const repository = service.app.get(KitchenOrdersRepository);
    const dataSource = service.app.get(DataSource);
    // each call a new order firing its tickets at `at`: it takes the venue's next number
    const next = async (venueId: string, at: string, zone = 'Asia/Kolkata') => {
      const fired = await dataSource.transaction((manager) =>
        repository.fire(
          manager,
          { orderId: randomUUID(), venueId, dueAt: new Date(at), priority: 'normal' },
          zone,
          new Date(at),
        ),
      );
      return { dailyNumber: fired!.dailyNumber, businessDate: fired!.businessDate };
    };
    // 23:30 and 23:50 in Kolkata on the 22nd, then 00:01 on the 23rd (18:31 UTC)
    expect(await next('venue-numbers', '2026-11-22T18:00:00Z')).toEqual({
      dailyNumber: 1,
      businessDate: '2026-11-22',
    });
    expect(await next('venue-numbers', '2026-11-22T18:20:00Z')).toEqual({
      dailyNumber: 2,
      businessDate: '2026-11-22',
    });
    expect(await next('venue-numbers', '2026-11-22T18:31:00Z')).toEqual({
      dailyNumber: 1,
      businessDate: '2026-11-23',
    });
    // the same instant is still the 22nd in UTC: another venue keeps its own count
    expect(await next('venue-utc', '2026-11-22T18:31:00Z', 'UTC')).toEqual({
      dailyNumber: 1,
      businessDate: '2026-11-22',
    });
    // twenty orders at once: twenty distinct numbers, none skipped
    const concurrent = await Promise.all(
      Array.from({ length: 20 }, () => next('venue-busy', '2026-11-22T12:00:00Z')),
    );
    expect(concurrent.map((n) => n.dailyNumber).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
  });

  it('shows a start, bump and recall on one screen at the station’s other screens at once, and on sync', async () => {
    const a = await screen('bar');
    const b = await screen('bar');
    const target = order([{ lineId: '1', code: 'CHAI', name: 'Masala Chai', station: 'bar' }]);
    await fire(target);
    const ticket = await eventually(
      () => a.tickets.find((t) => t.orderId === target.id),
      5000,
      'the ticket on screen a',
    );
    await eventually(() => b.tickets.find((t) => t.orderId === target.id), 5000, 'the ticket on screen b');

    expect(await send(a, 'ticket:ack', { ticketId: ticket.ticketId })).toEqual({ ok: true });
    await eventually(
      () => b.changes.find((c) => c.ticketId === ticket.ticketId && c.action === 'started'),
      5000,
      'b to see the start',
    );
    expect(await send(a, 'ticket:bump', { ticketId: ticket.ticketId })).toEqual({ ok: true });
    const bumped = await eventually(
      () => b.changes.find((c) => c.ticketId === ticket.ticketId && c.action === 'bumped'),
      5000,
      'b to see the bump',
    );
    expect(bumped).toMatchObject({ orderId: target.id, station: 'bar', by: expect.any(String) });
    expect(a.changes.filter((c) => c.ticketId === ticket.ticketId)).toEqual([]); // the screen that acted knows

    expect(await send(b, 'ticket:recall', { ticketId: ticket.ticketId })).toEqual({ ok: true });
    const recalled = await eventually(
      () => a.changes.find((c) => c.ticketId === ticket.ticketId && c.action === 'recalled'),
      5000,
      'a to see the recall',
    );
    expect(recalled.ticket?.ticketId).toBe(ticket.ticketId);

    // a screen that was away while b bumped it learns it on sync
    b.socket.disconnect();
    expect(await send(a, 'ticket:bump', { ticketId: ticket.ticketId })).toEqual({ ok: true });
    b.socket.connect();
    await new Promise((resolve) => b.socket.once('joined', resolve));
    const ack = await send<KitchenSyncAck>(b, 'sync', { afterSeq: ticket.seq });
    expect(ack.ok).toBe(true);
    expect(ack.states?.find((s) => s.ticketId === ticket.ticketId)).toMatchObject({
      ackedAt: expect.any(String),
      bumpedAt: expect.any(String),
    });
  });

  it('closes a ticket once every line on it is voided, even when the voids arrive together, as a bump every screen hears of', async () => {
    const g1 = await screen('grill');
    const g2 = await screen('grill');
    const steak = { lineId: '1', code: 'STEAK', name: 'Steak', station: 'grill' };
    const skewer = { lineId: '2', code: 'SKEWER', name: 'Skewer', station: 'grill' };
    const chai = { lineId: '3', code: 'CHAI', name: 'Masala Chai', station: 'bar' };
    const target = order([steak, skewer, chai]);
    await fire(target);
    const fired = await waitForTickets(target.id, 3, 'the new tickets (grill, bar, expo)');
    const grill = fired.find((t) => t.station === 'grill')!;
    const voidOf = (lines: Line[], left: Line[], correlationId = target.id) =>
      createEnvelope<OrderItemsVoidedV1>(
        ORDERS_ITEMS_VOIDED_V1,
        {
          orderId: target.id,
          venueId: VENUE,
          lineIds: lines.map((l) => l.lineId),
          items: lines.map(item),
          reason: 'out of stock',
          actor: staffActor,
          at: new Date().toISOString(),
          order: { ...target, items: left.map(item) },
        },
        { ...meta(target), correlationId },
      );
    // the steak and the skewer voided at once; events of one correlation id are handled one after
    // another, so a second id makes the two run side by side, as on two replicas
    await Promise.all([
      service.publish(voidOf([steak], [skewer, chai])),
      service.publish(voidOf([skewer], [steak, chai], randomUUID())),
    ]);
    const state = async (id: string) =>
      (
        await service.environment.query<{ bumped: boolean; voided: boolean }>(
          'SELECT bumped_at IS NOT NULL AS bumped, voided_at IS NOT NULL AS voided FROM kot.tickets WHERE id = $1',
          [id],
        )
      )[0];
    await eventually(
      async () => ((await state(grill.id)).voided ? true : undefined),
      5000,
      'the grill ticket closed',
    );
    for (const s of [g1, g2]) {
      expect(
        await eventually(
          () => s.changes.find((c) => c.ticketId === grill.id),
          5000,
          'every grill screen told of the close',
        ),
      ).toMatchObject({ orderId: target.id, station: 'grill', action: 'voided', by: staffActor.id });
    }
    // the chai is still to make: the bar and expo tickets stay open
    for (const t of fired.filter((t) => t.station !== 'grill'))
      expect(await state(t.id)).toEqual({ bumped: false, voided: false });

    // announced once, as a bump is (order-core counts it done)
    const bumps = async () => {
      const jsm = await jetstreamManager(service.nc);
      const stream = wireStreamName(service.environment.namespace, STREAMS.KOT);
      const wire = wireSubject(service.environment.namespace, KOT_TICKET_BUMPED_V1);
      const info = await jsm.streams.info(stream);
      const found: TicketBumpedV1[] = [];
      for (let seq = info.state.first_seq; seq > 0 && seq <= info.state.last_seq; seq += 1) {
        const message = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
        if (message?.subject === wire) found.push(message.json<{ payload: TicketBumpedV1 }>().payload);
      }
      return found.filter((b) => b.orderId === target.id);
    };
    expect(await bumps()).toEqual([
      {
        ticketId: grill.id,
        orderId: target.id,
        station: 'grill',
        bumpedAt: expect.any(String),
        by: staffActor.id,
        voided: true,
      },
    ]);
    // a screen cannot bring it back
    expect(await send(g1, 'ticket:recall', { ticketId: grill.id })).toEqual({
      ok: false,
      error: `ticket ${grill.id} is not bumped at this station`,
    });

    // an addition whose only line is voided is closed too, at the grill and at expo
    const kebab = { lineId: '4', code: 'SKEWER', name: 'Seekh Kebab', station: 'grill' };
    await service.publish(
      createEnvelope<OrderItemsAddedV1>(
        ORDERS_ITEMS_ADDED_V1,
        {
          orderId: target.id,
          venueId: VENUE,
          lineIds: ['4'],
          items: [item(kebab)],
          actor: staffActor,
          at: new Date().toISOString(),
          order: { ...target, items: [chai, kebab].map(item) },
        },
        meta(target),
      ),
    );
    const added = (await waitForTickets(target.id, 9, 'the addition tickets')).filter(
      (t) => t.kind === 'addition',
    );
    expect(added.map((t) => t.station).sort()).toEqual(['expo', 'grill']);
    await service.publish(voidOf([kebab], [chai]));
    await eventually(
      async () =>
        (await Promise.all(added.map((t) => state(t.id)))).every((s) => s.voided) ? true : undefined,
      5000,
      'both addition tickets closed',
    );
    expect((await bumps()).map((b) => b.ticketId).sort()).toEqual(
      [grill.id, ...added.map((t) => t.id)].sort(),
    );
    expect(await state(fired.find((t) => t.station === 'expo')!.id)).toEqual({
      bumped: false,
      voided: false,
    });
  });

  it("refuses another venue's token: 403 on the stations API, and no bump of this venue's tickets", async () => {
    const other = service.environment.token(Role.MANAGER, [OTHER_VENUE]);
    const put = await service.request('PUT', `/v1/venues/${VENUE}/stations/grill`, other, { prepMinutes: 1 });
    expect(put.status).toBe(403);
    const target = order([{ lineId: '1', code: 'CHAI', name: 'Masala Chai', station: 'bar' }]);
    await fire(target);
    const row = (await waitForTickets(target.id, 2, 'the tickets (bar and expo)')).find(
      (t) => t.station === 'bar',
    )!;
    const stranger = await screen('bar', [OTHER_VENUE]);
    expect(await send(stranger, 'ticket:bump', { ticketId: row.id })).toEqual({
      ok: false,
      error: `ticket ${row.id} is not open at this station`,
    });
    const [after] = await service.environment.query<{ bumped_at: Date | null }>(
      'SELECT bumped_at FROM kot.tickets WHERE id = $1',
      [row.id],
    );
    expect(after.bumped_at).toBeNull();
  });
});
