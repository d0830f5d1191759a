import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { parse } from 'csv-parse/sync';
import { Role } from '@hub/auth';
import {
  CanonicalOrderDto,
  createEnvelope,
  EventEnvelope,
  OrderItemDto,
  KOT_TICKET_BUMPED_V1,
  KOT_TICKET_ROUTED_V1,
  ORDERS_CREATED_V1,
  ORDERS_ITEMS_ADDED_V1,
  ORDERS_ITEMS_VOIDED_V1,
  ORDERS_PRIORITY_CHANGED_V1,
  ORDERS_STATUS_CHANGED_V1,
  OrderTotalsDto,
  STREAMS,
} from '@hub/contracts';
import { wireStreamName, wireSubject } from '@hub/messaging';
import { OrderPriority, OrderStatus, OrderType, PaymentStatus } from '@hub/order-model';
import { eventually, InProcessService } from '@hub/testing';
import { AppModule } from '../../src/app.module';
import { ReportingEnv } from '../../src/config/env.dto';
import { RebuildReadModelsUseCase } from '../../src/projections/usecases/rebuild-read-models/rebuild-read-models.usecase';

jest.setTimeout(120_000);

/**
 * Lines added to and voided from an order (orders.v1.items-added / items-voided, published as
 * order-core publishes them, with the order after the change) move the head-office figures: the
 * order's revenue is its total as it ends, and the voided lines are counted with their value.
 */
const VENUE = 'blr-indiranagar';
const staff = { type: 'staff', id: 'waiter-7' };
const at = (time: string) => `2026-11-20T${time}:00.000Z`;

const paneer: OrderItemDto = {
  lineId: '1',
  externalCode: 'PANEER-TIKKA',
  name: 'Paneer Tikka',
  quantity: 2,
  unitPrice: 28000,
  modifiers: [],
  station: 'tandoor',
};
const lassi: OrderItemDto = {
  lineId: '2',
  externalCode: 'MANGO-LASSI',
  name: 'Mango Lassi',
  quantity: 1,
  unitPrice: 12000,
  modifiers: [],
  station: 'bar',
};
// 6000 + a 1000 butter topping: 7000 a line
const naan: OrderItemDto = {
  lineId: '3',
  externalCode: 'GARLIC-NAAN',
  name: 'Garlic Naan',
  quantity: 1,
  unitPrice: 6000,
  modifiers: [{ name: 'Butter', quantity: 1, unitPrice: 1000 }],
  station: 'tandoor',
};

const totals = (subtotal: number): OrderTotalsDto => {
  const tax = subtotal / 20; // 5 %
  return { subtotal, tax, discount: 0, deliveryFee: 0, tip: 0, total: subtotal + tax, currency: 'INR' };
};

const orderId = randomUUID();
const correlationId = randomUUID();
function order(items: OrderItemDto[], subtotal: number, status: OrderStatus): CanonicalOrderDto {
  return {
    id: orderId,
    venueId: VENUE,
    channel: 'qr',
    externalId: `ext-${orderId.slice(0, 8)}`,
    displayNumber: 'LC1',
    orderType: OrderType.DINE_IN,
    status,
    placedAt: at('07:00'),
    customer: { name: 'Guest' },
    items,
    totals: totals(subtotal),
    payment: { status: PaymentStatus.PENDING, payments: [] },
    source: { platform: 'qr', storeRef: VENUE, rawDeliveryId: correlationId },
  };
}
const meta = { venueId: VENUE, aggregateType: 'order', aggregateId: orderId, correlationId };
const moved = (from: OrderStatus, to: OrderStatus, when: string, items: OrderItemDto[], subtotal: number) =>
  createEnvelope(
    ORDERS_STATUS_CHANGED_V1,
    { orderId, from, to, actor: staff, at: when, order: order(items, subtotal, to) },
    meta,
  );

