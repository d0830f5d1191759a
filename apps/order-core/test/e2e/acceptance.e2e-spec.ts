import { randomUUID } from 'node:crypto';
import { Role } from '@hub/auth';
import { ORDERS_STORE_CONTROLS_CHANGED_V1 } from '@hub/contracts';
import { OrderType } from '@hub/order-model';
import { eventually, InProcessService, orderDraft } from '@hub/testing';
import { startOrderCore } from './support/boot';
import { lastOrdersEvent } from './support/events';
import { orderIdOf, publishMappedOrder } from './support/orders';

jest.setTimeout(60_000);

const VENUE = 'venue-acc';

describe('order-core: acceptance per venue and channel', () => {
  let service: InProcessService;
  let manager: string;

  async function mappedOrder(channel: string): Promise<string> {
    const externalId = `acc-${randomUUID()}`;
    const draft = orderDraft({
      venueId: VENUE,
      channel,
      externalId,
      orderType: OrderType.DELIVERY,
      source: { platform: channel, storeRef: 'store-1', rawDeliveryId: randomUUID() },
    });
    await publishMappedOrder(service, draft);
    return orderIdOf(service, externalId);
  }
  const view = async (id: string) => (await service.request('GET', `/v1/orders/${id}`, manager)).body;

  beforeAll(async () => {
    service = await startOrderCore();
    manager = service.environment.token(Role.MANAGER, [VENUE]);
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('auto-accepts by default, and a manual channel waits for staff until its deadline', async () => {
    expect((await view(await mappedOrder('qr'))).status).toBe('accepted');

    const saved = await service.request('PUT', `/v1/venues/${VENUE}/acceptance/ubereats`, manager, {
      mode: 'manual',
      deadlineSeconds: 600,
      onTimeout: 'reject',
    });
    expect(saved).toEqual({
      status: 200,
      body: {
        venueId: VENUE,
        channel: 'ubereats',
        mode: 'manual',
        deadlineSeconds: 600,
        onTimeout: 'reject',
      },
    });
    const waiting = await mappedOrder('ubereats');
    await new Promise((r) => setTimeout(r, 300));
    const pending = await view(waiting);
    expect(pending.status).toBe('received');
    expect(Date.parse(String(pending.acceptBy)) - Date.now()).toBeGreaterThan(590_000);

    const staff = service.environment.token(Role.STAFF, [VENUE]);
    expect(
      (await service.request('POST', `/v1/orders/${waiting}/status`, staff, { status: 'accepted' })).status,
    ).toBe(200);
    expect((await view(waiting)).acceptBy).toBeUndefined();
  });

  it('escalates an order nobody accepted: the venue’s action is taken and recorded with the reason', async () => {
    await service.request('PUT', `/v1/venues/${VENUE}/acceptance/*`, manager, {
      mode: 'manual',
      deadlineSeconds: 1,
      onTimeout: 'reject',
    });
    await service.request('PUT', `/v1/venues/${VENUE}/acceptance/swiggy`, manager, {
      mode: 'manual',
      deadlineSeconds: 1,
      onTimeout: 'accept',
    });
    const rejected = await mappedOrder('zomato'); // falls back to the venue's `*` policy
    const accepted = await mappedOrder('swiggy');
    const final = (id: string, status: string) =>
      eventually(
        async () => {
          const order = await view(id);
          return order.status === status ? order : undefined;
        },
        10_000,
        `${id} to be ${status}`,
      );
    const r = await final(rejected, 'rejected');
    expect((r.timeline as Array<Record<string, unknown>>).at(-1)).toMatchObject({
      from: 'received',
      to: 'rejected',
      actorType: 'system',
      actorId: 'order-core:acceptance-deadline',
      reason: 'not accepted by staff within 1 s: escalated, rejected automatically',
    });
    await final(accepted, 'accepted');
    const metrics = await fetch(`${service.url}/metrics`).then((res) => res.text());
    expect(metrics).toMatch(/hub_orders_escalated_total\{action="reject"\} [1-9]/);
  });

  it('rejects the orders of a paused channel with the reason, announces store controls, and takes orders again once resumed', async () => {
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const paused = await service.request('PUT', `/v1/venues/${VENUE}/store-controls/dotpe`, manager, {
      pausedUntil: until,
      busyExtraMinutes: 15,
    });
    expect(paused).toEqual({
      status: 200,
      body: {
        venueId: VENUE,
        channel: 'dotpe',
        pausedUntil: until,
        busyExtraMinutes: 15,
        slotCapacity: null,
        slotCapacityUnit: null,
      },
    });
    const announced = await lastOrdersEvent<Record<string, unknown>>(
      service,
      ORDERS_STORE_CONTROLS_CHANGED_V1,
    );
    expect(announced!.payload).toEqual({
      venueId: VENUE,
      channel: 'dotpe',
      pausedUntil: until,
      busyExtraMinutes: 15,
    });

    await service.request('PUT', `/v1/venues/${VENUE}/acceptance/dotpe`, manager, { mode: 'auto' });
    const refused = await mappedOrder('dotpe');
    const rejected = await eventually(
      async () => {
        const order = await view(refused);
        return order.status === 'rejected' ? order : undefined;
      },
      5000,
      'the rejection',
    );
    expect((rejected.timeline as Array<Record<string, unknown>>).at(-1)).toMatchObject({
      actorId: 'order-core:store-paused',
      reason: `dotpe is paused at ${VENUE} until ${until}`,
    });

    // resume: busy mode stays as it was
    expect(
      (
        await service.request('PUT', `/v1/venues/${VENUE}/store-controls/dotpe`, manager, {
          pausedUntil: null,
        })
      ).body,
    ).toMatchObject({ pausedUntil: null, busyExtraMinutes: 15 });
    const taken = await mappedOrder('dotpe');
    await eventually(
      async () => ((await view(taken)).status === 'accepted' ? true : undefined),
      5000,
      'the acceptance',
    );
    const bad = await service.request('PUT', `/v1/venues/${VENUE}/store-controls/dotpe`, manager, {
      busyExtraMinutes: 999,
      pausedUntil: 'soon',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(
      expect.arrayContaining(['pausedUntil must be an ISO 8601 time, or null to resume']),
    );
  });

  it('refuses a bad policy and another venue', async () => {
    const bad = await service.request('PUT', `/v1/venues/${VENUE}/acceptance/ubereats`, manager, {
      mode: 'sometimes',
    });
    expect(bad.status).toBe(400);
    expect(
      (await service.request('PUT', `/v1/venues/${VENUE}/acceptance/Uber Eats`, manager, { mode: 'auto' }))
        .status,
    ).toBe(400);
    const other = service.environment.token(Role.MANAGER, ['elsewhere']);
    expect((await service.request('GET', `/v1/venues/${VENUE}/acceptance`, other)).status).toBe(403);
    // a venue id that is no id (a NUL byte here, found by npm run fuzz) is a 400, not a database error
    const headOffice = service.environment.token(Role.HEAD_OFFICE, '*');
    for (const path of ['/v1/venues/%00/acceptance', '/v1/venues/%00/store-controls']) {
      const answer = await service.request('GET', path, headOffice);
      expect({ path, status: answer.status, message: answer.body.message }).toEqual({
        path,
        status: 400,
        message: ['venueId must be a lowercase slug or uuid'],
      });
    }
  });
});
