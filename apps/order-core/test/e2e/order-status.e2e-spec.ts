import { randomUUID } from 'node:crypto';
import { Role } from '@hub/auth';
import {
  createEnvelope,
  INTAKE_ORDER_RECEIVED_V1,
  INTAKE_STATUS_RECEIVED_V1,
  IntakeStatusReceivedV1,
  MENU_ORDER_MAPPED_V1,
  ORDERS_CREATED_V1,
  type OrderCreatedV1,
  PlatformUpdate,
} from '@hub/contracts';
import { allowedNextStatuses, canMove, ORDER_STATUSES, OrderStatus } from '@hub/order-model';
import { eventually, InProcessService, orderDraft } from '@hub/testing';
import { startOrderCore } from './support/boot';
import { lastOrdersEvent } from './support/events';
import { orderIdOf } from './support/orders';

jest.setTimeout(120_000);

const VENUE_A = 'venue-a';
const VENUE_B = 'venue-b';

function draft(externalId: string, venueId = VENUE_A) {
  return orderDraft({
    venueId,
    externalId,
    totals: {
      subtotal: 26000,
      tax: 1300,
      discount: 0,
      deliveryFee: 0,
      tip: 0,
      total: 27300,
      currency: 'INR',
    },
  });
}

/** How to bring a fresh order to each status through the API, from accepted (or received). */
const PATHS: Record<OrderStatus, OrderStatus[]> = {
  [OrderStatus.RECEIVED]: [],
  [OrderStatus.ACCEPTED]: [],
  [OrderStatus.IN_PREPARATION]: [OrderStatus.IN_PREPARATION],
  [OrderStatus.READY]: [OrderStatus.IN_PREPARATION, OrderStatus.READY],
  [OrderStatus.DISPATCHED]: [OrderStatus.IN_PREPARATION, OrderStatus.READY, OrderStatus.DISPATCHED],
  [OrderStatus.COMPLETED]: [
    OrderStatus.IN_PREPARATION,
    OrderStatus.READY,
    OrderStatus.DISPATCHED,
    OrderStatus.COMPLETED,
  ],
  [OrderStatus.REJECTED]: [OrderStatus.REJECTED],
  [OrderStatus.CANCELLED]: [OrderStatus.CANCELLED],
  [OrderStatus.REFUNDED]: [OrderStatus.CANCELLED], // then paid and refunded in full: see orderIn
};

