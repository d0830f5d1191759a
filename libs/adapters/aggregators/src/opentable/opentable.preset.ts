import { OrderType } from '@hub/order-model';
import type { DeclarativeMapping } from '../declarative/declarative-mapping';

export const OPENTABLE = 'opentable';

/**
 * OpenTable: its APIs are partner-only (docs.opentable.com needs a partner account) and we found no
 * published order payload. Every path below is crafted (an order with an id, a confirmation number,
 * `items` with `price` objects in minor units and `totals`), so that the adapter works end to end
 * and a partner with the real documentation replaces it with the integration's own `mapping`
 * (validated when saved). `auth` is unused (polled).
 */
export const OPENTABLE_PRESET: DeclarativeMapping = {
  auth: { scheme: 'static-key', header: 'authorization', prefix: 'Bearer ' },
  storeRef: 'rid',
  orders: 'items',
  money: 'minor',
  currency: { path: 'currency' },
  order: {
    externalId: 'id',
    displayNumber: 'confirmation_number',
    orderType: {
      path: 'fulfillment_type',
      map: { pickup: OrderType.PICKUP, delivery: OrderType.DELIVERY, dine_in: OrderType.DINE_IN },
      default: OrderType.PICKUP,
    },
    placedAt: 'created_at',
    scheduledFor: 'ready_at',
    customerName: ['guest.first_name', 'guest.last_name'],
    customerPhone: 'guest.phone',
    notes: 'notes',
    items: {
      path: 'line_items',
      code: 'menu_item_id',
      name: 'name',
      quantity: 'quantity',
      unitPrice: 'price',
      notes: 'special_instructions',
      modifiers: { path: 'modifiers', code: 'id', name: 'name', quantity: 'quantity', price: 'price' },
    },
    totals: {
      subtotal: 'totals.subtotal',
      tax: 'totals.tax',
      discount: 'totals.discount',
      deliveryFee: 'totals.delivery_fee',
      tip: 'totals.tip',
      total: 'totals.total',
    },
  },
};
