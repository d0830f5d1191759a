/**
 * The bare-infrastructure floor: the Postgres transactions and JetStream hops one order needs on its
 * way from webhook to kitchen ticket, driven by a tight script with no framework (no Nest, no
 * TypeORM, no validation, no logging), so the benchmark can say how close the services come to what
 * Postgres and NATS on this machine allow.
 *
 * Four stages, each in its own worker thread (the services are separate processes), each doing what
 * its service must do at minimum:
 *   intake        BEGIN; insert raw delivery; insert outbox; COMMIT; publish (await PubAck); delete outbox
 *   menu-mapping  BEGIN; insert inbox; read the items' menu rows; insert outbox; COMMIT; publish; delete; ack
 *   order-core    BEGIN; insert inbox; insert order; insert outbox; COMMIT; publish; delete; ack
 *   kot-router    BEGIN; insert inbox; bump the station sequence; insert ticket; insert outbox; COMMIT;
 *                 publish; delete; ack; hand the ticket to the screen (here: the main thread)
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { AckPolicy, jetstream, jetstreamManager, JsMsg } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Pool, PoolClient } from 'pg';

interface StageConfig {
  stage: 'intake' | 'menu' | 'orders' | 'kot';
  databaseUrl: string;
  natsUrl: string;
  schema: string;
  prefix: string;
}

export interface FloorResult {
  mode: 'max' | 'rate';
  /** orders in flight at once (max mode) or the offered rate (rate mode) */
  load: number;
  durationS: number;
  completed: number;
  throughput: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** CPU milliseconds the whole machine spent per completed order */
  machineCpuMsPerOrder: number;
}

const CONSUME_CONCURRENCY = 16;
const ITEMS = ['PANEER-TIKKA', 'BUTTER-CHICKEN', 'GARLIC-NAAN', 'MANGO-LASSI'];
/** what each consuming stage reads, and what it emits */
const STAGE_SUBJECT = { menu: 'received', orders: 'mapped', kot: 'created' } as const;
const NEXT_SUBJECT = { menu: 'mapped', orders: 'created', kot: 'routed' } as const;

