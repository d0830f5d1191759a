import { createEnvelope } from './envelope';
import { EVENT_PAYLOADS, InvalidEventError, parseEnvelope } from './event-registry';

const ORDER_ID = '01a2036e-2559-7703-ab26-b1eced71891f';
const TICKET_ID = '01a2036e-2592-76a8-b234-757441a6cae1';
const draft = {
  venueId: 'blr-koramangala',
  channel: 'qr',
  externalId: 'table4-0001',
  orderType: 'dine_in',
  placedAt: '2026-11-22T10:00:00.000Z',
  customer: { name: 'Table 4' },
  items: [
    {
      lineId: '1',
      externalCode: 'PANEER-TIKKA',
      name: 'Paneer Tikka',
      quantity: 2,
      unitPrice: 28000,
      modifiers: [],
      station: 'tandoor',
    },
  ],
  totals: { subtotal: 56000, tax: 2800, discount: 0, deliveryFee: 0, tip: 0, total: 58800, currency: 'INR' },
  source: { platform: 'qr', storeRef: 'blr-koramangala', rawDeliveryId: 'd-1' },
};
const addedLine = {
  lineId: '2',
  externalCode: 'GARLIC-NAAN',
  name: 'Garlic Naan',
  quantity: 2,
  unitPrice: 6000,
  modifiers: [],
  station: 'tandoor',
};
const order = {
  ...draft,
  id: ORDER_ID,
  status: 'accepted',
  displayNumber: '0001',
  payment: { status: 'pending', payments: [] },
};

/** One valid sample per event: every contract class is exercised. */
const SAMPLES: Record<string, object> = {
  'intake.v1.order-received': { deliveryId: 'd-1', order: draft },
  'intake.v1.status-received': {
    deliveryId: 'd-2',
    channel: 'ubereats',
    venueId: 'blr-koramangala',
    externalId: 'table4-0001',
    update: 'cancelled',
    reason: 'customer cancelled',
    at: '2026-11-22T10:05:00.000Z',
  },
  'menu.v1.order-mapped': { order: draft },
  'menu.v1.order-needs-attention': {
    order: draft,
    reasons: [{ code: 'UNMAPPED_ITEM', lineId: '1', message: 'not on the menu' }],
  },
  'menu.v1.availability-changed': {
    kind: 'item',
    id: ORDER_ID,
    code: 'KULFI',
    name: 'Kulfi',
    available: false,
    until: '2026-11-22T18:00:00.000Z',
    changedBy: 'manager-1',
    changedAt: '2026-11-22T12:00:00.000Z',
  },
  'orders.v1.created': { order },
  'orders.v1.status-changed': {
    orderId: ORDER_ID,
    from: 'received',
    to: 'accepted',
    actor: { type: 'system', id: 'order-core:auto-accept' },
    at: '2026-11-22T10:00:01.000Z',
    order,
  },
  'orders.v1.payment-changed': {
    orderId: ORDER_ID,
    entry: {
      id: TICKET_ID,
      kind: 'payment',
      amount: 58800,
      currency: 'INR',
      method: 'upi',
      paidBy: 'guest 1',
      at: '2026-11-22T10:30:00.000Z',
    },
    position: { status: 'paid', paid: 58800, refunded: 0, net: 58800, outstanding: 0, currency: 'INR' },
  },
  'orders.v1.released': { order, at: '2026-11-22T11:40:00.000Z' },
  'orders.v1.store-controls-changed': {
    venueId: 'blr-koramangala',
    channel: '*',
    pausedUntil: '2026-11-22T12:00:00.000Z',
    busyExtraMinutes: 15,
    slotCapacity: 12,
    slotCapacityUnit: 'orders',
  },
  'orders.v1.prep-time-changed': {
    orderId: ORDER_ID,
    venueId: 'blr-koramangala',
    channel: 'qr',
    externalId: 'table4-0001',
    promisedAt: '2026-11-22T10:30:00.000Z',
    previousPromisedAt: '2026-11-22T10:20:00.000Z',
    prepTimeMinutes: 30,
    cause: 'capacity',
    reason: 'slot 10:15-10:30 is full (12 orders); moved to 10:30-10:45',
    actor: { type: 'system', id: 'order-core:capacity' },
    at: '2026-11-22T10:00:01.000Z',
    order,
  },
  'orders.v1.items-added': {
    orderId: ORDER_ID,
    venueId: 'blr-koramangala',
    lineIds: ['2'],
    items: [addedLine],
    actor: { type: 'staff', id: 'waiter-1' },
    at: '2026-11-22T10:12:00.000Z',
    order: {
      ...order,
      items: [...order.items, addedLine],
      totals: { ...order.totals, subtotal: 68000, tax: 3400, total: 71400 },
    },
  },
  'orders.v1.items-voided': {
    orderId: ORDER_ID,
    venueId: 'blr-koramangala',
    lineIds: ['2'],
    items: [addedLine],
    reason: 'guest changed their mind',
    actor: { type: 'staff', id: 'waiter-1' },
    at: '2026-11-22T10:14:00.000Z',
    order,
  },
  'orders.v1.priority-changed': {
    orderId: ORDER_ID,
    venueId: 'blr-koramangala',
    from: 'normal',
    to: 'rush',
    actor: { type: 'staff', id: 'manager-1' },
    at: '2026-11-22T10:03:00.000Z',
    order: { ...order, priority: 'rush' },
  },
  'orders.v1.stuck': {
    orderId: ORDER_ID,
    hop: 'kitchen_start',
    since: '2026-11-22T10:00:01.000Z',
    limitSeconds: 600,
  },
  'kot.v1.ticket-routed': {
    ticketId: TICKET_ID,
    orderId: ORDER_ID,
    station: 'tandoor',
    seq: 1,
    kind: 'new',
    createdAt: '2026-11-22T10:00:01.000Z',
    printing: true,
  },
  'kot.v1.ticket-acknowledged': {
    ticketId: TICKET_ID,
    orderId: ORDER_ID,
    station: 'tandoor',
    acknowledgedAt: '2026-11-22T10:01:00.000Z',
    by: 'cook-1',
  },
  'kot.v1.print-failed': {
    jobId: TICKET_ID,
    ticketId: TICKET_ID,
    orderId: ORDER_ID,
    station: 'tandoor',
    attempts: 8,
    printers: [{ printer: '10.0.0.5:9100', error: 'printer 10.0.0.5:9100 refused the connection' }],
    at: '2026-11-22T10:02:00.000Z',
  },
  'cmd.kot.v1.print': { jobId: TICKET_ID, ticketId: TICKET_ID, station: 'tandoor', reprint: false },
  'kot.v1.ticket-recalled': {
    ticketId: TICKET_ID,
    orderId: ORDER_ID,
    station: 'tandoor',
    recalledAt: '2026-11-22T10:10:00.000Z',
    by: 'cook-1',
  },
  'kot.v1.ticket-printed': {
    ticketId: TICKET_ID,
    orderId: ORDER_ID,
    venueId: 'blr-koramangala',
    station: 'tandoor',
    printerId: '10.0.0.5:9100',
    jobId: TICKET_ID,
    printedAt: '2026-11-22T10:00:02.000Z',
    reprint: false,
  },
  'kot.v1.ticket-bumped': {
    ticketId: TICKET_ID,
    orderId: ORDER_ID,
    station: 'tandoor',
    bumpedAt: '2026-11-22T10:09:00.000Z',
    by: 'cook-1',
  },
  'intake.v1.integration-saved': {
    integrationId: TICKET_ID,
    venueId: 'blr-koramangala',
    platform: 'ubereats',
    storeRef: 'uber-store-1',
    secretSealed: 'v1:7fW0bq3n1tY5c2aB:2vJ8x0cQ9rS1u3wY5zA7bA==:bm90LXJlYWxseQ==',
    credentialsSealed: 'v1:7fW0bq3n1tY5c2aB:2vJ8x0cQ9rS1u3wY5zA7bA==:e30=',
    apiBaseUrl: 'http://127.0.0.1:9999',
    currency: 'USD',
    change: 'created',
    savedAt: '2026-11-22T09:00:00.000Z',
  },
  'status.v1.callback-delivered': {
    callbackId: TICKET_ID,
    orderId: ORDER_ID,
    venueId: 'blr-koramangala',
    platform: 'ubereats',
    status: 'accepted',
    attempts: 1,
    deliveredAt: '2026-11-22T10:00:03.000Z',
    httpStatus: 204,
  },
  'status.v1.callback-failed': {
    callbackId: TICKET_ID,
    kind: 'status',
    target: 'ubereats',
    orderId: ORDER_ID,
    externalId: 'uber-order-1',
    status: 'accepted',
    attempts: 8,
    reason: 'platform answered 503 on every attempt',
    lastAttempts: [{ attempt: 8, at: '2026-11-22T10:05:00.000Z', httpStatus: 503, reason: 'answered 503' }],
    at: '2026-11-22T10:05:00.000Z',
  },
};

