import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { parse } from 'csv-parse/sync';
import { Role } from '@hub/auth';
import {
  createEnvelope,
  EventEnvelope,
  KOT_TICKET_ACKNOWLEDGED_V1,
  KOT_TICKET_BUMPED_V1,
  KOT_TICKET_ROUTED_V1,
  ORDERS_CREATED_V1,
  ORDERS_PAYMENT_CHANGED_V1,
  ORDERS_STATUS_CHANGED_V1,
  STREAMS,
} from '@hub/contracts';
import { wireStreamName, wireSubject } from '@hub/messaging';
import { OrderStatus, OrderType } from '@hub/order-model';
import { eventually, InProcessService } from '@hub/testing';
import { AppModule } from '../../src/app.module';
import { ReportingEnv } from '../../src/config/env.dto';
import { RebuildReadModelsUseCase } from '../../src/projections/usecases/rebuild-read-models/rebuild-read-models.usecase';

jest.setTimeout(120_000);

/**
 * A scripted day (Wednesday 2026-11-18) at two venues: Koramangala (Asia/Kolkata, UTC+05:30, INR)
 * and SoHo (America/New_York, UTC−05:00 in November, USD). Every event is published as order-core
 * and kot-router would publish it; the expected figures below are worked out by hand from the script.
 */
const A = 'blr-koramangala';
const B = 'nyc-soho';
const DAY = '2026-11-18';

interface Line {
  code: string;
  name: string;
  quantity: number;
  unitPrice: number;
  station: string;
}

interface ScriptedOrder {
  id: string;
  correlationId: string;
  venueId: string;
  channel: string;
  orderType: OrderType;
  placedAt: string;
  scheduledFor?: string;
  lines: Line[];
  totals: { subtotal: number; tax: number; deliveryFee: number; total: number; currency: string };
}

const at = (time: string, day = DAY) => `${day}T${time}:00.000Z`;

function scripted(
  venueId: string,
  channel: string,
  orderType: OrderType,
  placedAt: string,
  lines: Line[],
  totals: ScriptedOrder['totals'],
  scheduledFor?: string,
): ScriptedOrder {
  return {
    id: randomUUID(),
    correlationId: randomUUID(),
    venueId,
    channel,
    orderType,
    placedAt,
    lines,
    totals,
    ...(scheduledFor ? { scheduledFor } : {}),
  };
}

/** The order as order-core carries it in its events. */
function canonical(o: ScriptedOrder, status: OrderStatus) {
  return {
    id: o.id,
    status,
    venueId: o.venueId,
    channel: o.channel,
    externalId: `ext-${o.id.slice(0, 8)}`,
    displayNumber: o.id.slice(0, 4).toUpperCase(),
    orderType: o.orderType,
    placedAt: o.placedAt,
    ...(o.scheduledFor ? { scheduledFor: o.scheduledFor } : {}),
    customer: { name: 'Guest' },
    items: o.lines.map((l, i) => ({
      lineId: String(i + 1),
      menuItemId: l.code.toLowerCase(),
      externalCode: l.code,
      name: l.name,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      modifiers: [],
      station: l.station,
    })),
    totals: { ...o.totals, discount: 0, tip: 0 },
    payment: { status: 'pending', payments: [] },
    source: { platform: o.channel, storeRef: o.venueId, rawDeliveryId: o.correlationId },
  };
}

const events: EventEnvelope[] = [];
const orderMeta = (o: ScriptedOrder) => ({
  venueId: o.venueId,
  aggregateType: 'order',
  aggregateId: o.id,
  correlationId: o.correlationId,
});

function created(o: ScriptedOrder): void {
  events.push(createEnvelope(ORDERS_CREATED_V1, { order: canonical(o, OrderStatus.RECEIVED) }, orderMeta(o)));
}

function moves(o: ScriptedOrder, ...steps: Array<[OrderStatus, string]>): void {
  let from = OrderStatus.RECEIVED;
  for (const [to, when] of steps) {
    events.push(
      createEnvelope(
        ORDERS_STATUS_CHANGED_V1,
        {
          orderId: o.id,
          from,
          to,
          actor: { type: 'system', id: 'order-core' },
          at: when,
          order: canonical(o, to),
        },
        orderMeta(o),
      ),
    );
    from = to;
  }
}

function ledger(
  o: ScriptedOrder,
  kind: 'payment' | 'refund',
  amount: number,
  when: string,
  paid: number,
  refunded: number,
) {
  const net = paid - refunded;
  const status =
    refunded > 0
      ? net === 0
        ? 'refunded'
        : 'partially_refunded'
      : paid >= o.totals.total
        ? 'paid'
        : 'pending';
  events.push(
    createEnvelope(
      ORDERS_PAYMENT_CHANGED_V1,
      {
        orderId: o.id,
        entry: { id: randomUUID(), kind, amount, currency: o.totals.currency, method: 'card', at: when },
        position: {
          status,
          paid,
          refunded,
          net,
          outstanding: Math.max(0, o.totals.total - paid),
          currency: o.totals.currency,
        },
      },
      orderMeta(o),
    ),
  );
}

