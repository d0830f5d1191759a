import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { Role } from '@hub/auth';
import {
  ORDERS_PREP_TIME_CHANGED_V1,
  ORDERS_STORE_CONTROLS_CHANGED_V1,
  type OrderPrepTimeChangedV1,
  STREAMS,
} from '@hub/contracts';
import { wireStreamName, wireSubject } from '@hub/messaging';
import { eventually, InProcessService, orderDraft } from '@hub/testing';
import { startOrderCore } from './support/boot';
import { lastOrdersEvent } from './support/events';
import { publishMappedOrder } from './support/orders';

jest.setTimeout(60_000);

const VENUE = 'venue-cap';
const OTHER_VENUE = 'venue-cap-b';
const SLOT_MS = 15 * 60_000;

interface TimelineEntry {
  kind: string;
  actorId: string;
  reason?: string;
  detail?: Record<string, unknown>;
}

/** A scheduled time well ahead, so each test owns its slots whatever the clock says: tomorrow + n hours, :05 past. */
const slotTime = (hoursAhead: number) => {
  const at = new Date(Date.now() + 24 * 3_600_000 + hoursAhead * 3_600_000);
  at.setUTCMinutes(5, 0, 0);
  return at;
};
const slotOf = (at: Date) => new Date(Math.floor(at.getTime() / SLOT_MS) * SLOT_MS);

