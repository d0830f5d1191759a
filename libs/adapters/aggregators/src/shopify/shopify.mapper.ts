import { OrderStatus, OrderType, PaymentStatus } from '@hub/order-model';
import type { IntegrationSettings, OrderDraft, PlatformStatusUpdate } from '../core/aggregator-adapter';
import { finalizeDraft, joinNotes, linesSubtotal, personName } from '../core/draft.util';
import type { PayloadReader } from '../core/payload-reader.util';

export const SHOPIFY = 'shopify';

const FINANCIAL_STATUS: Readonly<Record<string, PaymentStatus>> = {
  pending: PaymentStatus.PENDING,
  authorized: PaymentStatus.AUTHORIZED,
  partially_paid: PaymentStatus.AUTHORIZED,
  paid: PaymentStatus.PAID,
  partially_refunded: PaymentStatus.PARTIALLY_REFUNDED,
  refunded: PaymentStatus.REFUNDED,
  voided: PaymentStatus.FAILED,
};

const PICKUP = /pick\s*-?\s*up/i;

function orderTypeOf(order: PayloadReader): OrderType {
  const shipping = order.at('shipping_lines').optArray();
  const named = shipping.map((line) => `${line.at('code').text() ?? ''} ${line.at('title').text() ?? ''}`);
  if (named.some((name) => PICKUP.test(name))) return OrderType.PICKUP;
  return order.at('shipping_address').isMissing ? OrderType.PICKUP : OrderType.DELIVERY;
}

/** `properties` the buyer filled in (engraving, "no onions"); names starting with `_` are the app's own. */
function propertiesNote(line: PayloadReader): string | undefined {
  const pairs = line
    .at('properties')
    .optArray()
    .map((property) => [property.at('name').text(), property.at('value').text()] as const)
    .filter(([name]) => name !== undefined && !name.startsWith('_'))
    .map(([name, value]) => (value ? `${name}: ${value}` : name));
  return joinNotes(...pairs);
}

/** Shopify order resource → canonical draft. Money arrives as decimal strings in the shop currency. */
export function mapShopifyOrder(order: PayloadReader, integration: IntegrationSettings): OrderDraft {
  const currency =
    order.at('currency').text() ?? integration.currency ?? order.at('currency').fail('is required');
  const items = order
    .at('line_items')
    .array()
    .map((line) => ({
      lineId: line.at('id').nonEmpty(),
      externalCode:
        line.at('sku').text() ??
        line.at('variant_id').text() ??
        line.at('product_id').text() ??
        line.at('id').nonEmpty(),
      name: line.at('name').text() ?? line.at('title').nonEmpty(),
      quantity: line.at('quantity').number(),
      unitPrice: line.at('price').money(currency),
      modifiers: [],
      notes: propertiesNote(line),
    }));
  const customer = order.at('customer');
  const address = order.at('shipping_address').isMissing
    ? order.at('billing_address')
    : order.at('shipping_address');
  const deliveryFee = order
    .at('shipping_lines')
    .optArray()
    .reduce((sum, line) => sum + (line.at('price').optMoney(currency) ?? 0), 0);
  const attributes = order
    .at('note_attributes')
    .optArray()
    .map((attribute) =>
      joinNotes(attribute.at('name').text(), attribute.at('value').text())?.replace(' · ', ': '),
    );
  const financialStatus = order.at('financial_status').text() ?? 'pending';

  return finalizeDraft({
    venueId: integration.venueId,
    channel: SHOPIFY,
    externalId: order.at('id').nonEmpty(),
    displayNumber: order.at('name').text() ?? order.at('order_number').text(),
    orderType: orderTypeOf(order),
    placedAt: order.at('processed_at').optIsoTime() ?? order.at('created_at').isoTime(),
    customer: {
      name:
        personName(customer.at('first_name').text(), customer.at('last_name').text()) ||
        (address.at('name').text() ?? ''),
      phone: customer.at('phone').text() ?? address.at('phone').text() ?? order.at('phone').text(),
    },
    items,
    totals: {
      subtotal: order.at('total_line_items_price').optMoney(currency) ?? linesSubtotal(items),
      tax: order.at('total_tax').optMoney(currency) ?? 0,
      discount: order.at('total_discounts').optMoney(currency) ?? 0,
      deliveryFee,
      tip: order.at('total_tip_received').optMoney(currency) ?? 0,
      total: order.at('total_price').money(currency),
      currency,
    },
    payment: {
      status: FINANCIAL_STATUS[financialStatus] ?? PaymentStatus.PENDING,
      method: order.at('gateway').text() ?? order.at('payment_gateway_names').at(0).text(),
      payments: [],
    },
    notes: joinNotes(order.at('note').text(), ...attributes),
    source: { platform: SHOPIFY, storeRef: integration.storeRef },
  });
}

/** `orders/cancelled`: the same order resource, with `cancelled_at` and `cancel_reason` set. */
export function mapShopifyCancellation(order: PayloadReader, receivedAt: Date): PlatformStatusUpdate {
  return {
    externalId: order.at('id').nonEmpty(),
    platformStatus: 'cancelled',
    status: OrderStatus.CANCELLED,
    occurredAt: order.at('cancelled_at').optIsoTime() ?? receivedAt.toISOString(),
    reason: order.at('cancel_reason').text(),
  };
}

/** `orders/paid`: a payment change, not a status move. */
export function mapShopifyPaid(order: PayloadReader, receivedAt: Date): PlatformStatusUpdate {
  return {
    externalId: order.at('id').nonEmpty(),
    platformStatus: 'paid',
    occurredAt: order.at('updated_at').optIsoTime() ?? receivedAt.toISOString(),
  };
}
