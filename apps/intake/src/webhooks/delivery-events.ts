import type { OrderDraft, PlatformStatusUpdate } from '@hub/aggregators';
import {
  createEnvelope,
  EventEnvelope,
  INTAKE_ORDER_RECEIVED_V1,
  INTAKE_STATUS_RECEIVED_V1,
  IntakeOrderReceivedV1,
  IntakeStatusReceivedV1,
  PlatformUpdate,
} from '@hub/contracts';
import { OrderStatus } from '@hub/order-model';

const UPDATE_OF: Partial<Record<OrderStatus, PlatformUpdate>> = {
  [OrderStatus.CANCELLED]: 'cancelled',
  [OrderStatus.REJECTED]: 'cancelled',
  [OrderStatus.DISPATCHED]: 'picked_up',
  [OrderStatus.COMPLETED]: 'delivered',
};

/** The delivery is the aggregate and the correlation: the order's trace starts at its raw delivery. */
function metaOf(venueId: string, deliveryId: string) {
  return { venueId, aggregateType: 'delivery', aggregateId: deliveryId, correlationId: deliveryId };
}

/** `intake.v1.order-received` for each order of a stored delivery, `source.rawDeliveryId` filled. */
export function orderReceivedEvents(
  orders: OrderDraft[],
  venueId: string,
  deliveryId: string,
): EventEnvelope[] {
  return orders.map((order) =>
    createEnvelope<IntakeOrderReceivedV1>(
      INTAKE_ORDER_RECEIVED_V1,
      { deliveryId, order: { ...order, source: { ...order.source, rawDeliveryId: deliveryId } } },
      metaOf(venueId, deliveryId),
    ),
  );
}

/** `intake.v1.status-received` for each update that means something to order-core; others are kept as evidence only. */
export function statusReceivedEvents(
  updates: PlatformStatusUpdate[],
  channel: string,
  venueId: string,
  deliveryId: string,
): EventEnvelope[] {
  return updates.flatMap((update) => {
    const kind = update.status ? UPDATE_OF[update.status] : undefined;
    if (!kind) return [];
    return [
      createEnvelope<IntakeStatusReceivedV1>(
        INTAKE_STATUS_RECEIVED_V1,
        {
          deliveryId,
          channel,
          venueId,
          externalId: update.externalId,
          update: kind,
          ...(update.reason ? { reason: update.reason } : {}),
          at: update.occurredAt,
        },
        metaOf(venueId, deliveryId),
      ),
    ];
  });
}
