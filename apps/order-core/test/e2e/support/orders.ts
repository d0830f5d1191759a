import { randomUUID } from 'node:crypto';
import { createEnvelope, MENU_ORDER_MAPPED_V1, type OrderDraftDto } from '@hub/contracts';
import { eventually, type InProcessService } from '@hub/testing';

/** Publishes `menu.v1.order-mapped` for the draft, as menu-mapping does, under `correlationId`. */
export function publishMappedOrder(
  service: InProcessService,
  draft: OrderDraftDto,
  correlationId: string = randomUUID(),
): Promise<void> {
  return service.publish(
    createEnvelope(
      MENU_ORDER_MAPPED_V1,
      { order: draft },
      { venueId: draft.venueId, aggregateType: 'delivery', aggregateId: correlationId, correlationId },
    ),
  );
}

/** The id of the order stored under `externalId`, waiting until it is there (in `status`, when given). */
export function orderIdOf(service: InProcessService, externalId: string, status?: string): Promise<string> {
  return eventually(
    async () => {
      const rows = await service.environment.query<{ id: string; status: string }>(
        'SELECT id, status FROM orders.orders WHERE external_id = $1',
        [externalId],
      );
      return status === undefined || rows[0]?.status === status ? rows[0]?.id : undefined;
    },
    5000,
    `order ${externalId}${status ? ` to be ${status}` : ''}`,
  );
}
