import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { io, Socket } from 'socket.io-client';
import { Role } from '@hub/auth';
import {
  CanonicalOrderDto,
  CMD_KOT_PRINT_V1,
  createEnvelope,
  KitchenTicketV1,
  KOT_PRINT_FAILED_V1,
  ORDERS_RELEASED_V1,
  ORDERS_STATUS_CHANGED_V1,
  OrderStatusChangedV1,
  STREAMS,
} from '@hub/contracts';
import { wireStreamName, wireSubject } from '@hub/messaging';
import { ActorType, OrderStatus, OrderType, PaymentStatus } from '@hub/order-model';
import { eventually, InProcessService } from '@hub/testing';
import { startKotRouter } from './support/boot';
import { printQueueDrained, putStationConfig } from './support/kitchen';
import { decodeEscPos } from '../printing/escpos-decoder';
import { FakePrinter } from '../printing/fake-printer';

jest.setTimeout(90_000);

const VENUE = 'venue-kot';

function order(
  displayNumber: string,
  lines: Array<{ code: string; name: string; station: string; modifiers?: string[] }>,
  orderType = OrderType.DINE_IN,
): CanonicalOrderDto {
  return {
    id: randomUUID(),
    venueId: VENUE,
    channel: 'qr',
    externalId: `x-${displayNumber}`,
    displayNumber,
    orderType,
    status: OrderStatus.ACCEPTED,
    placedAt: new Date().toISOString(),
    customer: { name: 'Guest' },
    items: lines.map((l, i) => ({
      lineId: String(i + 1),
      externalCode: l.code,
      name: l.name,
      quantity: 1,
      unitPrice: 10000,
      modifiers: (l.modifiers ?? []).map((name) => ({ name, quantity: 1, unitPrice: 0 })),
      station: l.station,
    })),
    totals: {
      subtotal: 10000 * lines.length,
      tax: 0,
      discount: 0,
      deliveryFee: 0,
      tip: 0,
      total: 10000 * lines.length,
      currency: 'INR',
    },
    payment: { status: PaymentStatus.PENDING, payments: [] },
    source: { platform: 'qr', storeRef: VENUE, rawDeliveryId: randomUUID() },
  };
}

