import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, OrderItemDto } from '@hub/contracts';
import type { Principal } from '@hub/auth';
import { EventTransaction } from '@hub/messaging';
import type { OrderEntity } from '../../entities/order.entity';
import { itemsVoidedEvent } from '../../order-change-events';
import {
  assertOrderOpen,
  OrderChangeConflictException,
  OrderChangeExceptionCode,
} from '../../order-changes.exception';
import { OrderChangesRepository } from '../../order-changes.repository';
import { toCanonicalOrder } from '../../orders.mapper';
import { totalsWithoutLines } from '../../order-totals.util';
import { OrdersRepository } from '../../orders.repository';
import { principalActor } from '../../principal-actor.util';
import { changeOrderAsStaff } from '../../staff-order-change.util';
import type { VoidOrderItemsCommand } from './void-order-items.command';

/**
 * Voids lines of an open order: they leave the order (kept in order_item_voids with the reason),
 * totals shrink in minor units, the change goes on the timeline, and `orders.v1.items-voided` tells
 * kot-router to print `void` tickets of just those lines. Voiding the last live line is refused:
 * cancel the order instead.
 */
@Injectable()
export class VoidOrderItemsUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly orders: OrdersRepository,
    private readonly changes: OrderChangesRepository,
  ) {}

  /** Staff over the API: one line. Returns the order after the change. */
  async execute(
    orderId: string,
    lineId: string,
    reason: string,
    principal: Principal,
    requestId: string,
  ): Promise<OrderEntity> {
    return changeOrderAsStaff(this.tx, this.orders, orderId, principal, async (order, { manager, emit }) => {
      await this.apply(
        manager,
        order,
        { lineIds: [lineId], reason, actor: principalActor(principal), causationId: requestId },
        emit,
      );
      return order;
    });
  }

  /** The change itself, on an order locked in the caller's transaction (an API call or an event handler). */
  async apply(
    manager: EntityManager,
    order: OrderEntity,
    command: VoidOrderItemsCommand,
    emit: (envelope: EventEnvelope) => void,
  ): Promise<OrderItemDto[]> {
    assertOrderOpen(order);
    const lineIds = [...new Set(command.lineIds)];
    const live = toCanonicalOrder(order, order.items).items;
    const lines = lineIds.map((lineId) => {
      const line = live.find((item) => item.lineId === lineId);
      if (!line)
        throw new OrderChangeConflictException(OrderChangeExceptionCode.LINE_NOT_LIVE, order.id, lineId);
      return line;
    });
    if (lines.length >= live.length)
      throw new OrderChangeConflictException(
        OrderChangeExceptionCode.LAST_LINE,
        order.id,
        lineIds.join(', '),
      );
    const at = new Date();
    await this.changes.voidLines(
      manager,
      order,
      lines,
      { reason: command.reason, actor: command.actor, at },
      totalsWithoutLines(order.totals, lines),
    );
    await this.changes.record(manager, order, {
      kind: 'items_voided',
      lineIds,
      actor: command.actor,
      reason: command.reason,
      at,
    });
    emit(itemsVoidedEvent(order, lines, command.reason, command.actor, at, command.causationId));
    return lines;
  }
}
