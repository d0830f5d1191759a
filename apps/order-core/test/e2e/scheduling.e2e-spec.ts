import { randomUUID } from 'node:crypto';
import { Role } from '@hub/auth';
import { ORDERS_RELEASED_V1, ORDERS_STATUS_CHANGED_V1 } from '@hub/contracts';
import { eventually, InProcessService, orderDraft } from '@hub/testing';
import { startOrderCore } from './support/boot';
import { lastOrdersEvent } from './support/events';
import { orderIdOf, publishMappedOrder } from './support/orders';

jest.setTimeout(60_000);

const VENUE = 'venue-sched';

describe('order-core: scheduled orders are held and released to the kitchen at their time', () => {
  let service: InProcessService;
  let manager: string;

  const lastOn = <T>(subject: string) => lastOrdersEvent<T>(service, subject);
  const mapped = async (scheduledFor?: Date): Promise<string> => {
    const externalId = `s-${randomUUID()}`;
    const draft = orderDraft({
      venueId: VENUE,
      externalId,
      ...(scheduledFor ? { scheduledFor: scheduledFor.toISOString() } : {}),
    });
    await publishMappedOrder(service, draft);
    return orderIdOf(service, externalId, 'accepted');
  };

  beforeAll(async () => {
    service = await startOrderCore({ SCHEDULED_PREP_MINUTES: '1' });
    manager = service.environment.token(Role.MANAGER, [VENUE]);
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('holds an order scheduled later than its preparation time, lists it, and releases it when its time comes', async () => {
    const scheduledFor = new Date(Date.now() + 62_000); // fires 1 minute earlier: in about 2 s
    const id = await mapped(scheduledFor);
    const accepted = await lastOn<{ orderId: string; to: string; firesAt?: string }>(
      ORDERS_STATUS_CHANGED_V1,
    );
    expect(accepted?.payload).toMatchObject({
      orderId: id,
      to: 'accepted',
      firesAt: new Date(scheduledFor.getTime() - 60_000).toISOString(),
    });
    const held = await service.request('GET', `/v1/orders/held?venueId=${VENUE}`, manager);
    expect((held.body as unknown as Array<{ id: string; firesAt: string }>).map((o) => o.id)).toContain(id);

    const released = await eventually(
      async () => {
        const event = await lastOn<{ order: { id: string } }>(ORDERS_RELEASED_V1);
        return event?.payload.order.id === id ? event : undefined;
      },
      10_000,
      'the release',
    );
    expect(Date.parse(released.occurredAt)).toBeGreaterThanOrEqual(scheduledFor.getTime() - 60_000);
    expect((await service.request('GET', `/v1/orders/held?venueId=${VENUE}`, manager)).body).toEqual([]);
  });

  it('fires an order at once when its scheduled time is within its preparation time', async () => {
    const id = await mapped(new Date(Date.now() + 30_000));
    const accepted = await lastOn<{ orderId: string; firesAt?: string }>(ORDERS_STATUS_CHANGED_V1);
    expect(accepted?.payload.orderId).toBe(id);
    expect(accepted?.payload.firesAt).toBeUndefined();
  });
});