const meta = {
  venueId: 'blr-koramangala',
  aggregateType: 'order',
  aggregateId: ORDER_ID,
  correlationId: 'd-1',
};

describe('event contracts', () => {
  it.each(Object.keys(EVENT_PAYLOADS))('has a sample of %s', (subject) => {
    expect(SAMPLES[subject]).toBeDefined();
  });

  it.each(Object.entries(SAMPLES))('accepts a valid %s', (subject, payload) => {
    const parsed = parseEnvelope(JSON.parse(JSON.stringify(createEnvelope(subject, payload, meta))), subject);
    expect(parsed.payload).toBeInstanceOf(EVENT_PAYLOADS[subject]);
  });

  it('names every problem of a bad payload, by path', () => {
    const bad = createEnvelope(
      'orders.v1.status-changed',
      {
        ...SAMPLES['orders.v1.status-changed'],
        to: 'eaten',
        order: { ...order, totals: { ...order.totals, total: 12.5 } },
      },
      meta,
    );
    expect(() => parseEnvelope(bad, 'orders.v1.status-changed')).toThrow(InvalidEventError);
    try {
      parseEnvelope(bad, 'orders.v1.status-changed');
    } catch (error) {
      expect((error as InvalidEventError).problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^payload\.to: /),
          expect.stringMatching(/^payload\.order\.totals\.total: total must be an integer number/),
        ]),
      );
    }
  });

  it('takes an optional order priority of normal, rush or vip, and names a bad one', () => {
    const subject = 'intake.v1.order-received';
    const withPriority = (priority: string) =>
      createEnvelope(subject, { deliveryId: 'd-9', order: { ...draft, priority } }, meta);
    expect(
      (parseEnvelope(withPriority('vip'), subject).payload as { order: { priority: string } }).order.priority,
    ).toBe('vip');
    expect(() => parseEnvelope(withPriority('urgent'), subject)).toThrow(
      'payload.order.priority: priority must be one of normal, rush, vip',
    );
  });

  it('refuses an envelope whose type is not its subject', () => {
    const envelope = createEnvelope('kot.v1.ticket-bumped', SAMPLES['kot.v1.ticket-bumped'], meta);
    expect(() => parseEnvelope(envelope, 'kot.v1.ticket-routed')).toThrow(
      'does not match the subject kot.v1.ticket-routed',
    );
  });
});
