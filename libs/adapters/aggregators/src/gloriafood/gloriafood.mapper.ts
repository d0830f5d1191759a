import { OrderStatus, OrderType, PaymentStatus } from '@hub/order-model';
import type { IntegrationSettings, OrderDraft, PlatformStatusUpdate } from '../core/aggregator-adapter';
import { finalizeDraft, linesSubtotal, personName } from '../core/draft.util';
import type { PayloadReader } from '../core/payload-reader.util';

export const GLORIAFOOD = 'gloriafood';

const ORDER_TYPES: Readonly<Record<string, OrderType>> = {
  delivery: OrderType.DELIVERY,
  pickup: OrderType.PICKUP,
  order_ahead: OrderType.PICKUP,
  dine_in: OrderType.DINE_IN,
  table_reservation: OrderType.DINE_IN,
};

/** Item types that discount the order by their `item_discount`. */
const PROMOTIONS = new Set(['promo_item', 'promo_cart', 'promo_cart_item']);

/**
 * One GloriaFood order → canonical draft. Prices are floats in major units: every amount goes
 * through toMinorUnits once. Items of type `item` are the lines; the other item types carry the
 * delivery fee, the tip and the promotions. Service fees have no canonical field: they are in the
 * total, which is GloriaFood's own.
 */
export function mapGloriaFoodOrder(order: PayloadReader, integration: IntegrationSettings): OrderDraft {
  const currency = order.at('currency').nonEmpty();
  const entries = order.at('items').array();
  const ofType = (type: string) => entries.filter((entry) => entry.at('type').text() === type);
  const sumOf = (type: string, field: string) =>
    ofType(type).reduce((sum, entry) => sum + (entry.at(field).optMoney(currency) ?? 0), 0);

  const items = ofType('item').map((entry) => ({
    lineId: entry.at('id').nonEmpty(),
    externalCode: entry.at('type_id').text() ?? entry.at('id').nonEmpty(),
    name: entry.at('name').nonEmpty(),
    quantity: entry.at('quantity').number(),
    unitPrice: entry.at('price').money(currency),
    modifiers: entry
      .at('options')
      .optArray()
      .filter((option) => (option.at('quantity').optNumber() ?? 1) >= 1)
      .map((option) => {
        const group = option.at('group_name').text();
        const name = option.at('name').nonEmpty();
        return {
          externalCode: option.at('type_id').text() ?? option.at('id').text(),
          name: group ? `${group}: ${name}` : name,
          quantity: option.at('quantity').optNumber() ?? 1,
          unitPrice: option.at('price').money(currency),
        };
      }),
    notes: entry.at('instructions').text(),
  }));

  const promotions = entries
    .filter((entry) => PROMOTIONS.has(entry.at('type').text() ?? ''))
    .reduce((sum, entry) => sum + (entry.at('item_discount').optMoney(currency) ?? 0), 0);
  const cashDiscount = -sumOf('cash_discount', 'total_item_price');
  const forLater = order.at('for_later').optBoolean() ?? false;
  const payment = order.at('payment').text();

  return finalizeDraft({
    venueId: integration.venueId,
    channel: GLORIAFOOD,
    externalId: order.at('id').nonEmpty(),
    displayNumber: order.at('id').nonEmpty(),
    orderType:
      ORDER_TYPES[order.at('type').text() ?? ''] ??
      order.at('type').fail('expected pickup, delivery, order_ahead, dine_in or table_reservation'),
    placedAt: order.at('accepted_at').optIsoTime() ?? order.at('updated_at').isoTime(),
    scheduledFor: forLater ? order.at('fulfill_at').optIsoTime() : undefined,
    customer: {
      name: personName(order.at('client_first_name').text(), order.at('client_last_name').text()),
      phone: order.at('client_phone').text(),
    },
    items,
    totals: {
      subtotal: linesSubtotal(items),
      tax: order.at('tax_value').optMoney(currency) ?? 0,
      discount: promotions + Math.max(0, cashDiscount),
      deliveryFee: sumOf('delivery_fee', 'total_item_price'),
      tip: sumOf('tip', 'total_item_price'),
      total: order.at('total_price').money(currency),
      currency,
    },
    payment: {
      status: payment === 'ONLINE' ? PaymentStatus.PAID : PaymentStatus.PENDING,
      method: payment?.toLowerCase(),
      payments: [],
    },
    notes: order.at('instructions').text(),
    source: { platform: GLORIAFOOD, storeRef: integration.storeRef },
  });
}

export function mapGloriaFoodStatus(
  order: PayloadReader,
  status: string,
  toCanonical: (status: string) => OrderStatus | undefined,
  receivedAt: Date,
): PlatformStatusUpdate {
  return {
    externalId: order.at('id').nonEmpty(),
    platformStatus: status,
    status: toCanonical(status),
    occurredAt: order.at('updated_at').optIsoTime() ?? receivedAt.toISOString(),
    reason: order.at('missed_reason').text(),
  };
}
