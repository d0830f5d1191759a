import { OrderType } from '@hub/order-model';
import type { DeclarativeMapping } from '../declarative/declarative-mapping';

export const REVEL = 'revel';

/**
 * How a Revel order (the `Order` resource of the Revel Open API, with its `OrderItem` lines attached
 * by the adapter as `items`) maps onto the canonical order.
 *
 * Confirmed from the published Order schema (Revel Open API, as mirrored in
 * api-evangelist/revel-systems `json-schema/revel-open-api-order-schema.json`): `id`, `uuid`,
 * `establishment`, `call_number`, `call_name`, `web_order`, `closed`, `dining_option`,
 * `pickup_time`, `created_date`, `updated_date`. NOT confirmed (the public schema lists no money
 * fields or line fields): the totals `final_total`, `subtotal`, `tax`, `discount_amount`, `tip`,
 * `delivery_fee` and the OrderItem fields `product`, `product_name_override`, `quantity`, `price`.
 * Check them against a real answer before going live; an integration's own `mapping` replaces this
 * preset as a whole. `auth` is unused (Revel is polled; nothing posts to us).
 */
export const REVEL_PRESET: DeclarativeMapping = {
  auth: { scheme: 'static-key', header: 'api-authentication' },
  storeRef: 'establishment',
  orders: 'objects',
  money: 'major',
  order: {
    externalId: 'id',
    displayNumber: 'call_number',
    orderType: {
      path: 'dining_option',
      // Revel's dining options are numbered per establishment; these are its defaults (unconfirmed)
      map: { '0': OrderType.DINE_IN, '1': OrderType.PICKUP, '2': OrderType.DELIVERY },
      default: OrderType.PICKUP,
    },
    placedAt: 'created_date',
    scheduledFor: 'pickup_time',
    customerName: 'call_name',
    notes: 'notes',
    items: {
      path: 'items',
      code: 'product',
      name: 'product_name_override',
      quantity: 'quantity',
      unitPrice: 'price',
    },
    totals: {
      subtotal: 'subtotal',
      tax: 'tax',
      discount: 'discount_amount',
      deliveryFee: 'delivery_fee',
      tip: 'tip',
      total: 'final_total',
    },
  },
};
