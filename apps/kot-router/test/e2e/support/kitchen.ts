import { jetstreamManager } from '@nats-io/jetstream';
import {
  CanonicalOrderDto,
  createEnvelope,
  EventEnvelope,
  ORDERS_STATUS_CHANGED_V1,
  OrderStatusChangedV1,
  STREAMS,
} from '@hub/contracts';
import { ActorType, OrderStatus } from '@hub/order-model';
import { wireStreamName } from '@hub/messaging';
import { eventually, type InProcessService } from '@hub/testing';

/** PUT /v1/venues/:venueId/stations/:path (a station, `settings` or `routing-rules`); throws unless 200. */
export async function putStationConfig(
  service: InProcessService,
  venueId: string,
  token: string,
  path: string,
  body: unknown,
): Promise<void> {
  const response = await service.request('PUT', `/v1/venues/${venueId}/stations/${path}`, token, body);
  if (response.status !== 200) throw new Error(`PUT ${path}: ${JSON.stringify(response.body)}`);
}

/** Waits until the print command queue (the KOT_PRINT stream) is empty: every command was handled. */
export async function printQueueDrained(service: InProcessService): Promise<void> {
  const jsm = await jetstreamManager(service.nc);
  await eventually(
    async () =>
      (await jsm.streams.info(wireStreamName(service.environment.namespace, STREAMS.KOT_PRINT))).state
        .messages === 0
        ? true
        : undefined,
    5000,
    'the print queue to drain',
  );
}

/** `orders.v1.status-changed` received → accepted for the order, as order-core emits it: its tickets fire. */
export function orderAccepted(target: CanonicalOrderDto): EventEnvelope<OrderStatusChangedV1> {
  return createEnvelope<OrderStatusChangedV1>(
    ORDERS_STATUS_CHANGED_V1,
    {
      orderId: target.id,
      from: OrderStatus.RECEIVED,
      to: OrderStatus.ACCEPTED,
      actor: { type: ActorType.SYSTEM, id: 'test' },
      at: new Date().toISOString(),
      order: target,
    },
    { venueId: target.venueId, aggregateType: 'order', aggregateId: target.id, correlationId: target.id },
  );
}