/** A ticket's life at one station: routed, then optionally acknowledged and bumped. */
function ticket(
  o: ScriptedOrder,
  station: string,
  kind: 'new' | 'void',
  routed: string,
  acked?: string,
  bumped?: string,
) {
  const ticketId = randomUUID();
  const meta = {
    venueId: o.venueId,
    aggregateType: 'ticket',
    aggregateId: ticketId,
    correlationId: o.correlationId,
  };
  events.push(
    createEnvelope(
      KOT_TICKET_ROUTED_V1,
      { ticketId, orderId: o.id, station, seq: events.length + 1, kind, createdAt: routed },
      meta,
    ),
  );
  if (acked)
    events.push(
      createEnvelope(
        KOT_TICKET_ACKNOWLEDGED_V1,
        { ticketId, orderId: o.id, station, acknowledgedAt: acked, by: 'cook' },
        meta,
      ),
    );
  if (bumped)
    events.push(
      createEnvelope(
        KOT_TICKET_BUMPED_V1,
        { ticketId, orderId: o.id, station, bumpedAt: bumped, by: 'cook' },
        meta,
      ),
    );
}

const { ACCEPTED, IN_PREPARATION, READY, DISPATCHED, COMPLETED, CANCELLED, REJECTED, REFUNDED } = OrderStatus;
const line = (code: string, name: string, quantity: number, unitPrice: number, station: string): Line => ({
  code,
  name,
  quantity,
  unitPrice,
  station,
});

// Koramangala (IST = UTC+05:30): local hours 12 (A1 12:10, A2 12:35) and 19 (A3 19:05, A4 19:30)
const A1 = scripted(
  A,
  'zomato',
  OrderType.DELIVERY,
  at('06:40'),
  [
    line('PANEER-TIKKA', 'Paneer Tikka', 1, 28000, 'tandoor'),
    line('DAL-MAKHANI', 'Dal Makhani', 1, 26000, 'curry'),
  ],
  { subtotal: 54000, tax: 2700, deliveryFee: 0, total: 56700, currency: 'INR' },
);
const A2 = scripted(
  A,
  'qr',
  OrderType.DINE_IN,
  at('07:05'),
  [line('MANGO-LASSI', 'Mango Lassi', 2, 12000, 'bar')],
  { subtotal: 24000, tax: 1200, deliveryFee: 0, total: 25200, currency: 'INR' },
);
const A3 = scripted(
  A,
  'zomato',
  OrderType.DELIVERY,
  at('13:35'),
  [line('CHICKEN-TIKKA', 'Chicken Tikka', 1, 32000, 'tandoor')],
  { subtotal: 32000, tax: 1600, deliveryFee: 0, total: 33600, currency: 'INR' },
);
const A4 = scripted(
  A,
  'qr',
  OrderType.PICKUP,
  at('14:00'),
  [
    line('JEERA-RICE', 'Jeera Rice', 1, 18000, 'curry'),
    line('DAL-MAKHANI', 'Dal Makhani', 1, 26000, 'curry'),
  ],
  { subtotal: 44000, tax: 2200, deliveryFee: 0, total: 46200, currency: 'INR' },
  at('15:30'),
);
// SoHo (EST = UTC−05:00): local hours 12 (B1 12:10, B4 12:20), 20 (B2 20:30) and 21 (B3 21:05), all Wednesday
const B1 = scripted(
  B,
  'ubereats',
  OrderType.DELIVERY,
  at('17:10'),
  [line('BURGER', 'Burger', 2, 2000, 'grill')],
  { subtotal: 4000, tax: 350, deliveryFee: 200, total: 4550, currency: 'USD' },
);
const B2 = scripted(
  B,
  'web',
  OrderType.PICKUP,
  at('01:30', '2026-11-19'),
  [line('WRAP', 'Wrap', 2, 1300, 'grill')],
  { subtotal: 2600, tax: 200, deliveryFee: 0, total: 2800, currency: 'USD' },
);
const B3 = scripted(
  B,
  'web',
  OrderType.PICKUP,
  at('02:05', '2026-11-19'),
  [line('SALAD', 'Salad', 1, 1400, 'grill')],
  { subtotal: 1400, tax: 100, deliveryFee: 0, total: 1500, currency: 'USD' },
);
const B4 = scripted(B, 'qr', OrderType.DINE_IN, at('17:20'), [line('SHAKE', 'Shake', 3, 1850, 'bar')], {
  subtotal: 5550,
  tax: 450,
  deliveryFee: 0,
  total: 6000,
  currency: 'USD',
});

