import { OrderStatus, OrderType, PaymentStatus } from '@hub/order-model';
import type { IntegrationSettings, OrderDraft, PlatformStatusUpdate } from '../core/aggregator-adapter';
import { finalizeDraft, linesSubtotal, personName } from '../core/draft.util';
import type { PayloadReader } from '../core/payload-reader.util';

export const OLO = 'olo';

const DELIVERY_MODES: Readonly<Record<string, OrderType>> = {
  pickup: OrderType.PICKUP,
  counter: OrderType.PICKUP,
  curbside: OrderType.CURBSIDE,
  delivery: OrderType.DELIVERY,
  dispatch: OrderType.DELIVERY,
  dinein: OrderType.DINE_IN,
  drivethru: OrderType.PICKUP,
};

/** An Olo order event (crafted shape, see SOURCES.md) → canonical draft. Money in major units. */
export function mapOloOrder(event: PayloadReader, integration: IntegrationSettings): OrderDraft {
  const currency =
    event.at('currencyCode').text() ?? integration.currency ?? event.at('currencyCode').fail('is required');
  const items = event
    .at('items')
    .array()
    .map((item) => ({
      lineId: item.at('itemId').text() ?? item.at('productId').nonEmpty(),
      externalCode: item.at('productId').nonEmpty(),
      name: item.at('productName').nonEmpty(),
      quantity: item.at('quantity').number(),
      unitPrice: item.at('unitCost').money(currency),
      modifiers: item
        .at('modifiers')
        .optArray()
        .map((modifier) => ({
          externalCode: modifier.at('modifierId').text(),
          name: modifier.at('modifierName').nonEmpty(),
          quantity: Math.max(1, modifier.at('quantity').optNumber() ?? 1),
          unitPrice: modifier.at('cost').optMoney(currency) ?? 0,
        })),
      notes: item.at('specialInstructions').text(),
    }));
  const totals = event.at('totals');
  const customer = event.at('customer');
  const mode = (event.at('deliveryMode').text() ?? '').toLowerCase();

  return finalizeDraft({
    venueId: integration.venueId,
    channel: OLO,
    externalId: event.at('orderId').nonEmpty(),
    orderType: DELIVERY_MODES[mode] ?? OrderType.PICKUP,
    placedAt: event.at('timePlaced').isoTime(),
    scheduledFor: event.at('timeWanted').optIsoTime(),
    customer: {
      name: personName(customer.at('firstName').text(), customer.at('lastName').text()),
      phone: customer.at('phoneNumber').text(),
    },
    items,
    totals: {
      subtotal: totals.at('subTotal').optMoney(currency) ?? linesSubtotal(items),
      tax: totals.at('salesTax').optMoney(currency) ?? 0,
      discount: totals.at('discount').optMoney(currency) ?? 0,
      deliveryFee: totals.at('deliveryFee').optMoney(currency) ?? 0,
      tip: totals.at('tip').optMoney(currency) ?? 0,
      total: totals.at('total').money(currency),
      currency,
    },
    payment: { status: PaymentStatus.PAID, method: 'olo', payments: [] },
    source: { platform: OLO, storeRef: integration.storeRef },
  });
}

export function mapOloCancellation(event: PayloadReader, receivedAt: Date): PlatformStatusUpdate {
  return {
    externalId: event.at('orderId').nonEmpty(),
    platformStatus: event.at('eventType').nonEmpty(),
    status: OrderStatus.CANCELLED,
    occurredAt: event.at('timeCancelled').optIsoTime() ?? receivedAt.toISOString(),
    reason: event.at('reason').text(),
  };
}
