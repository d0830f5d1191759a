import { OrderStatus } from '@hub/order-model';

/**
 * Where each status sits in an order's life. Every allowed move goes up this rank (see the state
 * machine in @hub/order-model), so it orders one order's callbacks: a callback is sent only when no
 * earlier-ranked callback of the same order and target is still undelivered.
 */
export const STATUS_RANK: Readonly<Record<OrderStatus, number>> = {
  [OrderStatus.RECEIVED]: 0,
  [OrderStatus.ACCEPTED]: 1,
  [OrderStatus.IN_PREPARATION]: 2,
  [OrderStatus.READY]: 3,
  [OrderStatus.DISPATCHED]: 4,
  [OrderStatus.COMPLETED]: 5,
  [OrderStatus.REJECTED]: 6,
  [OrderStatus.CANCELLED]: 7,
  [OrderStatus.REFUNDED]: 8,
};

/**
 * An order's callbacks are ordered by `seq` within the order and target: a status's is its rank × this
 * scale, a prep-time update's is the rank of the order's status then plus the update's time in ms
 * (< 10^13 until the year 2286), so it goes after the status it was made in and before the next one.
 */
export const SEQ_SCALE = 10_000_000_000_000;

export function statusSeq(status: OrderStatus): number {
  return STATUS_RANK[status] * SEQ_SCALE;
}

export function prepTimeSeq(current: OrderStatus, at: string): number {
  return STATUS_RANK[current] * SEQ_SCALE + (Date.parse(at) % SEQ_SCALE);
}

/** A new ready time means nothing once the order is ready, gone, or over: these statuses supersede pending prep-time updates. */
export function supersedesPrepTime(status: OrderStatus): boolean {
  return [
    OrderStatus.READY,
    OrderStatus.DISPATCHED,
    OrderStatus.COMPLETED,
    OrderStatus.REJECTED,
    OrderStatus.CANCELLED,
    OrderStatus.REFUNDED,
  ].includes(status);
}

const PROGRESS = [
  OrderStatus.ACCEPTED,
  OrderStatus.IN_PREPARATION,
  OrderStatus.READY,
  OrderStatus.DISPATCHED,
];

/**
 * The earlier statuses a new one makes meaningless while they are still undelivered: a rejection or
 * cancellation supersedes every progress report (telling a platform "accepted" after "cancelled" is
 * noise, or worse); a later kitchen stage supersedes "in preparation", and a dispatch supersedes "ready". A
 * completion does not supersede "ready" (for Shopify a pickup is fulfilled on ready, then closed), and
 * an acceptance is never superseded by progress: platforms need it first.
 */
export function supersededBy(status: OrderStatus): OrderStatus[] {
  switch (status) {
    case OrderStatus.REJECTED:
    case OrderStatus.CANCELLED:
      return PROGRESS;
    case OrderStatus.READY:
      return [OrderStatus.IN_PREPARATION];
    case OrderStatus.DISPATCHED:
      return [OrderStatus.IN_PREPARATION, OrderStatus.READY];
    case OrderStatus.COMPLETED:
      return [OrderStatus.IN_PREPARATION];
    case OrderStatus.RECEIVED:
    case OrderStatus.ACCEPTED:
    case OrderStatus.IN_PREPARATION:
    case OrderStatus.REFUNDED:
      return [];
  }
}

/** Customer notifications: what the brand's webhook hears, by status. */
export const NOTIFICATION_EVENTS: Partial<Readonly<Record<OrderStatus, string>>> = {
  [OrderStatus.ACCEPTED]: 'order.confirmed',
  [OrderStatus.IN_PREPARATION]: 'order.preparing',
  [OrderStatus.READY]: 'order.ready',
  [OrderStatus.DISPATCHED]: 'order.out_for_delivery',
  [OrderStatus.CANCELLED]: 'order.cancelled',
  [OrderStatus.REFUNDED]: 'order.refunded',
};

/** Exponential backoff with full jitter: uniform in [0, min(max, base * 2^(attempt - 1))]. */
export function backoffDelayMs(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.floor(random() * ceiling);
}

/**
 * HTTP answers that will never succeed however often they are repeated: the platform refused the
 * request itself. 401/403 are not among them (credentials get rotated and re-saved), nor 404/409 on
 * a first try of a just-created order, nor 408/425/429 and 5xx.
 */
export function isPermanentFailure(httpStatus: number | undefined): boolean {
  return httpStatus !== undefined && [400, 405, 410, 413, 415, 422].includes(httpStatus);
}
