import type { PlatformUpdate } from '@hub/contracts';
import { canMove, OrderStatus } from '@hub/order-model';

/**
 * Where a platform's update takes an order: a cancellation cancels it while the state machine allows;
 * a rider pickup dispatches a ready order; a delivery completes a dispatched one. Anything else
 * leaves the status as it is (null).
 */
export function platformUpdateTarget(update: PlatformUpdate, current: OrderStatus): OrderStatus | null {
  switch (update) {
    case 'cancelled':
      return canMove(current, OrderStatus.CANCELLED) ? OrderStatus.CANCELLED : null;
    case 'picked_up':
      return current === OrderStatus.READY ? OrderStatus.DISPATCHED : null;
    case 'delivered':
      return current === OrderStatus.DISPATCHED ? OrderStatus.COMPLETED : null;
    case 'rider_assigned':
      return null;
  }
}
