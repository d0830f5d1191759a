import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { Role } from '@hub/auth';
import {
  createEnvelope,
  KOT_TICKET_ACKNOWLEDGED_V1,
  KOT_TICKET_PRINTED_V1,
  KOT_TICKET_ROUTED_V1,
  ORDERS_STUCK_V1,
  type OrderStuckV1,
  STATUS_CALLBACK_DELIVERED_V1,
  type StatusCallbackDeliveredV1,
  STREAMS,
  type TicketPrintedV1,
  type TicketRoutedV1,
} from '@hub/contracts';
import { wireStreamName, wireSubject } from '@hub/messaging';
import { eventually, InProcessService, orderDraft } from '@hub/testing';
import { startOrderCore } from './support/boot';
import { orderIdOf, publishMappedOrder } from './support/orders';

jest.setTimeout(60_000);

const VENUE = 'venue-hops';

interface TimelineEntry {
  kind: string;
  to: string;
  actorType: string;
  actorId: string;
  detail?: Record<string, unknown>;
}

describe('order-core: the ledger follows printing, screens and the platform', () => {
  let service: InProcessService;
  let manager: string;

  const meta = (correlationId: string) => ({
    venueId: VENUE,
    aggregateType: 'order',
    aggregateId: correlationId,
    correlationId,
  });
  async function acceptedOrder(channel: string): Promise<{ id: string; correlationId: string }> {
    const externalId = `hop-${randomUUID()}`;
    const correlationId = randomUUID();
    await publishMappedOrder(
      service,
      orderDraft({
        venueId: VENUE,
        channel,
        externalId,
        source: { platform: channel, storeRef: 'store-1', rawDeliveryId: randomUUID() },
      }),
      correlationId,
    );
    return { id: await orderIdOf(service, externalId, 'accepted'), correlationId };
  }
  const routed = async (
    order: { id: string; correlationId: string },
    station: string,
    printing: boolean,
  ): Promise<string> => {
    const ticketId = randomUUID();
    const payload: TicketRoutedV1 = {
      ticketId,
      orderId: order.id,
      station,
      seq: 1,
      kind: 'new',
      createdAt: new Date().toISOString(),
      ...(printing ? { printing } : {}),
    };
    await service.publish(createEnvelope(KOT_TICKET_ROUTED_V1, payload, meta(order.correlationId)));
    await eventually(
      async () =>
        (
          await service.environment.query('SELECT 1 FROM orders.order_tickets WHERE ticket_id = $1', [
            ticketId,
          ])
        ).length > 0
          ? true
          : undefined,
      5000,
      'the ticket',
    );
    return ticketId;
  };
  const printed = (order: { id: string; correlationId: string }, ticketId: string, station: string) => {
    const payload: TicketPrintedV1 = {
      ticketId,
      orderId: order.id,
      venueId: VENUE,
      station,
      printerId: '127.0.0.1:9100',
      jobId: randomUUID(),
      printedAt: new Date().toISOString(),
      reprint: false,
    };
    return service.publish(createEnvelope(KOT_TICKET_PRINTED_V1, payload, meta(order.correlationId)));
  };
  const acknowledged = (order: { id: string; correlationId: string }, ticketId: string, station: string) =>
    service.publish(
      createEnvelope(
        KOT_TICKET_ACKNOWLEDGED_V1,
        { ticketId, orderId: order.id, station, acknowledgedAt: new Date().toISOString(), by: 'cook-1' },
        meta(order.correlationId),
      ),
    );
  const delivered = (order: { id: string; correlationId: string }, platform: string) => {
    const payload: StatusCallbackDeliveredV1 = {
      callbackId: randomUUID(),
      orderId: order.id,
      venueId: VENUE,
      platform,
      status: 'accepted' as StatusCallbackDeliveredV1['status'],
      attempts: 2,
      deliveredAt: new Date().toISOString(),
      httpStatus: 204,
    };
    return service.publish(createEnvelope(STATUS_CALLBACK_DELIVERED_V1, payload, meta(order.correlationId)));
  };
  const timeline = async (orderId: string) =>
    ((await service.request('GET', `/v1/orders/${orderId}`, manager)).body.timeline as TimelineEntry[]) ?? [];
  const hopsOf = async (orderId: string) =>
    (
      (await service.request('GET', `/v1/orders/stuck?venueId=${VENUE}`, manager)).body as unknown as Array<{
        orderId: string;
        hop: string;
      }>
    )
      .filter((a) => a.orderId === orderId)
      .map((a) => a.hop)
      .sort();
  const alarmsUntil = (orderId: string, expected: string[], what: string) =>
    eventually(
      async () => {
        const hops = await hopsOf(orderId);
        return JSON.stringify(hops) === JSON.stringify(expected) ? hops : undefined;
      },
      10_000,
      what,
    );
  const stuckEvents = async (orderId: string): Promise<OrderStuckV1[]> => {
    const jsm = await jetstreamManager(service.nc);
    const stream = wireStreamName(service.environment.namespace, STREAMS.ORDERS);
    const wire = wireSubject(service.environment.namespace, ORDERS_STUCK_V1);
    const info = await jsm.streams.info(stream);
    const found: OrderStuckV1[] = [];
    for (let seq = info.state.first_seq; seq > 0 && seq <= info.state.last_seq; seq += 1) {
      const message = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
      const payload =
        message?.subject === wire ? message.json<{ payload: OrderStuckV1 }>().payload : undefined;
      if (payload?.orderId === orderId) found.push(payload);
    }
    return found;
  };

  beforeAll(async () => {
    service = await startOrderCore({
      STUCK_TICKETING_SECONDS: '60',
      STUCK_KITCHEN_START_SECONDS: '60',
      STUCK_TICKET_ACK_SECONDS: '1',
      STUCK_PRINT_SECONDS: '1',
      STUCK_PLATFORM_ACK_SECONDS: '1',
      STUCK_SWEEP_MS: '200',
    });
    manager = service.environment.token(Role.MANAGER, [VENUE]);
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('shows each hop on the timeline: taken on at the screen, printed, acknowledged by the platform', async () => {
    const order = await acceptedOrder('ubereats');
    const ticketId = await routed(order, 'tandoor', true);
    await acknowledged(order, ticketId, 'tandoor');
    await printed(order, ticketId, 'tandoor');
    await delivered(order, 'ubereats');
    const entries = await eventually(
      async () => {
        const all = await timeline(order.id);
        const kinds = new Set(all.map((e) => e.kind));
        return ['ticket_acknowledged', 'ticket_printed', 'platform_acked'].every((k) => kinds.has(k))
          ? all
          : undefined;
      },
      5000,
      'the three hops on the timeline',
    );
    expect(entries.find((e) => e.kind === 'ticket_acknowledged')).toMatchObject({
      actorType: 'station',
      actorId: 'tandoor',
      detail: { ticketId, station: 'tandoor' },
    });
    expect(entries.find((e) => e.kind === 'ticket_printed')).toMatchObject({
      actorType: 'station',
      actorId: 'tandoor',
      detail: { ticketId, station: 'tandoor', printerId: '127.0.0.1:9100', reprint: false },
    });
    expect(entries.find((e) => e.kind === 'platform_acked')).toMatchObject({
      actorType: 'platform',
      actorId: 'ubereats',
      detail: { status: 'accepted', attempts: 2, httpStatus: 204 },
    });
    // every hop it waited at has happened: nothing stays open for it (the order is in preparation)
    await alarmsUntil(order.id, [], 'no open alarm');
  });

  it('records a routed ticket once, with no inbox row: a late redelivery changes nothing the ticket went through', async () => {
    const order = await acceptedOrder('qr');
    const payload: TicketRoutedV1 = {
      ticketId: randomUUID(),
      orderId: order.id,
      station: 'grill',
      seq: 1,
      kind: 'new',
      createdAt: new Date().toISOString(),
      printing: true,
    };
    const first = createEnvelope(KOT_TICKET_ROUTED_V1, payload, meta(order.correlationId));
    await service.publish(first);
    const ticket = () =>
      service.environment.query<{ acknowledged_at: Date | null; printing: boolean }>(
        'SELECT acknowledged_at, printing FROM orders.order_tickets WHERE ticket_id = $1',
        [payload.ticketId],
      );
    await eventually(async () => ((await ticket()).length > 0 ? true : undefined), 5000, 'the ticket');
    await acknowledged(order, payload.ticketId, 'grill');
    await eventually(
      async () => ((await ticket())[0]?.acknowledged_at ? true : undefined),
      5000,
      'the ticket taken on',
    );

    // the same event again under a new id (past the stream's duplicate window, as a redrive sends it)
    const again = { ...first, id: randomUUID() };
    await service.publish(again);
    const jsm = await jetstreamManager(service.nc);
    const stream = wireStreamName(service.environment.namespace, STREAMS.KOT);
    const published = (await jsm.streams.info(stream)).state.last_seq;
    await eventually(
      async () =>
        (await jsm.consumers.info(stream, 'order-core-kot-v1')).ack_floor.stream_seq >= published
          ? true
          : undefined,
      5000,
      'the redelivery handled',
    );

    const rows = await ticket();
    expect(rows).toHaveLength(1);
    expect(rows[0].acknowledged_at).not.toBeNull();
    expect(rows[0].printing).toBe(true);
    expect(
      await service.environment.query('SELECT 1 FROM orders.inbox WHERE event_id = ANY($1::uuid[])', [
        [first.id, again.id],
      ]),
    ).toEqual([]);
    // the kitchen's start still moved the order once
    const moves = (await timeline(order.id)).filter((e) => e.kind === 'status').map((e) => e.to);
    expect(moves).toEqual(['received', 'accepted', 'in_preparation']);
  });

  it('raises a print alarm for a ticket that never printed, not for a station without a printer, nor a platform ack on a direct channel', async () => {
    const order = await acceptedOrder('qr');
    const withPrinter = await routed(order, 'tandoor', true);
    const withoutPrinter = await routed(order, 'bar', false);
    expect(await alarmsUntil(order.id, ['print', 'ticket_ack'], 'print and ticket_ack alarms')).toEqual([
      'print',
      'ticket_ack',
    ]);
    const events = await eventually(
      async () => {
        const found = await stuckEvents(order.id);
        return found.some((e) => e.hop === 'print') ? found : undefined;
      },
      5000,
      'orders.v1.stuck for print',
    );
    expect(events.find((e) => e.hop === 'print')).toMatchObject({ hop: 'print', limitSeconds: 1 });
    const metrics = await fetch(`${service.url}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/hub_orders_stuck_total\{hop="print"\} [1-9]/);

    // the printed ticket clears the print alarm although the bar ticket (no printer) never prints
    await printed(order, withPrinter, 'tandoor');
    await alarmsUntil(order.id, ['ticket_ack'], 'the print alarm to clear');
    await acknowledged(order, withPrinter, 'tandoor');
    await acknowledged(order, withoutPrinter, 'bar');
    await alarmsUntil(order.id, [], 'every alarm to clear');
    expect((await stuckEvents(order.id)).map((e) => e.hop).sort()).toEqual(['print', 'ticket_ack']);
  });

  it('raises a platform_ack alarm for an accepted platform order whose status the platform never acknowledged', async () => {
    const order = await acceptedOrder('ubereats');
    await alarmsUntil(order.id, ['platform_ack'], 'the platform_ack alarm');
    expect((await stuckEvents(order.id)).map((e) => e.hop)).toEqual(['platform_ack']);
    await delivered(order, 'ubereats');
    await alarmsUntil(order.id, [], 'the platform_ack alarm to clear');
  });

  it('lists a venue’s alarms only to its own staff', async () => {
    const other = service.environment.token(Role.MANAGER, ['venue-elsewhere']);
    expect((await service.request('GET', `/v1/orders/stuck?venueId=${VENUE}`, other)).status).toBe(403);
  });
});
