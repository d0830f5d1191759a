/**
 * The chaos run behind `npm run chaos` and its short version in `npm test`: the whole system on its
 * own Postgres and nats-server, signed platform webhooks at a steady rate, and one fault after
 * another (kill -9 of each service, a nats-server restart, a Postgres restart, a station's socket
 * gone for a while). After each fault it waits for the system to settle and checks that nothing
 * was lost or doubled: orders, tickets on the station sockets, status callbacks at the platform.
 */
import { DEMO_MENU, DEMO_VENUES } from '@hub/testing';
import { DEMO_INTEGRATIONS, DemoPlatform } from '../dev/demo-integrations';
import { ServiceName } from '../dev/dev-defaults';
import { SERVICE_NAMES } from '../dev/services';
import { signedWebhook, WebhookLine } from '../dev/signed-webhooks';
import { OwnSystem } from './own-system';
import { PlatformStandIn } from './platform-stand-in';

export type Fault = `kill:${ServiceName}` | 'nats' | 'postgres' | 'pause';
export const ALL_FAULTS: Fault[] = [
  ...SERVICE_NAMES.map((name) => `kill:${name}` as Fault),
  'nats',
  'postgres',
  'pause',
];

export interface ChaosOptions {
  /** webhooks per second, sent on schedule whatever the answers (open loop) */
  rate: number;
  faults: Fault[];
  /** how long nats-server and Postgres stay down */
  outageSeconds: number;
  /** how long the paused station's socket stays away */
  pauseSeconds: number;
  /** load before each fault */
  loadSeconds: number;
  /** give up waiting for the system to settle when nothing moved for this long */
  settleTimeoutSeconds: number;
  /** service logs go to <logDir>/<service>.log when set */
  logDir?: string;
  say?: (line: string) => void;
}

export const DEFAULT_OPTIONS: ChaosOptions = {
  rate: 5,
  faults: ALL_FAULTS,
  outageSeconds: 5,
  pauseSeconds: 30,
  loadSeconds: 5,
  settleTimeoutSeconds: 60,
};

/** What one check found, cumulative over every order sent so far. */
export interface Tally {
  sent: number;
  acked: number;
  /** acknowledged webhooks without an order */
  ordersMissing: number;
  /** acknowledged webhooks with more than one order */
  ordersDuplicated: number;
  /** webhooks not acknowledged (error or no answer) whose order exists anyway */
  unackedButStored: number;
  ticketsExpected: number;
  /** every ticket delivery on the screens, re-sends included */
  ticketsRaw: number;
  /** distinct ticketIds of these orders on the screens */
  ticketsDeduped: number;
  ticketsMissing: number;
  /** of the missing, those kot-router has not made yet (a backlog, or lost before routing) */
  ticketsNotRouted: number;
  /** an order's station got two different tickets (distinct ticketIds) */
  ticketsDuplicated: number;
  callbacksExpected: number;
  /** every call at the stand-in for these orders */
  callbacksRaw: number;
  /** distinct by the dedupe key status-sync sends (Idempotency-Key; WooCommerce: order and status) */
  callbacksDeduped: number;
  callbacksMissing: number;
  /** two different dedupe keys for one expected callback */
  callbacksDuplicated: number;
}

export interface FaultOutcome {
  fault: string;
  /** from injecting the fault to the part being back (restarted, ready) */
  downMs: number;
  /** from the part being back to every acknowledged order so far fully delivered; undefined: never */
  recoverMs?: number;
  /** webhooks sent and acknowledged while this fault ran and settled */
  phaseSent: number;
  phaseAcked: number;
  /** answers to this phase's webhooks: status code (or "no answer") → count */
  phaseAnswers: Record<string, number>;
  tally: Tally;
  /** services that exited without being told to */
  crashes: string[];
  ok: boolean;
  problems: string[];
}

