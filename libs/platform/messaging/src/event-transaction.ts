import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
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
    const emitted: EventEnvelope[] = [];
    const outcome = await this.dataSource.transaction(
      async (manager): Promise<{ result: T; rows: OutboxRow[] } | null> => {
        if (inbox) {
          const inserted: unknown[] = await manager.query(
            `INSERT INTO inbox (consumer, event_id, subject) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING RETURNING event_id`,
            [inbox.consumer, inbox.eventId, inbox.subject],
          );
          if (inserted.length === 0) return null;
        }
        const result = await work({ manager, emit: (envelope) => emitted.push(envelope) });
        const rows = emitted.length > 0 ? await this.writeOutbox(manager, emitted) : [];
        return { result, rows };
      },
    );
    if (outcome === null) return { duplicate: true };
    const publishing = this.relay.publishNow(outcome.rows);
    if (options.publish !== 'background') await publishing;
    return { duplicate: false, result: outcome.result };
  }

  private async writeOutbox(manager: EntityManager, envelopes: EventEnvelope[]): Promise<OutboxRow[]> {
    const inserted: Array<{ id: string; event_id: string }> = await manager.query(
      `INSERT INTO outbox (event_id, subject, envelope)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) RETURNING id, event_id`,
      [envelopes.map((e) => e.id), envelopes.map((e) => e.type), envelopes.map((e) => JSON.stringify(e))],
    );
    const idOf = new Map(inserted.map((row) => [row.event_id, row.id]));
    return envelopes.map((envelope) => ({ id: idOf.get(envelope.id)!, envelope }));
  }
}