/** CPU seconds the whole machine has spent (every process: services, Postgres, NATS, the load). */
export function machineCpuSeconds(): number {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
  return (user + nice + system + irq + softirq + steal) / 100;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const now = () => performance.timeOrigin + performance.now();

async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function runStage(config: StageConfig): Promise<void> {
  const pool = new Pool({
    connectionString: config.databaseUrl,
    max: 10,
    options: `-c search_path=${config.schema}`,
  });
  const nc = await connect({ servers: config.natsUrl });
  const js = jetstream(nc);
  const port = parentPort!;

  /** outbox write in the transaction, then publish and delete after commit */
  const publishAfter = async (subject: string, envelope: object, outboxId: string) => {
    await js.publish(`${config.prefix}.${subject}`, JSON.stringify(envelope), {
      msgID: (envelope as { id: string }).id,
    });
    await pool.query('DELETE FROM outbox WHERE id = $1', [outboxId]);
  };
  const writeOutbox = async (client: PoolClient, subject: string, envelope: object) =>
    (
      await client.query<{ id: string }>(
        'INSERT INTO outbox (event_id, subject, envelope) VALUES ($1, $2, $3) RETURNING id',
        [(envelope as { id: string }).id, subject, JSON.stringify(envelope)],
      )
    ).rows[0].id;

  if (config.stage === 'intake') {
    port.on('message', (order: { n: number; sentAt: number }) => {
      void (async () => {
        const envelope = {
          id: randomUUID(),
          n: order.n,
          sentAt: order.sentAt,
          items: ITEMS.slice(0, 1 + (order.n % 4)),
        };
        const outboxId = await inTransaction(pool, async (client) => {
          await client.query('INSERT INTO deliveries (dedupe_key, body) VALUES ($1, $2)', [
            `d-${order.n}`,
            JSON.stringify(envelope),
          ]);
          return writeOutbox(client, 'received', envelope);
        });
        port.postMessage({ type: 'accepted', n: order.n });
        await publishAfter('received', envelope, outboxId);
      })().catch((error: Error) => port.postMessage({ type: 'error', message: error.message }));
    });
    port.postMessage({ type: 'ready' });
    return;
  }

  const durable = `floor-${config.stage}`;
  const consumer = await js.consumers.get(`${config.prefix.toUpperCase()}_FLOOR`, durable);
  const messages = await consumer.consume({ max_messages: 64 });
  port.postMessage({ type: 'ready' });
  const inflight = new Set<Promise<void>>();
  const handle = async (message: JsMsg) => {
    const event = message.json<{ id: string; n: number; sentAt: number; items: string[] }>();
    const next = { ...event, id: randomUUID() };
    const outboxId = await inTransaction(pool, async (client) => {
      await client.query('INSERT INTO inbox (consumer, event_id) VALUES ($1, $2)', [durable, event.id]);
      if (config.stage === 'menu') {
        const rows = await client.query('SELECT code, station, price FROM menu_items WHERE code = ANY($1)', [
          event.items,
        ]);
        Object.assign(next, { lines: rows.rows });
        return writeOutbox(client, 'mapped', next);
      }
      if (config.stage === 'orders') {
        await client.query('INSERT INTO orders (id, external_id, body) VALUES ($1, $2, $3)', [
          next.id,
          `o-${event.n}`,
          JSON.stringify(event),
        ]);
        return writeOutbox(client, 'created', next);
      }
      const seq = await client.query<{ seq: number }>(
        'UPDATE station_seq SET seq = seq + 1 WHERE station = $1 RETURNING seq',
        ['tandoor'],
      );
      await client.query('INSERT INTO tickets (id, order_n, seq, body) VALUES ($1, $2, $3, $4)', [
        next.id,
        event.n,
        seq.rows[0].seq,
        JSON.stringify(event),
      ]);
      return writeOutbox(client, 'routed', next);
    });
    if (config.stage === 'kot') port.postMessage({ type: 'ticket', n: event.n, at: now() });
    const subject = NEXT_SUBJECT[config.stage as keyof typeof NEXT_SUBJECT];
    await publishAfter(subject, next, outboxId);
    message.ack();
  };
  for await (const message of messages) {
    while (inflight.size >= CONSUME_CONCURRENCY) await Promise.race(inflight);
    const task = handle(message).catch((error: Error) => {
      port.postMessage({ type: 'error', message: error.message });
      message.nak(100);
    });
    inflight.add(task);
    void task.finally(() => inflight.delete(task));
  }
}

async function setUp(databaseUrl: string, natsUrl: string, schema: string, prefix: string): Promise<void> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  await pool.query(`CREATE SCHEMA ${schema}`);
  await pool.query(`SET search_path = ${schema};
    CREATE TABLE deliveries (id bigserial PRIMARY KEY, dedupe_key text UNIQUE NOT NULL, body jsonb NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE inbox (consumer text, event_id uuid, applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id));
    CREATE TABLE outbox (id bigserial PRIMARY KEY, event_id uuid NOT NULL, subject text NOT NULL,
      envelope jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE menu_items (code text PRIMARY KEY, station text NOT NULL, price int NOT NULL);
    CREATE TABLE orders (id uuid PRIMARY KEY, external_id text UNIQUE NOT NULL, body jsonb NOT NULL);
    CREATE TABLE station_seq (station text PRIMARY KEY, seq int NOT NULL);
    CREATE TABLE tickets (id uuid PRIMARY KEY, order_n int NOT NULL, seq int NOT NULL, body jsonb NOT NULL);
    INSERT INTO station_seq VALUES ('tandoor', 0);
    INSERT INTO menu_items SELECT unnest($$${`{${ITEMS.join(',')}}`}$$::text[]), 'tandoor', 25000;`);
  await pool.end();
  const nc = await connect({ servers: natsUrl });
  const jsm = await jetstreamManager(nc);
  const stream = `${prefix.toUpperCase()}_FLOOR`;
  await jsm.streams.add({ name: stream, subjects: [`${prefix}.>`], duplicate_window: 120_000_000_000 });
  for (const [stage, subject] of Object.entries(STAGE_SUBJECT)) {
    await jsm.consumers.add(stream, {
      durable_name: `floor-${stage}`,
      ack_policy: AckPolicy.Explicit,
      filter_subject: `${prefix}.${subject}`,
      ack_wait: 30_000_000_000,
    });
  }
  await nc.close();
}

async function tearDown(databaseUrl: string, natsUrl: string, schema: string, prefix: string): Promise<void> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  await pool.query(`DROP SCHEMA ${schema} CASCADE`);
  await pool.end();
  const nc = await connect({ servers: natsUrl });
  await (await jetstreamManager(nc)).streams.delete(`${prefix.toUpperCase()}_FLOOR`);
  await nc.close();
}

/**
 * The price of one round trip on this machine, the unit every hop is paid in: a one-row Postgres
 * query and a NATS request, one after another for `seconds` each, with the machine's CPU per trip.
 */