describe('kot-router: stations, routing rules and printing', () => {
  let service: InProcessService;
  let manager: string;
  const tandoorPrinter = new FakePrinter();
  const barPrinter = new FakePrinter();
  const barBackup = new FakePrinter();
  let expoScreen: Socket;
  const expoTickets: KitchenTicketV1[] = [];

  const fire = async (accepted: CanonicalOrderDto, to: OrderStatus = OrderStatus.ACCEPTED) => {
    const payload: OrderStatusChangedV1 = {
      orderId: accepted.id,
      from: OrderStatus.RECEIVED,
      to,
      actor: { type: ActorType.SYSTEM, id: 'test' },
      at: new Date().toISOString(),
      order: { ...accepted, status: to },
    };
    await service.publish(
      createEnvelope(ORDERS_STATUS_CHANGED_V1, payload, {
        venueId: VENUE,
        aggregateType: 'order',
        aggregateId: accepted.id,
        correlationId: accepted.id,
      }),
    );
  };
  const ticketsOf = (orderId: string) =>
    service.environment.query<{ id: string; station: string; kind: string }>(
      'SELECT id, station, kind FROM kot.tickets WHERE order_id = $1 ORDER BY station',
      [orderId],
    );
  const jobsOf = (ticketId: string) =>
    service.environment.query<{ state: string; printer: string | null; attempts: number; reprint: boolean }>(
      'SELECT state, printer, attempts, reprint FROM kot.print_jobs WHERE ticket_id = $1 ORDER BY created_at',
      [ticketId],
    );
  const printedText = (job: Buffer) => decodeEscPos(job).lines.map((l) => l.text.trim());

  beforeAll(async () => {
    for (const printer of [tandoorPrinter, barPrinter, barBackup]) await printer.start();
    service = await startKotRouter({ EVENT_MAX_DELIVER: '3', KITCHEN_ACK_TIMEOUT_MS: '300' });
    manager = service.environment.token(Role.MANAGER, [VENUE]);
    const put = (path: string, body: unknown) => putStationConfig(service, VENUE, manager, path, body);
    await put('settings', { venueName: 'Spice Route Test', timeZone: 'Asia/Kolkata' });
    await put('tandoor', { displayName: 'Tandoor', printer: tandoorPrinter.address });
    await put('bar', {
      displayName: 'Bar',
      printer: barPrinter.address,
      backupPrinter: barBackup.address,
      paperWidthMm: 58,
    });
    await put('expo', { displayName: 'Expo', expo: true });
    await put('routing-rules', {
      rules: [
        { match: 'item', value: 'WATER', station: null },
        { match: 'modifier', value: 'on the grill', station: 'tandoor' },
        { match: 'order_type', value: 'delivery', onlyFrom: 'bar', station: 'packing' },
      ],
    });
    expoScreen = io(`${service.url}/kitchen`, {
      auth: { token: service.environment.token(Role.STATION, [VENUE], 'expo') },
      transports: ['websocket'],
      forceNew: true,
    });
    expoScreen.on('ticket', (ticket: KitchenTicketV1, ack?: (r: { ok: boolean }) => void) => {
      expoTickets.push(ticket);
      ack?.({ ok: true });
    });
    await new Promise((resolve) => expoScreen.once('joined', resolve));
  });

  afterAll(async () => {
    expoScreen?.close();
    await service?.stop();
    for (const printer of [tandoorPrinter, barPrinter, barBackup]) await printer.stop();
  });

  it('routes by the venue’s rules, gives expo everything, and prints each station’s ticket once on its printer', async () => {
    const accepted = order('A101', [
      { code: 'PANEER', name: 'Paneer Tikka', station: 'tandoor' },
      { code: 'LASSI', name: 'Mango Lassi', station: 'bar' },
      { code: 'WATER', name: 'Water', station: 'bar' },
      { code: 'CORN', name: 'Corn', station: 'bar', modifiers: ['on the grill'] },
    ]);
    const tandoorJobs = tandoorPrinter.jobs.length;
    await fire(accepted);
    const tickets = await eventually(
      async () => {
        const rows = await ticketsOf(accepted.id);
        return rows.length === 3 ? rows : undefined;
      },
      5000,
      'three tickets',
    );
    expect(tickets.map((t) => t.station)).toEqual(['bar', 'expo', 'tandoor']);

    const text = printedText(await tandoorPrinter.nextJob(5000, tandoorJobs));
    expect(text).toEqual(
      expect.arrayContaining(['Spice Route Test', 'A101', '1 x Paneer Tikka', '1 x Corn', '+ on the grill']),
    );
    expect(text.join('\n')).not.toContain('Water');
    expect(printedText(await barPrinter.nextJob(5000, 0))).toEqual(
      expect.arrayContaining(['1 x Mango Lassi']),
    );
    const expo = await eventually(
      () => expoTickets.find((t) => t.orderId === accepted.id),
      5000,
      'the expo ticket',
    );
    expect(expo.items.map((i) => i.name)).toEqual(['Paneer Tikka', 'Mango Lassi', 'Corn']);
    await eventually(
      async () => ((await jobsOf(tickets[2].id))[0]?.state === 'printed' ? true : undefined),
      5000,
      'the job to be marked printed',
    );
    expect(await jobsOf(tickets[2].id)).toEqual([
      {
        state: 'printed',
        printer: `${tandoorPrinter.host}:${tandoorPrinter.port}`,
        attempts: 1,
        reprint: false,
      },
    ]);
    expect(await jobsOf(tickets[1].id)).toEqual([]); // expo has no printer

    // the print command delivered again prints nothing twice
    const jobsBefore = tandoorPrinter.jobs.length;
    const [firstJob] = await service.environment.query<{ id: string }>(
      'SELECT id FROM kot.print_jobs WHERE ticket_id = $1',
      [tickets[2].id],
    );
    const command = createEnvelope(
      CMD_KOT_PRINT_V1,
      { jobId: firstJob.id, ticketId: tickets[2].id, station: 'tandoor', reprint: false },
      { venueId: VENUE, aggregateType: 'print-job', aggregateId: firstJob.id, correlationId: accepted.id },
    );
    await jetstream(service.nc).publish(
      wireSubject(service.environment.namespace, CMD_KOT_PRINT_V1),
      JSON.stringify(command),
    );
    await printQueueDrained(service);
    await new Promise((r) => setTimeout(r, 200));
    expect(tandoorPrinter.jobs.length).toBe(jobsBefore);
  });

  it('keeps a job while the printer is down and prints it once when it is back', async () => {
    await tandoorPrinter.stop();
    const before = tandoorPrinter.jobs.length;
    const accepted = order('A102', [{ code: 'NAAN', name: 'Garlic Naan', station: 'tandoor' }]);
    await fire(accepted);
    const ticket = await eventually(
      async () => (await ticketsOf(accepted.id)).find((r) => r.station === 'tandoor'),
      5000,
      'the tandoor ticket',
    );
    await eventually(
      async () => ((await jobsOf(ticket.id))[0]?.attempts >= 1 ? true : undefined),
      5000,
      'a failed attempt',
    );
    await tandoorPrinter.start();
    expect(printedText(await tandoorPrinter.nextJob(10_000, before))).toContain('1 x Garlic Naan');
    await new Promise((r) => setTimeout(r, 500));
    expect(tandoorPrinter.jobs.length).toBe(before + 1);
    const [job] = await jobsOf(ticket.id);
    expect(job.state).toBe('printed');
    expect(job.attempts).toBeGreaterThanOrEqual(2); // one or more refused, then printed
  });

  it('fails over to the backup printer', async () => {
    await barPrinter.stop();
    const accepted = order('A103', [{ code: 'CHAI', name: 'Masala Chai', station: 'bar' }]);
    await fire(accepted);
    expect(printedText(await barBackup.nextJob(5000, barBackup.jobs.length))).toContain('1 x Masala Chai');
    const [ticket] = (await ticketsOf(accepted.id)).filter((r) => r.station === 'bar');
    await eventually(
      async () => ((await jobsOf(ticket.id))[0]?.state === 'printed' ? true : undefined),
      5000,
      'the job to be marked printed',
    );
    expect((await jobsOf(ticket.id))[0]).toMatchObject({
      state: 'printed',
      printer: `${barBackup.host}:${barBackup.port}`,
    });
    const health = await service.request('GET', `/v1/venues/${VENUE}/stations/printers`, manager);
    expect(health.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          station: 'bar',
          role: 'primary',
          state: 'failing',
          consecutiveFailures: 1,
        }),
        expect.objectContaining({ station: 'bar', role: 'backup', state: 'ok' }),
      ]),
    );
  });

  it('reports a printer that stays down, keeps the ticket on the screens, and reprints on demand', async () => {
    await barBackup.stop();
    const accepted = order('A104', [{ code: 'LASSI', name: 'Mango Lassi', station: 'bar' }]);
    await fire(accepted);
    await eventually(
      () => expoTickets.find((t) => t.orderId === accepted.id),
      5000,
      'the ticket on the expo screen',
    );
    const [ticket] = (await ticketsOf(accepted.id)).filter((r) => r.station === 'bar');
    await eventually(
      async () => ((await jobsOf(ticket.id))[0]?.state === 'failed' ? true : undefined),
      20_000,
      'the job to fail for good',
    );

    const jsm = await jetstreamManager(service.nc);
    const failed = await jsm.streams.getMessage(wireStreamName(service.environment.namespace, STREAMS.KOT), {
      last_by_subj: wireSubject(service.environment.namespace, KOT_PRINT_FAILED_V1),
    });
    expect(failed!.json<{ payload: Record<string, unknown> }>().payload).toMatchObject({
      ticketId: ticket.id,
      orderId: accepted.id,
      station: 'bar',
      attempts: 3,
    });
    const health = await service.request('GET', `/v1/venues/${VENUE}/stations/printers`, manager);
    expect(health.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ station: 'bar', role: 'backup', state: 'failing', failedJobs: 1 }),
      ]),
    );

    await barPrinter.start();
    const reprint = await service.request(
      'POST',
      `/v1/venues/${VENUE}/stations/bar/tickets/${ticket.id}/reprint`,
      manager,
    );
    expect(reprint.status).toBe(202);
    expect(printedText(await barPrinter.nextJob(5000, barPrinter.jobs.length))).toEqual(
      expect.arrayContaining(['REPRINT', '1 x Mango Lassi']),
    );
  });

  it('sends a ticket again until a screen acknowledges it', async () => {
    const screen = io(`${service.url}/kitchen`, {
      auth: { token: service.environment.token(Role.STATION, [VENUE], 'dessert') },
      transports: ['websocket'],
      forceNew: true,
    });
    const deliveries: string[] = [];
    screen.on('ticket', (ticket: KitchenTicketV1, ack?: (r: { ok: boolean }) => void) => {
      deliveries.push(ticket.ticketId);
      if (deliveries.length > 1) ack?.({ ok: true }); // the first one is lost on the way
    });
    await new Promise((resolve) => screen.once('joined', resolve));
    try {
      const accepted = order('A105', [{ code: 'KULFI', name: 'Kulfi', station: 'dessert' }]);
      await fire(accepted);
      const shown = await eventually(
        async () => {
          const [row] = await service.environment.query<{ shown_at: Date | null }>(
            "SELECT shown_at FROM kot.tickets WHERE order_id = $1 AND station = 'dessert'",
            [accepted.id],
          );
          return row?.shown_at ?? undefined;
        },
        10_000,
        'the ticket to be shown',
      );
      expect(shown).toBeInstanceOf(Date);
      expect(deliveries.length).toBe(2);
      expect(new Set(deliveries).size).toBe(1);
    } finally {
      screen.close();
    }
  });

  it('holds the tickets of a scheduled order until it is released', async () => {
    const held = order('A106', [{ code: 'KULFI', name: 'Kulfi', station: 'tandoor' }]);
    const payload: OrderStatusChangedV1 = {
      orderId: held.id,
      from: OrderStatus.RECEIVED,
      to: OrderStatus.ACCEPTED,
      actor: { type: ActorType.SYSTEM, id: 'test' },
      at: new Date().toISOString(),
      firesAt: new Date(Date.now() + 3_600_000).toISOString(),
      order: held,
    };
    await service.publish(
      createEnvelope(ORDERS_STATUS_CHANGED_V1, payload, {
        venueId: VENUE,
        aggregateType: 'order',
        aggregateId: held.id,
        correlationId: held.id,
      }),
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(await ticketsOf(held.id)).toEqual([]);

    await service.publish(
      createEnvelope(
        ORDERS_RELEASED_V1,
        { order: held, at: new Date().toISOString() },
        { venueId: VENUE, aggregateType: 'order', aggregateId: held.id, correlationId: held.id },
      ),
    );
    const tickets = await eventually(
      async () => {
        const rows = await ticketsOf(held.id);
        return rows.length > 0 ? rows : undefined;
      },
      5000,
      'the released tickets',
    );
    expect(tickets.map((t) => [t.station, t.kind])).toEqual([
      ['expo', 'new'],
      ['tandoor', 'new'],
    ]);
  });

  it('refuses bad station settings and other venues with clear errors', async () => {
    const bad = await service.request('PUT', `/v1/venues/${VENUE}/stations/grill`, manager, {
      paperWidthMm: 72,
      printer: { host: 'not a host!' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(
      expect.arrayContaining([
        'paperWidthMm must be 80 or 58',
        'printer.host must be a host name or IP address',
      ]),
    );
    expect(
      (
        await service.request('PUT', `/v1/venues/${VENUE}/stations/settings`, manager, {
          venueName: 'X',
          timeZone: 'Mars/Olympus',
        })
      ).body.message,
    ).toBe('timeZone must be an IANA time zone such as Asia/Kolkata, not Mars/Olympus');
    const other = service.environment.token(Role.MANAGER, ['another-venue']);
    expect((await service.request('GET', `/v1/venues/${VENUE}/stations`, other)).status).toBe(403);
    // a venue id that is no id (a NUL byte here, found by npm run fuzz) is a 400, not a database error
    const headOffice = service.environment.token(Role.HEAD_OFFICE, '*');
    for (const [method, path, body] of [
      ['GET', '/v1/venues/%00/stations', undefined],
      ['GET', '/v1/venues/%00/stations/printers', undefined],
      ['GET', '/v1/venues/%00/stations/routing-rules', undefined],
      ['PUT', '/v1/venues/%00/stations/routing-rules', { rules: [] }],
    ] as const) {
      const answer = await service.request(method, path, headOffice, body);
      expect({ path, status: answer.status, message: answer.body.message }).toEqual({
        path,
        status: 400,
        message: ['venueId must be a lowercase slug or uuid'],
      });
    }
    const staff = service.environment.token(Role.STAFF, [VENUE]);
    expect(
      (await service.request('PUT', `/v1/venues/${VENUE}/stations/tandoor`, staff, { expo: true })).status,
    ).toBe(403);
  });
});
