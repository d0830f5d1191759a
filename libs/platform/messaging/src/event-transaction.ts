import { Injectable } from '@nestjs/common';
import type { ClientBase, QueryResult } from 'pg';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { EventEnvelope } from '@hub/contracts';
import { OutboxRelay, OutboxRow } from './outbox.relay';

/** The inbox entry of the event being applied: consumer name and event id. */
export interface InboxKey {
  consumer: string;
  eventId: string;
  subject: string;
}

export interface TransactionScope {
  manager: EntityManager;
  /** writes the event to the outbox in this transaction; it is published right after commit */
  emit(envelope: EventEnvelope): void;
}

export interface RunOptions {
  /**
   * `await` (default): publish before returning, so the next step sees the events on the bus.
   * `background`: return right after commit (intake's answer never waits on NATS).
   */
  publish?: 'await' | 'background';
}

export type TransactionOutcome<T> = { duplicate: true } | { duplicate: false; result: T };

/**
 * The unit of work every state change goes through: the change, the events it causes (outbox) and,
 * for a consumer, the id of the event applied (inbox) commit together, then the events are
 * published at once. A redelivered event finds its inbox row and changes nothing.
 *
 * Round trips are what a hop costs (a socket write is a system call, and Postgres parses each
 * statement), so the fixed part of a transaction takes two: the inbox row travels with BEGIN and the
 * outbox rows with COMMIT, each pair as one multi-statement simple query with the values escaped by
 * pg. The statements in between are the work's own; published rows are deleted in batches (OutboxRelay).
 */
@Injectable()
export class EventTransaction {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {}

  async run<T>(
    work: (scope: TransactionScope) => Promise<T>,
    inbox?: InboxKey,
    options: RunOptions = {},
  ): Promise<TransactionOutcome<T>> {
    if (!inbox) return { duplicate: false, result: (await this.execute([], work, options)) as T };
    let result: T | undefined;
    let fresh = false;
    await this.execute(
      [inbox],
      async (scope) => {
        fresh = true;
        result = await work(scope);
      },
      options,
    );
    return fresh ? { duplicate: false, result: result as T } : { duplicate: true };
  }

  /**
   * Applies a batch of events in one transaction: the inbox rows of all of them go in with BEGIN, and
   * `work` is given only the items not applied before (each event id once, in the order given). When
   * none is new, nothing else runs. One transaction for many events is what makes a batch cheap, so a
   * failure rolls the whole batch back (the transport then tries its events one by one).
   */
  async runBatch<I extends { inbox: InboxKey }>(
    items: I[],
    work: (scope: TransactionScope, fresh: I[]) => Promise<void>,
    options: RunOptions = {},
  ): Promise<I[]> {
    if (items.length === 0) return [];
    let applied: I[] = [];
    await this.execute(
      items.map((item) => item.inbox),
      async (scope, freshIds) => {
        applied = items.filter((item) => freshIds.delete(inboxId(item.inbox.consumer, item.inbox.eventId)));
        await work(scope, applied);
      },
      options,
    );
    return applied;
  }

  /**
   * BEGIN (with the inbox rows), the work, the outbox rows with COMMIT, then the publish. With inbox
   * keys, the work runs only if at least one is new, and is told which (`consumer NUL eventId`).
   */
  private async execute<T>(
    inbox: InboxKey[],
    work: (scope: TransactionScope, fresh: Set<string>) => Promise<T>,
    options: RunOptions,
  ): Promise<T | undefined> {
    const emitted: EventEnvelope[] = [];
    const queryRunner = this.dataSource.createQueryRunner();
    const client = (await queryRunner.connect()) as ClientBase;
    let rows: OutboxRow[] = [];
    let result: T;
    try {
      let fresh = new Set<string>();
      if (inbox.length > 0) {
        const [, inserted] = await simpleQuery(client, `BEGIN; ${inboxInsert(client, inbox)}`);
        markTransaction(queryRunner, true);
        if (inserted.rowCount === 0) {
          await client.query('ROLLBACK');
          return undefined;
        }
        fresh = new Set(
          (inserted.rows as Array<{ consumer: string; event_id: string }>).map((r) =>
            inboxId(r.consumer, r.event_id),
          ),
        );
      } else {
        await client.query('BEGIN');
        markTransaction(queryRunner, true);
      }
      result = await work(
        { manager: queryRunner.manager, emit: (envelope) => emitted.push(envelope) },
        fresh,
      );
      if (emitted.length > 0) {
        const [written] = await simpleQuery(client, `${outboxInsert(client, emitted)}; COMMIT`);
        rows = outboxRows(written, emitted);
      } else {
        await client.query('COMMIT');
      }
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      markTransaction(queryRunner, false);
      await queryRunner.release();
    }
    const publishing = this.relay.publishNow(rows);
    if (options.publish !== 'background') await publishing;
    return result;
  }
}

/** How a fresh inbox row is named in a batch (Postgres returns a uuid in lower case). */
const inboxId = (consumer: string, eventId: string) => `${consumer}\u0000${eventId.toLowerCase()}`;

/** A multi-statement simple query (no parameters: values are escaped literals); one result per statement. */
async function simpleQuery(client: ClientBase, text: string): Promise<QueryResult[]> {
  return (await client.query(text)) as unknown as QueryResult[];
}

/**
 * BEGIN and COMMIT go straight to the connection, so TypeORM is told that its query runner is inside
 * a transaction: a nested `manager.transaction()` or `save()` in the work then uses a savepoint
 * instead of committing early (event-transaction integration spec holds it to that).
 */
function markTransaction(queryRunner: QueryRunner, active: boolean): void {
  const state = queryRunner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = active;
  state.transactionDepth = active ? 1 : 0;
}

function inboxInsert(client: ClientBase, inbox: InboxKey[]): string {
  const values = inbox
    .map(
      (key) => `(${[key.consumer, key.eventId, key.subject].map((v) => client.escapeLiteral(v)).join(', ')})`,
    )
    .join(', ');
  return `INSERT INTO inbox (consumer, event_id, subject) VALUES ${values} ON CONFLICT DO NOTHING RETURNING consumer, event_id`;
}

function outboxInsert(client: ClientBase, envelopes: EventEnvelope[]): string {
  const values = envelopes
    .map(
      (e) =>
        `(${client.escapeLiteral(e.id)}::uuid, ${client.escapeLiteral(e.type)}, ${client.escapeLiteral(JSON.stringify(e))}::jsonb)`,
    )
    .join(', ');
  return `INSERT INTO outbox (event_id, subject, envelope) VALUES ${values} RETURNING id, event_id`;
}

function outboxRows(result: QueryResult, envelopes: EventEnvelope[]): OutboxRow[] {
  const idOf = new Map(
    (result.rows as Array<{ id: string; event_id: string }>).map((r) => [r.event_id, r.id]),
  );
  return envelopes.map((envelope) => ({ id: idOf.get(envelope.id)!, envelope }));
}
