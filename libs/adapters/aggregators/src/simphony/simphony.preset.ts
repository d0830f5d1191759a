import { OrderType } from '@hub/order-model';
import type { DeclarativeMapping } from '../declarative/declarative-mapping';

export const SIMPHONY = 'simphony';

/**
 * How an Oracle MICROS Simphony check (STS Gen2 Checks API, `GET /api/v1/checks`) maps onto the
 * canonical order.
 *
 * Confirmed from public material: a check has a `header` with `checkRef`, `checkNumber`, `status`,
 * `openTime`, `orgShortName`, `locRef`, `rvcRef`, `orderTypeRef`; lines are `menuItems` with
 * `menuItemId`, `name`, `quantity` (Oracle's STS Gen2 Checks API reference lists the operations;
 * the field names appear in public STS Gen2 client code). NOT confirmed: where the list answer puts
 * the checks (`checks`; public clients also accept a bare array, and so does this adapter; an
 * answer under `items` needs a mapping with `orders: "items"`), the line price `unitPrice`, and the
 * totals `totals.subtotal`, `totals.taxTotal`, `totals.discountTotal`, `totals.tipTotal`,
 * `totals.totalDue`. Check them against a real answer;
 * an integration's own `mapping` replaces this preset as a whole. `auth` is unused (polled).
 */
export const SIMPHONY_PRESET: DeclarativeMapping = {
  auth: { scheme: 'static-key', header: 'authorization', prefix: 'Bearer ' },
  storeRef: 'header.locRef',
  orders: 'checks',
  money: 'major',
  order: {
    externalId: 'header.checkRef',
    displayNumber: 'header.checkNumber',
    orderType: {
      path: 'header.orderTypeRef',
      // order types are numbered per enterprise in EMC; 1 = dine in is the usual first entry (unconfirmed)
      map: { '1': OrderType.DINE_IN, '2': OrderType.PICKUP, '3': OrderType.DELIVERY },
      default: OrderType.DINE_IN,
    },
    placedAt: 'header.openTime',
    customerName: 'header.checkName',
    notes: 'header.checkNotes',
    items: {
      path: 'menuItems',
      code: 'menuItemId',
      name: 'name',
      quantity: 'quantity',
      unitPrice: 'unitPrice',
    },
    totals: {
      subtotal: 'totals.subtotal',
      tax: 'totals.taxTotal',
      discount: 'totals.discountTotal',
      tip: 'totals.tipTotal',
      total: 'totals.totalDue',
    },
  },
};
