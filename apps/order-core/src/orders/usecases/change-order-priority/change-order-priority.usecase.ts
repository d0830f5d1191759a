import { Injectable } from '@nestjs/common';
import type { Principal } from '@hub/auth';
import { EventTransaction } from '@hub/messaging';
import { OrderPriority } from '@hub/order-model';
import type { OrderEntity } from '../../entities/order.entity';
import { priorityChangedEvent } from '../../order-change-events';
import { assertOrderOpen } from '../../order-changes.exception';
import { OrderChangesRepository } from '../../order-changes.repository';
import { OrdersRepository } from '../../orders.repository';
import { principalActor } from '../../principal-actor.util';
import { changeOrderAsStaff } from '../../staff-order-change.util';

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
    return changeOrderAsStaff(this.tx, this.orders, orderId, principal, async (order, { manager, emit }) => {
      const from = order.priority ?? OrderPriority.NORMAL;
      if (from === priority) return order;
      assertOrderOpen(order);
      const actor = principalActor(principal);
      const at = new Date();
      await this.changes.setPriority(manager, order, priority);
      await this.changes.record(manager, order, { kind: 'priority_changed', priority, actor, at });
      emit(priorityChangedEvent(order, from, actor, at, requestId));
      return order;
    });
  }
}
