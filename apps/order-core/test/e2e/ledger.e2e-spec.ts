import { randomUUID } from 'node:crypto';
import { Role } from '@hub/auth';
import {
  createEnvelope,
  INTAKE_ORDER_RECEIVED_V1,
  KOT_TICKET_ROUTED_V1,
  MENU_ORDER_MAPPED_V1,
  ORDERS_STUCK_V1,
} from '@hub/contracts';

import { eventually, InProcessService, orderDraft } from '@hub/testing';
import { startOrderCore } from './support/boot';
import { lastOrdersEvent } from './support/events';
import { orderIdOf } from './support/orders';

jest.setTimeout(60_000);

const VENUE = 'venue-ledger';

describe('order-core: the ledger raises an alarm for an order stuck at a hop', () => {
  let service: InProcessService;
  let manager: string;

  const draft = (externalId: string) => orderDraft({ venueId: VENUE, externalId });
  const meta = (correlationId: string) => ({
    venueId: VENUE,
    aggregateType: 'delivery',
    aggregateId: correlationId,
    correlationId,
  });
  const idOf = (externalId: string) => orderIdOf(service, externalId);
  const stuck = async () =>
    (await service.request('GET', `/v1/orders/stuck?venueId=${VENUE}`, manager)).body as unknown as Array<{
      orderId: string;
      hop: string;
    }>;
  const alarmed = (orderId: string, hop: string) =>
    eventually(
      async () => ((await stuck()).some((a) => a.orderId === orderId && a.hop === hop) ? true : undefined),
      10_000,
      `${hop} alarm`,
    );

  beforeAll(async () => {
    service = await startOrderCore({
      STUCK_MAPPING_SECONDS: '1',
      STUCK_TICKETING_SECONDS: '1',
      STUCK_KITCHEN_START_SECONDS: '1',
      STUCK_PREPARATION_SECONDS: '60',
      STUCK_SWEEP_MS: '200',
    });
    manager = service.environment.token(Role.MANAGER, [VENUE]);
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('lists and announces an order waiting for its mapping, and one waiting for tickets, then clears them as they move', async () => {
    const unmapped = `l-${randomUUID()}`;
    const c1 = randomUUID();
    await service.publish(
      createEnvelope(INTAKE_ORDER_RECEIVED_V1, { deliveryId: c1, order: draft(unmapped) }, meta(c1)),
    );
    const unmappedId = await idOf(unmapped);
    await alarmed(unmappedId, 'mapping');

    const event = await lastOrdersEvent<Record<string, unknown>>(service, ORDERS_STUCK_V1);
    expect(event!.payload).toMatchObject({
      hop: expect.any(String),
      limitSeconds: 1,
    });

    // the mapping arrives: the order is accepted, and now waits for its tickets
    await service.publish(createEnvelope(MENU_ORDER_MAPPED_V1, { order: draft(unmapped) }, meta(c1)));
    await alarmed(unmappedId, 'ticketing');
    expect((await stuck()).filter((a) => a.orderId === unmappedId).map((a) => a.hop)).toEqual(['ticketing']);

    // kot-router routes its ticket: now it waits for the kitchen to start it
    const ticketId = randomUUID();
    await service.publish(
      createEnvelope(
        KOT_TICKET_ROUTED_V1,
        {
          ticketId,
          orderId: unmappedId,
          station: 'curry',
          seq: 1,
          kind: 'new',
          createdAt: new Date().toISOString(),
        },
        meta(c1),
      ),
    );
    await alarmed(unmappedId, 'kitchen_start');
    expect((await stuck()).filter((a) => a.orderId === unmappedId).map((a) => a.hop)).toEqual([
      'kitchen_start',
    ]);

    const metrics = await fetch(`${service.url}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/hub_orders_stuck_total\{hop="mapping"\} [1-9]/);
    expect(
      (
        await service.request(
          'GET',
          '/v1/orders/stuck',
          service.environment.token(Role.MANAGER, ['elsewhere']),
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await service.request(
          'GET',
          `/v1/orders/stuck?venueId=${VENUE}`,
          service.environment.token(Role.MANAGER, ['elsewhere']),
        )
      ).status,
    ).toBe(403);
  });
});
