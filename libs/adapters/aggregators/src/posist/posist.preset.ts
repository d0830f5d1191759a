import { OrderType } from '@hub/order-model';
import type { DeclarativeMapping } from '../declarative/declarative-mapping';

export const POSIST = 'posist';

/**
 * POSist (Restroworks): its order API is partner-only and NOT public; we found no published order
 * payload. Every path below is crafted (a plausible POS order shape with an `_id`, a bill number,
 * `items` and `charges`), so that the adapter works end to end and a partner with the real
 * documentation replaces it with the integration's own `mapping` (validated when saved).
 * `auth` is unused (polled).
 */
export const POSIST_PRESET: DeclarativeMapping = {
  auth: { scheme: 'static-key', header: 'x-api-key' },
  storeRef: 'customerKey',
  orders: 'orders',
  money: 'major',
  currency: { path: 'currency' },
  order: {
    externalId: '_id',
    displayNumber: 'billNumber',
    orderType: {
      path: 'tabType',
      map: { delivery: OrderType.DELIVERY, takeaway: OrderType.PICKUP, table: OrderType.DINE_IN },
      default: OrderType.DINE_IN,
    },
    placedAt: 'created',
    customerName: ['customer.firstname', 'customer.lastname'],
    customerPhone: 'customer.mobile',
    notes: 'notes',
    items: {
      path: 'items',
      code: 'code',
      name: 'name',
      quantity: 'quantity',
      unitPrice: 'rate',
      notes: 'comment',
      modifiers: { path: 'addOns', code: 'code', name: 'name', quantity: 'quantity', price: 'rate' },
    },
    totals: {
      subtotal: 'charges.subtotal',
      tax: 'charges.tax',
      discount: 'charges.discount',
      deliveryFee: 'charges.delivery',
      tip: 'charges.tip',
      total: 'charges.total',
    },
  },
};
