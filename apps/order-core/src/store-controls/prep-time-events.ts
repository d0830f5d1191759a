import {
  createEnvelope,
  EventEnvelope,
  ORDERS_PREP_TIME_CHANGED_V1,
  OrderPrepTimeChangedV1,
  PrepTimeChangeCause,
} from '@hub/contracts';
import type { StatusActor } from '@hub/order-model';
import type { OrderEntity } from '../orders/entities/order.entity';
import { orderMeta } from '../orders/order-events';
import { toCanonicalOrder } from '../orders/orders.mapper';

export interface PrepTimeChange {
  promisedAt: Date;
  previousPromisedAt: Date | null;
  prepTimeMinutes: number;
  cause: PrepTimeChangeCause;
  reason: string;
  actor: StatusActor;
  at: Date;
}

/** `orders.v1.prep-time-changed`: the order's promised time moved; status-sync tells the platform. */
export function prepTimeChangedEvent(
  order: OrderEntity,
  change: PrepTimeChange,
  causationId: string,
): EventEnvelope<OrderPrepTimeChangedV1> {
  return createEnvelope<OrderPrepTimeChangedV1>(
    ORDERS_PREP_TIME_CHANGED_V1,
    {
      orderId: order.id,
      venueId: order.venueId,
      channel: order.channel,
      externalId: order.externalId,
      promisedAt: change.promisedAt.toISOString(),
      ...(change.previousPromisedAt ? { previousPromisedAt: change.previousPromisedAt.toISOString() } : {}),
      prepTimeMinutes: change.prepTimeMinutes,
      cause: change.cause,
      reason: change.reason,
      actor: change.actor,
      at: change.at.toISOString(),
      order: toCanonicalOrder(order, order.items),
    },
    orderMeta(order, causationId),
  );
}
