import {
  createEnvelope,
  EventEnvelope,
  ORDERS_ITEMS_ADDED_V1,
  ORDERS_ITEMS_VOIDED_V1,
  ORDERS_PRIORITY_CHANGED_V1,
  OrderItemDto,
  OrderItemsAddedV1,
  OrderItemsVoidedV1,
  OrderPriorityChangedV1,
} from '@hub/contracts';
import type { OrderPriority, StatusActor } from '@hub/order-model';
import type { OrderEntity } from './entities/order.entity';
import { orderMeta } from './order-events';
import { toCanonicalOrder } from './orders.mapper';

export function itemsAddedEvent(
  order: OrderEntity,
  items: OrderItemDto[],
  actor: StatusActor,
  at: Date,
  causationId: string,
): EventEnvelope<OrderItemsAddedV1> {
  return createEnvelope<OrderItemsAddedV1>(
    ORDERS_ITEMS_ADDED_V1,
    {
      orderId: order.id,
      venueId: order.venueId,
      lineIds: items.map((i) => i.lineId),
      items,
      actor,
      at: at.toISOString(),
      order: toCanonicalOrder(order, order.items),
    },
    orderMeta(order, causationId),
  );
}

export function itemsVoidedEvent(
  order: OrderEntity,
  items: OrderItemDto[],
  reason: string,
  actor: StatusActor,
  at: Date,
  causationId: string,
): EventEnvelope<OrderItemsVoidedV1> {
  return createEnvelope<OrderItemsVoidedV1>(
    ORDERS_ITEMS_VOIDED_V1,
    {
      orderId: order.id,
      venueId: order.venueId,
      lineIds: items.map((i) => i.lineId),
      items,
      reason,
      actor,
      at: at.toISOString(),
      order: toCanonicalOrder(order, order.items),
    },
    orderMeta(order, causationId),
  );
}

export function priorityChangedEvent(
  order: OrderEntity,
  from: OrderPriority,
  actor: StatusActor,
  at: Date,
  causationId: string,
): EventEnvelope<OrderPriorityChangedV1> {
  return createEnvelope<OrderPriorityChangedV1>(
    ORDERS_PRIORITY_CHANGED_V1,
    {
      orderId: order.id,
      venueId: order.venueId,
      from,
      to: order.priority,
      actor,
      at: at.toISOString(),
      order: toCanonicalOrder(order, order.items),
    },
    orderMeta(order, causationId),
  );
}
