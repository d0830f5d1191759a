/** Where an order is in its life. See docs/architecture.md, "The canonical order". */
export enum OrderStatus {
  RECEIVED = 'received',
  ACCEPTED = 'accepted',
  IN_PREPARATION = 'in_preparation',
  READY = 'ready',
  DISPATCHED = 'dispatched',
  COMPLETED = 'completed',
  REJECTED = 'rejected',
  CANCELLED = 'cancelled',
  REFUNDED = 'refunded',
}

export const ORDER_STATUSES: readonly OrderStatus[] = Object.values(OrderStatus);

const ALLOWED_MOVES: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  [OrderStatus.RECEIVED]: [OrderStatus.ACCEPTED, OrderStatus.REJECTED, OrderStatus.CANCELLED],
  [OrderStatus.ACCEPTED]: [OrderStatus.IN_PREPARATION, OrderStatus.REJECTED, OrderStatus.CANCELLED],
  [OrderStatus.IN_PREPARATION]: [OrderStatus.READY, OrderStatus.CANCELLED],
  [OrderStatus.READY]: [OrderStatus.DISPATCHED, OrderStatus.COMPLETED, OrderStatus.CANCELLED],
  [OrderStatus.DISPATCHED]: [OrderStatus.COMPLETED, OrderStatus.CANCELLED],
  [OrderStatus.COMPLETED]: [OrderStatus.REFUNDED],
  [OrderStatus.REJECTED]: [],
  [OrderStatus.CANCELLED]: [OrderStatus.REFUNDED],
  [OrderStatus.REFUNDED]: [],
};

/** The statuses an order in `from` may move to next. */
export function allowedNextStatuses(from: OrderStatus): readonly OrderStatus[] {
  return ALLOWED_MOVES[from];
}

export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return ALLOWED_MOVES[from].includes(to);
}

/** Who made a status move; recorded on every entry of the status history. */
export enum ActorType {
  STAFF = 'staff',
  STATION = 'station',
  PLATFORM = 'platform',
  SYSTEM = 'system',
}

export interface StatusActor {
  type: ActorType;
  /** user id, station name, platform name, or the service that acted */
  id: string;
}
