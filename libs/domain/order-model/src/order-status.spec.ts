import { allowedNextStatuses, canMove, ORDER_STATUSES, OrderStatus } from './order-status';

describe('order status moves', () => {
  const allowed: Array<[OrderStatus, OrderStatus]> = [
    [OrderStatus.RECEIVED, OrderStatus.ACCEPTED],
    [OrderStatus.ACCEPTED, OrderStatus.IN_PREPARATION],
    [OrderStatus.IN_PREPARATION, OrderStatus.READY],
    [OrderStatus.READY, OrderStatus.DISPATCHED],
    [OrderStatus.DISPATCHED, OrderStatus.COMPLETED],
    [OrderStatus.RECEIVED, OrderStatus.REJECTED],
    [OrderStatus.ACCEPTED, OrderStatus.REJECTED],
    [OrderStatus.RECEIVED, OrderStatus.CANCELLED],
    [OrderStatus.ACCEPTED, OrderStatus.CANCELLED],
    [OrderStatus.IN_PREPARATION, OrderStatus.CANCELLED],
    [OrderStatus.READY, OrderStatus.CANCELLED],
    [OrderStatus.DISPATCHED, OrderStatus.CANCELLED],
    [OrderStatus.COMPLETED, OrderStatus.REFUNDED],
    [OrderStatus.CANCELLED, OrderStatus.REFUNDED],
    [OrderStatus.READY, OrderStatus.COMPLETED],
  ];

  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(canMove(from, to)).toBe(true);
  });

  it('refuses every move not in the table', () => {
    const key = (a: OrderStatus, b: OrderStatus) => `${a}>${b}`;
    const allowedKeys = new Set(allowed.map(([a, b]) => key(a, b)));
    for (const from of ORDER_STATUSES) {
      for (const to of ORDER_STATUSES) {
        expect(canMove(from, to)).toBe(allowedKeys.has(key(from, to)));
      }
    }
  });

  it('has terminal states with no next move', () => {
    expect(allowedNextStatuses(OrderStatus.REJECTED)).toEqual([]);
    expect(allowedNextStatuses(OrderStatus.REFUNDED)).toEqual([]);
  });
});