// A1: on time (dispatched 07:05, promised 07:10); prep 06:41 → 06:57 = 960 s
created(A1);
moves(A1, [ACCEPTED, at('06:41')]);
ticket(A1, 'tandoor', 'new', at('06:41'), at('06:42'), at('06:55'));
ticket(A1, 'curry', 'new', at('06:41'), at('06:43'), at('06:57'));
moves(
  A1,
  [IN_PREPARATION, at('06:42')],
  [READY, at('06:57')],
  [DISPATCHED, at('07:05')],
  [COMPLETED, at('07:30')],
);
ledger(A1, 'payment', 56700, at('07:30'), 56700, 0);
// A2: 600 s late (ready 07:45, promised 07:35); prep 2340 s; partly refunded, still completed
created(A2);
moves(A2, [ACCEPTED, at('07:06')]);
ticket(A2, 'bar', 'new', at('07:06'), at('07:07'), at('07:45'));
moves(A2, [IN_PREPARATION, at('07:07')], [READY, at('07:45')], [COMPLETED, at('08:00')]);
ledger(A2, 'payment', 25200, at('08:00'), 25200, 0);
ledger(A2, 'refund', 2000, at('08:30'), 25200, 2000);
// A3: cancelled after it was fired; the tandoor gets a void ticket
created(A3);
moves(A3, [ACCEPTED, at('13:36')]);
ticket(A3, 'tandoor', 'new', at('13:36'));
moves(A3, [CANCELLED, at('13:40')]);
ticket(A3, 'tandoor', 'void', at('13:40'));
// A4: scheduled for 15:30, ready 15:00; completed, then refunded in full (leaves revenue)
created(A4);
moves(A4, [ACCEPTED, at('14:01')]);
ticket(A4, 'curry', 'new', at('14:01'), at('14:05'), at('15:00'));
moves(A4, [IN_PREPARATION, at('14:05')], [READY, at('15:00')], [COMPLETED, at('15:10')]);
ledger(A4, 'payment', 46200, at('15:10'), 46200, 0);
ledger(A4, 'refund', 46200, at('16:00'), 46200, 46200);
events.push(
  createEnvelope(
    ORDERS_STATUS_CHANGED_V1,
    {
      orderId: A4.id,
      from: COMPLETED,
      to: REFUNDED,
      actor: { type: 'staff', id: 'manager-a' },
      at: at('16:00'),
      order: canonical(A4, REFUNDED),
    },
    orderMeta(A4),
  ),
);
// B1: 600 s late (dispatched 17:50, promised 17:40); prep 1200 s
created(B1);
ledger(B1, 'payment', 4550, at('17:10'), 4550, 0);
moves(B1, [ACCEPTED, at('17:11')]);
ticket(B1, 'grill', 'new', at('17:11'), at('17:12'), at('17:31'));
moves(
  B1,
  [IN_PREPARATION, at('17:12')],
  [READY, at('17:31')],
  [DISPATCHED, at('17:50')],
  [COMPLETED, at('18:20')],
);
// B4: on time; prep 1440 s
created(B4);
moves(B4, [ACCEPTED, at('17:21')]);
ticket(B4, 'bar', 'new', at('17:21'), at('17:22'), at('17:45'));
moves(B4, [IN_PREPARATION, at('17:22')], [READY, at('17:45')], [COMPLETED, at('18:00')]);
// B2: on time; prep 900 s; placed on Thursday in UTC, Wednesday 20:30 in New York
created(B2);
moves(B2, [ACCEPTED, at('01:31', '2026-11-19')]);
ticket(B2, 'grill', 'new', at('01:31', '2026-11-19'), at('01:32', '2026-11-19'), at('01:46', '2026-11-19'));
moves(
  B2,
  [IN_PREPARATION, at('01:32', '2026-11-19')],
  [READY, at('01:46', '2026-11-19')],
  [COMPLETED, at('01:50', '2026-11-19')],
);
// B3: rejected by the venue
created(B3);
moves(B3, [REJECTED, at('02:06', '2026-11-19')]);

const REPORTS = [
  'summary',
  'preparation-time',
  'delayed-orders',
  'order-accuracy',
  'peak-periods',
  'channels',
  'revenue-by-location',
] as const;

const ALL_FILTERS = { venueIds: null, channels: null };
const none = { orders: 0, byCurrency: [] };

