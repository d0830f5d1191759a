import { OrderStatus } from './order-status';

export enum PaymentStatus {
  PENDING = 'pending',
  AUTHORIZED = 'authorized',
  PAID = 'paid',
  PARTIALLY_REFUNDED = 'partially_refunded',
  REFUNDED = 'refunded',
  FAILED = 'failed',
}

export interface OrderModifier {
  externalCode?: string;
  menuModifierId?: string;
  name: string;
  quantity: number;
  /** minor units, per unit of the modifier */
  unitPrice: number;
}

export interface OrderItem {
  lineId: string;
  menuItemId?: string;
  externalCode: string;
  name: string;
  quantity: number;
  /** minor units */
  unitPrice: number;
  modifiers: OrderModifier[];
  notes?: string;
  /** the kitchen station that prepares it, set by menu-mapping */
  station?: string;
}

export interface OrderTotals {
  subtotal: number;
  tax: number;
  discount: number;
  deliveryFee: number;
  tip: number;
  total: number;
  currency: string;
}

export interface OrderPaymentEntry {
  id: string;
  amount: number;
  method?: string;
  paidBy?: string;
  at: string;
}

export interface OrderPayment {
  status: PaymentStatus;
  method?: string;
  payments: OrderPaymentEntry[];
}

export interface OrderCustomer {
  /** PII: never logged */
  name: string;
  /** PII: never logged */
  phone?: string;
}

export interface OrderSource {
  platform: string;
  storeRef: string;
  rawDeliveryId: string;
}

/** How urgently the kitchen should take an order on; absent means normal. */
export enum OrderPriority {
  NORMAL = 'normal',
  RUSH = 'rush',
  VIP = 'vip',
}

export const ORDER_PRIORITIES: readonly OrderPriority[] = Object.values(OrderPriority);

/** The canonical order: one shape for every channel. Times are ISO 8601 UTC. */
export interface CanonicalOrder {
  id: string;
  venueId: string;
  channel: string;
  externalId: string;
  displayNumber: string;
  orderType: string;
  status: OrderStatus;
  placedAt: string;
  scheduledFor?: string;
  customer: OrderCustomer;
  items: OrderItem[];
  totals: OrderTotals;
  payment: OrderPayment;
  notes?: string;
  allergens?: string[];
  source: OrderSource;
  /** rush or VIP orders go first at every station; absent means normal */
  priority?: OrderPriority;
}

/** Sum of item lines (with modifiers) in minor units. */
export function lineTotal(item: Pick<OrderItem, 'quantity' | 'unitPrice' | 'modifiers'>): number {
  const modifiers = item.modifiers.reduce((sum, m) => sum + m.quantity * m.unitPrice, 0);
  return item.quantity * (item.unitPrice + modifiers);
}

export function itemsSubtotal(
  items: ReadonlyArray<Pick<OrderItem, 'quantity' | 'unitPrice' | 'modifiers'>>,
): number {
  return items.reduce((sum, item) => sum + lineTotal(item), 0);
}

/** A short code for the ticket: the platform's own short id when it has one, else the tail of the external id. */
export function deriveDisplayNumber(externalId: string): string {
  const compact = externalId.replace(/[^A-Za-z0-9]/g, '');
  return (compact.length > 6 ? compact.slice(-6) : compact).toUpperCase() || '0';
}