export async function measureRoundTrips(
  databaseUrl: string,
  natsUrl: string,
  seconds = 2,
): Promise<{ postgres: RoundTripCost; nats: RoundTripCost }> {
  const loop = async (trip: (n: number) => Promise<unknown>): Promise<RoundTripCost> => {
    const cpu = machineCpuSeconds();
    const started = now();
    let n = 0;
    while (now() - started < seconds * 1000) await trip(n++);
    const elapsed = now() - started;
    return {
      perSecond: Math.round((n * 1000) / elapsed),
      latencyUs: Math.round((elapsed * 1000) / n),
      machineCpuUs: Math.round(((machineCpuSeconds() - cpu) * 1e6) / n),
    };
  };
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  const client = await pool.connect();
  const postgres = await loop((n) => client.query('SELECT $1::int', [n]));
  client.release();
  await pool.end();
  const nc = await connect({ servers: natsUrl });
  const nats = await loop(() => nc.request('$JS.API.INFO', '', { timeout: 2000 }));
  await nc.close();
  return { postgres, nats };
}

export interface RoundTripCost {
  perSecond: number;
  latencyUs: number;
  machineCpuUs: number;
}

/**
 * Runs the floor pipeline. `max`: keeps `load` orders in flight for the duration (closed loop) and
 * reports completed orders per second. `rate`: sends `load` orders per second on an open-loop
 * schedule and reports latency.
 */
export async function runFloor(options: {
  databaseUrl: string;
  natsUrl: string;
  mode: 'max' | 'rate';
  load: number;
  durationS: number;
  onProgress?: (done: number) => void;
}): Promise<FloorResult> {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const schema = `floor_${id}`;
  const prefix = `floor${id}`;
  await setUp(options.databaseUrl, options.natsUrl, schema, prefix);
  const workers = new Map<StageConfig['stage'], Worker>();
  try {
    for (const stage of ['kot', 'orders', 'menu', 'intake'] as const) {
      const worker = new Worker(__filename, {
        workerData: { stage, databaseUrl: options.databaseUrl, natsUrl: options.natsUrl, schema, prefix },
      });
      await new Promise<void>((resolve, reject) => {
        worker.once('error', reject);
        worker.on('message', (m: { type: string; message?: string }) => {
          if (m.type === 'ready') resolve();
          if (m.type === 'error') process.stderr.write(`floor ${stage}: ${m.message}\n`);
        });
      });
      workers.set(stage, worker);
    }
    const intake = workers.get('intake')!;
    const sentAt = new Map<number, number>();
    const latencies: number[] = [];
    let next = 0;
    let done = 0;
    const cpuBefore = machineCpuSeconds();
    const started = now();
    const end = started + options.durationS * 1000;
    const send = () => {
      const n = next++;
      const at = now();
      sentAt.set(n, at);
      intake.postMessage({ n, sentAt: at });
    };
    let sending = true;
    let finish = () => {};
    const finished = new Promise<void>((resolve) => (finish = resolve));
    workers.get('kot')!.on('message', (m: { type: string; n: number; at: number }) => {
      if (m.type !== 'ticket') return;
      const sent = sentAt.get(m.n);
      if (sent === undefined) return;
      sentAt.delete(m.n);
      // max mode counts what completed within the duration; rate mode waits for every order sent
      if (options.mode === 'rate' || m.at <= end) {
        latencies.push(m.at - sent);
        done++;
      }
      if (done % 100 === 0) options.onProgress?.(done);
      if (options.mode === 'max' && now() < end) send();
      if (options.mode === 'max' ? now() >= end : !sending && sentAt.size === 0) finish();
    });
    if (options.mode === 'max') {
      for (let i = 0; i < options.load; i++) send();
    } else {
      const total = Math.round(options.load * options.durationS);
      for (let n = 0; n < total; n++) {
        const wait = started + (n * 1000) / options.load - now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        send();
      }
      sending = false;
      if (sentAt.size === 0) finish();
    }
    await Promise.race([finished, new Promise((r) => setTimeout(r, options.durationS * 1000 + 30_000))]);
    const cpuMs = (machineCpuSeconds() - cpuBefore) * 1000;
    latencies.sort((a, b) => a - b);
    const round = (x: number) => Math.round(x * 10) / 10;
    return {
      mode: options.mode,
      load: options.load,
      durationS: options.durationS,
      completed: done,
      throughput: round(done / options.durationS),
      latencyMs: {
        p50: round(percentile(latencies, 50)),
        p95: round(percentile(latencies, 95)),
        p99: round(percentile(latencies, 99)),
        max: round(latencies.at(-1) ?? NaN),
      },
      machineCpuMsPerOrder: round(cpuMs / Math.max(1, done)),
    };
  } finally {
    await Promise.all([...workers.values()].map((w) => w.terminate()));
    await tearDown(options.databaseUrl, options.natsUrl, schema, prefix);
  }
}

if (!isMainThread) {
  runStage(workerData as StageConfig).catch((error: Error) => {
    parentPort!.postMessage({ type: 'error', message: error.stack ?? error.message });
  });
}
