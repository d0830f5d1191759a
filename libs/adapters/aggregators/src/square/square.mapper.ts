import { deriveDisplayNumber, OrderType, PaymentStatus } from '@hub/order-model';
import type { IntegrationSettings, OrderDraft } from '../core/aggregator-adapter';
import { finalizeDraft, joinNotes, linesSubtotal } from '../core/draft.util';
import type { PayloadReader } from '../core/payload-reader.util';

export const SQUARE = 'square';

const FULFILLMENT_TYPES: Readonly<Record<string, OrderType>> = {
  PICKUP: OrderType.PICKUP,
  DELIVERY: OrderType.DELIVERY,
  SHIPMENT: OrderType.DELIVERY,
  DINE_IN: OrderType.DINE_IN,
  CURBSIDE_PICKUP: OrderType.CURBSIDE,
};

/** Square Money: `{amount, currency}`, amount already in the smallest unit. */
function amount(money: PayloadReader): number | undefined {
  return money.at('amount').optMinorUnits();
}

function lineOf(line: PayloadReader) {
  const quantityText = line.at('quantity').nonEmpty();
  const quantity = Number(quantityText);
  if (!Number.isFinite(quantity) || quantity <= 0)
    line.at('quantity').fail(`expected a positive quantity, got "${quantityText}"`);
  const name = joinNotes(line.at('name').text(), line.at('variation_name').text())?.replace(' · ', ' – ');
  const base = amount(line.at('base_price_money')) ?? 0;
  const modifiers = line
    .at('modifiers')
    .optArray()
    .map((modifier) => ({
      externalCode: modifier.at('catalog_object_id').text() ?? modifier.at('uid').text(),
      name: modifier.at('name').text() ?? 'modifier',
      quantity: Math.max(1, Math.round(modifier.at('quantity').optNumber() ?? 1)),
      unitPrice: amount(modifier.at('base_price_money')) ?? 0,
    }));
  // Square sells by weight too ("1.5"): the canonical order counts whole units, so a fractional
  // quantity becomes one unit at the line's gross price, with the quantity kept in the notes.
  const whole = Number.isInteger(quantity);
  return {
    lineId: line.at('uid').text() ?? line.at('catalog_object_id').nonEmpty(),
    externalCode: line.at('catalog_object_id').text() ?? line.at('uid').nonEmpty(),
    name: name ?? 'item',
    quantity: whole ? quantity : 1,
    unitPrice: whole ? base : (amount(line.at('gross_sales_money')) ?? Math.round(base * quantity)),
    modifiers: whole ? modifiers : [],
    notes: joinNotes(line.at('note').text(), whole ? undefined : `quantity ${quantityText}`),
  };
}

/**
 * A RetrieveOrder answer (`{order: {...}}`) → canonical draft. `externalId` is the id the event
 * named: the order the event is about, even where Square's published samples show another id in
 * the answer.
 */
export function mapSquareOrder(
  answer: PayloadReader,
  externalId: string,
  integration: IntegrationSettings,
): OrderDraft {
  const order = answer.at('order').object();
  const total = order.at('total_money');
  const currency =
    total.at('currency').text() ?? integration.currency ?? total.at('currency').fail('is required');
  const items = order.at('line_items').array().map(lineOf);
  const fulfillment = order.at('fulfillments').at(0);
  const details = fulfillment.at('pickup_details').isMissing
    ? fulfillment.at('delivery_details')
    : fulfillment.at('pickup_details');
  const recipient = details.at('recipient');
  const scheduled = details.at('schedule_type').text() === 'SCHEDULED';
  const tenders = order.at('tenders').optArray();

  return finalizeDraft({
    venueId: integration.venueId,
    channel: SQUARE,
    externalId,
    displayNumber: order.at('ticket_name').text() ?? deriveDisplayNumber(externalId),
    orderType: FULFILLMENT_TYPES[fulfillment.at('type').text() ?? ''] ?? OrderType.PICKUP,
    placedAt: order.at('created_at').isoTime(),
    scheduledFor: scheduled
      ? (details.at('pickup_at').optIsoTime() ?? details.at('deliver_at').optIsoTime())
      : undefined,
    customer: {
      name: recipient.at('display_name').text() ?? '',
      phone: recipient.at('phone_number').text(),
    },
    items,
    totals: {
      subtotal: items.length > 0 ? linesSubtotal(items) : 0,
      tax: amount(order.at('total_tax_money')) ?? 0,
      discount: amount(order.at('total_discount_money')) ?? 0,
      deliveryFee: 0,
      tip: amount(order.at('total_tip_money')) ?? 0,
      total: total.at('amount').minorUnits(),
      currency,
    },
    payment: {
      status: tenders.length > 0 ? PaymentStatus.PAID : PaymentStatus.PENDING,
      method: tenders[0]?.at('type').text()?.toLowerCase(),
      payments: tenders.map((tender) => ({
        id: tender.at('id').nonEmpty(),
        amount: amount(tender.at('amount_money')) ?? 0,
        method: tender.at('type').text()?.toLowerCase(),
        at: tender.at('created_at').optIsoTime() ?? order.at('created_at').isoTime(),
      })),
    },
    notes: joinNotes(details.at('note').text()),
    source: { platform: SQUARE, storeRef: integration.storeRef },
  });
}
