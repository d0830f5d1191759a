import { OrderType, PaymentStatus } from '@hub/order-model';
import type { IntegrationSettings, OrderDraft } from '../core/aggregator-adapter';
import { finalizeDraft, joinNotes, linesSubtotal, personName } from '../core/draft.util';
import type { PayloadReader } from '../core/payload-reader.util';

export const UBEREATS = 'ubereats';

const ORDER_TYPES: Readonly<Record<string, OrderType>> = {
  PICK_UP: OrderType.PICKUP,
  DINE_IN: OrderType.DINE_IN,
  DELIVERY_BY_UBER: OrderType.DELIVERY,
  DELIVERY_BY_RESTAURANT: OrderType.DELIVERY,
};

/** Uber money: `{amount, currency_code, formatted_amount}`, amount in minor units. */
function amount(money: PayloadReader): number | undefined {
  return money.at('amount').optMinorUnits();
}

function cartItem(item: PayloadReader) {
  const groups = item.at('selected_modifier_groups').optArray();
  const modifiers = groups.flatMap((group) =>
    group
      .at('selected_items')
      .optArray()
      .filter((selected) => (selected.at('quantity').optNumber() ?? 1) >= 1)
      .map((selected) => ({
        externalCode: selected.at('id').text(),
        name: selected.at('title').nonEmpty(),
        quantity: selected.at('quantity').optNumber() ?? 1,
        unitPrice: amount(selected.get('price.unit_price')) ?? 0,
      })),
  );
  const removed = groups.flatMap((group) =>
    group
      .at('removed_items')
      .optArray()
      .map((entry) => entry.at('title').text()),
  );
  // unit_price includes the modifiers; the canonical line carries them separately
  const withModifiers = amount(item.get('price.unit_price'));
  const modifiersPerUnit = modifiers.reduce(
    (sum, modifier) => sum + modifier.quantity * modifier.unitPrice,
    0,
  );
  const base = amount(item.get('price.base_unit_price')) ?? 0;
  const unitPrice =
    withModifiers !== undefined && withModifiers - modifiersPerUnit >= 0
      ? withModifiers - modifiersPerUnit
      : base;
  return {
    lineId: item.at('instance_id').text() ?? item.at('id').nonEmpty(),
    externalCode: item.at('id').nonEmpty(),
    name: item.at('title').nonEmpty(),
    quantity: item.at('quantity').number(),
    unitPrice,
    modifiers,
    notes: joinNotes(
      item.at('special_instructions').text(),
      ...removed.filter((title): title is string => title !== undefined).map((title) => `no ${title}`),
    ),
  };
}

/** Get Order Details (v2) → canonical draft. `externalId` is the order id the webhook named. */
export function mapUberOrder(
  order: PayloadReader,
  externalId: string,
  integration: IntegrationSettings,
): OrderDraft {
  const charges = order.get('payment.charges');
  const currency =
    charges.get('total.currency_code').text() ??
    integration.currency ??
    charges.get('total.currency_code').fail('is required');
  const items = order
    .get('cart.items')
    .array()
    .map(cartItem)
    .filter((item) => item.quantity >= 1);
  const eater = order.at('eater');
  const phone = eater.at('phone').text();
  const phoneCode = eater.at('phone_code').text();
  const cashDue = amount(charges.at('cash_amount_due')) ?? 0;

  return finalizeDraft({
    venueId: integration.venueId,
    channel: UBEREATS,
    externalId,
    displayNumber: order.at('display_id').text(),
    orderType: ORDER_TYPES[order.at('type').text() ?? ''] ?? OrderType.DELIVERY,
    placedAt: order.at('placed_at').isoTime(),
    customer: {
      name: personName(eater.at('first_name').text(), eater.at('last_name').text()),
      // Uber's numbers are anonymised: the phone code is needed to reach the eater
      phone: phone && phoneCode ? `${phone} code ${phoneCode}` : phone,
    },
    items,
    totals: {
      subtotal: amount(charges.at('sub_total')) ?? linesSubtotal(items),
      tax: amount(charges.at('tax')) ?? 0,
      discount: amount(order.get('payment.promotions.total')) ?? 0,
      deliveryFee: amount(charges.at('delivery_fee')) ?? amount(charges.at('total_fee')) ?? 0,
      tip: amount(charges.at('tip')) ?? 0,
      total: charges.get('total.amount').minorUnits(),
      currency,
    },
    payment: {
      status: cashDue > 0 ? PaymentStatus.PENDING : PaymentStatus.PAID,
      method: cashDue > 0 ? 'cash' : 'ubereats',
      payments: [],
    },
    notes: order.get('cart.special_instructions').text(),
    source: { platform: UBEREATS, storeRef: integration.storeRef },
  });
}
