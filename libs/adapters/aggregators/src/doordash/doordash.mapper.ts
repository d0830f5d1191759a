import { OrderStatus, OrderType, PaymentStatus } from '@hub/order-model';
import type { IntegrationSettings, OrderDraft, PlatformStatusUpdate } from '../core/aggregator-adapter';
import { finalizeDraft, joinNotes, personName } from '../core/draft.util';
import type { PayloadReader } from '../core/payload-reader.util';

export const DOORDASH = 'doordash';

type Modifier = OrderDraft['items'][number]['modifiers'][number];

/** `extras[].options[]`, and their own nested extras, flattened into modifiers (amounts in cents). */
function optionsOf(options: PayloadReader[]): Modifier[] {
  return options.flatMap((option) => [
    {
      externalCode: option.at('merchant_supplied_id').text(),
      name: option.at('name').nonEmpty(),
      quantity: Math.max(1, option.at('quantity').optNumber() ?? 1),
      unitPrice: option.at('price').optMinorUnits() ?? 0,
    },
    ...extrasOf(option),
  ]);
}

function extrasOf(entry: PayloadReader): Modifier[] {
  // the docs' samples spell the nested list both `extras` and `extra`
  const extras = [...entry.at('extras').optArray(), ...entry.at('extra').optArray()];
  return extras.flatMap((extra) => optionsOf(extra.at('options').optArray()));
}

/**
 * A DoorDash order → canonical draft. Amounts are integer cents. DoorDash states no grand total:
 * the total is the sum of what it does state (subtotal, tax, fees, taxes on fees, tip). It sends no
 * creation time either, so `placedAt` is when the delivery reached us.
 */
export function mapDoorDashOrder(
  order: PayloadReader,
  integration: IntegrationSettings,
  receivedAt: Date,
): OrderDraft {
  const currency = integration.currency ?? 'USD';
  const items = order
    .at('categories')
    .array()
    .flatMap((category) => category.at('items').optArray())
    .map((item, index) => ({
      lineId: `${index + 1}:${item.at('merchant_supplied_id').text() ?? item.at('name').nonEmpty()}`,
      externalCode: item.at('merchant_supplied_id').text() ?? item.at('name').nonEmpty(),
      name: item.at('name').nonEmpty(),
      // the published self-delivery sample has an entry with options but no quantity or price
      quantity: item.at('quantity').optNumber() ?? 1,
      unitPrice: item.at('price').optMinorUnits() ?? 0,
      modifiers: [...extrasOf(item), ...optionsOf(item.at('options').optArray())],
      notes: item.at('special_instructions').text(),
    }));
  const consumer = order.at('consumer');
  const cents = (field: string) => order.at(field).optMinorUnits() ?? 0;
  const fees = cents('delivery_fee') + cents('taxes_on_fees') + cents('extra_cart_order_fee');

  return finalizeDraft({
    venueId: integration.venueId,
    channel: DOORDASH,
    externalId: order.at('id').nonEmpty(),
    displayNumber: order.at('delivery_short_code').text(),
    orderType: order.at('is_pickup').optBoolean() ? OrderType.PICKUP : OrderType.DELIVERY,
    placedAt: receivedAt.toISOString(),
    customer: {
      name: personName(consumer.at('first_name').text(), consumer.at('last_name').text()),
      phone: consumer.at('phone').text(),
    },
    items,
    totals: {
      subtotal: cents('subtotal'),
      tax: cents('tax'),
      discount: 0,
      deliveryFee: fees,
      tip: cents('tip_amount') + cents('merchant_tip_amount'),
      total: cents('subtotal') + cents('tax') + fees + cents('tip_amount') + cents('merchant_tip_amount'),
      currency,
    },
    payment: { status: PaymentStatus.PAID, method: 'doordash', payments: [] },
    notes: joinNotes(order.at('order_special_instructions').text()),
    source: { platform: DOORDASH, storeRef: integration.storeRef },
  });
}

export function mapDoorDashCancellation(order: PayloadReader, receivedAt: Date): PlatformStatusUpdate {
  return {
    externalId: order.at('id').nonEmpty(),
    platformStatus: 'cancelled',
    status: OrderStatus.CANCELLED,
    occurredAt: receivedAt.toISOString(),
    reason: order.at('cancel_reason').text(),
  };
}
