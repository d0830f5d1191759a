import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { Logger } from '@nestjs/common';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { createEnvelope, DEAD_LETTER_STREAM, EventEnvelope, STREAMS } from '@hub/contracts';
import {
  BatchedEvent,
  batchOf,
  DeadLetters,
  EventPublisher,
  EventTransaction,
  JetStreamContext,
  JetStreamServer,
  MessagingOptions,
  OutboxRelay,
  PermanentEventError,
  retryDelayMs,
  wireStreamName,
  wireSubject,
} from '../../src';
import { createMessagingTables, runServiceMigrations, serviceDataSourceOptions } from '@hub/persistence';
import { eventually, TestEnvironment } from '@hub/testing';

class CreateProbeTables1763800000000 implements MigrationInterface {
  name = 'CreateProbeTables1763800000000';
  async up(queryRunner: QueryRunner): Promise<void> {
    await createMessagingTables(queryRunner);
    await queryRunner.query('CREATE TABLE effects (event_id uuid NOT NULL, note text NOT NULL)');
  }
  async down(): Promise<void> {}
}

let SUBJECT = 'status.v1.probe';
let subjects = 0;
const meta = (correlationId = 'c-1') => ({
  venueId: 'v1',
  aggregateType: 'probe',
  aggregateId: 'p1',
  correlationId,
});

jest.setTimeout(60_000);