describe('order-core: capacity per 15-minute slot, and staff setting preparation time', () => {
  let service: InProcessService;
  let manager: string;
  let staff: string;

  async function mappedOrder(
    channel: string,
    scheduledFor?: Date,
    venueId = VENUE,
  ): Promise<{ id: string; externalId: string }> {
    const externalId = `cap-${randomUUID()}`;
    const draft = orderDraft({
      venueId,
      channel,
      externalId,
      ...(scheduledFor ? { scheduledFor: scheduledFor.toISOString() } : {}),
      source: { platform: channel, storeRef: 'store-1', rawDeliveryId: randomUUID() },
    });
    await publishMappedOrder(service, draft);
    const id = await eventually(
      async () =>
        (
          await service.environment.query<{ id: string }>(
            "SELECT id FROM orders.orders WHERE external_id = $1 AND status <> 'received'",
            [externalId],
          )
        )[0]?.id,
      10_000,
      'the order to be decided',
    );
    return { id, externalId };
  }
  const view = async (id: string, token = manager) =>
    (await service.request('GET', `/v1/orders/${id}`, token)).body as Record<string, unknown> & {
      status: string;
      promisedAt?: string;
      timeline: TimelineEntry[];
    };
  const setControls = async (channel: string, body: Record<string, unknown>) => {
    const response = await service.request(
      'PUT',
      `/v1/venues/${VENUE}/store-controls/${channel}`,
      manager,
      body,
    );
    if (response.status !== 200) throw new Error(`PUT store-controls: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  /** Every orders.v1.prep-time-changed on the stream, oldest first. */
  const prepTimeEvents = async (): Promise<OrderPrepTimeChangedV1[]> => {
    const jsm = await jetstreamManager(service.nc);
    const stream = wireStreamName(service.environment.namespace, STREAMS.ORDERS);
    const wire = wireSubject(service.environment.namespace, ORDERS_PREP_TIME_CHANGED_V1);
    const info = await jsm.streams.info(stream);
    const found: OrderPrepTimeChangedV1[] = [];
    for (let seq = info.state.first_seq; seq > 0 && seq <= info.state.last_seq; seq += 1) {
      const message = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
      if (message?.subject === wire) found.push(message.json<{ payload: OrderPrepTimeChangedV1 }>().payload);
    }
    return found;
  };
  const prepTimeEventOf = (orderId: string, cause: string) =>
    eventually(
      async () => (await prepTimeEvents()).find((e) => e.orderId === orderId && e.cause === cause),
      5000,
      `the prep-time-changed event of ${orderId}`,
    );

  beforeAll(async () => {
    service = await startOrderCore({ SCHEDULED_PREP_MINUTES: '20' });
    manager = service.environment.token(Role.MANAGER, [VENUE]);
    staff = service.environment.token(Role.STAFF, [VENUE]);
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('moves an order arriving in a full slot (orders) to the next slot with room, on its timeline and announced', async () => {
    expect(await setControls('qr', { slotCapacity: 2, slotCapacityUnit: 'orders' })).toEqual({
      venueId: VENUE,
      channel: 'qr',
      pausedUntil: null,
      busyExtraMinutes: 0,
      slotCapacity: 2,
      slotCapacityUnit: 'orders',
    });
    const announced = await lastOrdersEvent<Record<string, unknown>>(
      service,
      ORDERS_STORE_CONTROLS_CHANGED_V1,
    );
    expect(announced!.payload).toEqual({
      venueId: VENUE,
      channel: 'qr',
      busyExtraMinutes: 0,
      slotCapacity: 2,
      slotCapacityUnit: 'orders',
    });

    const wanted = slotTime(1);
    const first = await mappedOrder('qr', wanted);
    const second = await mappedOrder('qr', wanted);
    const third = await mappedOrder('qr', wanted);
    expect((await view(first.id)).promisedAt).toBe(wanted.toISOString());
    expect((await view(second.id)).promisedAt).toBe(wanted.toISOString());
    const moved = await view(third.id);
    const next = new Date(slotOf(wanted).getTime() + SLOT_MS);
    expect(moved.status).toBe('accepted');
    expect(moved.promisedAt).toBe(next.toISOString());
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    const reason = `slot ${hhmm(slotOf(wanted))}–${hhmm(next)} UTC is full (2 orders for qr); moved to ${hhmm(next)}–${hhmm(new Date(next.getTime() + SLOT_MS))} UTC`;
    expect(moved.timeline.find((e) => e.kind === 'prep_time_changed')).toMatchObject({
      actorId: 'order-core:capacity',
      reason,
      detail: { promisedAt: next.toISOString(), previousPromisedAt: wanted.toISOString(), cause: 'capacity' },
    });
    expect(await prepTimeEventOf(third.id, 'capacity')).toMatchObject({
      orderId: third.id,
      venueId: VENUE,
      channel: 'qr',
      externalId: third.externalId,
      promisedAt: next.toISOString(),
      previousPromisedAt: wanted.toISOString(),
      prepTimeMinutes: 20,
      reason,
      actor: { type: 'system', id: 'order-core:capacity' },
      order: { id: third.id, status: 'accepted' },
    });
    expect((await prepTimeEvents()).filter((e) => [first.id, second.id].includes(e.orderId))).toEqual([]);

    // removing the limit lets the next order into the full slot
    await setControls('qr', { slotCapacity: null });
    const free = await mappedOrder('qr', wanted);
    expect((await view(free.id)).promisedAt).toBe(wanted.toISOString());
  });

  it('counts preparation minutes when the limit is in minutes', async () => {
    await setControls('web', { slotCapacity: 45, slotCapacityUnit: 'prep_minutes' });
    const wanted = slotTime(2);
    const a = await mappedOrder('web', wanted);
    const b = await mappedOrder('web', wanted); // 40 of 45 minutes
    const c = await mappedOrder('web', wanted); // 60 > 45: moved
    expect([(await view(a.id)).promisedAt, (await view(b.id)).promisedAt]).toEqual([
      wanted.toISOString(),
      wanted.toISOString(),
    ]);
    const moved = await view(c.id);
    expect(moved.promisedAt).toBe(new Date(slotOf(wanted).getTime() + SLOT_MS).toISOString());
    expect(moved.timeline.find((e) => e.kind === 'prep_time_changed')?.reason).toContain(
      'is full (45 preparation minutes for web)',
    );
    const [slot] = await service.environment.query<{ orders: number; prep_minutes: number }>(
      "SELECT orders, prep_minutes FROM orders.capacity_slots WHERE venue_id = $1 AND channel = 'web' AND slot_start = $2",
      [VENUE, slotOf(wanted)],
    );
    expect(slot).toEqual({ orders: 2, prep_minutes: 40 });
  });

  it('never overfills a slot when orders arrive at the same time', async () => {
    await setControls('kiosk', { slotCapacity: 3, slotCapacityUnit: 'orders' });
    const wanted = slotTime(3);
    const orders = await Promise.all(Array.from({ length: 12 }, () => mappedOrder('kiosk', wanted)));
    const promised = await Promise.all(orders.map(async (o) => (await view(o.id)).promisedAt!));
    const perSlot = new Map<string, number>();
    for (const at of promised) {
      const slot = slotOf(new Date(at)).toISOString();
      perSlot.set(slot, (perSlot.get(slot) ?? 0) + 1);
    }
    // twelve orders, three per slot: the wanted slot and the three after it, none over
    expect([...perSlot.entries()].sort()).toEqual(
      [0, 1, 2, 3].map((n) => [new Date(slotOf(wanted).getTime() + n * SLOT_MS).toISOString(), 3]),
    );
    const counted = await service.environment.query<{ orders: number }>(
      "SELECT orders FROM orders.capacity_slots WHERE venue_id = $1 AND channel = 'kiosk' ORDER BY slot_start",
      [VENUE],
    );
    expect(counted.map((r) => r.orders)).toEqual([3, 3, 3, 3]);
  });

  it('rejects, with the reason, an order its platform cannot move out of a full slot', async () => {
    await setControls('ubereats', { slotCapacity: 1 });
    const wanted = slotTime(4);
    const taken = await mappedOrder('ubereats', wanted);
    expect((await view(taken.id)).status).toBe('accepted');
    const refused = await view((await mappedOrder('ubereats', wanted)).id);
    expect(refused.status).toBe('rejected');
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    const slot = slotOf(wanted);
    expect(refused.timeline.at(-1)).toMatchObject({
      kind: 'status',
      to: 'rejected',
      actorId: 'order-core:capacity',
      reason: `slot ${hhmm(slot)}–${hhmm(new Date(slot.getTime() + SLOT_MS))} UTC is full (1 orders for ubereats) and ubereats cannot move an order's time`,
    });
  });

  it('applies the venue-wide limit (*) to every channel', async () => {
    await setControls('*', { slotCapacity: 1 });
    const wanted = slotTime(5);
    const first = await mappedOrder('app', wanted);
    const second = await mappedOrder('call_center', wanted);
    expect((await view(first.id)).promisedAt).toBe(wanted.toISOString());
    expect((await view(second.id)).promisedAt).toBe(
      new Date(slotOf(wanted).getTime() + SLOT_MS).toISOString(),
    );
    await setControls('*', { slotCapacity: null });
  });

  it('gives a cancelled order’s place in its slot back', async () => {
    await setControls('waiter', { slotCapacity: 1 });
    const wanted = slotTime(6);
    const cancelled = await mappedOrder('waiter', wanted);
    const cancel = await service.request('POST', `/v1/orders/${cancelled.id}/status`, staff, {
      status: 'cancelled',
      reason: 'guest left',
    });
    expect(cancel.status).toBe(200);
    const next = await mappedOrder('waiter', wanted);
    expect((await view(next.id)).promisedAt).toBe(wanted.toISOString());
    const [slot] = await service.environment.query<{ orders: number }>(
      "SELECT orders FROM orders.capacity_slots WHERE venue_id = $1 AND channel = 'waiter' AND slot_start = $2",
      [VENUE, slotOf(wanted)],
    );
    expect(slot.orders).toBe(1);
  });

  it('fires a scheduled order moved to a later slot for its new promised time, less its preparation time', async () => {
    await setControls('dine_in', { slotCapacity: 1 });
    const wanted = slotTime(7);
    const first = await mappedOrder('dine_in', wanted);
    const moved = await mappedOrder('dine_in', wanted);
    const next = new Date(slotOf(wanted).getTime() + SLOT_MS);
    const minutes = (n: number) => n * 60_000;
    expect(await view(first.id)).toMatchObject({
      status: 'accepted',
      promisedAt: wanted.toISOString(),
      firesAt: new Date(wanted.getTime() - minutes(20)).toISOString(),
    });
    expect(await view(moved.id)).toMatchObject({
      status: 'accepted',
      promisedAt: next.toISOString(),
      prepTimeMinutes: 20,
      firesAt: new Date(next.getTime() - minutes(20)).toISOString(),
    });
    const held = await service.request('GET', `/v1/orders/held?venueId=${VENUE}`, manager);
    expect(
      (held.body as unknown as Array<{ id: string; firesAt: string }>).find((o) => o.id === moved.id)
        ?.firesAt,
    ).toBe(new Date(next.getTime() - minutes(20)).toISOString());
    await setControls('dine_in', { slotCapacity: null });
  });

  it('holds an as-soon-as-possible order moved to a later slot until its new promised time less its preparation time', async () => {
    await setControls('kiosk', { slotCapacity: 1 });
    const asap = await mappedOrder('kiosk');
    const moved = await mappedOrder('kiosk');
    const first = await view(asap.id);
    expect(first.status).toBe('accepted');
    expect(first.firesAt).toBeUndefined(); // its kitchen time is now: not held
    const later = await view(moved.id);
    const promised = new Date(later.promisedAt!);
    expect(promised.getTime()).toBeGreaterThan(new Date(first.promisedAt!).getTime());
    expect(later).toMatchObject({
      status: 'accepted',
      firesAt: new Date(promised.getTime() - 20 * 60_000).toISOString(),
    });
    const held = await service.request('GET', `/v1/orders/held?venueId=${VENUE}`, manager);
    expect((held.body as unknown as Array<{ id: string }>).map((o) => o.id)).toContain(moved.id);
    await setControls('kiosk', { slotCapacity: null });
  });

  it('recounts capacity when staff move an order’s promised time into another slot', async () => {
    await setControls('call_center', { slotCapacity: 1 });
    const wanted = slotTime(8);
    const slot = slotOf(wanted);
    const counts = async () =>
      (
        await service.environment.query<{ slot_start: Date; orders: number }>(
          "SELECT slot_start, orders FROM orders.capacity_slots WHERE venue_id = $1 AND channel = 'call_center' ORDER BY slot_start",
          [VENUE],
        )
      ).map((r) => [r.slot_start.toISOString(), r.orders]);
    const at = (n: number) => new Date(slot.getTime() + n * SLOT_MS).toISOString();
    const moving = await mappedOrder('call_center', wanted);
    const later = await mappedOrder('call_center', new Date(wanted.getTime() + SLOT_MS));
    expect(await counts()).toEqual([
      [at(0), 1],
      [at(1), 1],
    ]);

    // 20 → 35 minutes: ready 15 minutes later, in the next slot, which is full: on to the one after
    const response = await service.request('POST', `/v1/orders/${moving.id}/prep-time`, staff, {
      prepTimeMinutes: 35,
      reason: 'short of a cook',
    });
    expect(response.status).toBe(200);
    const hhmm = (iso: string) => iso.slice(11, 16);
    const movedReason = `slot ${hhmm(at(1))}–${hhmm(at(2))} UTC is full (1 orders for call_center); moved to ${hhmm(at(2))}–${hhmm(at(3))} UTC`;
    expect(response.body).toEqual({
      orderId: moving.id,
      promisedAt: at(2),
      previousPromisedAt: wanted.toISOString(),
      prepTimeMinutes: 35,
      movedReason,
    });
    expect(await counts()).toEqual([
      [at(0), 0],
      [at(1), 1],
      [at(2), 1],
    ]);
    const after = await view(moving.id);
    expect(after).toMatchObject({
      promisedAt: at(2),
      prepTimeMinutes: 35,
      // still held: it now fires at its new promised time less its new preparation time
      firesAt: new Date(Date.parse(at(2)) - 35 * 60_000).toISOString(),
    });
    expect(after.timeline.filter((e) => e.kind === 'prep_time_changed').at(-1)).toMatchObject({
      reason: `short of a cook; ${movedReason}`,
      detail: { promisedAt: at(2), previousPromisedAt: wanted.toISOString(), cause: 'staff' },
    });
    expect(await prepTimeEventOf(moving.id, 'staff')).toMatchObject({
      promisedAt: at(2),
      reason: `short of a cook; ${movedReason}`,
    });
    expect((await view(later.id)).promisedAt).toBe(new Date(wanted.getTime() + SLOT_MS).toISOString());

    // the place it gave back takes the next order for that slot
    const next = await mappedOrder('call_center', wanted);
    expect((await view(next.id)).promisedAt).toBe(wanted.toISOString());
    expect(await counts()).toEqual([
      [at(0), 1],
      [at(1), 1],
      [at(2), 1],
    ]);
    await setControls('call_center', { slotCapacity: null });
  });

  it('answers 409 naming the full slot when no slot has room for a day, and changes nothing', async () => {
    await setControls('app', { slotCapacity: 1 });
    const wanted = slotTime(9);
    const slot = slotOf(wanted);
    const order = await mappedOrder('app', wanted);
    // a day of full slots after it, as ninety-seven orders for those slots would leave them
    await service.environment.query(
      `INSERT INTO orders.capacity_slots (venue_id, channel, slot_start, orders, prep_minutes)
       SELECT $1, 'app', $2::timestamptz + n * interval '15 minutes', 1, 20 FROM generate_series(1, 97) AS n`,
      [VENUE, slot],
    );
    const refused = await service.request('POST', `/v1/orders/${order.id}/prep-time`, staff, {
      prepTimeMinutes: 35,
    });
    expect(refused.status).toBe(409);
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    const full = new Date(slot.getTime() + SLOT_MS);
    expect(refused.body.message).toBe(
      `order ${order.id} cannot be ready ${new Date(wanted.getTime() + SLOT_MS).toISOString()}: slot ${hhmm(full)}–${hhmm(new Date(full.getTime() + SLOT_MS))} UTC is full (1 orders for app) and no 15-minute slot after it has room in the next 24 hours; nothing changed`,
    );
    const kept = await view(order.id);
    expect(kept).toMatchObject({ promisedAt: wanted.toISOString(), prepTimeMinutes: 20 });
    expect(kept.timeline.filter((e) => e.kind === 'prep_time_changed')).toEqual([]);
    const [own] = await service.environment.query<{ orders: number }>(
      "SELECT orders FROM orders.capacity_slots WHERE venue_id = $1 AND channel = 'app' AND slot_start = $2",
      [VENUE, slot],
    );
    expect(own.orders).toBe(1);
    await setControls('app', { slotCapacity: null });
  });

  it('refuses bad capacity settings with a message naming the field', async () => {
    const bad = await service.request('PUT', `/v1/venues/${VENUE}/store-controls/qr`, manager, {
      slotCapacity: 0,
      slotCapacityUnit: 'plates',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(
      expect.arrayContaining([
        'slotCapacity must not be less than 1',
        'slotCapacityUnit must be one of orders, prep_minutes',
      ]),
    );
  });

  it('lets staff set an open order’s preparation time: the promised time moves, on the timeline and announced', async () => {
    const order = await mappedOrder('qr');
    const response = await service.request('POST', `/v1/orders/${order.id}/prep-time`, staff, {
      prepTimeMinutes: 35,
      reason: 'tandoor backed up',
    });
    expect(response.status).toBe(200);
    const [row] = await service.environment.query<{ created_at: Date }>(
      'SELECT created_at FROM orders.orders WHERE id = $1',
      [order.id],
    );
    const promisedAt = new Date(row.created_at.getTime() + 35 * 60_000).toISOString();
    expect(response.body).toEqual({
      orderId: order.id,
      promisedAt,
      previousPromisedAt: null,
      prepTimeMinutes: 35,
    });
    const after = await view(order.id);
    expect(after).toMatchObject({ promisedAt, prepTimeMinutes: 35 });
    expect(after.timeline.find((e) => e.kind === 'prep_time_changed')).toMatchObject({
      actorId: expect.any(String),
      reason: 'tandoor backed up',
      detail: { promisedAt, prepTimeMinutes: 35, cause: 'staff' },
    });
    expect(await prepTimeEventOf(order.id, 'staff')).toMatchObject({
      orderId: order.id,
      channel: 'qr',
      promisedAt,
      prepTimeMinutes: 35,
      reason: 'tandoor backed up',
      actor: { type: 'staff' },
    });

    const bad = await service.request('POST', `/v1/orders/${order.id}/prep-time`, staff, {
      prepTimeMinutes: 0,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(expect.arrayContaining(['prepTimeMinutes must not be less than 1']));
    const station = service.environment.token(Role.STATION, [VENUE], 'curry');
    expect(
      (await service.request('POST', `/v1/orders/${order.id}/prep-time`, station, { prepTimeMinutes: 30 }))
        .status,
    ).toBe(403);
  });

  it('documents the prep-time route and the capacity fields in the OpenAPI', async () => {
    const response = await fetch(`${service.url}/docs/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(document.paths['/v1/orders/{id}/prep-time']).toHaveProperty('post');
    expect(Object.keys(document.components.schemas.ChangePrepTimeDto.properties ?? {})).toEqual(
      expect.arrayContaining(['prepTimeMinutes', 'reason']),
    );
    expect(Object.keys(document.components.schemas.SaveStoreControlsDto.properties ?? {})).toEqual(
      expect.arrayContaining(['slotCapacity', 'slotCapacityUnit']),
    );
    expect(Object.keys(document.components.schemas.OrderViewDto.properties ?? {})).toEqual(
      expect.arrayContaining(['promisedAt', 'prepTimeMinutes']),
    );
  });

  it('gives a manager of venue A 403 on venue B’s orders and store controls', async () => {
    const theirs = await mappedOrder('qr', undefined, OTHER_VENUE);
    const prep = await service.request('POST', `/v1/orders/${theirs.id}/prep-time`, manager, {
      prepTimeMinutes: 30,
    });
    expect(prep.status).toBe(403);
    const controls = await service.request('PUT', `/v1/venues/${OTHER_VENUE}/store-controls/qr`, manager, {
      slotCapacity: 5,
    });
    expect(controls.status).toBe(403);
    const [row] = await service.environment.query<{ prep_time_minutes: number | null }>(
      'SELECT prep_time_minutes FROM orders.orders WHERE id = $1',
      [theirs.id],
    );
    expect(row.prep_time_minutes).toBeNull();
  });
});