describe('reporting: read models from events, reports per venue', () => {
  let service: InProcessService;
  let headOffice: string;
  let managerA: string;

  const get = async (path: string, token = headOffice) =>
    service.request('GET', `/v1/reports/${path}`, token);
  const body = async (path: string, token = headOffice) => {
    const response = await get(path, token);
    expect(response.status).toBe(200);
    return response.body;
  };
  const csv = async (path: string, accept?: string) => {
    const response = await fetch(`${service.url}/v1/reports/${path}`, {
      headers: { authorization: `Bearer ${headOffice}`, ...(accept ? { accept } : {}) },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    return parse(await response.text(), {
      columns: true,
      cast: (value) => (value === '' ? null : value),
    }) as Array<Record<string, string | null>>;
  };
  const snapshot = async () =>
    Object.fromEntries(await Promise.all(REPORTS.map(async (r) => [r, await body(r)])));

  /** Waits until both consumers have nothing pending or unacknowledged. */
  async function drained(): Promise<void> {
    const jsm = await jetstreamManager(service.nc);
    await eventually(
      async () => {
        for (const stream of [STREAMS.ORDERS, STREAMS.KOT]) {
          const info = await jsm.consumers.info(
            wireStreamName(service.environment.namespace, stream),
            `reporting-${stream.name.toLowerCase()}-v1`,
          );
          if (info.num_pending !== 0 || info.num_ack_pending !== 0) return undefined;
        }
        return true;
      },
      20_000,
      'the reporting consumers to drain',
    );
  }

  beforeAll(async () => {
    service = await InProcessService.start({
      name: 'reporting',
      envClass: ReportingEnv,
      module: (env) => AppModule.forRoot(env),
      portVariable: 'REPORTING_PORT',
    });
    headOffice = service.environment.token(Role.HEAD_OFFICE, '*');
    managerA = service.environment.token(Role.MANAGER, [A]);
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('lets head office set a venue time zone, and only an IANA name', async () => {
    for (const timeZone of ['IST', '+05:30', 'Mars/Olympus', '']) {
      const refused = await service.request('PUT', `/v1/reports/venues/${A}`, headOffice, { timeZone });
      expect(refused.status).toBe(400);
    }
    expect(
      (await service.request('PUT', `/v1/reports/venues/${A}`, managerA, { timeZone: 'UTC' })).status,
    ).toBe(403);
    const set = await service.request('PUT', `/v1/reports/venues/${A}`, headOffice, {
      timeZone: 'Asia/Kolkata',
    });
    expect(set).toMatchObject({
      status: 200,
      body: { venueId: A, timeZone: 'Asia/Kolkata', rebucketedOrders: 0 },
    });
  });

  it('documents every report route in OpenAPI, JSON and CSV', async () => {
    const document = (await (await fetch(`${service.url}/docs/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>
      >;
    };
    for (const report of REPORTS) {
      const operation = document.paths[`/v1/reports/${report}`]?.get;
      expect(Object.keys(operation?.responses['200']?.content ?? {})).toEqual([
        'application/json',
        'text/csv',
      ]);
    }
    expect(document.paths['/v1/reports/venues/{venueId}']?.put).toBeDefined();
  });

  it('projects every event once', async () => {
    for (const event of events) await service.publish(event);
    await eventually(
      async () => {
        const [row] = await service.environment.query<{ n: string }>(
          'SELECT count(*) AS n FROM reporting.inbox',
        );
        return Number(row.n) === events.length ? true : undefined;
      },
      20_000,
      'every event in the inbox',
    );
    const [facts] = await service.environment.query<{ orders: string; tickets: string }>(
      'SELECT (SELECT count(*) FROM reporting.order_facts) AS orders, (SELECT count(*) FROM reporting.ticket_facts) AS tickets',
    );
    expect(facts).toEqual({ orders: '8', tickets: '9' });
  });

  it('puts a venue in local hours once its time zone is set, moving what it had already counted', async () => {
    // SoHo is still UTC: B1 and B4 count at 17:00, B2 and B3 on Thursday
    const before = (await body(`peak-periods?venueId=${B}`)) as {
      venues: Array<{ hours: Array<{ hour: number; orders: number }>; days: Array<{ orders: number }> }>;
    };
    expect(before.venues[0].hours.filter((h) => h.orders > 0).map((h) => [h.hour, h.orders])).toEqual([
      [1, 1],
      [2, 1],
      [17, 2],
    ]);
    const set = await service.request('PUT', `/v1/reports/venues/${B}`, headOffice, {
      timeZone: 'America/New_York',
    });
    expect(set).toMatchObject({
      status: 200,
      body: { timeZone: 'America/New_York', rebucketedOrders: 4, rebucketedTickets: 3 },
    });
    const venues = await body('venues');
    expect(venues.venues).toEqual([
      expect.objectContaining({ venueId: A, timeZone: 'Asia/Kolkata' }),
      expect.objectContaining({ venueId: B, timeZone: 'America/New_York' }),
    ]);
  });

  it('summary: orders, revenue, average order value, cancellation rate and refunds, per currency', async () => {
    expect(await body('summary')).toEqual({
      filters: ALL_FILTERS,
      orders: 8,
      completedOrders: 5,
      cancelledOrders: 1,
      rejectedOrders: 1,
      refundedOrders: 2,
      cancellationRate: 0.25,
      averagePreparationSeconds: 1730,
      byCurrency: [
        {
          currency: 'INR',
          orders: 4,
          completedOrders: 2,
          cancelledOrders: 1,
          rejectedOrders: 0,
          refundedOrders: 2,
          cancellationRate: 0.25,
          averagePreparationSeconds: 2280,
          revenue: 81900,
          refunds: 48200,
          netRevenue: 79900,
          averageOrderValue: 40950,
          voidedLines: 0,
          voidedAmount: 0,
        },
        {
          currency: 'USD',
          orders: 4,
          completedOrders: 3,
          cancelledOrders: 0,
          rejectedOrders: 1,
          refundedOrders: 0,
          cancellationRate: 0.25,
          averagePreparationSeconds: 1180,
          revenue: 13350,
          refunds: 0,
          netRevenue: 13350,
          averageOrderValue: 4450,
          voidedLines: 0,
          voidedAmount: 0,
        },
      ],
    });
    // channel filter (repeated), and a UTC day that leaves out B2 and B3
    expect(await body('summary?channel=qr&channel=web')).toMatchObject({
      orders: 5,
      completedOrders: 3,
      rejectedOrders: 1,
    });
    const utcDay = await body('summary?from=2026-11-18T00:00:00Z&to=2026-11-19T00:00:00Z');
    expect(utcDay).toMatchObject({
      orders: 6,
      byCurrency: [
        expect.objectContaining({ currency: 'INR', orders: 4 }),
        expect.objectContaining({ currency: 'USD', orders: 2, revenue: 10550 }),
      ],
    });
    // Koramangala's local hours start at :30 UTC: from 19:00 IST (13:30Z) holds A3 (13:35Z) and A4
    expect(await body(`summary?venueId=${A}&from=2026-11-18T19:00:00%2B05:30`)).toMatchObject({
      orders: 2,
      cancelledOrders: 1,
    });
    expect((await get('summary?from=2026-11-19T00:00:00Z&to=2026-11-18T00:00:00Z')).status).toBe(400);
    expect((await get('summary?from=yesterday')).status).toBe(400);
  });

  it('preparation time: average, median and p90 per venue, overall and per station', async () => {
    expect(await body('preparation-time')).toEqual({
      filters: ALL_FILTERS,
      binSeconds: 15,
      overall: { count: 6, averageSeconds: 1730, medianSeconds: 1200, p90Seconds: 3540 },
      venues: [
        { venueId: A, count: 3, averageSeconds: 2280, medianSeconds: 2340, p90Seconds: 3540 },
        { venueId: B, count: 3, averageSeconds: 1180, medianSeconds: 1200, p90Seconds: 1440 },
      ],
      stations: [
        {
          venueId: A,
          station: 'bar',
          tickets: 1,
          count: 1,
          averageSeconds: 2340,
          medianSeconds: 2340,
          p90Seconds: 2340,
          averageWaitSeconds: 60,
          averageWorkSeconds: 2280,
          voids: 0,
        },
        {
          venueId: A,
          station: 'curry',
          tickets: 2,
          count: 2,
          averageSeconds: 2250,
          medianSeconds: 960,
          p90Seconds: 3540,
          averageWaitSeconds: 180,
          averageWorkSeconds: 2070,
          voids: 0,
        },
        {
          venueId: A,
          station: 'tandoor',
          tickets: 2,
          count: 1,
          averageSeconds: 840,
          medianSeconds: 840,
          p90Seconds: 840,
          averageWaitSeconds: 60,
          averageWorkSeconds: 780,
          voids: 1,
        },
        {
          venueId: B,
          station: 'bar',
          tickets: 1,
          count: 1,
          averageSeconds: 1440,
          medianSeconds: 1440,
          p90Seconds: 1440,
          averageWaitSeconds: 60,
          averageWorkSeconds: 1380,
          voids: 0,
        },
        {
          venueId: B,
          station: 'grill',
          tickets: 2,
          count: 2,
          averageSeconds: 1050,
          medianSeconds: 900,
          p90Seconds: 1200,
          averageWaitSeconds: 60,
          averageWorkSeconds: 990,
          voids: 0,
        },
      ],
    });
  });

  it('delayed orders: ready or dispatched after the promised time, with the list', async () => {
    const report = await body('delayed-orders');
    expect(report).toMatchObject({
      evaluatedOrders: 6,
      delayedOrders: 2,
      delayedRate: 0.3333,
      averageDelaySeconds: 600,
      venues: [
        { venueId: A, evaluatedOrders: 3, delayedOrders: 1, delayedRate: 0.3333, averageDelaySeconds: 600 },
        { venueId: B, evaluatedOrders: 3, delayedOrders: 1, delayedRate: 0.3333, averageDelaySeconds: 600 },
      ],
      truncated: false,
    });
    expect(report.orders).toEqual([
      expect.objectContaining({
        orderId: A2.id,
        venueId: A,
        channel: 'qr',
        placedAt: at('07:05'),
        promisedAt: at('07:35'),
        readyAt: at('07:45'),
        delaySeconds: 600,
        status: 'completed',
      }),
      expect.objectContaining({
        orderId: B1.id,
        venueId: B,
        channel: 'ubereats',
        promisedAt: at('17:40'),
        readyAt: at('17:31'),
        dispatchedAt: at('17:50'),
        delaySeconds: 600,
      }),
    ]);
    expect(await body('delayed-orders?limit=1')).toMatchObject({
      delayedOrders: 2,
      truncated: true,
      orders: [expect.objectContaining({ orderId: A2.id })],
    });
  });

  it('order accuracy: orders with voids or refunds over all orders', async () => {
    expect(await body('order-accuracy')).toEqual({
      filters: ALL_FILTERS,
      orders: 8,
      withVoids: 1,
      withRefunds: 2,
      withIssues: 3,
      issueRate: 0.375,
      accuracyRate: 0.625,
      remakesTracked: false,
      venues: [
        {
          venueId: A,
          orders: 4,
          withVoids: 1,
          withRefunds: 2,
          withIssues: 3,
          issueRate: 0.75,
          accuracyRate: 0.25,
        },
        { venueId: B, orders: 4, withVoids: 0, withRefunds: 0, withIssues: 0, issueRate: 0, accuracyRate: 1 },
      ],
    });
  });

  it('peak periods: each venue in its own local hours and days', async () => {
    type Period = { orders: number };
    const report = (await body('peak-periods')) as {
      venues: Array<{ venueId: string; timeZone: string; hours: Period[]; days: Period[] }>;
      consolidated: { hours: Period[]; days: Period[] };
    };
    const busy = (periods: Period[]) => periods.filter((p) => p.orders > 0);
    const [a, b] = report.venues;
    expect(a).toMatchObject({ venueId: A, timeZone: 'Asia/Kolkata' });
    expect(busy(a.hours)).toEqual([
      { hour: 12, orders: 2, byCurrency: [{ currency: 'INR', orders: 2, revenue: 81900 }] },
      { hour: 19, orders: 2, byCurrency: [{ currency: 'INR', orders: 2, revenue: 0 }] },
    ]);
    expect(busy(a.days)).toEqual([
      { dayOfWeek: 3, orders: 4, byCurrency: [{ currency: 'INR', orders: 4, revenue: 81900 }] },
    ]);
    expect(b).toMatchObject({ venueId: B, timeZone: 'America/New_York' });
    expect(busy(b.hours)).toEqual([
      { hour: 12, orders: 2, byCurrency: [{ currency: 'USD', orders: 2, revenue: 10550 }] },
      { hour: 20, orders: 1, byCurrency: [{ currency: 'USD', orders: 1, revenue: 2800 }] },
      { hour: 21, orders: 1, byCurrency: [{ currency: 'USD', orders: 1, revenue: 0 }] },
    ]);
    expect(busy(b.days)).toEqual([
      { dayOfWeek: 3, orders: 4, byCurrency: [{ currency: 'USD', orders: 4, revenue: 13350 }] },
    ]);
    expect(busy(report.consolidated.hours)).toEqual([
      {
        hour: 12,
        orders: 4,
        byCurrency: [
          { currency: 'INR', orders: 2, revenue: 81900 },
          { currency: 'USD', orders: 2, revenue: 10550 },
        ],
      },
      { hour: 19, orders: 2, byCurrency: [{ currency: 'INR', orders: 2, revenue: 0 }] },
      { hour: 20, orders: 1, byCurrency: [{ currency: 'USD', orders: 1, revenue: 2800 }] },
      { hour: 21, orders: 1, byCurrency: [{ currency: 'USD', orders: 1, revenue: 0 }] },
    ]);
    expect(report.consolidated.hours).toHaveLength(24);
    expect(report.consolidated.days[4]).toEqual({ dayOfWeek: 4, ...none });
  });

  it('channel performance: orders, revenue, cancellation rate and preparation time per channel', async () => {
    const { channels } = (await body('channels')) as { channels: Array<Record<string, unknown>> };
    expect(channels.map((c) => c.channel)).toEqual(['qr', 'ubereats', 'web', 'zomato']);
    expect(channels[0]).toEqual({
      channel: 'qr',
      orders: 3,
      completedOrders: 2,
      cancelledOrders: 0,
      rejectedOrders: 0,
      refundedOrders: 2,
      cancellationRate: 0,
      averagePreparationSeconds: 2440,
      byCurrency: [
        {
          currency: 'INR',
          orders: 2,
          completedOrders: 1,
          cancelledOrders: 0,
          rejectedOrders: 0,
          refundedOrders: 2,
          cancellationRate: 0,
          averagePreparationSeconds: 2940,
          revenue: 25200,
          refunds: 48200,
          netRevenue: 23200,
          averageOrderValue: 25200,
          voidedLines: 0,
          voidedAmount: 0,
        },
        {
          currency: 'USD',
          orders: 1,
          completedOrders: 1,
          cancelledOrders: 0,
          rejectedOrders: 0,
          refundedOrders: 0,
          cancellationRate: 0,
          averagePreparationSeconds: 1440,
          revenue: 6000,
          refunds: 0,
          netRevenue: 6000,
          averageOrderValue: 6000,
          voidedLines: 0,
          voidedAmount: 0,
        },
      ],
    });
    expect(channels[1]).toMatchObject({
      orders: 1,
      completedOrders: 1,
      cancellationRate: 0,
      averagePreparationSeconds: 1200,
      byCurrency: [{ currency: 'USD', revenue: 4550 }],
    });
    expect(channels[2]).toMatchObject({
      orders: 2,
      completedOrders: 1,
      rejectedOrders: 1,
      cancellationRate: 0.5,
      averagePreparationSeconds: 900,
      byCurrency: [{ currency: 'USD', revenue: 2800, averageOrderValue: 2800 }],
    });
    expect(channels[3]).toMatchObject({
      orders: 2,
      completedOrders: 1,
      cancelledOrders: 1,
      cancellationRate: 0.5,
      averagePreparationSeconds: 960,
      byCurrency: [{ currency: 'INR', revenue: 56700 }],
    });
  });

  it('revenue by location, with the consolidated total per currency', async () => {
    const report = await body('revenue-by-location');
    expect(report.venues).toEqual([
      expect.objectContaining({
        venueId: A,
        orders: 4,
        completedOrders: 2,
        byCurrency: [
          expect.objectContaining({
            currency: 'INR',
            revenue: 81900,
            refunds: 48200,
            netRevenue: 79900,
            averageOrderValue: 40950,
            voidedLines: 0,
            voidedAmount: 0,
          }),
        ],
      }),
      expect.objectContaining({
        venueId: B,
        orders: 4,
        completedOrders: 3,
        byCurrency: [
          expect.objectContaining({
            currency: 'USD',
            revenue: 13350,
            refunds: 0,
            netRevenue: 13350,
            averageOrderValue: 4450,
            voidedLines: 0,
            voidedAmount: 0,
          }),
        ],
      }),
    ]);
    const { filters: _filters, ...consolidated } = await body('summary');
    expect(report.total).toEqual(consolidated);
  });

  it('CSV (Accept: text/csv or ?format=csv) parses back to the same numbers', async () => {
    const numeric = (row: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => [
          k,
          typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v,
        ]),
      );
    const summary = await body('summary');
    expect((await csv('summary', 'text/csv')).map(numeric)).toEqual(summary.byCurrency);
    const channels = (await body('channels')) as {
      channels: Array<{ channel: string; byCurrency: object[] }>;
    };
    expect((await csv('channels?format=csv')).map(numeric)).toEqual(
      channels.channels.flatMap((c) => c.byCurrency.map((figures) => ({ channel: c.channel, ...figures }))),
    );
    const location = (await body('revenue-by-location')) as {
      venues: Array<{ venueId: string; byCurrency: object[] }>;
      total: { byCurrency: object[] };
    };
    expect((await csv('revenue-by-location?format=csv')).map(numeric)).toEqual([
      ...location.venues.flatMap((v) => v.byCurrency.map((f) => ({ venueId: v.venueId, ...f }))),
      ...location.total.byCurrency.map((f) => ({ venueId: '*', ...f })),
    ]);
    const peak = (await csv('peak-periods', 'text/csv')).map(numeric);
    expect(peak.filter((r) => r.venueId === A && r.period === 'hour')).toEqual([
      {
        venueId: A,
        timeZone: 'Asia/Kolkata',
        period: 'hour',
        value: 12,
        currency: 'INR',
        orders: 2,
        revenue: 81900,
      },
      {
        venueId: A,
        timeZone: 'Asia/Kolkata',
        period: 'hour',
        value: 19,
        currency: 'INR',
        orders: 2,
        revenue: 0,
      },
    ]);
    const delayed = (await csv('delayed-orders?format=csv')).map(numeric);
    expect(delayed.map((r) => [r.orderId, r.delaySeconds])).toEqual([
      [A2.id, 600],
      [B1.id, 600],
    ]);
    const prep = (await csv('preparation-time?format=csv')).map(numeric);
    expect(prep[0]).toEqual({
      level: 'overall',
      venueId: null,
      station: null,
      count: 6,
      averageSeconds: 1730,
      medianSeconds: 1200,
      p90Seconds: 3540,
      averageWaitSeconds: null,
      averageWorkSeconds: null,
      voids: null,
    });
    const accuracy = (await csv('order-accuracy?format=csv')).map(numeric);
    expect(accuracy.at(-1)).toEqual({
      venueId: '*',
      orders: 8,
      withVoids: 1,
      withRefunds: 2,
      withIssues: 3,
      issueRate: 0.375,
      accuracyRate: 0.625,
    });
    // ?format=json wins over the Accept header
    const json = await fetch(`${service.url}/v1/reports/summary?format=json`, {
      headers: { authorization: `Bearer ${headOffice}`, accept: 'text/csv' },
    });
    expect(json.headers.get('content-type')).toMatch(/application\/json/);
  });

  it("a manager sees only the token's venues and is refused any other (403), never silently filtered", async () => {
    const summary = await body('summary', managerA);
    expect(summary).toMatchObject({
      filters: { venueIds: [A] },
      orders: 4,
      byCurrency: [expect.objectContaining({ currency: 'INR', revenue: 81900 })],
    });
    const location = await body('revenue-by-location', managerA);
    expect(location.venues).toEqual([expect.objectContaining({ venueId: A })]);
    expect(location.total).toMatchObject({
      orders: 4,
      byCurrency: [expect.objectContaining({ currency: 'INR', revenue: 81900 })],
    });
    expect(
      ((await body('peak-periods', managerA)).venues as Array<{ venueId: string }>).map((v) => v.venueId),
    ).toEqual([A]);
    expect(
      ((await body('venues', managerA)).venues as Array<{ venueId: string }>).map((v) => v.venueId),
    ).toEqual([A]);
    for (const report of REPORTS) {
      for (const query of [`venueId=${B}`, `venueId=${A},${B}`, `venueId=${A}&venueId=${B}`]) {
        const refused = await get(`${report}?${query}`, managerA);
        expect(refused).toEqual({
          status: 403,
          body: { statusCode: 403, error: 'Forbidden', message: `this token is not scoped to venue ${B}` },
        });
      }
    }
    expect((await body(`summary?venueId=${A}`, managerA)).orders).toBe(4);
    const staff = service.environment.token(Role.STAFF, [A]);
    const station = service.environment.token(Role.STATION, [A], 'tandoor');
    for (const token of [staff, station]) expect((await get('summary', token)).status).toBe(403);
    const anonymous = await fetch(`${service.url}/v1/reports/summary`);
    expect(anonymous.status).toBe(401);
  });

  it('replaying every event again (no Nats-Msg-Id, past the stream dedupe) changes nothing', async () => {
    const before = await snapshot();
    const js = jetstream(service.nc);
    for (const event of events) {
      await js.publish(wireSubject(service.environment.namespace, event.type), JSON.stringify(event));
    }
    await drained();
    expect(await snapshot()).toEqual(before);
    const [inbox] = await service.environment.query<{ n: string }>(
      'SELECT count(*) AS n FROM reporting.inbox',
    );
    expect(Number(inbox.n)).toBe(events.length);
  });

  it('a rebuild from the streams gives the same figures', async () => {
    const before = await snapshot();
    const progress: number[] = [];
    const result = await service.app
      .get(RebuildReadModelsUseCase)
      .execute({ onProgress: (p) => progress.push(p.done) });
    expect(result).toMatchObject({
      read: events.length * 2,
      applied: events.length,
      duplicates: events.length,
      ignored: 0,
      invalid: 0,
    });
    expect(progress.at(-1)).toBe(events.length * 2);
    expect(await snapshot()).toEqual(before);
    // the venues' time zones are configuration, not events: kept
    expect(((await body('venues')).venues as Array<{ timeZone: string }>).map((v) => v.timeZone)).toEqual([
      'Asia/Kolkata',
      'America/New_York',
    ]);
  });

  it('keeps the aggregates exact when many orders of one hour are applied at once', async () => {
    const venueId = 'blr-load';
    const burst: EventEnvelope[] = [];
    const count = 60;
    for (let i = 0; i < count; i++) {
      const o = scripted(
        venueId,
        i % 2 ? 'swiggy' : 'zomato',
        OrderType.DELIVERY,
        at('10:05'),
        [line('KULFI', 'Kulfi', 1, 11000, 'dessert')],
        { subtotal: 11000, tax: 0, deliveryFee: 0, total: 11000 + i, currency: 'INR' },
      );
      const start = events.length;
      created(o);
      moves(
        o,
        [ACCEPTED, at('10:06')],
        [IN_PREPARATION, at('10:07')],
        [READY, at('10:20')],
        [COMPLETED, at('10:30')],
      );
      ticket(o, 'dessert', 'new', at('10:06'), at('10:07'), at('10:20'));
      burst.push(...events.splice(start));
    }
    // all at once: the consumers run orders side by side, and one order's events may land out of order
    await Promise.all(burst.map((event) => service.publish(event)));
    await drained();
    expect(await body(`summary?venueId=${venueId}`)).toMatchObject({
      orders: count,
      completedOrders: count,
      averagePreparationSeconds: 840,
      byCurrency: [{ currency: 'INR', revenue: 11000 * count + (count * (count - 1)) / 2 }],
    });
    const prep = await body(`preparation-time?venueId=${venueId}`);
    expect(prep.stations).toEqual([
      expect.objectContaining({ station: 'dessert', tickets: count, count, medianSeconds: 840 }),
    ]);
    const jsm = await jetstreamManager(service.nc);
    const dlq = await jsm.streams.info(`${service.environment.namespace.toUpperCase()}_DLQ`);
    expect(dlq.state.messages).toBe(0);
  });
});
