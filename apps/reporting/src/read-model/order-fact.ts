import type { CanonicalOrderDto, PaymentPositionDto } from '@hub/contracts';
import { itemsSubtotal, OrderItem, OrderStatus } from '@hub/order-model';
import { localHourBucket } from './local-time.util';

/** What the reports know of one order (a row of `order_facts`). Times are UTC instants. */
export interface OrderFact {
  orderId: string;
  venueId: string;
  channel: string | null;
  orderType: string | null;
  displayNumber: string | null;
  currency: string | null;
  status: string | null;
  statusAt: Date | null;
  placedAt: Date | null;
  scheduledFor: Date | null;
  /** scheduledFor, else placedAt + the default preparation time */
  promisedAt: Date | null;
  acceptedAt: Date | null;
  /** the first of: the move to in_preparation, the first ticket a station took on */
  startedAt: Date | null;
  readyAt: Date | null;
  dispatchedAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
  rejectedAt: Date | null;
  refundedAt: Date | null;
  /** minor units */
  total: number | null;
  /** quantities of every line */
  items: number;
  lines: number;
  /** kitchen tickets fired (new and addition) and void tickets, from kot.v1.ticket-routed */
  tickets: number;
  voids: number;
  /** lines voided (orders.v1.items-voided) and their value before tax, minor units */
  voidedLines: number;
  voidedAmount: number;
  /** minor units, from the last orders.v1.payment-changed */
  paid: number;
  refunded: number;
  paymentStatus: string | null;
  paymentAt: Date | null;
  /** readyAt − acceptedAt */
  prepSeconds: number | null;
  /** the handoff (dispatchedAt, else readyAt) − promisedAt; positive when late */
  delaySeconds: number | null;
  delayed: boolean;
  /** the venue-local hour of placedAt this order is counted in */
  bucketStart: Date | null;
  localHour: number | null;
  localDow: number | null;
}

export interface ProjectionSettings {
  /** promised time = placedAt + this, for orders without scheduledFor */
  defaultPrepMinutes: number;
}

export function emptyOrderFact(orderId: string, venueId: string): OrderFact {
  return {
    orderId,
    venueId,
    channel: null,
    orderType: null,
    displayNumber: null,
    currency: null,
    status: null,
    statusAt: null,
    placedAt: null,
    scheduledFor: null,
    promisedAt: null,
    acceptedAt: null,
    startedAt: null,
    readyAt: null,
    dispatchedAt: null,
    completedAt: null,
    cancelledAt: null,
    rejectedAt: null,
    refundedAt: null,
    total: null,
    items: 0,
    lines: 0,
    tickets: 0,
    voids: 0,
    voidedLines: 0,
    voidedAmount: 0,
    paid: 0,
    refunded: 0,
    paymentStatus: null,
    paymentAt: null,
    prepSeconds: null,
    delaySeconds: null,
    delayed: false,
    bucketStart: null,
    localHour: null,
    localDow: null,
  };
}

/** The earlier of two instants, ignoring nulls: a time is the first time it happened. */
function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() <= b.getTime() ? a : b;
}

/** The order's own fields, as every event that carries the order states them. */
export function withOrder(fact: OrderFact, order: CanonicalOrderDto): OrderFact {
  return {
    ...fact,
    channel: order.channel,
    orderType: order.orderType,
    displayNumber: order.displayNumber ?? fact.displayNumber,
    currency: order.totals.currency,
    placedAt: new Date(order.placedAt),
    scheduledFor: order.scheduledFor ? new Date(order.scheduledFor) : null,
    total: order.totals.total,
    items: order.items.reduce((sum, item) => sum + item.quantity, 0),
    lines: order.items.length,
    // the status a created order starts in, unless a move is known already
    ...(fact.status === null ? { status: order.status } : {}),
  };
}

const STATUS_TIMES: Partial<Record<OrderStatus, keyof OrderFact>> = {
  [OrderStatus.ACCEPTED]: 'acceptedAt',
  [OrderStatus.IN_PREPARATION]: 'startedAt',
  [OrderStatus.READY]: 'readyAt',
  [OrderStatus.DISPATCHED]: 'dispatchedAt',
  [OrderStatus.COMPLETED]: 'completedAt',
  [OrderStatus.CANCELLED]: 'cancelledAt',
  [OrderStatus.REJECTED]: 'rejectedAt',
  [OrderStatus.REFUNDED]: 'refundedAt',
};

/** A status move: its time is recorded (the first one wins) and the latest move is the status. */
export function withStatus(fact: OrderFact, to: OrderStatus, at: Date): OrderFact {
  const next = { ...fact };
  const column = STATUS_TIMES[to];
  if (column) (next as Record<string, unknown>)[column] = earliest(fact[column] as Date | null, at);
  if (fact.statusAt === null || at.getTime() >= fact.statusAt.getTime()) {
    next.status = to;
    next.statusAt = at;
  }
  return next;
}

/** The order's money after a ledger entry at `at` (the latest entry's position wins). */
export function withPayment(fact: OrderFact, position: PaymentPositionDto, at: Date): OrderFact {
  if (fact.paymentAt !== null && at.getTime() < fact.paymentAt.getTime()) return fact;
  return {
    ...fact,
    paid: position.paid,
    refunded: position.refunded,
    paymentStatus: position.status,
    paymentAt: at,
    currency: fact.currency ?? position.currency,
  };
}

/** Lines voided from the order: counted, with their value (quantity × unit price with modifiers, before tax). */
export function withLinesVoided(
  fact: OrderFact,
  lines: ReadonlyArray<Pick<OrderItem, 'quantity' | 'unitPrice' | 'modifiers'>>,
): OrderFact {
  return {
    ...fact,
    voidedLines: fact.voidedLines + lines.length,
    voidedAmount: fact.voidedAmount + itemsSubtotal(lines),
  };
}

export function withTicketRouted(fact: OrderFact, kind: string): OrderFact {
  return kind === 'void' ? { ...fact, voids: fact.voids + 1 } : { ...fact, tickets: fact.tickets + 1 };
}

export function withKitchenStarted(fact: OrderFact, at: Date): OrderFact {
  return { ...fact, startedAt: earliest(fact.startedAt, at) };
}

const seconds = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 1000);

/** Promised time, preparation time and delay, from the times known. */
export function derive(fact: OrderFact, settings: ProjectionSettings): OrderFact {
  const promisedAt =
    fact.scheduledFor ??
    (fact.placedAt ? new Date(fact.placedAt.getTime() + settings.defaultPrepMinutes * 60_000) : null);
  const prepSeconds =
    fact.readyAt && fact.acceptedAt ? Math.max(0, seconds(fact.acceptedAt, fact.readyAt)) : null;
  const handoff =
    fact.readyAt && fact.dispatchedAt
      ? new Date(Math.max(fact.readyAt.getTime(), fact.dispatchedAt.getTime()))
      : (fact.dispatchedAt ?? fact.readyAt);
  const delaySeconds = handoff && promisedAt ? seconds(promisedAt, handoff) : null;
  return {
    ...fact,
    promisedAt,
    prepSeconds,
    delaySeconds,
    delayed: delaySeconds !== null && delaySeconds > 0,
  };
}

/** Puts the order in the venue-local hour of its placedAt. */
export function placeOrder(fact: OrderFact, timeZone: string): OrderFact {
  if (!fact.placedAt) return { ...fact, bucketStart: null, localHour: null, localDow: null };
  const bucket = localHourBucket(fact.placedAt, timeZone);
  return { ...fact, bucketStart: bucket.start, localHour: bucket.hour, localDow: bucket.dayOfWeek };
}