interface SentWebhook {
  platform: DemoPlatform;
  venueId: string;
  externalId: string;
  lines: WebhookLine[];
  sentAt: number;
  status?: number;
  error?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const STATION_OF = new Map(DEMO_MENU.map((item) => [item.code, item.station]));

/** Signed webhooks on an open-loop schedule until stopped. */
class Load {
  readonly sent: SentWebhook[] = [];
  private running = false;
  private loop?: Promise<void>;
  private readonly pending = new Set<Promise<void>>();
  private readonly idBase = Date.now() * 100;

  constructor(
    private readonly intakeUrl: () => string,
    private readonly rate: number,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    const started = Date.now();
    for (let n = 0; this.running; n++) {
      const wait = started + (n * 1000) / this.rate - Date.now();
      if (wait > 0) await sleep(wait);
      if (!this.running) break;
      const integration = DEMO_INTEGRATIONS[n % DEMO_INTEGRATIONS.length];
      const webhook = signedWebhook(integration.platform, n, integration, { id: this.idBase + n });
      const record: SentWebhook = {
        platform: integration.platform,
        venueId: integration.venueId,
        externalId: webhook.externalId,
        lines: webhook.lines,
        sentAt: Date.now(),
      };
      this.sent.push(record);
      const send = fetch(`${this.intakeUrl()}/v1/webhooks/${integration.platform}`, {
        method: 'POST',
        headers: webhook.headers,
        body: webhook.body,
        signal: AbortSignal.timeout(30_000),
      }).then(
        async (response) => {
          record.status = response.status;
          await response.arrayBuffer().catch(() => undefined);
        },
        (error: Error) => void (record.error = error.message),
      );
      this.pending.add(send);
      void send.finally(() => this.pending.delete(send));
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    await Promise.all([...this.pending]);
  }
}

interface Callbacks {
  /** order id → idempotency keys of its order.confirmed notifications, and how many calls */
  confirmed: Map<string, { keys: Set<string>; raw: number }>;
  /** WooCommerce order id → calls setting it to processing */
  wooProcessing: Map<string, number>;
}

function callbacksAtStandIn(standIn: PlatformStandIn): Callbacks {
  const confirmed = new Map<string, { keys: Set<string>; raw: number }>();
  const wooProcessing = new Map<string, number>();
  for (const call of standIn.calls) {
    if (call.path.startsWith('/notify/')) {
      const body = JSON.parse(call.body) as { event: string; order: { id: string } };
      if (body.event !== 'order.confirmed') continue;
      const entry = confirmed.get(body.order.id) ?? { keys: new Set<string>(), raw: 0 };
      entry.keys.add(String(call.headers['idempotency-key']));
      entry.raw++;
      confirmed.set(body.order.id, entry);
    }
    const woo = /^\/woocommerce\/wp-json\/wc\/v3\/orders\/([^/?]+)$/.exec(call.path);
    if (
      woo &&
      call.method === 'PUT' &&
      (JSON.parse(call.body) as { status: string }).status === 'processing'
    ) {
      const id = decodeURIComponent(woo[1]);
      wooProcessing.set(id, (wooProcessing.get(id) ?? 0) + 1);
    }
  }
  return { confirmed, wooProcessing };
}

/** Compares what was sent up to `cutoff` with the orders, the screens and the stand-in. */
async function tally(system: OwnSystem, sent: SentWebhook[]): Promise<Tally> {
  const acked = sent.filter(acknowledged);
  const orders = await system.query<{ id: string; external_id: string; venue_id: string }>(
    'SELECT id, external_id, venue_id FROM orders.orders WHERE external_id = ANY($1)',
    [sent.map((s) => s.externalId)],
  );
  const ordersOf = new Map<string, string[]>();
  for (const order of orders)
    ordersOf.set(order.external_id, [...(ordersOf.get(order.external_id) ?? []), order.id]);
  const accepted = new Set(
    (
      await system.query<{ order_id: string }>(
        "SELECT DISTINCT order_id FROM orders.order_status_history WHERE to_status = 'accepted' AND order_id = ANY($1)",
        [orders.map((o) => o.id)],
      )
    ).map((r) => r.order_id),
  );

  const t: Tally = {
    sent: sent.length,
    acked: acked.length,
    ordersMissing: 0,
    ordersDuplicated: 0,
    unackedButStored: 0,
    ticketsExpected: 0,
    ticketsRaw: 0,
    ticketsDeduped: 0,
    ticketsMissing: 0,
    ticketsNotRouted: 0,
    ticketsDuplicated: 0,
    callbacksExpected: 0,
    callbacksRaw: 0,
    callbacksDeduped: 0,
    callbacksMissing: 0,
    callbacksDuplicated: 0,
  };
  const ackedIds = new Set(acked.map((s) => s.externalId));
  for (const webhook of sent) {
    const found = ordersOf.get(webhook.externalId) ?? [];
    if (ackedIds.has(webhook.externalId)) {
      if (found.length === 0) t.ordersMissing++;
      if (found.length > 1) t.ordersDuplicated++;
    } else if (found.length > 0) t.unackedButStored++;
  }

  // tickets of these orders on the screens: (order, station) → distinct new tickets
  const orderIds = new Set(orders.map((o) => o.id));
  const ticketsAt = new Map<string, Set<string>>();
  for (const screen of system.screens) {
    for (const ticket of screen.tickets.values()) {
      if (!orderIds.has(ticket.orderId) || ticket.kind !== 'new') continue;
      const key = `${ticket.orderId}|${ticket.station}`;
      ticketsAt.set(key, (ticketsAt.get(key) ?? new Set()).add(ticket.ticketId));
    }
  }
  t.ticketsRaw = system.screens.reduce((sum, s) => sum + s.rawDeliveries, 0);
  const routed = new Set(
    (
      await system.query<{ key: string }>(
        "SELECT order_id || '|' || station AS key FROM kot.tickets WHERE kind = 'new' AND order_id = ANY($1)",
        [orders.map((o) => o.id)],
      )
    ).map((r) => r.key),
  );
  const callbacks = callbacksAtStandIn(system.standIn!);
  for (const webhook of sent) {
    const [orderId] = ordersOf.get(webhook.externalId) ?? [];
    if (!orderId) continue;
    for (const station of new Set(webhook.lines.map((l) => STATION_OF.get(l.code)))) {
      t.ticketsExpected++;
      const distinct = ticketsAt.get(`${orderId}|${station}`)?.size ?? 0;
      t.ticketsDeduped += distinct;
      if (distinct === 0) t.ticketsMissing++;
      if (distinct === 0 && !routed.has(`${orderId}|${station}`)) t.ticketsNotRouted++;
      if (distinct > 1) t.ticketsDuplicated++;
    }
    if (!accepted.has(orderId)) continue;
    // every accepted order: the venue's order.confirmed notification (Idempotency-Key per callback)
    t.callbacksExpected++;
    const confirmed = callbacks.confirmed.get(orderId);
    t.callbacksRaw += confirmed?.raw ?? 0;
    t.callbacksDeduped += confirmed?.keys.size ?? 0;
    if (!confirmed) t.callbacksMissing++;
    else if (confirmed.keys.size > 1) t.callbacksDuplicated++;
    // a WooCommerce order: PUT orders/{id} {status: processing}; no key is sent, order and status are the key
    if (webhook.platform === 'woocommerce') {
      t.callbacksExpected++;
      const calls = callbacks.wooProcessing.get(webhook.externalId) ?? 0;
      t.callbacksRaw += calls;
      t.callbacksDeduped += Math.min(1, calls);
      if (calls === 0) t.callbacksMissing++;
    }
  }
  return t;
}

const acknowledged = (s: SentWebhook) => s.status !== undefined && s.status >= 200 && s.status < 300;

function answers(sent: SentWebhook[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of sent) {
    const key = s.status !== undefined ? String(s.status) : 'no answer';
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

const settled = (t: Tally) => t.ordersMissing === 0 && t.ticketsMissing === 0 && t.callbacksMissing === 0;

/**
 * Waits until everything acknowledged before `cutoff` is delivered. A backlog still shrinking is
 * waited for; it gives up when nothing moved for `stallMs` (or after ten times that in all).
 */
async function settle(
  system: OwnSystem,
  load: Load,
  cutoff: number,
  stallMs: number,
): Promise<{ tally: Tally; settledAt?: number }> {
  const started = Date.now();
  let progressAt = started;
  let last: Tally | undefined;
  let outstanding = Infinity;
  for (let round = 0; ; round++) {
    // answers still on their way count once they come (or time out)
    const sent = load.sent.filter((s) => s.sentAt <= cutoff);
    if (sent.every((s) => s.status !== undefined || s.error !== undefined)) {
      try {
        last = await tally(system, sent);
        if (settled(last)) return { tally: last, settledAt: Date.now() };
        const now = last.ordersMissing + last.ticketsMissing + last.callbacksMissing;
        if (now < outstanding) progressAt = Date.now();
        outstanding = Math.min(outstanding, now);
        // a screen asks for what it missed when it (re)joins; this covers a ticket lost while connected
        if (last.ticketsMissing > last.ticketsNotRouted && round % 10 === 0)
          await Promise.all(system.screens.map((s) => s.sync()));
      } catch {
        // Postgres may still be coming back
      }
    }
    if (Date.now() - progressAt > stallMs || Date.now() - started > stallMs * 10) {
      return { tally: last ?? (await tally(system, sent)) };
    }
    await sleep(500);
  }
}

function judge(t: Tally): string[] {
  const problems: string[] = [];
  if (t.ordersMissing) problems.push(`${t.ordersMissing} acknowledged webhooks never became an order`);
  if (t.ordersDuplicated) problems.push(`${t.ordersDuplicated} webhooks became more than one order`);
  if (t.ticketsMissing)
    problems.push(
      `${t.ticketsMissing} tickets never reached their station (${t.ticketsNotRouted} of them not routed by kot-router)`,
    );
  if (t.ticketsDuplicated) problems.push(`${t.ticketsDuplicated} order stations got two different tickets`);
  if (t.callbacksMissing) problems.push(`${t.callbacksMissing} status callbacks never reached the platform`);
  if (t.callbacksDuplicated) problems.push(`${t.callbacksDuplicated} status callbacks were made twice`);
  return problems;
}

async function inject(system: OwnSystem, fault: Fault, options: ChaosOptions): Promise<void> {
  if (fault.startsWith('kill:')) return system.killService(fault.slice('kill:'.length) as ServiceName);
  if (fault === 'nats') {
    await system.nats!.stop();
    await sleep(options.outageSeconds * 1000);
    return system.nats!.start();
  }
  if (fault === 'postgres') {
    await system.postgres!.stop('immediate');
    await sleep(options.outageSeconds * 1000);
    return system.postgres!.start();
  }
  // the busiest screen (tandoor of the venue with two platforms) loses its connection
  const screen = system.screens.find((s) => s.venueId === DEMO_VENUES[0].id && s.station === 'tandoor')!;
  screen.pause();
  await sleep(options.pauseSeconds * 1000);
  screen.resume();
}

export interface ChaosReport {
  options: Omit<ChaosOptions, 'say'>;
  outcomes: FaultOutcome[];
  ok: boolean;
}

/** Starts everything, runs the faults in turn under load, checks after each, and cleans up. */
export async function runChaos(partial: Partial<ChaosOptions> = {}): Promise<ChaosReport> {
  const options: ChaosOptions = { ...DEFAULT_OPTIONS, ...partial };
  const say = options.say ?? (() => undefined);
  const system = new OwnSystem({
    env: { WEBHOOK_RATE_PER_MINUTE: String(Math.max(1200, Math.ceil(options.rate * 60 * 2))) },
    logDir: options.logDir,
    say: options.say,
  });
  const outcomes: FaultOutcome[] = [];
  let load: Load | undefined;
  try {
    say('starting Postgres, nats-server, the stand-in platform and the six services...');
    await system.start();
    say(`ready; load: ${options.rate} signed webhooks/s (Shopify, WooCommerce, GloriaFood)`);
    load = new Load(() => system.service('intake').url, options.rate);
    load.start();
    for (const fault of options.faults) {
      await sleep(options.loadSeconds * 1000);
      const crashesBefore = system.crashes.length;
      const sentBefore = load.sent.length;
      say(`fault: ${fault}`);
      const injectedAt = Date.now();
      await inject(system, fault, options);
      const backAt = Date.now();
      const result = await settle(system, load, backAt, options.settleTimeoutSeconds * 1000);
      // a phase spent wholly in the outage (every webhook refused) proves recovery once one sent
      // after the part came back is acknowledged
      const sent = load.sent;
      const recovered = () => sent.slice(sentBefore).some((s) => acknowledged(s));
      const until = Date.now() + options.settleTimeoutSeconds * 1000;
      while (!recovered() && Date.now() < until) await sleep(200);
      const phase = load.sent.slice(sentBefore);
      const crashes = system.crashes.slice(crashesBefore);
      const problems = [...judge(result.tally), ...crashes.map((c) => `${c} crashed`)];
      if (phase.length > 0 && !phase.some(acknowledged)) problems.push('no webhook was acknowledged');
      if (result.settledAt === undefined) problems.push(`no progress for ${options.settleTimeoutSeconds} s`);
      outcomes.push({
        fault,
        downMs: backAt - injectedAt,
        recoverMs: result.settledAt === undefined ? undefined : result.settledAt - backAt,
        phaseSent: phase.length,
        phaseAcked: phase.filter(acknowledged).length,
        phaseAnswers: answers(phase),
        tally: result.tally,
        crashes,
        ok: problems.length === 0,
        problems,
      });
      say(`  ${problems.length === 0 ? 'ok' : problems.join('; ')}`);
    }
    await sleep(options.loadSeconds * 1000);
    await load.stop();
    const stoppedAt = Date.now();
    say('load stopped; final check of everything sent...');
    const final = await settle(system, load, stoppedAt, options.settleTimeoutSeconds * 1000);
    const problems = judge(final.tally);
    if (final.tally.acked === 0) problems.push('no webhook was acknowledged');
    if (final.settledAt === undefined) problems.push(`no progress for ${options.settleTimeoutSeconds} s`);
    outcomes.push({
      fault: 'end (all orders)',
      downMs: 0,
      recoverMs: final.settledAt === undefined ? undefined : final.settledAt - stoppedAt,
      phaseSent: load.sent.length,
      phaseAcked: final.tally.acked,
      phaseAnswers: answers(load.sent),
      tally: final.tally,
      crashes: [...system.crashes],
      ok: problems.length === 0,
      problems,
    });
  } finally {
    await load?.stop().catch(() => undefined);
    await system.stop();
  }
  const { say: _say, ...printable } = options;
  return { options: printable, outcomes, ok: outcomes.every((o) => o.ok) };
}

/** The table of faults and outcomes. */
export function formatReport(report: ChaosReport): string {
  const seconds = (ms?: number) => (ms === undefined ? 'never' : (ms / 1000).toFixed(1));
  const header = [
    'fault',
    'down s',
    'recover s',
    'sent',
    'acked',
    'answers',
    'orders miss/dup',
    'tickets exp',
    'raw',
    'dedup',
    'miss/dup',
    'callbacks exp',
    'raw',
    'dedup',
    'miss/dup',
    'result',
  ];
  const rows = report.outcomes.map((o) => [
    o.fault,
    seconds(o.downMs),
    seconds(o.recoverMs),
    String(o.phaseSent),
    String(o.phaseAcked),
    Object.entries(o.phaseAnswers)
      .map(([status, n]) => `${status}×${n}`)
      .join(' '),
    `${o.tally.ordersMissing}/${o.tally.ordersDuplicated}`,
    String(o.tally.ticketsExpected),
    String(o.tally.ticketsRaw),
    String(o.tally.ticketsDeduped),
    `${o.tally.ticketsMissing}/${o.tally.ticketsDuplicated}`,
    String(o.tally.callbacksExpected),
    String(o.tally.callbacksRaw),
    String(o.tally.callbacksDeduped),
    `${o.tally.callbacksMissing}/${o.tally.callbacksDuplicated}`,
    o.ok ? 'ok' : `FAIL: ${o.problems.join('; ')}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
