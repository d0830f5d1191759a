import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, OrderItemDto } from '@hub/contracts';
import type { Principal } from '@hub/auth';
import { EventTransaction } from '@hub/messaging';
import type { OrderEntity } from '../../entities/order.entity';
import { itemsAddedEvent } from '../../order-change-events';
import {
  assertOrderOpen,
  OrderChangeConflictException,
  OrderChangeExceptionCode,
} from '../../order-changes.exception';
import { OrderChangesRepository } from '../../order-changes.repository';
import { totalsWithAddedLines } from '../../order-totals.util';
import { OrdersRepository } from '../../orders.repository';
import { principalActor } from '../../principal-actor.util';
import { changeOrderAsStaff } from '../../staff-order-change.util';
import type { AddOrderItemsCommand, AddOrderItemsDto } from './add-order-items.command';

/**
 * Adds lines to an open order: totals grow in minor units, the change goes on the order's timeline,
 * and `orders.v1.items-added` carries just the new lines (kot-router makes `addition` tickets of them).
 * Refused (409) once the order is ready, dispatched, completed, cancelled, rejected or refunded.
 */
@Injectable()
export class AddOrderItemsUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly orders: OrdersRepository,
    private readonly changes: OrderChangesRepository,
  ) {}

  /** Staff over the API. Returns the order after the change and the lines added. */
  async execute(
    orderId: string,
    body: AddOrderItemsDto,
    principal: Principal,
    requestId: string,
  ): Promise<{ order: OrderEntity; added: OrderItemDto[] }> {
    return changeOrderAsStaff(this.tx, this.orders, orderId, principal, async (order, { manager, emit }) => {
      const added = await this.apply(
        manager,
        order,
        { items: body.items, tax: body.tax, actor: principalActor(principal), causationId: requestId },
        emit,
      );
      return { order, added };
    });
  }

  /** The change itself, on an order locked in the caller's transaction (an API call or an event handler). */
  async apply(
    manager: EntityManager,
    order: OrderEntity,
    command: AddOrderItemsCommand,
    emit: (envelope: EventEnvelope) => void,
  ): Promise<OrderItemDto[]> {
    assertOrderOpen(order);
    if (!order.mapped) throw new OrderChangeConflictException(OrderChangeExceptionCode.NOT_MAPPED, order.id);
    const taken = new Set([
      ...order.items.map((i) => i.lineId),
      ...(await this.changes.voidedLineIds(manager, order.id)),
    ]);
    const items: OrderItemDto[] = [];
    for (const line of command.items) {
      const lineId = line.lineId ?? nextLineId(taken);
      if (taken.has(lineId))
        throw new OrderChangeConflictException(OrderChangeExceptionCode.LINE_EXISTS, order.id, lineId);
      taken.add(lineId);
      items.push({ ...line, lineId });
    }
    const at = new Date();
    await this.changes.addLines(
      manager,
      order,
      items,
      totalsWithAddedLines(order.totals, items, command.tax),
    );
    await this.changes.record(manager, order, {
      kind: 'items_added',
      lineIds: items.map((i) => i.lineId),
      actor: command.actor,
      at,
    });
    emit(itemsAddedEvent(order, items, command.actor, at, command.causationId));
    return items;
  }
}

/** A whole number, as text, that is not yet a lineId of the order. */
function nextLineId(taken: ReadonlySet<string>): string {
  let n = taken.size + 1;
  while (taken.has(String(n))) n += 1;
  return String(n);
}
