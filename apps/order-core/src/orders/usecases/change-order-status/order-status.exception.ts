import { ConflictException } from '@nestjs/common';
import { allowedNextStatuses, OrderStatus } from '@hub/order-model';

/** A refused move: names the current state and the moves allowed from it. */
export class OrderStatusConflictException extends ConflictException {
  constructor(orderId: string, from: OrderStatus, to: OrderStatus) {
    const allowed = allowedNextStatuses(from);
    super(
      `order ${orderId} is ${from} and cannot move to ${to}; ` +
        (allowed.length > 0 ? `allowed next: ${allowed.join(', ')}` : 'it is in a final state'),
    );
  }
}
