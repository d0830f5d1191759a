import { OrderStatus } from '@hub/order-model';
import { AggregateAccumulator, orderContribution, prepBin, stationContribution } from './contributions';
import { derive, emptyOrderFact, OrderFact, placeOrder, withStatus } from './order-fact';
import { emptyTicketFact, placeTicket } from './ticket-fact';

const settings = { defaultPrepMinutes: 30 };

function known(overrides: Partial<OrderFact> = {}): OrderFact {
  return placeOrder(
    derive(
      {
        ...emptyOrderFact('01a2036e-2559-7703-ab26-b1eced71891f', 'blr-koramangala'),
        channel: 'zomato',
        currency: 'INR',
        total: 50000,
        items: 3,
        placedAt: new Date('2026-11-18T06:40:00Z'),
        status: 'received',
        ...overrides,
      },
      settings,
    ),
    'Asia/Kolkata',
  );
}

const at = (time: string) => new Date(`2026-11-18T${time}:00Z`);

describe('order facts and what they contribute', () => {
  it('counts nothing until the order itself is known (a ticket may arrive first)', () => {
    expect(orderContribution(emptyOrderFact('01a2036e-2559-7703-ab26-b1eced71891f', 'v'))).toBeNull();
  });

  it('derives promise, preparation time and delay', () => {
    let fact = known();
    for (const [status, time] of [
      [OrderStatus.ACCEPTED, '06:41'],
      [OrderStatus.READY, '07:15'],
      [OrderStatus.DISPATCHED, '07:20'],
    ] as const)
      fact = withStatus(fact, status, at(time));
    fact = derive(fact, settings);
    expect(fact).toMatchObject({
      promisedAt: at('07:10'),
      prepSeconds: 2040,
      delaySeconds: 600,
      delayed: true,
    });
    expect(derive({ ...fact, scheduledFor: at('08:00') }, settings)).toMatchObject({
      promisedAt: at('08:00'),
      delayed: false,
    });
  });

  it('keeps the first time of a status and the latest move as the status, whatever the arrival order', () => {
    const late = withStatus(known(), OrderStatus.COMPLETED, at('08:00'));
    const early = withStatus(late, OrderStatus.READY, at('07:30'));
    expect(early).toMatchObject({
      status: OrderStatus.COMPLETED,
      readyAt: at('07:30'),
      completedAt: at('08:00'),
    });
  });

  it('moves an order between revenue and refunds by taking back what it had added', () => {
    const completed = withStatus(known({ refunded: 0 }), OrderStatus.COMPLETED, at('08:00'));
    const refunded = { ...withStatus(completed, OrderStatus.REFUNDED, at('09:00')), refunded: 50000 };
    const deltas = new AggregateAccumulator()
      .addOrder(orderContribution(completed))
      .addOrder(orderContribution(completed), -1)
      .addOrder(orderContribution(refunded))
      .deltas();
    expect(deltas.orderHourly).toHaveLength(1);
    expect(deltas.orderHourly[0].key).toMatchObject({
      localHour: 12,
      bucketStart: new Date('2026-11-18T06:30:00Z'),
    });
    expect(deltas.orderHourly[0].measures).toMatchObject({
      orders: 1,
      completed: 0,
      revenue: 0,
      refunds: 50000,
      refundedOrders: 1,
      withIssues: 1,
    });
  });

  it('leaves out what cancels out', () => {
    const fact = known();
    expect(
      new AggregateAccumulator()
        .addOrder(orderContribution(fact))
        .addOrder(orderContribution(fact), -1)
        .deltas(),
    ).toEqual({ orderHourly: [], orderPrepBins: [], stationHourly: [], stationPrepBins: [] });
  });

  it('times a ticket routed → acknowledged → bumped, and counts a void ticket as a void only', () => {
    const base = emptyTicketFact(
      '01a2036e-2592-76a8-b234-757441a6cae1',
      '01a2036e-2559-7703-ab26-b1eced71891f',
      'v',
      'tandoor',
    );
    const ticket = placeTicket(
      { ...base, kind: 'new', routedAt: at('06:41'), acknowledgedAt: at('06:42'), bumpedAt: at('06:55') },
      'UTC',
    );
    expect(stationContribution(ticket)).toMatchObject({
      measures: {
        tickets: 1,
        acknowledged: 1,
        waitSeconds: 60,
        bumped: 1,
        ticketSeconds: 840,
        worked: 1,
        workSeconds: 780,
      },
      ticketBin: prepBin(840),
    });
    const voided = placeTicket({ ...base, kind: 'void', routedAt: at('06:50') }, 'UTC');
    expect(stationContribution(voided)).toMatchObject({
      measures: { tickets: 0, voids: 1 },
      ticketBin: null,
    });
  });
});
