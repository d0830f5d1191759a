import { NotFoundException } from '@nestjs/common';
import { assertVenueAccess, Principal } from '@hub/auth';
import type { EventTransaction, TransactionScope } from '@hub/messaging';
import type { OrderEntity } from './entities/order.entity';
import type { OrdersRepository } from './orders.repository';

/**
 * A change staff make to one order over the API, in a transaction of its own: the order is locked,
 * 404 when there is none, 403 when it is outside the principal's venues; then `change` runs on it and
 * its result is returned once committed.
 */
export async function changeOrderAsStaff<T>(
  tx: EventTransaction,
  orders: OrdersRepository,
  orderId: string,
  principal: Principal,
  change: (order: OrderEntity, scope: TransactionScope) => Promise<T>,
): Promise<T> {
  const outcome = await tx.run(async (scope) => {
    const order = await orders.lockById(scope.manager, orderId);
    if (!order) throw new NotFoundException(`order ${orderId} not found`);
    assertVenueAccess(principal, order.venueId);
    return change(order, scope);
  });
  if (outcome.duplicate) throw new Error('unreachable: no inbox key given');
  return outcome.result;
}