const { RECEIVED, ACCEPTED, READY, COMPLETED } = OrderStatus;
// 2 × 28000 + 12000 = 68000 (+ 3400 tax = 71400)
const placed = [
  createEnvelope(ORDERS_CREATED_V1, { order: order([paneer, lassi], 68000, RECEIVED) }, meta),
  moved(RECEIVED, ACCEPTED, at('07:01'), [paneer, lassi], 68000),
];
// + a naan (7000): 75000 (+ 3750 = 78750)
const added = createEnvelope(
  ORDERS_ITEMS_ADDED_V1,
  {
    orderId,
    venueId: VENUE,
    lineIds: ['3'],
    items: [naan],
    actor: staff,
    at: at('07:05'),
    order: order([paneer, lassi, naan], 75000, ACCEPTED),
  },
  meta,
);
// − the lassi (12000): 63000 (+ 3150 = 66150)
const voided = createEnvelope(
  ORDERS_ITEMS_VOIDED_V1,
  {
    orderId,
    venueId: VENUE,
    lineIds: ['2'],
    items: [lassi],
    reason: 'out of mangoes',
    actor: staff,
    at: at('07:06'),
    order: order([paneer, naan], 63000, ACCEPTED),
  },
  meta,
);
const priority = createEnvelope(
  ORDERS_PRIORITY_CHANGED_V1,
  {
    orderId,
    venueId: VENUE,
    from: OrderPriority.NORMAL,
    to: OrderPriority.RUSH,
    actor: staff,
    at: at('07:07'),
    order: { ...order([paneer, naan], 63000, ACCEPTED), priority: OrderPriority.RUSH },
  },
  meta,
);
const finished = [
  moved(ACCEPTED, READY, at('07:25'), [paneer, naan], 63000),
  moved(READY, COMPLETED, at('07:40'), [paneer, naan], 63000),
];