describe('messaging on real Postgres and JetStream', () => {
  let environment: TestEnvironment;
  let dataSource: DataSource;
  let nc: NatsConnection;
  let options: MessagingOptions;
  let publisher: EventPublisher;
  let relay: OutboxRelay;
  let tx: EventTransaction;
  const servers: JetStreamServer[] = [];

  /** A consumer service named `service` with one handler for SUBJECT. */
  async function startServer(
    service: string,
    handler: (event: EventEnvelope, ctx: JetStreamContext) => Promise<void>,
  ): Promise<JetStreamServer> {
    const server = new JetStreamServer(nc, publisher, { ...options, service, maxDeliver: 3 });
    server.addHandler(SUBJECT, handler as never, true);
    await new Promise<void>((resolve, reject) =>
      server.listen((error?: unknown) => (error ? reject(error) : resolve())),
    );
    servers.push(server);
    return server;
  }

  /** A consumer service named `service` whose one batch handler takes SUBJECT and `others`. */
  async function startBatchServer(
    service: string,
    handler: (events: BatchedEvent[]) => Promise<void>,
    others: string[] = [],
  ): Promise<JetStreamServer> {
    const server = new JetStreamServer(nc, publisher, { ...options, service, maxDeliver: 3 });
    const extras = batchOf({ maxEvents: 8 });
    for (const subject of [SUBJECT, ...others]) server.addHandler(subject, handler as never, true, extras);
    await new Promise<void>((resolve, reject) =>
      server.listen((error?: unknown) => (error ? reject(error) : resolve())),
    );
    servers.push(server);
    return server;
  }

  /** The reasons of the dead letters a consumer wrote for this test's subject. */
  async function deadLetterReasons(consumer: string): Promise<string[]> {
    const jsm = await jetstreamManager(nc);
    const stream = wireStreamName(environment.namespace, DEAD_LETTER_STREAM);
    const subject = wireSubject(environment.namespace, `dlq.${consumer}.${SUBJECT}`);
    const info = await jsm.streams.info(stream, { subjects_filter: subject });
    if (!info.state.subjects?.[subject]) return [];
    const reasons: string[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const message = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
      if (message?.subject === subject) reasons.push(message.header.get('Hub-Dead-Reason'));
    }
    return reasons.sort();
  }

  beforeAll(async () => {
    Logger.overrideLogger(['error']); // the retries and dead letters below are expected
    environment = await TestEnvironment.create();
    dataSource = new DataSource(
      serviceDataSourceOptions({
        url: environment.databaseUrl,
        schema: 'probe',
        service: 'probe',
        entities: [],
        migrations: [CreateProbeTables1763800000000],
      }),
    );
    await dataSource.initialize();
    await runServiceMigrations(dataSource);
    nc = await connect({ servers: environment.natsUrl });
    options = {
      service: 'probe',
      natsUrl: environment.natsUrl,
      namespace: environment.namespace,
      ackWaitMs: 2000,
      concurrency: 8,
      outboxSweepMs: 60_000,
    };
    publisher = new EventPublisher(nc, options);
    relay = new OutboxRelay(dataSource, publisher, options);
    tx = new EventTransaction(dataSource, relay);
  });

  beforeEach(() => {
    // each test its own subject: the consumers of earlier tests skip it, this test's skip theirs
    SUBJECT = `status.v1.probe-${++subjects}`;
  });

  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });

  afterAll(async () => {
    await nc?.drain();
    await dataSource?.destroy();
    await environment?.stop();
  });

  it('publishes an event right after the commit that wrote it, and applies it once however often it is delivered', async () => {
    const applied: string[] = [];
    await startServer('once', async (event, ctx) => {
      await tx.run(async ({ manager }) => {
        await manager.query('INSERT INTO effects (event_id, note) VALUES ($1, $2)', [event.id, 'once']);
        applied.push(event.id);
      }, ctx.inboxKey);
    });
    const envelope = createEnvelope(SUBJECT, { n: 1 }, meta());
    await tx.run(async ({ emit }) => emit(envelope));
    await eventually(() => (applied.length === 1 ? true : undefined), 5000, 'the event to be applied');
    await eventually(
      async () => ((await dataSource.query('SELECT * FROM outbox')).length === 0 ? true : undefined),
      5000,
      'the published row to be deleted',
    );

    // the same event again, past the stream's duplicate check: the inbox keeps the effect single
    await jetstream(nc).publish(wireSubject(environment.namespace, SUBJECT), JSON.stringify(envelope));
    await new Promise((r) => setTimeout(r, 500));
    expect(await dataSource.query("SELECT count(*)::int AS n FROM effects WHERE note = 'once'")).toEqual([
      { n: 1 },
    ]);
    expect(applied).toEqual([envelope.id]);
  });

  it('commits the work, its inbox row and its outbox rows together, or none of them', async () => {
    const inbox = { consumer: 'probe-tx', eventId: createEnvelope(SUBJECT, {}, meta()).id, subject: SUBJECT };
    const tricky = createEnvelope(SUBJECT, { note: `it's a "quote" \\ and a backslash` }, meta('c-tx'));
    await expect(
      tx.run(async ({ manager, emit }) => {
        await manager.query('INSERT INTO effects (event_id, note) VALUES ($1, $2)', [
          inbox.eventId,
          'failed',
        ]);
        emit(tricky);
        throw new Error('the work failed');
      }, inbox),
    ).rejects.toThrow('the work failed');
    const count = async (sql: string) => ((await dataSource.query(sql)) as unknown[]).length;
    expect(await count(`SELECT 1 FROM effects WHERE note = 'failed'`)).toBe(0);
    expect(await count(`SELECT 1 FROM inbox WHERE consumer = 'probe-tx'`)).toBe(0);

    // the same event applied for real, with a nested transaction (a savepoint) that rolls back
    const outcome = await tx.run(async ({ manager, emit }) => {
      await manager.query('INSERT INTO effects (event_id, note) VALUES ($1, $2)', [inbox.eventId, 'outer']);
      await manager
        .transaction(async (inner) => {
          await inner.query('INSERT INTO effects (event_id, note) VALUES ($1, $2)', [inbox.eventId, 'inner']);
          throw new Error('inner fails');
        })
        .catch(() => undefined);
      emit(tricky);
      return 'applied';
    }, inbox);
    expect(outcome).toEqual({ duplicate: false, result: 'applied' });
    expect(await count(`SELECT 1 FROM effects WHERE note = 'outer'`)).toBe(1);
    expect(await count(`SELECT 1 FROM effects WHERE note = 'inner'`)).toBe(0);
    const stored = await jetstreamManager(nc).then((jsm) =>
      jsm.streams.getMessage(wireStreamName(environment.namespace, STREAMS.STATUS), {
        last_by_subj: wireSubject(environment.namespace, SUBJECT),
      }),
    );
    expect(stored?.json<EventEnvelope>().payload).toEqual(tricky.payload);

    // and once only
    expect(await tx.run(async () => 'again', inbox)).toEqual({ duplicate: true });
  });

  it('sweeps rows the after-commit publish left behind, including one that commits after a later id', async () => {
    const received: string[] = [];
    await startServer('sweep', async (event) => void received.push(event.id));
    const first = createEnvelope(SUBJECT, { n: 'first' }, meta('c-sweep'));
    const second = createEnvelope(SUBJECT, { n: 'second' }, meta('c-sweep'));
    const insert = `INSERT INTO outbox (event_id, subject, envelope, created_at) VALUES ($1, $2, $3, now() - interval '1 minute')`;

    const slow = dataSource.createQueryRunner();
    await slow.connect();
    await slow.startTransaction();
    await slow.query(insert, [first.id, SUBJECT, JSON.stringify(first)]); // takes the lower id, commits last
    await dataSource.query(insert, [second.id, SUBJECT, JSON.stringify(second)]);
    await relay.sweep();
    await eventually(() => (received.includes(second.id) ? true : undefined), 5000, 'the second event');
    expect(received).not.toContain(first.id);

    await slow.commitTransaction();
    await slow.release();
    await relay.sweep();
    await eventually(
      () => (received.includes(first.id) ? true : undefined),
      5000,
      'the first event, committed late',
    );
    await eventually(
      async () => ((await dataSource.query('SELECT * FROM outbox')).length === 0 ? true : undefined),
      5000,
      'every published row deleted (after-commit rows in batches, swept rows at once)',
    );
  });

  it('retries a handler whose dependency fails, with backoff, until it succeeds', async () => {
    const attempts: number[] = [];
    await startServer('flaky', async (_event, ctx) => {
      attempts.push(ctx.deliveryCount);
      if (ctx.deliveryCount < 2) throw new Error('database unavailable');
    });
    await publisher.publish(createEnvelope(SUBJECT, { n: 'flaky' }, meta('c-flaky')));
    await eventually(() => (attempts.length === 2 ? true : undefined), 5000, 'the retry');
    expect(attempts).toEqual([1, 2]);
    expect(await deadLetterReasons('flaky-status-v1')).toEqual([]);
  });

  it('dead-letters bad data at once and a handler that keeps failing after its attempts, with the reason', async () => {
    let calls = 0;
    await startServer('doomed', async (event) => {
      calls++;
      if ((event.payload as { n: string }).n === 'bad')
        throw new PermanentEventError('payload names no order');
      throw new Error('platform down');
    });
    await publisher.publish(createEnvelope(SUBJECT, { n: 'bad' }, meta('c-bad')));
    await jetstream(nc).publish(wireSubject(environment.namespace, SUBJECT), '{"not":"an envelope"}');
    await publisher.publish(createEnvelope(SUBJECT, { n: 'down' }, meta('c-down')));

    const reasons = await eventually(
      async () => {
        const found = await deadLetterReasons('doomed-status-v1');
        return found.length === 3 ? found : undefined;
      },
      15_000,
      'three dead letters',
    );
    expect(reasons).toEqual([
      'gave up after 3 attempts: platform down',
      expect.stringMatching(/^invalid status\.v1\.probe-\d+ event: id: id must be a UUID/),
      'payload names no order',
    ]);
    expect(calls).toBe(1 + 3);
  });

  it('re-drives a dead letter to the consumer that gave up, once its cause is fixed', async () => {
    let platformUp = false;
    const applied: string[] = [];
    await startServer('redrive', async (event, ctx) => {
      if (!platformUp) throw new Error('platform down');
      await tx.run(async () => void applied.push(event.id), ctx.inboxKey);
    });
    const envelope = createEnvelope(SUBJECT, { n: 'later' }, meta('c-redrive'));
    await publisher.publish(envelope);
    const deadLetters = await DeadLetters.open(nc, environment.namespace);
    const [letter] = await eventually(
      async () => {
        const found = await deadLetters.list({ consumer: 'redrive-status-v1' });
        return found.length > 0 ? found : undefined;
      },
      15_000,
      'the dead letter',
    );
    expect(letter).toMatchObject({
      consumer: 'redrive-status-v1',
      subject: SUBJECT,
      reason: 'gave up after 3 attempts: platform down',
      deliveries: 3,
    });
    expect(JSON.parse(letter.data)).toMatchObject({ id: envelope.id });

    platformUp = true;
    await deadLetters.redrive(letter.seq);
    await eventually(() => (applied.length === 1 ? true : undefined), 5000, 'the re-driven event');
    expect(applied).toEqual([envelope.id]);
    expect(await deadLetters.list({ consumer: 'redrive-status-v1' })).toEqual([]);
  });

  it('runs the events of one correlation id in order, others in parallel', async () => {
    const seen: number[] = [];
    await startServer('ordered', async (event) => {
      const n = (event.payload as { n: number }).n;
      await new Promise((r) => setTimeout(r, n % 2 === 0 ? 30 : 1));
      seen.push(n);
    });
    for (let n = 0; n < 10; n++) await publisher.publish(createEnvelope(SUBJECT, { n }, meta('c-ordered')));
    await eventually(() => (seen.length === 10 ? true : undefined), 5000, 'ten events');
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('hands a batched consumer its events in batches, in stream order, applied once in one transaction each', async () => {
    const envelopes = Array.from({ length: 20 }, (_, n) =>
      createEnvelope(SUBJECT, { n }, meta(`c-b${n % 3}`)),
    );
    for (const envelope of envelopes) await publisher.publish(envelope); // all waiting before the consumer starts
    const batches: number[][] = [];
    let again: string[] = [];
    await startBatchServer('batched', async (events) => {
      const applied = await tx.runBatch(events, async ({ manager }, fresh) => {
        for (const { envelope } of fresh)
          await manager.query('INSERT INTO effects (event_id, note) VALUES ($1, $2)', [
            envelope.id,
            'batched',
          ]);
      });
      batches.push(applied.map(({ envelope }) => (envelope.payload as { n: number }).n));
      if (events.length === 1 && applied.length === 0) again = events.map((e) => e.envelope.id);
    });
    await eventually(() => (batches.flat().length === 20 ? true : undefined), 10_000, 'twenty events');
    expect(batches.flat()).toEqual(envelopes.map((_, n) => n));
    expect(Math.max(...batches.map((b) => b.length))).toBe(8);
    expect(batches.length).toBeLessThan(20);

    // the same event again, past the stream's duplicate check: the inbox skips it in its batch
    await jetstream(nc).publish(wireSubject(environment.namespace, SUBJECT), JSON.stringify(envelopes[4]));
    await eventually(() => (again.length === 1 ? true : undefined), 5000, 'the repeat to be seen');
    expect(again).toEqual([envelopes[4].id]);
    expect(await dataSource.query("SELECT count(*)::int AS n FROM effects WHERE note = 'batched'")).toEqual([
      { n: 20 },
    ]);
  });

  it('tries a failed batch event by event: the bad event goes to the dead letters alone, the rest are applied', async () => {
    const applied: number[] = [];
    const sizes: number[] = [];
    for (let n = 0; n < 6; n++) await publisher.publish(createEnvelope(SUBJECT, { n }, meta(`c-f${n}`)));
    await startBatchServer('batch-bad', async (events) => {
      sizes.push(events.length);
      await tx.runBatch(events, async (_scope, fresh) => {
        if (fresh.some(({ envelope }) => (envelope.payload as { n: number }).n === 3))
          throw new PermanentEventError('event 3 names no order');
        applied.push(...fresh.map(({ envelope }) => (envelope.payload as { n: number }).n));
      });
    });
    const reasons = await eventually(
      async () => {
        const found = await deadLetterReasons('batch-bad-status-v1');
        return found.length === 1 && applied.length === 5 ? found : undefined;
      },
      10_000,
      'five applied and one dead letter',
    );
    expect(reasons).toEqual(['event 3 names no order']);
    expect(applied.sort()).toEqual([0, 1, 2, 4, 5]);
    expect(sizes[0]).toBeGreaterThan(1);
  });

  it('refuses to start a consumer whose subjects are split between a batch handler and another handler', async () => {
    const server = new JetStreamServer(nc, publisher, { ...options, service: 'mixed' });
    server.addHandler(SUBJECT, (async () => undefined) as never, true, batchOf());
    server.addHandler(`${SUBJECT}-single`, (async () => undefined) as never, true);
    await expect(
      new Promise<void>((resolve, reject) =>
        server.listen((error?: unknown) => (error ? reject(error) : resolve())),
      ),
    ).rejects.toThrow(/every subject of a batched consumer must go to one batchOf\(\) handler/);
    await server.close();
  });

  it('backs off exponentially with full jitter', () => {
    expect(retryDelayMs(1, () => 0)).toBe(125);
    expect(retryDelayMs(1, () => 1)).toBe(250);
    expect(retryDelayMs(4, () => 1)).toBe(2000);
    expect(retryDelayMs(30, () => 1)).toBe(30_000);
  });
});
