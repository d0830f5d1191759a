import { OrderLinesChangeV1 } from './order-change.dto';

export const ORDERS_ITEMS_ADDED_V1 = 'orders.v1.items-added';

/**
 * Lines were added to an open order (staff, or a platform's order change). Carries only the new lines
 * in `items` (their lineIds in `lineIds`, in the order given) and the order as it is after the change
 * (totals recomputed). kot-router makes an `addition` ticket with just these lines at each station
 * they route to. Aggregate: `order`.
 */
export class OrderItemsAddedV1 extends OrderLinesChangeV1 {}