describe('reporting: lines added and voided change the order’s figures', () => {
  let service: InProcessService;
  let headOffice: string;
  const published: EventEnvelope[] = [];

  const summary = async () => {
    const response = await service.request('GET', `/v1/reports/summary?venueId=${VENUE}`, headOffice);
    expect(response.status).toBe(200);
    return response.body as {
      orders: number;
      byCurrency: Array<Record<string, unknown>>;
    };
  };
  const fact = async () =>
    (
      await service.environment.query<{
        total: string;
        items: number;
        lines: number;
        voided_lines: number;
        voided_amount: string;
      }>(
        'SELECT total, items, lines, voided_lines, voided_amount FROM reporting.order_facts WHERE order_id = $1',
        [orderId],
      )
    )[0];
  /** Publishes as order-core does and waits for reporting to have applied it. */
  async function publish(...events: EventEnvelope[]): Promise<void> {
    for (const event of events) {
      await service.publish(event);
      published.push(event);
    }
    await eventually(
      async () => {
        const [row] = await service.environment.query<{ n: string }>(
          'SELECT count(*) AS n FROM reporting.inbox',
        );
        return Number(row.n) >= published.length ? true : undefined;
      },
      20_000,
      'the events in the inbox',
    );
  }
  async function drained(): Promise<void> {
    const jsm = await jetstreamManager(service.nc);
    await eventually(
      async () => {
        const info = await jsm.consumers.info(
          wireStreamName(service.environment.namespace, STREAMS.ORDERS),
          'reporting-orders-v1',
        );
        return info.num_pending === 0 && info.num_ack_pending === 0 ? true : undefined;
      },
      20_000,
      'the orders consumer to drain',
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
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('follows the order’s total through an addition and a void, and counts the voided line with its value', async () => {
    await publish(...placed);
    expect(await fact()).toEqual({ total: '71400', items: 3, lines: 2, voided_lines: 0, voided_amount: '0' });

    await publish(added);
    expect(await fact()).toEqual({ total: '78750', items: 4, lines: 3, voided_lines: 0, voided_amount: '0' });

    await publish(voided);
    expect(await fact()).toEqual({
      total: '66150',
      items: 3,
      lines: 2,
      voided_lines: 1,
      voided_amount: '12000',
    });
    // not completed yet: no revenue, but the void is counted
    expect((await summary()).byCurrency).toEqual([
      expect.objectContaining({
        currency: 'INR',
        orders: 1,
        revenue: 0,
        voidedLines: 1,
        voidedAmount: 12000,
      }),
    ]);

    // a priority change is not a figure of any report: it is acked and changes nothing
    await service.publish(priority);
    await drained();
    expect(await fact()).toMatchObject({ total: '66150', voided_lines: 1 });

    await publish(...finished);
    const report = await summary();
    expect(report.byCurrency).toEqual([
      {
        currency: 'INR',
        orders: 1,
        completedOrders: 1,
        cancelledOrders: 0,
        rejectedOrders: 0,
        refundedOrders: 0,
        cancellationRate: 0,
        averagePreparationSeconds: 1440,
        revenue: 66150,
        refunds: 0,
        netRevenue: 66150,
        averageOrderValue: 66150,
        voidedLines: 1,
        voidedAmount: 12000,
      },
    ]);
    const csv = await fetch(`${service.url}/v1/reports/summary?venueId=${VENUE}&format=csv`, {
      headers: { authorization: `Bearer ${headOffice}` },
    });
    expect(parse(await csv.text(), { columns: true })).toEqual([
      expect.objectContaining({ currency: 'INR', revenue: '66150', voidedLines: '1', voidedAmount: '12000' }),
    ]);
  });

  it('does not count a ticket closed because its lines were voided as bumped by a cook', async () => {
    const ticketMeta = (ticketId: string) => ({ ...meta, aggregateType: 'ticket', aggregateId: ticketId });
    const bar = randomUUID();
    const tandoor = randomUUID();
    await publish(
      createEnvelope(
        KOT_TICKET_ROUTED_V1,
        { ticketId: bar, orderId, station: 'bar', seq: 1, kind: 'new', createdAt: at('07:02') },
        ticketMeta(bar),
      ),
      createEnvelope(
        KOT_TICKET_ROUTED_V1,
        { ticketId: tandoor, orderId, station: 'tandoor', seq: 1, kind: 'new', createdAt: at('07:02') },
        ticketMeta(tandoor),
      ),
      // the lassi voided: kot-router closed the bar ticket; the tandoor's was bumped by a cook
      createEnvelope(
        KOT_TICKET_BUMPED_V1,
        { ticketId: bar, orderId, station: 'bar', bumpedAt: at('07:06'), by: staff.id, voided: true },
        ticketMeta(bar),
      ),
      createEnvelope(
        KOT_TICKET_BUMPED_V1,
        { ticketId: tandoor, orderId, station: 'tandoor', bumpedAt: at('07:24'), by: 'cook' },
        ticketMeta(tandoor),
      ),
    );
    const stations = await service.environment.query<{ station: string; tickets: number; bumped: number }>(
      'SELECT station, tickets, bumped FROM reporting.station_hourly WHERE venue_id = $1 ORDER BY station',
      [VENUE],
    );
    expect(stations).toEqual([
      { station: 'bar', tickets: 1, bumped: 0 },
      { station: 'tandoor', tickets: 1, bumped: 1 },
    ]);
  });

  it('counts a void once however often it arrives, and a rebuild from the streams gives the same figures', async () => {
    const before = await summary();
    const js = jetstream(service.nc);
    // republished without Nats-Msg-Id, past the stream's dedupe: the inbox skips it
    await js.publish(wireSubject(service.environment.namespace, voided.type), JSON.stringify(voided));
    await drained();
    expect(await summary()).toEqual(before);

    const result = await service.app.get(RebuildReadModelsUseCase).execute();
    expect(result).toMatchObject({ applied: published.length, invalid: 0 });
    expect(await summary()).toEqual(before);
    expect(await fact()).toMatchObject({ total: '66150', voided_lines: 1, voided_amount: '12000' });
  });
});
