import { OrderStatus, OrderType, PaymentStatus, toMinorUnits } from '@hub/order-model';
import type { IntegrationSettings, OrderDraft } from '../core/aggregator-adapter';
import { finalizeDraft, joinNotes, linesSubtotal, personName } from '../core/draft.util';
import type { PayloadReader } from '../core/payload-reader.util';

export const GOOGLE = 'google';

/** The intent of a Submit Order request (`inputs[0].intent`). */
export const SUBMIT_ORDER_INTENT = 'actions.intent.TRANSACTION_DECISION';

type Modifier = OrderDraft['items'][number]['modifiers'][number];

/** The order of a Submit Order request: `inputs[0].arguments[0].transactionDecisionValue.order`. */
export function submittedOrder(body: PayloadReader): PayloadReader {
  return body.at('inputs').at(0).at('arguments').at(0).at('transactionDecisionValue').at('order');
}

/** Google's Money `{currencyCode, units, nanos}` (units an int64 string) → integer minor units. */
function money(price: PayloadReader, fallbackCurrency: string): { amount: number; currency: string } {
  const amount = price.at('amount');
  const currency = amount.at('currencyCode').text() ?? fallbackCurrency;
  const units = Number(amount.at('units').text() ?? '0');
  const nanos = amount.at('nanos').optNumber() ?? 0;
  if (!Number.isFinite(units)) amount.at('units').fail('is not a number');
  return { amount: toMinorUnits(units + nanos / 1e9, currency), currency };
}

function optionsOf(item: PayloadReader, currency: string): Modifier[] {
  return item
    .at('extension')
    .at('options')
    .optArray()
    .flatMap((option) => {
      const quantity = Math.max(1, option.at('quantity').optNumber() ?? 1);
      const price = option.at('price').isMissing ? 0 : money(option.at('price'), currency).amount;
      return [
        {
          externalCode: option.at('offerId').text() ?? option.at('id').text(),
          name: option.at('name').nonEmpty(),
          quantity,
          unitPrice: Math.round(price / quantity),
        },
      ];
    });
}

/**
 * A Submit Order request's order → canonical draft. A line's `price` is read as the price of the
 * whole line (its quantity; Google's example prices "Spicy Fried Chicken" × 2 once), options as
 * modifiers priced per unit of their line (not confirmed in Google's docs). `otherItems` give the delivery fee, tax, discount and tip; the
 * total is Google's `totalPrice`. The store is `cart.merchant.id`; the order id is `googleOrderId`.
 */
export function mapGoogleOrder(
  order: PayloadReader,
  integration: IntegrationSettings,
  receivedAt: Date,
): OrderDraft {
  const finalOrder = order.at('finalOrder');
  const cart = finalOrder.at('cart');
  const fallbackCurrency = integration.currency ?? 'USD';
  const currency = finalOrder.at('totalPrice').isMissing
    ? (cart.at('lineItems').at(0).at('price').at('amount').at('currencyCode').text() ?? fallbackCurrency)
    : money(finalOrder.at('totalPrice'), fallbackCurrency).currency;
  const items = cart
    .at('lineItems')
    .array()
    .map((line, index) => {
      const quantity = line.at('quantity').number();
      if (!Number.isSafeInteger(quantity) || quantity < 1)
        line.at('quantity').fail('must be a whole number of at least 1');
      const linePrice = line.at('price').isMissing ? 0 : money(line.at('price'), currency).amount;
      const code = line.at('offerId').text() ?? line.at('id').nonEmpty();
      return {
        lineId: `${index + 1}:${line.at('id').text() ?? code}`,
        externalCode: code,
        name: line.at('name').nonEmpty(),
        quantity,
        unitPrice: Math.round(linePrice / quantity),
        modifiers: optionsOf(line, currency),
        notes: joinNotes(
          ...line
            .at('notes')
            .optArray()
            .map((note) => note.text()),
        ),
      };
    });
  const other = (type: string) =>
    finalOrder
      .at('otherItems')
      .optArray()
      .filter((entry) => entry.at('type').text() === type)
      .reduce((sum, entry) => sum + Math.abs(money(entry.at('price'), currency).amount), 0);
  const subtotal = linesSubtotal(items);
  // service and other fees have no canonical field of their own: they are counted with delivery
  const deliveryFee = other('DELIVERY') + other('FEE');
  const tax = other('TAX');
  const discount = other('DISCOUNT');
  const tip = other('GRATUITY') + other('TIP');
  const total = finalOrder.at('totalPrice').isMissing
    ? subtotal + deliveryFee + tax + tip - discount
    : money(finalOrder.at('totalPrice'), currency).amount;
  const externalId = order.at('googleOrderId').text() ?? finalOrder.at('id').nonEmpty();
  const fulfillment = cart.at('extension').at('fulfillmentPreference').at('fulfillmentInfo');
  const customer = order.at('customerInfo');
  const paymentType = order.at('paymentInfo').at('paymentType').text();

  return finalizeDraft({
    venueId: integration.venueId,
    channel: GOOGLE,
    externalId,
    displayNumber: externalId.slice(-6),
    orderType: fulfillment.at('pickup').isMissing ? OrderType.DELIVERY : OrderType.PICKUP,
    placedAt: order.at('orderDate').optIsoTime() ?? receivedAt.toISOString(),
    customer: {
      name:
        customer.at('displayName').text() ??
        personName(customer.at('firstName').text(), customer.at('lastName').text()),
      phone: customer.at('phoneNumber').text(),
    },
    items,
    totals: { subtotal, tax, discount, deliveryFee, tip, total, currency },
    payment: {
      status: PaymentStatus.PENDING,
      method: paymentType === 'ON_FULFILLMENT' ? 'on_fulfillment' : (paymentType?.toLowerCase() ?? 'google'),
      payments: [],
    },
    notes: joinNotes(cart.at('notes').text()),
    source: { platform: GOOGLE, storeRef: integration.storeRef },
  });
}

/** Google's order states, as the Ordering End-to-End OrderUpdate names them. */
export const GOOGLE_ORDER_STATES: Partial<Record<OrderStatus, string>> = {
  [OrderStatus.RECEIVED]: 'CREATED',
  [OrderStatus.ACCEPTED]: 'CONFIRMED',
  [OrderStatus.REJECTED]: 'REJECTED',
  [OrderStatus.IN_PREPARATION]: 'IN_PREPARATION',
  [OrderStatus.READY]: 'READY_FOR_PICKUP',
  [OrderStatus.DISPATCHED]: 'IN_TRANSIT',
  [OrderStatus.COMPLETED]: 'FULFILLED',
  [OrderStatus.CANCELLED]: 'CANCELLED',
};