describe('order-core: the status machine through the API', () => {
  let service: InProcessService;
  let staff: string;
  let manager: string;

  /** An order in `status`: received (not mapped yet) or accepted (mapped), then moved along PATHS. */
  async function orderIn(status: OrderStatus): Promise<string> {
    const externalId = `e-${randomUUID()}`;
    const meta = {
      venueId: VENUE_A,
      aggregateType: 'delivery',
      aggregateId: externalId,
      correlationId: randomUUID(),
    };
    if (status === OrderStatus.RECEIVED || status === OrderStatus.REJECTED) {
      await service.publish(
        createEnvelope(
          INTAKE_ORDER_RECEIVED_V1,
          { deliveryId: meta.correlationId, order: draft(externalId) },
          meta,
        ),
      );
    } else {
      await service.publish(createEnvelope(MENU_ORDER_MAPPED_V1, { order: draft(externalId) }, meta));
    }
    const expected =
      status === OrderStatus.RECEIVED || status === OrderStatus.REJECTED ? 'received' : 'accepted';
    const id = await orderIdOf(service, externalId, expected);
    if (status === OrderStatus.REFUNDED)
      await service.request('POST', `/v1/orders/${id}/payments`, staff, { amount: 27300 });
    for (const step of PATHS[status]) {
      const moved = await service.request('POST', `/v1/orders/${id}/status`, staff, { status: step });
      if (moved.status !== 200)
        throw new Error(`could not move ${id} to ${step}: ${JSON.stringify(moved.body)}`);
    }
    if (status === OrderStatus.REFUNDED) {
      const refund = await service.request('POST', `/v1/orders/${id}/refunds`, manager, {
        amount: 27300,
        reason: 'guest left',
      });
      if (
        refund.status !== 201 ||
        (await service.request('GET', `/v1/orders/${id}`, staff)).body.status !== 'refunded'
      ) {
        throw new Error(`could not refund ${id}: ${JSON.stringify(refund.body)}`);
      }
    }
    return id;
  }

  beforeAll(async () => {
    service = await startOrderCore();
    staff = service.environment.token(Role.STAFF, [VENUE_A]);
    manager = service.environment.token(Role.MANAGER, [VENUE_A]);
  });

  afterAll(async () => {
    await service?.stop();
  });

  it.each(ORDER_STATUSES)(
    'from %s, allows exactly the moves of the state machine and leaves refused ones unchanged',
    async (from) => {
      for (const to of ORDER_STATUSES) {
        const id = await orderIn(from);
        const response = await service.request('POST', `/v1/orders/${id}/status`, staff, {
          status: to,
          reason: 'test',
        });
        const after = await service.request('GET', `/v1/orders/${id}`, staff);
        if (to === OrderStatus.REFUNDED && canMove(from, to)) {
          // refunded needs a payment refunded in full: without one the move is refused
          expect({ to, status: response.status }).toEqual({ to, status: 409 });
          expect(response.body.message).toBe(
            `order ${id} has 0 INR paid and not refunded: refund it first (POST /v1/orders/${id}/refunds)`,
          );
          expect(after.body.status).toBe(from);
        } else if (canMove(from, to)) {
          expect({ to, status: response.status, now: response.body.status }).toEqual({
            to,
            status: 200,
            now: to,
          });
          const last = (after.body.timeline as Array<Record<string, unknown>>).at(-1);
          expect(last).toMatchObject({
            from,
            to,
            actorType: 'staff',
            actorId: `test-${Role.STAFF}`,
            reason: 'test',
          });
        } else {
          const allowed = allowedNextStatuses(from);
          expect({ to, status: response.status }).toEqual({ to, status: 409 });
          expect(response.body.message).toBe(
            `order ${id} is ${from} and cannot move to ${to}; ` +
              (allowed.length > 0 ? `allowed next: ${allowed.join(', ')}` : 'it is in a final state'),
          );
          expect(after.body.status).toBe(from);
        }
      }
    },
  );

  it('creates one order however many times its events arrive', async () => {
    const externalId = `dup-${randomUUID()}`;
    const meta = {
      venueId: VENUE_A,
      aggregateType: 'delivery',
      aggregateId: externalId,
      correlationId: randomUUID(),
    };
    const received = createEnvelope(
      INTAKE_ORDER_RECEIVED_V1,
      { deliveryId: meta.correlationId, order: draft(externalId) },
      meta,
    );
    const mapped = createEnvelope(MENU_ORDER_MAPPED_V1, { order: draft(externalId) }, meta);
    // the mapping first, then the receipt, then both again under new event ids (a platform resending)
    for (const envelope of [
      mapped,
      received,
      { ...mapped, id: randomUUID() },
      { ...received, id: randomUUID() },
    ])
      await service.publish(envelope);
    const rows = await eventually(
      async () => {
        const found = await service.environment.query<{ id: string; status: string }>(
          'SELECT id, status FROM orders.orders WHERE external_id = $1',
          [externalId],
        );
        return found[0]?.status === 'accepted' ? found : undefined;
      },
      5000,
      'the order',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(
      await service.environment.query('SELECT id FROM orders.orders WHERE external_id = $1', [externalId]),
    ).toHaveLength(1);
    const history = await service.environment.query(
      'SELECT to_status FROM orders.order_status_history WHERE order_id = $1 ORDER BY id',
      [rows[0].id],
    );
    expect(history).toEqual([{ to_status: 'received' }, { to_status: 'accepted' }]);
  });

  it('announces a received order as stored, and replaces its lines with the mapped ones when its mapping arrives', async () => {
    const externalId = `lines-${randomUUID()}`;
    const meta = {
      venueId: VENUE_A,
      aggregateType: 'delivery',
      aggregateId: externalId,
      correlationId: randomUUID(),
    };
    const line = (lineId: string, name: string, extra: Record<string, unknown> = {}) => ({
      lineId,
      externalCode: `X-${lineId}`,
      name,
      quantity: 1,
      unitPrice: 13000,
      modifiers: [{ externalCode: 'SPICY', name: 'Spicy', quantity: 1, unitPrice: 0 }],
      ...extra,
    });
    const received = {
      ...draft(externalId),
      placedAt: '2026-11-22T10:00:00Z',
      notes: 'ring twice',
      items: [line('1', 'Dal'), line('2', 'Naan')],
    };
    await service.publish(
      createEnvelope(INTAKE_ORDER_RECEIVED_V1, { deliveryId: meta.correlationId, order: received }, meta),
    );
    const id = await orderIdOf(service, externalId, 'received');

    // orders.v1.created carries the order exactly as a read of it gives it
    const created = await eventually(
      async () => {
        const event = await lastOrdersEvent<OrderCreatedV1>(service, ORDERS_CREATED_V1);
        return event?.payload.order.id === id ? event.payload.order : undefined;
      },
      5000,
      'orders.v1.created',
    );
    const stored = (await service.request('GET', `/v1/orders/${id}`, staff)).body;
    const { mapped, correlationId, timeline, ...canonical } = stored;
    expect({ mapped, correlationId, timeline: (timeline as unknown[]).length }).toEqual({
      mapped: false,
      correlationId: meta.correlationId,
      timeline: 1,
    });
    expect(created).toEqual(canonical);
    expect(created.placedAt).toBe('2026-11-22T10:00:00.000Z');

    // the mapping keeps line 2 (now with its menu id and station), drops line 1 and adds line 3
    const mappedLines = [
      line('2', 'Butter Naan', { menuItemId: 'naan', station: 'tandoor' }),
      line('3', 'Raita', { menuItemId: 'raita', station: 'cold' }),
    ];
    await service.publish(
      createEnvelope(MENU_ORDER_MAPPED_V1, { order: { ...received, items: mappedLines } }, meta),
    );
    await orderIdOf(service, externalId, 'accepted');
    const lines = await service.environment.query(
      `SELECT line_id, position, menu_item_id, name, station, modifiers FROM orders.order_items
       WHERE order_id = $1 ORDER BY position`,
      [id],
    );
    expect(lines).toEqual([
      {
        line_id: '2',
        position: 0,
        menu_item_id: 'naan',
        name: 'Butter Naan',
        station: 'tandoor',
        modifiers: mappedLines[0].modifiers,
      },
      {
        line_id: '3',
        position: 1,
        menu_item_id: 'raita',
        name: 'Raita',
        station: 'cold',
        modifiers: mappedLines[1].modifiers,
      },
    ]);
    const after = (await service.request('GET', `/v1/orders/${id}`, staff)).body;
    expect(after).toMatchObject({ mapped: true, status: 'accepted', items: mappedLines });
    expect(after.timeline).toMatchObject([
      { from: null, to: 'received' },
      { from: 'received', to: 'accepted', actorType: 'system', actorId: 'order-core:auto-accept' },
    ]);
  });

  it('follows the platform: a customer cancellation cancels, a rider pickup dispatches a ready order, a delivery completes it', async () => {
    const tell = async (id: string, update: PlatformUpdate, reason?: string) => {
      const [row] = await service.environment.query<{ external_id: string; channel: string }>(
        'SELECT external_id, channel FROM orders.orders WHERE id = $1',
        [id],
      );
      const payload: IntakeStatusReceivedV1 = {
        deliveryId: randomUUID(),
        channel: row.channel,
        venueId: VENUE_A,
        externalId: row.external_id,
        update,
        reason,
        at: new Date().toISOString(),
      };
      await service.publish(
        createEnvelope(INTAKE_STATUS_RECEIVED_V1, payload, {
          venueId: VENUE_A,
          aggregateType: 'delivery',
          aggregateId: payload.deliveryId,
          correlationId: payload.deliveryId,
        }),
      );
    };
    const statusOf = async (id: string) => (await service.request('GET', `/v1/orders/${id}`, staff)).body;
    const becomes = (id: string, status: string) =>
      eventually(
        async () => {
          const order = await statusOf(id);
          return order.status === status ? order : undefined;
        },
        5000,
        `${id} to be ${status}`,
      );

    const cancelled = await orderIn(OrderStatus.IN_PREPARATION);
    await tell(cancelled, 'cancelled', 'customer changed their mind');
    const afterCancel = await becomes(cancelled, 'cancelled');
    expect((afterCancel.timeline as Array<Record<string, unknown>>).at(-1)).toMatchObject({
      from: 'in_preparation',
      to: 'cancelled',
      actorType: 'platform',
      actorId: 'qr',
      reason: 'customer changed their mind',
    });

    const early = await orderIn(OrderStatus.IN_PREPARATION);
    await tell(early, 'picked_up');
    const delivered = await orderIn(OrderStatus.READY);
    await tell(delivered, 'rider_assigned');
    await tell(delivered, 'picked_up');
    await becomes(delivered, 'dispatched');
    await tell(delivered, 'delivered');
    await becomes(delivered, 'completed');
    expect((await statusOf(early)).status).toBe('in_preparation'); // a pickup before ready changes nothing

    await tell(cancelled, 'cancelled'); // again: already cancelled, nothing happens
    const unknown = {
      deliveryId: randomUUID(),
      channel: 'qr',
      venueId: VENUE_A,
      externalId: 'never-seen',
      update: 'cancelled',
      at: new Date().toISOString(),
    };
    await service.publish(
      createEnvelope(INTAKE_STATUS_RECEIVED_V1, unknown, {
        venueId: VENUE_A,
        aggregateType: 'delivery',
        aggregateId: unknown.deliveryId,
        correlationId: unknown.deliveryId,
      }),
    );
    const check = await orderIn(OrderStatus.ACCEPTED); // the consumer carries on after both
    expect((await statusOf(check)).status).toBe('accepted');
    expect((await statusOf(cancelled)).timeline).toHaveLength((afterCancel.timeline as unknown[]).length);
  });

  it('refuses another venue, a bad status and a station token with clear errors', async () => {
    const id = await orderIn(OrderStatus.ACCEPTED);
    const managerB = service.environment.token(Role.MANAGER, [VENUE_B]);
    expect(await service.request('GET', `/v1/orders/${id}`, managerB)).toEqual({
      status: 403,
      body: { statusCode: 403, error: 'Forbidden', message: `this token is not scoped to venue ${VENUE_A}` },
    });
    expect(
      (await service.request('POST', `/v1/orders/${id}/status`, managerB, { status: 'in_preparation' }))
        .status,
    ).toBe(403);
    expect((await service.request('GET', `/v1/orders/${id}`, staff)).body.status).toBe('accepted');

    const bad = await service.request('POST', `/v1/orders/${id}/status`, staff, { status: 'eaten' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual([`status must be one of ${ORDER_STATUSES.join(', ')}`]);
    expect((await service.request('GET', '/v1/orders/not-a-uuid', staff)).body.message).toEqual([
      'id must be an order id (uuid)',
    ]);
    expect((await service.request('GET', `/v1/orders/${randomUUID()}`, staff)).status).toBe(404);

    const station = service.environment.token(Role.STATION, [VENUE_A], 'curry');
    const byStation = await service.request('POST', `/v1/orders/${id}/status`, station, {
      status: 'in_preparation',
    });
    expect(byStation.status).toBe(403);
    expect(byStation.body.message).toBe('role station may not do this; allowed: staff, manager, head_office');

    const list = await service.request('GET', '/v1/orders', staff);
    expect(list).toMatchObject({
      status: 400,
      body: { message: 'venueId is required: name one of the venues of your token' },
    });
  });

  it('pages through a venue’s orders, newest first', async () => {
    const ids = [
      await orderIn(OrderStatus.ACCEPTED),
      await orderIn(OrderStatus.ACCEPTED),
      await orderIn(OrderStatus.ACCEPTED),
    ];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: Record<string, unknown> } = await service.request(
        'GET',
        `/v1/orders?venueId=${VENUE_A}&status=accepted&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        staff,
      );
      expect(page.status).toBe(200);
      seen.push(...(page.body.orders as Array<{ id: string }>).map((o) => o.id));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(seen.slice(0, 3)).toEqual([...ids].reverse());
    expect(new Set(seen).size).toBe(seen.length);
  });
});
