import { randomUUID } from 'node:crypto';
import { Role } from '@hub/auth';
import { OrderDraftDto, ORDERS_PAYMENT_CHANGED_V1 } from '@hub/contracts';
import { OrderType } from '@hub/order-model';
import { InProcessService } from '@hub/testing';
import { startOrderCore } from './support/boot';
import { lastOrdersEvent } from './support/events';
import { orderIdOf, publishMappedOrder } from './support/orders';

jest.setTimeout(60_000);

const VENUE = 'venue-pay';
const TODAY = new Date().toISOString().slice(0, 10);

describe('order-core: payments, refunds and reconciliation', () => {
  let service: InProcessService;
  let staff: string;
  let manager: string;

  /** An accepted order of two lines: 2 × 28000 and 1 × 12000, total 72000 with tax 4000. */
  async function order(): Promise<string> {
    const externalId = `pay-${randomUUID()}`;
    const draft: OrderDraftDto = {
      venueId: VENUE,
      channel: 'waiter',
      externalId,
      orderType: OrderType.DINE_IN,
      placedAt: new Date().toISOString(),
      customer: { name: 'Table 2' },
      items: [
        {
          lineId: 'l1',
          externalCode: 'PANEER-TIKKA',
          name: 'Paneer Tikka',
          quantity: 2,
          unitPrice: 28000,
          modifiers: [],
          station: 'tandoor',
        },
        {
          lineId: 'l2',
          externalCode: 'MANGO-LASSI',
          name: 'Mango Lassi',
          quantity: 1,
          unitPrice: 12000,
          modifiers: [],
          station: 'bar',
        },
      ],
      totals: {
        subtotal: 68000,
        tax: 4000,
        discount: 0,
        deliveryFee: 0,
        tip: 0,
        total: 72000,
        currency: 'INR',
      },
      source: { platform: 'waiter', storeRef: VENUE, rawDeliveryId: randomUUID() },
    };
    await publishMappedOrder(service, draft);
    return orderIdOf(service, externalId, 'accepted');
  }

  const pay = (id: string, body: object, token = staff) =>
    service.request('POST', `/v1/orders/${id}/payments`, token, body);
  const refund = (id: string, body: object, token = manager) =>
    service.request('POST', `/v1/orders/${id}/refunds`, token, body);
  const move = (id: string, status: string) =>
    service.request('POST', `/v1/orders/${id}/status`, staff, { status });

  beforeAll(async () => {
    service = await startOrderCore();
    staff = service.environment.token(Role.STAFF, [VENUE]);
    manager = service.environment.token(Role.MANAGER, [VENUE]);
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('splits a bill between payers, never takes more than is owed, and records a reference once', async () => {
    const id = await order();
    const first = await pay(id, { amount: 40000, method: 'card', paidBy: 'seat 1', reference: 'slip-1' });
    expect(first.status).toBe(201);
    expect(first.body.position).toEqual({
      status: 'pending',
      paid: 40000,
      refunded: 0,
      net: 40000,
      outstanding: 32000,
      currency: 'INR',
    });
    expect(
      (await pay(id, { amount: 40000, method: 'card', paidBy: 'seat 1', reference: 'slip-1' })).body.entries,
    ).toHaveLength(1);

    const tooMuch = await pay(id, { amount: 32001, method: 'upi', paidBy: 'seat 2' });
    expect(tooMuch).toEqual({
      status: 409,
      body: {
        statusCode: 409,
        error: 'Conflict',
        message: `a payment of 32001 would exceed what is owed on order ${id}: 32000 of 72000 INR`,
      },
    });
    const second = await pay(id, { amount: 32000, method: 'upi', paidBy: 'seat 2' });
    expect(second.body.position).toMatchObject({ status: 'paid', paid: 72000, outstanding: 0 });
    expect(
      (second.body.entries as Array<Record<string, unknown>>).map((e) => [e.kind, e.amount, e.paidBy]),
    ).toEqual([
      ['payment', 40000, 'seat 1'],
      ['payment', 32000, 'seat 2'],
    ]);

    const ledger = await service.request('GET', `/v1/orders/${id}/payments`, staff);
    expect(ledger.status).toBe(200);
    expect(ledger.body.position).toMatchObject({ status: 'paid', paid: 72000, outstanding: 0 });
    expect((ledger.body.entries as unknown[]).length).toBe(2);
    expect((await service.request('GET', `/v1/orders/${randomUUID()}/payments`, staff)).status).toBe(404);

    const view = await service.request('GET', `/v1/orders/${id}`, staff);
    expect(view.body.payment).toMatchObject({
      status: 'paid',
      method: 'card',
      payments: [
        { amount: 40000, paidBy: 'seat 1' },
        { amount: 32000, paidBy: 'seat 2' },
      ],
    });
    expect((await pay(id, { amount: 12.5 })).body.message).toEqual([
      'amount must be a whole number of minor units (paise, cents)',
    ]);

    const last = await lastOrdersEvent<Record<string, unknown>>(service, ORDERS_PAYMENT_CHANGED_V1);
    expect(last!.payload).toMatchObject({
      orderId: id,
      entry: { amount: 32000 },
      position: { status: 'paid' },
    });
  });

  it('refunds by line or amount up to what was paid, managers only, and a full refund of a completed order makes it refunded', async () => {
    const id = await order();
    await pay(id, { amount: 72000, method: 'card' });
    expect((await refund(id, { amount: 100, reason: 'goodwill' }, staff)).status).toBe(403);
    expect((await refund(id, { reason: 'nothing named' })).body.message).toBe(
      'give either amount or lineIds',
    );
    expect((await refund(id, { lineIds: ['l9'], reason: 'no such line' })).body.message).toBe(
      `order ${id} has no line l9`,
    );

    const byLine = await refund(id, { lineIds: ['l2'], reason: 'lassi spilled' });
    expect(byLine.status).toBe(201);
    expect(byLine.body.position).toMatchObject({ status: 'partially_refunded', refunded: 12000, net: 60000 });
    expect((await refund(id, { lineIds: ['l2'], reason: 'again' })).body.message).toBe(
      `line l2 of order ${id} was refunded already`,
    );
    expect((await refund(id, { amount: 60001, reason: 'too much' })).body.message).toBe(
      `a refund of 60001 exceeds the 60000 INR paid and not yet refunded on order ${id}`,
    );

    for (const status of ['in_preparation', 'ready', 'completed'])
      expect((await move(id, status)).status).toBe(200);
    expect((await move(id, 'refunded')).status).toBe(409);
    const rest = await refund(id, { amount: 60000, reason: 'meal was cold' });
    expect(rest.body.position).toMatchObject({ status: 'refunded', net: 0 });
    const after = await service.request('GET', `/v1/orders/${id}`, staff);
    expect(after.body.status).toBe('refunded');
    expect((after.body.timeline as Array<Record<string, unknown>>).at(-1)).toMatchObject({
      from: 'completed',
      to: 'refunded',
      actorType: 'staff',
      reason: 'meal was cold',
    });
  });

  it('lists, per venue and day, the orders whose money does not match', async () => {
    const unpaid = await order();
    for (const status of ['in_preparation', 'ready', 'completed']) await move(unpaid, status);
    const cancelledButPaid = await order();
    await pay(cancelledButPaid, { amount: 72000 });
    await move(cancelledButPaid, 'cancelled');
    const fine = await order();
    await pay(fine, { amount: 72000 });
    for (const status of ['in_preparation', 'ready', 'completed']) await move(fine, status);

    const report = await service.request('GET', `/v1/reconciliation?venueId=${VENUE}&date=${TODAY}`, manager);
    expect(report.status).toBe(200);
    const rows = report.body as unknown as Array<{ orderId: string; difference: number; status: string }>;
    expect(rows.find((r) => r.orderId === unpaid)).toMatchObject({
      status: 'completed',
      paid: 0,
      difference: -72000,
    });
    expect(rows.find((r) => r.orderId === cancelledButPaid)).toMatchObject({
      status: 'cancelled',
      paid: 72000,
      difference: 72000,
    });
    expect(rows.find((r) => r.orderId === fine)).toBeUndefined();
    expect(
      (await service.request('GET', `/v1/reconciliation?venueId=${VENUE}&date=${TODAY}`, staff)).status,
    ).toBe(403);
    expect(
      (await service.request('GET', `/v1/reconciliation?venueId=other&date=${TODAY}`, manager)).status,
    ).toBe(403);
    expect(
      (await service.request('GET', `/v1/reconciliation?venueId=${VENUE}&date=yesterday`, manager)).body
        .message,
    ).toContain('date must be a day, YYYY-MM-DD');
  });
});
