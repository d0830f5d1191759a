import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Role } from '@hub/auth';
import {
  CanonicalOrderDto,
  CMD_KOT_PRINT_V1,
  createEnvelope,
  KOT_TICKET_PRINTED_V1,
  KOT_TICKET_ROUTED_V1,
  ORDERS_STATUS_CHANGED_V1,
  OrderStatusChangedV1,
  STREAMS,
} from '@hub/contracts';
import { wireStreamName, wireSubject } from '@hub/messaging';
import { ActorType, OrderStatus, OrderType, PaymentStatus } from '@hub/order-model';
import { eventually, InProcessService } from '@hub/testing';
import { startKotRouter } from './support/boot';
import { printQueueDrained, putStationConfig } from './support/kitchen';
import { FakePrinter } from '../printing/fake-printer';

jest.setTimeout(60_000);

const VENUE = 'venue-printed';

function acceptedOrder(displayNumber: string): CanonicalOrderDto {
  return {
    id: randomUUID(),
    venueId: VENUE,
    channel: 'qr',
    externalId: `x-${displayNumber}`,
    displayNumber,
    orderType: OrderType.DINE_IN,
    status: OrderStatus.ACCEPTED,
    placedAt: new Date().toISOString(),
    customer: { name: 'Guest' },
    items: [
      {
        lineId: '1',
        externalCode: 'PANEER',
        name: 'Paneer Tikka',
        quantity: 1,
        unitPrice: 10000,
        modifiers: [],
        station: 'tandoor',
      },
      {
        lineId: '2',
        externalCode: 'KULFI',
        name: 'Kulfi',
        quantity: 1,
        unitPrice: 5000,
        modifiers: [],
        station: 'dessert',
      },
    ],
    totals: { subtotal: 15000, tax: 0, discount: 0, deliveryFee: 0, tip: 0, total: 15000, currency: 'INR' },
    payment: { status: PaymentStatus.PENDING, payments: [] },
    source: { platform: 'qr', storeRef: VENUE, rawDeliveryId: randomUUID() },
  };
}

describe('kot-router: kot.v1.ticket-printed', () => {
  let service: InProcessService;
  const printer = new FakePrinter();

  /** Every event of a subject on the KOT stream, oldest first. */
  const eventsOf = async <T>(subject: string): Promise<T[]> => {
    const jsm = await jetstreamManager(service.nc);
    const stream = wireStreamName(service.environment.namespace, STREAMS.KOT);
    const wire = wireSubject(service.environment.namespace, subject);
    const info = await jsm.streams.info(stream, { subjects_filter: wire });
    const found: T[] = [];
    for (let seq = info.state.first_seq; seq > 0 && seq <= info.state.last_seq; seq += 1) {
      const message = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
      if (message?.subject === wire) found.push(message.json<{ payload: T }>().payload);
    }
    return found;
  };

  beforeAll(async () => {
    await printer.start();
    service = await startKotRouter({ EVENT_MAX_DELIVER: '3' });
    const manager = service.environment.token(Role.MANAGER, [VENUE]);
    for (const [station, body] of [
      ['tandoor', { displayName: 'Tandoor', printer: printer.address }],
      ['dessert', { displayName: 'Dessert' }],
    ] as const)
      await putStationConfig(service, VENUE, manager, station, body);
  });

  afterAll(async () => {
    await service?.stop();
    await printer.stop();
  });

  it('emits ticket-printed once per job written to a printer, and says which routed tickets will print', async () => {
    const order = acceptedOrder('P201');
    const payload: OrderStatusChangedV1 = {
      orderId: order.id,
      from: OrderStatus.RECEIVED,
      to: OrderStatus.ACCEPTED,
      actor: { type: ActorType.SYSTEM, id: 'test' },
      at: new Date().toISOString(),
      order,
    };
    await service.publish(
      createEnvelope(ORDERS_STATUS_CHANGED_V1, payload, {
        venueId: VENUE,
        aggregateType: 'order',
        aggregateId: order.id,
        correlationId: order.id,
      }),
    );
    await printer.nextJob(5000, 0);
    const printed = await eventually(
      async () => {
        const events = (await eventsOf<Record<string, unknown>>(KOT_TICKET_PRINTED_V1)).filter(
          (e) => e.orderId === order.id,
        );
        return events.length > 0 ? events : undefined;
      },
      5000,
      'kot.v1.ticket-printed',
    );
    const [job] = await service.environment.query<{ id: string; ticket_id: string; printed_at: Date }>(
      "SELECT j.id, j.ticket_id, j.printed_at FROM kot.print_jobs j JOIN kot.tickets t ON t.id = j.ticket_id WHERE t.order_id = $1 AND t.station = 'tandoor'",
      [order.id],
    );
    expect(printed).toEqual([
      {
        ticketId: job.ticket_id,
        orderId: order.id,
        venueId: VENUE,
        station: 'tandoor',
        printerId: `${printer.host}:${printer.port}`,
        jobId: job.id,
        printedAt: job.printed_at.toISOString(),
        reprint: false,
      },
    ]);

    const routed = (await eventsOf<Record<string, unknown>>(KOT_TICKET_ROUTED_V1)).filter(
      (e) => e.orderId === order.id,
    );
    expect(routed.map((e) => [e.station, e.printing])).toEqual(
      expect.arrayContaining([
        ['tandoor', true],
        ['dessert', undefined],
      ]),
    );

    // the same print command delivered again prints nothing and emits nothing more
    await jetstream(service.nc).publish(
      wireSubject(service.environment.namespace, CMD_KOT_PRINT_V1),
      JSON.stringify(
        createEnvelope(
          CMD_KOT_PRINT_V1,
          { jobId: job.id, ticketId: job.ticket_id, station: 'tandoor', reprint: false },
          { venueId: VENUE, aggregateType: 'print-job', aggregateId: job.id, correlationId: order.id },
        ),
      ),
    );
    await printQueueDrained(service);
    expect(printer.jobs.length).toBe(1);
    expect(
      (await eventsOf<Record<string, unknown>>(KOT_TICKET_PRINTED_V1)).filter((e) => e.orderId === order.id),
    ).toHaveLength(1);
  });
});
