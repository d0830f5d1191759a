import {
  createEnvelope,
  EnvelopeMeta,
  EventEnvelope,
  ORDERS_CREATED_V1,
  ORDERS_STATUS_CHANGED_V1,
  OrderCreatedV1,
  OrderStatusChangedV1,
} from '@hub/contracts';
import { ActorType, DIRECT_CHANNELS, OrderStatus, StatusActor } from '@hub/order-model';
import type { OrderEntity } from './entities/order.entity';
import { toCanonicalOrder } from './orders.mapper';

/** Same venue and trace as the cause, aggregate = the order. */
export function orderMeta(
  order: Pick<OrderEntity, 'id' | 'venueId' | 'correlationId'>,
  causationId: string,
): EnvelopeMeta {
  return {
    venueId: order.venueId,
    aggregateType: 'order',
    aggregateId: order.id,
    correlationId: order.correlationId,
    causationId,
  };
}

export function orderCreatedEvent(order: OrderEntity, causationId: string): EventEnvelope<OrderCreatedV1> {
  return createEnvelope<OrderCreatedV1>(
    ORDERS_CREATED_V1,
    { order: toCanonicalOrder(order, order.items) },
    orderMeta(order, causationId),
  );
}

export function statusChangedEvent(
  order: OrderEntity,
  from: OrderStatus,
  actor: StatusActor,
  reason: string | undefined,
  at: Date,
  causationId: string,
  firesAt?: Date,
): EventEnvelope<OrderStatusChangedV1> {
  return createEnvelope<OrderStatusChangedV1>(
    ORDERS_STATUS_CHANGED_V1,
    {
      orderId: order.id,
      from,
      to: order.status,
      actor,
      ...(reason ? { reason } : {}),
      at: at.toISOString(),
      ...(firesAt ? { firesAt: firesAt.toISOString() } : {}),
      order: toCanonicalOrder(order, order.items),
    },
    orderMeta(order, causationId),
  );
}

/** Who put an order in the table: the platform it came from, or our own intake for direct channels. */
export function receivingActor(channel: string): StatusActor {
  return DIRECT_CHANNELS.includes(channel)
    ? { type: ActorType.SYSTEM, id: 'intake' }
    : { type: ActorType.PLATFORM, id: channel };
}
