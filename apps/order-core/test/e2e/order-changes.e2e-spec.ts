import { randomUUID } from 'node:crypto';
import { Role } from '@hub/auth';
import {
  EventEnvelope,
  ORDERS_ITEMS_ADDED_V1,
  ORDERS_ITEMS_VOIDED_V1,
  ORDERS_PRIORITY_CHANGED_V1,
  OrderDraftDto,
  OrderItemsAddedV1,
  OrderItemsVoidedV1,
  OrderPriorityChangedV1,
  parseEnvelope,
} from '@hub/contracts';
import { OrderPriority } from '@hub/order-model';
import { eventually, InProcessService, orderDraft } from '@hub/testing';
import { startOrderCore } from './support/boot';
import { lastOrdersEvent } from './support/events';
import { orderIdOf, publishMappedOrder } from './support/orders';

jest.setTimeout(120_000);

const VENUE_A = 'venue-a';
const VENUE_B = 'venue-b';

/** Dal (26000) at 5 % tax, a 2000 delivery fee and a 1000 discount. */
function draft(externalId: string, overrides: Partial<OrderDraftDto> = {}): OrderDraftDto {
  return orderDraft({
    venueId: VENUE_A,
    externalId,
    totals: {
      subtotal: 26000,
      tax: 1300,
      discount: 1000,
      deliveryFee: 2000,
      tip: 0,
      total: 28300,
      currency: 'INR',
    },
    ...overrides,
  });
}

const naan = {
  lineId: 'n1',
  externalCode: 'NAAN',
  name: 'Butter Naan',
  quantity: 2,
  unitPrice: 6000,
  modifiers: [{ name: 'extra butter', quantity: 1, unitPrice: 500 }],
  station: 'tandoor',
};

