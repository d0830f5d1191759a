import { OrderStatus, OrderType, PaymentStatus } from '@hub/order-model';
import type { IntegrationSettings, OrderDraft, PlatformStatusUpdate } from '../core/aggregator-adapter';
import { finalizeDraft, linesSubtotal } from '../core/draft.util';
import type { PayloadReader } from '../core/payload-reader.util';

export const TOAST = 'toast';

type Modifier = OrderDraft['items'][number]['modifiers'][number];

const live = (entry: PayloadReader) =>
  !(entry.at('voided').optBoolean() ?? false) && !(entry.at('deleted').optBoolean() ?? false);

function orderTypeOf(order: PayloadReader): OrderType {
  if (!order.at('deliveryInfo').isMissing) return OrderType.DELIVERY;
  if (!order.at('curbsidePickupInfo').isMissing) return OrderType.CURBSIDE;
  if (!order.at('table').isMissing) return OrderType.DINE_IN;
  return OrderType.PICKUP;
}

/** Toast modifier `price` is the total for the modifier within one unit of its parent. */
function modifiersOf(selection: PayloadReader, currency: string): Modifier[] {
  return selection
    .at('modifiers')
    .optArray()
    .filter(live)
    .flatMap((modifier) => {
      const quantity = Math.max(1, Math.round(modifier.at('quantity').optNumber() ?? 1));
      return [
        {
          externalCode: modifier.get('item.guid').text(),
          name: modifier.at('displayName').nonEmpty(),
          quantity,
          unitPrice: Math.round((modifier.at('price').optMoney(currency) ?? 0) / quantity),
        },
        ...modifiersOf(modifier, currency),
      ];
    });
}

/**
 * A Toast Order (prices in major units, as floats) → canonical draft. Voided checks and selections
 * are left out. Toast's webhook carries no guest PII, so the customer is unnamed unless a check
 * names one. `total` is the sum of the checks' `totalAmount`, which excludes tips.
 */
export function mapToastOrder(order: PayloadReader, integration: IntegrationSettings): OrderDraft {
  const currency = integration.currency ?? 'USD';
  const checks = order.at('checks').array().filter(live);
  const items = checks.flatMap((check) =>
    check
      .at('selections')
      .optArray()
      .filter(live)
      .map((selection) => {
        const quantity = selection.at('quantity').number();
        const modifiers = modifiersOf(selection, currency);
        const perUnitModifiers = modifiers.reduce(
          (sum, modifier) => sum + modifier.quantity * modifier.unitPrice,
          0,
        );
        const receiptLine = selection.at('receiptLinePrice').optMoney(currency);
        const preDiscount = selection.at('preDiscountPrice').optMoney(currency);
        return {
          lineId: selection.at('guid').nonEmpty(),
          externalCode: selection.get('item.guid').text() ?? selection.at('guid').nonEmpty(),
          name: selection.at('displayName').nonEmpty(),
          quantity,
          unitPrice:
            receiptLine ??
            Math.max(0, Math.round((preDiscount ?? 0) / Math.max(1, quantity)) - perUnitModifiers),
          modifiers,
          notes: selection.at('specialRequest').text(),
        };
      }),
  );
  const sum = (read: (check: PayloadReader) => number) =>
    checks.reduce((total, check) => total + read(check), 0);
  const payments = checks.flatMap((check) => check.at('payments').optArray());
  const customer = checks[0]?.at('customer');

  return finalizeDraft({
    venueId: integration.venueId,
    channel: TOAST,
    externalId: order.at('guid').nonEmpty(),
    displayNumber: order.at('displayNumber').text() ?? checks[0]?.at('displayNumber').text(),
    orderType: orderTypeOf(order),
    placedAt: order.at('createdDate').optIsoTime() ?? order.at('openedDate').isoTime(),
    scheduledFor: order.at('promisedDate').optIsoTime(),
    customer: {
      name: [customer?.at('firstName').text(), customer?.at('lastName').text()].filter(Boolean).join(' '),
      phone: customer?.at('phone').text(),
    },
    items,
    totals: {
      subtotal: linesSubtotal(items),
      tax: sum((check) => check.at('taxAmount').optMoney(currency) ?? 0),
      discount: sum((check) =>
        check
          .at('appliedDiscounts')
          .optArray()
          .reduce((total, discount) => total + (discount.at('discountAmount').optMoney(currency) ?? 0), 0),
      ),
      deliveryFee: 0,
      tip: payments.reduce((total, payment) => total + (payment.at('tipAmount').optMoney(currency) ?? 0), 0),
      total: sum((check) => check.at('totalAmount').money(currency)),
      currency,
    },
    payment: {
      status: checks.every(
        (check) =>
          check.at('paymentStatus').text() === 'PAID' || check.at('paymentStatus').text() === 'CLOSED',
      )
        ? PaymentStatus.PAID
        : PaymentStatus.PENDING,
      method: payments[0]?.at('type').text()?.toLowerCase(),
      payments: payments.map((payment) => ({
        id: payment.at('guid').nonEmpty(),
        amount: payment.at('amount').money(currency),
        method: payment.at('type').text()?.toLowerCase(),
        at: payment.at('paidDate').optIsoTime() ?? order.at('createdDate').isoTime(),
      })),
    },
    source: { platform: TOAST, storeRef: integration.storeRef },
  });
}

export function mapToastVoid(order: PayloadReader, occurredAt: string): PlatformStatusUpdate {
  return {
    externalId: order.at('guid').nonEmpty(),
    platformStatus: 'VOIDED',
    status: OrderStatus.CANCELLED,
    occurredAt: order.at('voidDate').optIsoTime() ?? occurredAt,
  };
}
