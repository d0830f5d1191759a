import { Injectable, NotFoundException } from '@nestjs/common';
import { assertVenueAccess, Principal } from '@hub/auth';
import { EventTransaction } from '@hub/messaging';
import { OrderPriority } from '@hub/order-model';
import type { OrderEntity } from '../../entities/order.entity';
import { priorityChangedEvent } from '../../order-change-events';
import {
  OPEN_ORDER_STATUSES,
  OrderChangeConflictException,
  OrderChangeExceptionCode,
} from '../../order-changes.exception';
import { OrderChangesRepository } from '../../order-changes.repository';
import { OrdersRepository } from '../../orders.repository';
import { principalActor } from '../../principal-actor.util';

/**
 * Staff mark an open order rush or VIP (or normal again): recorded on its timeline and announced as
 * `orders.v1.priority-changed`, on which kot-router re-ranks the order's open tickets. Setting the
 * priority it has already changes nothing and emits nothing.
 */
@Injectable()
export class ChangeOrderPriorityUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly orders: OrdersRepository,
    private readonly changes: OrderChangesRepository,
  ) {}

  async execute(
    orderId: string,
    priority: OrderPriority,
    principal: Principal,
    requestId: string,
  ): Promise<OrderEntity> {
    const outcome = await this.tx.run(async ({ manager, emit }) => {
      const order = await this.orders.lockById(manager, orderId);
      if (!order) throw new NotFoundException(`order ${orderId} not found`);
      assertVenueAccess(principal, order.venueId);
      const from = order.priority ?? OrderPriority.NORMAL;
      if (from === priority) return order;
      if (!OPEN_ORDER_STATUSES.includes(order.status))
        throw new OrderChangeConflictException(OrderChangeExceptionCode.NOT_OPEN, order.id, order.status);
      const actor = principalActor(principal);
      const at = new Date();
      await this.changes.setPriority(manager, order, priority);
      await this.changes.record(manager, order.id, {
        kind: 'priority_changed',
        status: order.status,
        lineIds: null,
        priority,
        actor,
        reason: null,
        at,
      });
      emit(priorityChangedEvent(order, from, actor, at, requestId));
      return order;
    });
    if (outcome.duplicate) throw new Error('unreachable: no inbox key given');
    return outcome.result;
  }
}
