import { OrderStatus } from '@hub/order-model';
import { platformUpdateTarget } from './platform-update-target';

describe('platformUpdateTarget', () => {
  it.each([
    ['cancelled', OrderStatus.RECEIVED, OrderStatus.CANCELLED],
    ['cancelled', OrderStatus.IN_PREPARATION, OrderStatus.CANCELLED],
    ['cancelled', OrderStatus.DISPATCHED, OrderStatus.CANCELLED],
    ['cancelled', OrderStatus.COMPLETED, null],
    ['cancelled', OrderStatus.CANCELLED, null],
    ['picked_up', OrderStatus.READY, OrderStatus.DISPATCHED],
    ['picked_up', OrderStatus.IN_PREPARATION, null],
    ['delivered', OrderStatus.DISPATCHED, OrderStatus.COMPLETED],
    ['delivered', OrderStatus.READY, null],
    ['rider_assigned', OrderStatus.ACCEPTED, null],
  ] as const)('%s when %s → %s', (update, current, target) => {
    expect(platformUpdateTarget(update, current)).toBe(target);
  });
});
