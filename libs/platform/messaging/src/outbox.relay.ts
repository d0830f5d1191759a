import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventEnvelope } from '@hub/contracts';
import { MESSAGING_OPTIONS } from './constants/messaging-options.constant';
import { EventPublisher } from './event.publisher';
import { outboxBacklog, outboxPublished } from './messaging.metrics';
import type { MessagingOptions } from './messaging.options';

export interface OutboxRow {
  id: string;
  envelope: EventEnvelope;
}

/** A row is the sweep's only when the after-commit publish has had this long to do it. */
const SWEEP_GRACE_MS = 2000;
const SWEEP_BATCH = 500;
/** How long published rows wait to be deleted together; far below SWEEP_GRACE_MS. */
const DELETE_DELAY_MS = 200;

/**
 * Publishes outbox rows. The normal path is `publishNow`, called right after the commit that wrote
 * them, so an event leaves within a millisecond or two. A sweep picks up whatever that path left
 * behind (a crash between commit and publish, NATS down): it selects every unpublished row, not
 * rows above a high-water mark, so a row that committed out of id order is never skipped; it locks
 * with SKIP LOCKED so replicas share the work; it publishes in id order.
 *
 * When a publish fails, later after-commit publishes step aside until the sweep has drained the
 * backlog, so events of one order keep their order on the stream.
 */
@Injectable()
export class OutboxRelay implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private degraded = false;
  private stopped = false;
  private readonly pendingDeletes: string[] = [];
  private deleting?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  onModuleInit(): void {
    const every = this.options.outboxSweepMs ?? 1000;
    this.timer = setInterval(() => void this.sweep(), every);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.all([this.sweeping, this.deleting]);
  }

  /** Publishes rows just committed. Never throws: what it cannot publish, the sweep will. */
  async publishNow(rows: OutboxRow[]): Promise<void> {
    if (rows.length === 0 || this.degraded || this.stopped) return;
    const published: string[] = [];
    try {
      for (const row of rows) {
        await this.publisher.publish(row.envelope);
        published.push(row.id);
      }
    } catch (error) {
      this.degraded = true;
      this.logger.warn(`publish after commit failed, the sweep will retry: ${(error as Error).message}`);
    }
    if (published.length > 0) {
      outboxPublished.inc({ path: 'after_commit' }, published.length);
      this.deleteSoon(published);
    }
  }

  /**
   * Published rows are deleted in batches, off the handlers' path: one statement for every row
   * published in the last DELETE_DELAY_MS (or while the previous delete ran), so a delete costs a
   * fraction of a round trip per transaction at any rate. A row whose delete is still pending is far
   * younger than the sweep's grace, so the sweep leaves it alone; were it ever republished (a crash
   * before the delete), the stream drops it by its Nats-Msg-Id and consumers by their inbox.
   */
  private deleteSoon(ids: string[]): void {
    this.pendingDeletes.push(...ids);
    this.deleting ??= this.flushDeletes().finally(() => (this.deleting = undefined));
  }

  private async flushDeletes(): Promise<void> {
    if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, DELETE_DELAY_MS));
    while (this.pendingDeletes.length > 0) {
      const ids = this.pendingDeletes.splice(0, this.pendingDeletes.length);
      await this.delete(ids).catch((error: Error) =>
        this.logger.warn(
          `could not delete published outbox rows (they will be republished and deduplicated): ${error.message}`,
        ),
      );
    }
  }

  /** One pass over the leftovers. Concurrent calls share the pass in progress. */
  sweep(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.sweeping ??= this.sweepOnce().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async sweepOnce(): Promise<void> {
    try {
      let more = true;
      while (more && !this.stopped) {
        more = await this.sweepBatch();
      }
      this.degraded = false;
    } catch (error) {
      this.logger.warn(`outbox sweep failed, will retry: ${(error as Error).message}`);
    }
  }

  private async sweepBatch(): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const grace = this.degraded ? 0 : SWEEP_GRACE_MS;
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, envelope FROM outbox
          WHERE created_at < now() - make_interval(secs => $1::float8 / 1000)
          ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [grace, SWEEP_BATCH],
      );
      outboxBacklog.set(rows.length);
      const published: string[] = [];
      try {
        for (const row of rows) {
          await this.publisher.publish(row.envelope);
          published.push(row.id);
        }
      } finally {
        if (published.length > 0) {
          await manager.query('DELETE FROM outbox WHERE id = ANY($1::bigint[])', [published]);
          outboxPublished.inc({ path: 'sweep' }, published.length);
        }
      }
      return rows.length === SWEEP_BATCH;
    });
  }

  private async delete(ids: string[]): Promise<void> {
    await this.dataSource.query('DELETE FROM outbox WHERE id = ANY($1::bigint[])', [ids]);
  }
}
