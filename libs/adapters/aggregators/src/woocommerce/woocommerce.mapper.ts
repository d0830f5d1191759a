import { OrderStatus, OrderType, PaymentStatus } from '@hub/order-model';
import type { IntegrationSettings, OrderDraft, PlatformStatusUpdate } from '../core/aggregator-adapter';
import { finalizeDraft, joinNotes, personName } from '../core/draft.util';
import type { PayloadReader } from '../core/payload-reader.util';

export const WOOCOMMERCE = 'woocommerce';

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  times: '×',
  hellip: '…',
};

/** WooCommerce sends product names HTML-escaped ("Ship Your Idea &ndash; Color: Black"). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code =
        entity[1] === 'x' || entity[1] === 'X'
          ? parseInt(entity.slice(2), 16)
          : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

function orderTypeOf(order: PayloadReader): OrderType {
  const methods = order
    .at('shipping_lines')
    .optArray()
    .map((line) => line.at('method_id').text() ?? '');
  if (methods.some((method) => method.startsWith('local_pickup') || method.startsWith('pickup_location'))) {
    return OrderType.PICKUP;
  }
  return methods.length > 0 ? OrderType.DELIVERY : OrderType.PICKUP;
}

function paymentStatusOf(order: PayloadReader): PaymentStatus {
  const status = order.at('status').text();
  if (status === 'refunded') return PaymentStatus.REFUNDED;
  if (status === 'failed') return PaymentStatus.FAILED;
  return (order.at('date_paid_gmt').text() ?? order.at('date_paid').text())
    ? PaymentStatus.PAID
    : PaymentStatus.PENDING;
}

/** Visible line meta (variation attributes, add-on choices); keys starting with `_` are internal. */
function metaNote(line: PayloadReader): string | undefined {
  const pairs = line
    .at('meta_data')
    .optArray()
    .map(
      (meta) =>
        [
          meta.at('display_key').text() ?? meta.at('key').text(),
          meta.at('display_value').text() ?? meta.at('value').text(),
        ] as const,
    )
    .filter(([key, value]) => key !== undefined && !key.startsWith('_') && value !== undefined)
    .map(([key, value]) => `${key}: ${decodeEntities(value ?? '')}`);
  return joinNotes(...pairs);
}

/** REST v3 order → canonical draft. Money arrives as decimal strings; dates as local and `_gmt` twins. */
export function mapWooOrder(order: PayloadReader, integration: IntegrationSettings): OrderDraft {
  const currency = order.at('currency').nonEmpty();
  const items = order
    .at('line_items')
    .array()
    .map((line) => {
      const quantity = line.at('quantity').number();
      const lineSubtotal = line.at('subtotal').optMoney(currency);
      const variation = line.at('variation_id').optNumber();
      return {
        lineId: line.at('id').nonEmpty(),
        externalCode:
          line.at('sku').text() ??
          (variation ? String(variation) : undefined) ??
          line.at('product_id').text() ??
          line.at('id').nonEmpty(),
        name: decodeEntities(line.at('name').nonEmpty()),
        quantity,
        // the price before discounts; `price` is after them
        unitPrice:
          lineSubtotal !== undefined && quantity > 0
            ? Math.round(lineSubtotal / quantity)
            : line.at('price').money(currency),
        modifiers: [],
        notes: metaNote(line),
      };
    });
  const subtotal = order
    .at('line_items')
    .array()
    .reduce((sum, line) => sum + (line.at('subtotal').optMoney(currency) ?? 0), 0);
  const tip = order
    .at('fee_lines')
    .optArray()
    .filter((fee) => /\btip\b|gratuity/i.test(fee.at('name').text() ?? ''))
    .reduce((sum, fee) => sum + (fee.at('total').optMoney(currency) ?? 0), 0);
  const billing = order.at('billing');

  return finalizeDraft({
    venueId: integration.venueId,
    channel: WOOCOMMERCE,
    externalId: order.at('id').nonEmpty(),
    displayNumber: order.at('number').text(),
    orderType: orderTypeOf(order),
    placedAt: order.at('date_created_gmt').optIsoTime() ?? order.at('date_created').isoTime(),
    customer: {
      name: personName(billing.at('first_name').text(), billing.at('last_name').text()),
      phone: billing.at('phone').text(),
    },
    items,
    totals: {
      subtotal,
      tax: order.at('total_tax').optMoney(currency) ?? 0,
      discount: order.at('discount_total').optMoney(currency) ?? 0,
      deliveryFee: order.at('shipping_total').optMoney(currency) ?? 0,
      tip,
      total: order.at('total').money(currency),
      currency,
    },
    payment: {
      status: paymentStatusOf(order),
      method: order.at('payment_method_title').text() ?? order.at('payment_method').text(),
      payments: [],
    },
    notes: order.at('customer_note').text(),
    source: { platform: WOOCOMMERCE, storeRef: integration.storeRef },
  });
}

/** `order.updated`: the order as it is now; its `status` is what changed, as far as we care. */
export function mapWooStatusUpdate(
  order: PayloadReader,
  toCanonical: (status: string) => OrderStatus | undefined,
  receivedAt: Date,
): PlatformStatusUpdate {
  const platformStatus = order.at('status').nonEmpty();
  return {
    externalId: order.at('id').nonEmpty(),
    platformStatus,
    status: toCanonical(platformStatus),
    occurredAt:
      order.at('date_modified_gmt').optIsoTime() ??
      order.at('date_modified').optIsoTime() ??
      receivedAt.toISOString(),
  };
}
