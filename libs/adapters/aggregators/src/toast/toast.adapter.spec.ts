import { createHmac } from 'node:crypto';
import { OrderStatus, OrderType, PaymentStatus } from '@hub/order-model';
import type { IntegrationSettings, RawWebhook } from '../core/aggregator-adapter';
import { aggregatorAdapterConformance, type SignFn } from '../core/conformance';
import { ToastAdapter } from './toast.adapter';
import orderUpdated from './__fixtures__/order-updated.crafted.json';

// doc.toasttab.com "Message signing": base64(HMAC-SHA256(secret, body + timestamp)), the timestamp being the message's.
function timestampOf(body: Buffer): string {
  try {
    return (JSON.parse(body.toString('utf8')) as { timestamp?: string }).timestamp ?? '';
  } catch {
    return '';
  }
}

const sign: SignFn = (body, integration) => {
  const timestamp = timestampOf(body);
  return {
    'toast-signature': createHmac('sha256', integration.secret)
      .update(`${body.toString('utf8')}${timestamp}`)
      .digest('base64'),
  };
};

const integration: IntegrationSettings = {
  venueId: 'blr-indiranagar',
  storeRef: '9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  secret: 'toast-webhook-secret',
  currency: 'USD',
};

const headers = {
  'toast-event-type': 'order_updated',
  'toast-event-category': 'orders',
  'toast-restaurant-external-id': '9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  'toast-attempt-number': '1',
};

const voided = {
  ...orderUpdated,
  guid: '6d4dae1f-8b8b-4c1c-8d6a-7c2f3b5e3f22',
  details: {
    ...orderUpdated.details,
    order: { ...orderUpdated.details.order, voided: true, voidDate: '2024-05-01T10:09:00.000+0000' },
  },
};

aggregatorAdapterConformance({
  createAdapter: () => new ToastAdapter(),
  integration,
  sign,
  signatureHeader: 'toast-signature',
  fixtures: [
    {
      name: 'order_updated, a new order (crafted)',
      body: JSON.stringify(orderUpdated),
      headers,
      expect: { kind: 'orders', externalIds: ['a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d'], totals: [1570] },
    },
    {
      name: 'order_updated, the order voided (crafted)',
      body: JSON.stringify(voided),
      headers,
      expect: {
        kind: 'status',
        externalIds: ['a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d'],
        statuses: [OrderStatus.CANCELLED],
      },
    },
  ],
});

describe('ToastAdapter', () => {
  const adapter = new ToastAdapter();
  const webhook = (body: string): RawWebhook => ({
    platform: 'toast',
    headers: { ...headers, ...sign(Buffer.from(body), integration, new Date(), '') },
    rawBody: Buffer.from(body),
    url: 'https://hub.example.com/v1/webhooks/toast',
    receivedAt: new Date(),
  });

  it('signs the timestamp too: a message whose timestamp changes no longer verifies', () => {
    const body = JSON.stringify(orderUpdated);
    const delivery = webhook(body);
    const moved = body.replace('2024-05-01T10:02:11.128+0000', '2024-05-01T10:02:12.128+0000');
    expect(adapter.verifySignature(delivery, integration)).toBe(true);
    expect(adapter.verifySignature({ ...delivery, rawBody: Buffer.from(moved) }, integration)).toBe(false);
  });

  it('maps floats to minor units, modifiers apart from the item', async () => {
    const outcome = await adapter.parseWebhook(webhook(JSON.stringify(orderUpdated)), integration);
    if (outcome.kind !== 'orders') throw new Error(`expected orders, got ${outcome.kind}`);
    expect(outcome.dedupeKey).toBe('5c3c9f0e-7a7a-4f0b-9c59-6b1f2a4d2e11');
    expect(outcome.orders[0]).toMatchObject({
      displayNumber: '42',
      orderType: OrderType.PICKUP,
      placedAt: '2024-05-01T10:01:59.312Z',
      customer: { name: '' },
      payment: {
        status: PaymentStatus.PAID,
        method: 'credit',
        payments: [{ amount: 1570, method: 'credit' }],
      },
      totals: { subtotal: 1450, tax: 120, discount: 0, tip: 200, total: 1570, currency: 'USD' },
    });
    expect(outcome.orders[0].items[0]).toMatchObject({
      name: 'Cheeseburger',
      unitPrice: 1000,
      modifiers: [{ name: 'Add Bacon', quantity: 1, unitPrice: 100 }],
      notes: 'no onions',
    });
  });

  it('maps canonical statuses onto guest order fulfillment statuses', () => {
    expect(adapter.mapStatus(OrderStatus.READY)).toBe('READY_FOR_PICKUP');
    expect(() => adapter.mapStatus(OrderStatus.ACCEPTED)).toThrow(
      'toast cannot express the status "accepted"',
    );
  });
});