describe('order-core: lines added and voided, and priority, on open orders', () => {
  let service: InProcessService;
  let staff: string;

  async function acceptedOrder(overrides: Partial<OrderDraftDto> = {}): Promise<string> {
    const externalId = `c-${randomUUID()}`;
    await publishMappedOrder(service, draft(externalId, overrides));
    return orderIdOf(service, externalId, 'accepted');
  }

  /** The last event of `subject` on the ORDERS stream, parsed and validated by its contract. */
  async function lastEvent<T>(subject: string, orderId: string): Promise<EventEnvelope<T>> {
    return eventually(
      async () => {
        const envelope = await lastOrdersEvent<T>(service, subject);
        return envelope?.aggregateId === orderId ? parseEnvelope<T>(envelope, subject) : undefined;
      },
      5000,
      `${subject} of ${orderId}`,
    );
  }

  beforeAll(async () => {
    service = await startOrderCore();
    staff = service.environment.token(Role.STAFF, [VENUE_A]);
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('adds lines: totals grow in minor units, the timeline shows it, and items-added carries only the new lines', async () => {
    const id = await acceptedOrder();
    const response = await service.request('POST', `/v1/orders/${id}/items`, staff, {
      items: [naan, { externalCode: 'LASSI', name: 'Lassi', quantity: 1, unitPrice: 9000, modifiers: [] }],
    });
    expect(response.status).toBe(200);
    // 2 × (6000 + 500) + 9000 = 22000; tax at the order's 5 %: 1100
    expect(response.body.totals).toEqual({
      subtotal: 48000,
      tax: 2400,
      discount: 1000,
      deliveryFee: 2000,
      tip: 0,
      total: 51400,
      currency: 'INR',
    });
    const lines = response.body.items as Array<{ lineId: string; name: string }>;
    expect(lines.map((l) => l.lineId)).toEqual(['1', 'n1', '3']); // the lassi is numbered for it

    const event = await lastEvent<OrderItemsAddedV1>(ORDERS_ITEMS_ADDED_V1, id);
    expect(event.payload).toMatchObject({
      orderId: id,
      venueId: VENUE_A,
      lineIds: ['n1', '3'],
      actor: { type: 'staff', id: `test-${Role.STAFF}` },
    });
    expect(event.payload.items.map((i) => i.name)).toEqual(['Butter Naan', 'Lassi']);
    expect(event.payload.order.items).toHaveLength(3);
    expect(event.payload.order.totals.total).toBe(51400);

    const order = await service.request('GET', `/v1/orders/${id}`, staff);
    expect((order.body.timeline as Array<Record<string, unknown>>).at(-1)).toMatchObject({
      kind: 'items_added',
      from: 'accepted',
      to: 'accepted',
      lineIds: ['n1', '3'],
      actorType: 'staff',
    });
  });

  it('refuses a lineId the order has, and bad lines with a message naming the field', async () => {
    const id = await acceptedOrder();
    const again = await service.request('POST', `/v1/orders/${id}/items`, staff, {
      items: [{ ...naan, lineId: '1' }],
    });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe(`order ${id} has (or had) line 1 already: give new lines new lineIds`);
    const bad = await service.request('POST', `/v1/orders/${id}/items`, staff, {
      items: [{ ...naan, unitPrice: 12.5 }],
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('unitPrice must be an integer number');
    const none = await service.request('POST', `/v1/orders/${id}/items`, staff, { items: [] });
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.body.message)).toContain('items must hold at least one line');
    expect((await service.request('GET', `/v1/orders/${id}`, staff)).body.totals).toMatchObject({
      total: 28300,
    });
  });

  it.each(['ready', 'dispatched', 'completed', 'cancelled'])(
    'answers 409 to adding lines once the order is %s, and changes nothing',
    async (status) => {
      const id = await acceptedOrder();
      const path: Record<string, string[]> = {
        ready: ['in_preparation', 'ready'],
        dispatched: ['in_preparation', 'ready', 'dispatched'],
        completed: ['in_preparation', 'ready', 'dispatched', 'completed'],
        cancelled: ['cancelled'],
      };
      for (const step of path[status]) {
        expect(
          (await service.request('POST', `/v1/orders/${id}/status`, staff, { status: step })).status,
        ).toBe(200);
      }
      const response = await service.request('POST', `/v1/orders/${id}/items`, staff, { items: [naan] });
      expect(response.status).toBe(409);
      expect(response.body.message).toBe(
        `order ${id} is ${status}: lines and priority change only while it is received, accepted, in_preparation`,
      );
      const after = await service.request('GET', `/v1/orders/${id}`, staff);
      expect(after.body.items).toHaveLength(1);
      expect(after.body.totals).toMatchObject({ total: 28300 });
    },
  );

  it('voids a line with its reason: totals shrink, items-voided names it, the last live line is refused', async () => {
    const id = await acceptedOrder();
    await service.request('POST', `/v1/orders/${id}/items`, staff, { items: [naan] });
    const voided = await service.request('POST', `/v1/orders/${id}/items/n1/void`, staff, {
      reason: 'guest changed their mind',
    });
    expect(voided.status).toBe(200);
    expect((voided.body.items as unknown[]).length).toBe(1);
    expect(voided.body.totals).toMatchObject({ subtotal: 26000, tax: 1300, total: 28300 });

    const event = await lastEvent<OrderItemsVoidedV1>(ORDERS_ITEMS_VOIDED_V1, id);
    expect(event.payload).toMatchObject({
      orderId: id,
      venueId: VENUE_A,
      lineIds: ['n1'],
      reason: 'guest changed their mind',
      actor: { type: 'staff', id: `test-${Role.STAFF}` },
      items: [{ lineId: 'n1', name: 'Butter Naan', station: 'tandoor' }],
    });
    expect(event.payload.order.items.map((i) => i.lineId)).toEqual(['1']);

    const last = await service.request('POST', `/v1/orders/${id}/items/1/void`, staff, { reason: 'x' });
    expect(last.status).toBe(409);
    expect(last.body.message).toBe(
      `line 1 is the last live line of order ${id}: cancel the order instead (POST /v1/orders/${id}/status)`,
    );
    const twice = await service.request('POST', `/v1/orders/${id}/items/n1/void`, staff, { reason: 'again' });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toBe(`order ${id} has no live line n1`);
    const noReason = await service.request('POST', `/v1/orders/${id}/items/1/void`, staff, {});
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body.message)).toContain('reason');
    // a voided lineId is not given out again
    const reuse = await service.request('POST', `/v1/orders/${id}/items`, staff, { items: [naan] });
    expect(reuse.status).toBe(409);

    const timeline = (await service.request('GET', `/v1/orders/${id}`, staff)).body.timeline as Array<
      Record<string, unknown>
    >;
    expect(timeline.find((t) => t.kind === 'items_voided')).toMatchObject({
      lineIds: ['n1'],
      reason: 'guest changed their mind',
    });
  });

  it('takes a priority from the order and lets staff set rush, announced to the kitchen', async () => {
    const vip = await acceptedOrder({ priority: OrderPriority.VIP });
    expect((await service.request('GET', `/v1/orders/${vip}`, staff)).body.priority).toBe('vip');

    const id = await acceptedOrder();
    expect((await service.request('GET', `/v1/orders/${id}`, staff)).body.priority).toBeUndefined();
    const rush = await service.request('POST', `/v1/orders/${id}/priority`, staff, { priority: 'rush' });
    expect(rush.status).toBe(200);
    expect(rush.body.priority).toBe('rush');
    const event = await lastEvent<OrderPriorityChangedV1>(ORDERS_PRIORITY_CHANGED_V1, id);
    expect(event.payload).toMatchObject({
      orderId: id,
      from: 'normal',
      to: 'rush',
      order: { priority: 'rush' },
    });
    const bad = await service.request('POST', `/v1/orders/${id}/priority`, staff, { priority: 'urgent' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('priority must be one of normal, rush, vip');
  });

  it("gives another venue's token 403 and changes nothing", async () => {
    const id = await acceptedOrder();
    const other = service.environment.token(Role.MANAGER, [VENUE_B]);
    for (const [path, body] of [
      [`/v1/orders/${id}/items`, { items: [naan] }],
      [`/v1/orders/${id}/items/1/void`, { reason: 'x' }],
      [`/v1/orders/${id}/priority`, { priority: 'rush' }],
    ] as const) {
      const response = await service.request('POST', path, other, body);
      expect({ path, status: response.status }).toEqual({ path, status: 403 });
    }
    const after = await service.request('GET', `/v1/orders/${id}`, staff);
    expect(after.body.items).toHaveLength(1);
    expect(after.body.priority).toBeUndefined();
  });

  it('documents the new routes in the OpenAPI', async () => {
    const response = await fetch(`${service.url}/docs/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/v1/orders/{id}/items',
        '/v1/orders/{id}/items/{lineId}/void',
        '/v1/orders/{id}/priority',
      ]),
    );
    expect(Object.keys(document.components.schemas.AddOrderItemsDto.properties ?? {})).toEqual(
      expect.arrayContaining(['items', 'tax']),
    );
    expect(Object.keys(document.components.schemas.AddedOrderLineDto.properties ?? {})).toEqual(
      expect.arrayContaining(['lineId', 'externalCode', 'name', 'quantity', 'unitPrice', 'modifiers']),
    );
    expect(document.components.schemas.TimelineEntryDto.properties).toHaveProperty('kind');
  });
});
