/**
 * Where an order's latency goes: the time each hop's event was stored in its JetStream stream, read
 * back after a bench run. For each order (by correlation id): request sent → intake answered, →
 * `intake.v1.order-received` stored, → `menu.v1.order-mapped`, → `orders.v1.status-changed` to
 * accepted, → first `kot.v1.ticket-routed`, → first ticket on a station socket. Stream timestamps are
 * nats-server's clock and the bench's are Date.now() on the same machine.
 */
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import {
  INTAKE_ORDER_RECEIVED_V1,
  KOT_TICKET_ROUTED_V1,
  MENU_ORDER_MAPPED_V1,
  ORDERS_CREATED_V1,
  ORDERS_STATUS_CHANGED_V1,
  STREAMS,
} from '@hub/contracts';
import { contractSubject, wireStreamName } from '@hub/messaging';

export const HOPS = ['answered', 'received', 'mapped', 'accepted', 'routed', 'onScreen'] as const;
export type Hop = (typeof HOPS)[number];

/** Milliseconds spent in each hop (from the previous one), p50 and p99 over the run's orders. */
export type HopLatencies = Record<Hop, { p50: number; p99: number }>;

interface Trace {
  key?: string;
  received?: number;
  mapped?: number;
  accepted?: number;
  routed?: number;
}

/** Event store times per correlation id, for messages stored since `sinceMs`. */
async function traces(natsUrl: string, namespace: string, sinceMs: number): Promise<Map<string, Trace>> {
  const nc = await connect({ servers: natsUrl });
  const byCorrelation = new Map<string, Trace>();
  const trace = (id: string) => byCorrelation.get(id) ?? byCorrelation.set(id, {}).get(id)!;
  const earliest = (a: number | undefined, b: number) => (a === undefined || b < a ? b : a);
  try {
    const jsm = await jetstreamManager(nc);
    for (const stream of [STREAMS.INTAKE, STREAMS.MENU, STREAMS.ORDERS, STREAMS.KOT]) {
      const name = wireStreamName(namespace, stream);
      const { state } = await jsm.streams.info(name);
      if (state.messages === 0) continue;
      const consumer = await jetstream(nc).consumers.get(name, {
        deliver_policy: DeliverPolicy.StartTime,
        opt_start_time: new Date(sinceMs).toISOString(),
      });
      const messages = await consumer.consume({ max_messages: 1024, expires: 2000 });
      for await (const message of messages) {
        const at = Number(message.info.timestampNanos) / 1e6;
        const subject = contractSubject(namespace, message.subject);
        const envelope = message.json<{
          correlationId: string;
          payload: { to?: string; order?: { channel: string; externalId: string } };
        }>();
        const t = trace(envelope.correlationId);
        if (subject === INTAKE_ORDER_RECEIVED_V1) t.received = earliest(t.received, at);
        else if (subject === MENU_ORDER_MAPPED_V1) t.mapped = earliest(t.mapped, at);
        else if (subject === ORDERS_CREATED_V1 && envelope.payload.order)
          t.key = `${envelope.payload.order.channel}:${envelope.payload.order.externalId}`;
        else if (subject === ORDERS_STATUS_CHANGED_V1 && envelope.payload.to === 'accepted')
          t.accepted = earliest(t.accepted, at);
        else if (subject === KOT_TICKET_ROUTED_V1) t.routed = earliest(t.routed, at);
        if (message.info.pending === 0 || message.seq >= state.last_seq) break;
      }
      await messages.close();
    }
  } finally {
    await nc.close();
  }
  return byCorrelation;
}

/**
 * The hops of the run's accepted orders. `orders` gives, per order key (channel:externalId), when
 * its request was sent and answered and when its first ticket reached a screen.
 */
export async function hopLatencies(
  natsUrl: string,
  namespace: string,
  sinceMs: number,
  orders: Map<string, { sent: number; answered?: number; onScreen?: number }>,
): Promise<HopLatencies> {
  const spans: Record<Hop, number[]> = {
    answered: [],
    received: [],
    mapped: [],
    accepted: [],
    routed: [],
    onScreen: [],
  };
  for (const t of (await traces(natsUrl, namespace, sinceMs)).values()) {
    const order = t.key ? orders.get(t.key) : undefined;
    if (!order) continue;
    const points: Array<[Hop, number | undefined]> = [
      ['answered', order.answered],
      ['received', t.received],
      ['mapped', t.mapped],
      ['accepted', t.accepted],
      ['routed', t.routed],
      ['onScreen', order.onScreen],
    ];
    // each hop from the one before it; `received` follows the request, not the answer (intake
    // publishes right after its commit, in parallel with the answer)
    let previous = order.sent;
    for (const [hop, at] of points) {
      if (at === undefined) break;
      spans[hop].push(at - (hop === 'received' ? order.sent : previous));
      previous = at;
    }
  }
  const quantile = (values: number[], q: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    if (sorted.length === 0) return NaN;
    return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] * 10) / 10;
  };
  return Object.fromEntries(
    HOPS.map((hop) => [hop, { p50: quantile(spans[hop], 0.5), p99: quantile(spans[hop], 0.99) }]),
  ) as HopLatencies;
}
