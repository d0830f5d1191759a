import { type OrderStatus, OrderType, PaymentStatus } from '@hub/order-model';
import type { IntegrationSettings, OrderDraft, PlatformStatusUpdate } from '../core/aggregator-adapter';
import { finalizeDraft, joinNotes, linesSubtotal, personName } from '../core/draft.util';
import type { PayloadReader } from '../core/payload-reader.util';

export const DELIVEROO = 'deliveroo';

const FULFILMENT: Readonly<Record<string, OrderType>> = {
  deliveroo: OrderType.DELIVERY,
  restaurant: OrderType.DELIVERY,
  customer: OrderType.PICKUP,
  table_service: OrderType.DINE_IN,
};

type Modifier = OrderDraft['items'][number]['modifiers'][number];

/** Deliveroo Price: `{fractional, currency_code}`, already in the currency's subunit. */
function fractional(price: PayloadReader): number | undefined {
  return price.at('fractional').optMinorUnits();
}

function modifiersOf(entry: PayloadReader): Modifier[] {
  return entry
    .at('modifiers')
    .optArray()
    .flatMap((modifier) => [
      {
        externalCode: modifier.at('pos_item_id').text(),
        name: modifier.at('name').nonEmpty(),
        quantity: Math.max(1, modifier.at('quantity').optNumber() ?? 1),
        unitPrice: fractional(modifier.at('unit_price')) ?? 0,
      },
      ...modifiersOf(modifier),
    ]);
}

/** Order Events `order.new` → canonical draft. Items carry no id of their own: lines are numbered. */
export function mapDeliverooOrder(order: PayloadReader, integration: IntegrationSettings): OrderDraft {
  const total = order.at('total_price');
  const currency =
    total.at('currency_code').text() ?? integration.currency ?? total.at('currency_code').fail('is required');
  const items = order
    .at('items')
    .array()
    .map((item, index) => ({
      lineId: `${index + 1}:${item.at('pos_item_id').text() ?? item.at('name').nonEmpty()}`,
      externalCode: item.at('pos_item_id').text() ?? item.at('name').nonEmpty(),
      name: item.at('name').nonEmpty(),
      quantity: item.at('quantity').number(),
      unitPrice: fractional(item.at('unit_price')) ?? 0,
      modifiers: modifiersOf(item),
    }));
  const placed = order
    .at('status_log')
    .optArray()
    .find((entry) => entry.at('status').text() === 'placed');
  const customer = order.at('customer');
  const number = customer.at('contact_number').text();
  const code = customer.at('contact_access_code').text();
  const cashDue = fractional(order.at('cash_due')) ?? 0;
  const asap = order.at('asap').optBoolean() ?? true;

  return finalizeDraft({
    venueId: integration.venueId,
    channel: DELIVEROO,
    externalId: order.at('id').nonEmpty(),
    displayNumber: order.at('display_id').text(),
    orderType: FULFILMENT[order.at('fulfillment_type').text() ?? ''] ?? OrderType.DELIVERY,
    placedAt: placed?.at('at').optIsoTime() ?? order.at('status_log').at(0).at('at').isoTime(),
    scheduledFor: asap ? undefined : order.at('prepare_for').optIsoTime(),
    customer: {
      name: personName(customer.at('first_name').text(), customer.at('last_name').text()),
      // Deliveroo masks the number: the access code is needed to reach the customer
      phone: number && code ? `${number} code ${code}` : number,
    },
    items,
    totals: {
      subtotal: linesSubtotal(items),
      tax: 0,
      discount: fractional(order.at('offer_discount')) ?? 0,
      deliveryFee: fractional(order.at('delivery_fee')) ?? 0,
      tip: fractional(order.at('tip')) ?? 0,
      total: total.at('fractional').minorUnits(),
      currency,
    },
    payment: {
      status: cashDue > 0 ? PaymentStatus.PENDING : PaymentStatus.PAID,
      method: cashDue > 0 ? 'cash' : 'deliveroo',
      payments: [],
    },
    notes: joinNotes(order.at('order_notes').text(), order.at('cutlery_notes').text()),
    source: { platform: DELIVEROO, storeRef: integration.storeRef },
  });
}

export function mapDeliverooStatus(
  order: PayloadReader,
  toCanonical: (status: string) => OrderStatus | undefined,
  receivedAt: Date,
): PlatformStatusUpdate {
  const status = order.at('status').nonEmpty();
  const log = order.at('status_log').optArray();
  const last = log.length > 0 ? log[log.length - 1] : undefined;
  return {
    externalId: order.at('id').nonEmpty(),
    platformStatus: status,
    status: toCanonical(status),
    occurredAt: last?.at('at').optIsoTime() ?? receivedAt.toISOString(),
  };
}
