import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '@hub/persistence';

/** Injection token of how long raw deliveries are kept. */
export const DELIVERY_RETENTION_DAYS = Symbol('DELIVERY_RETENTION_DAYS');

const BATCH = 5000;

export interface PurgeResult {
  deliveries: number;
  /** `received_orders` rows: the claims that make a webhook and a poll of one order a duplicate */
  receivedOrders: number;
}

/**
 * Raw deliveries are the evidence of what a platform sent and the record that dedupes its retries;
 * `received_orders` is the record that dedupes an order across paths (webhook, thin fetch, poll).
 * Both are kept for DELIVERY_RETENTION_DAYS (at least 4, past Square's 72 hours of retries), then
 * deleted in batches, hourly, in the same job (each table through its `received_at` index).
 */
@Injectable()
export class PurgeOldDeliveriesUseCase implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(PurgeOldDeliveriesUseCase.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DELIVERY_RETENTION_DAYS) private readonly retentionDays: number,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(
      () => void this.purge().catch((e: Error) => this.logger.warn(`purge failed, will retry: ${e.message}`)),
      3_600_000,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Deletes deliveries and received-order claims older than the retention; returns how many of each. */
  async purge(): Promise<PurgeResult> {
    const deliveries = await this.inBatches(
      `DELETE FROM deliveries WHERE id IN (
         SELECT id FROM deliveries WHERE received_at < now() - make_interval(days => $1) LIMIT ${BATCH})
       RETURNING id`,
    );
    const receivedOrders = await this.inBatches(
      `DELETE FROM received_orders WHERE ctid = ANY (ARRAY(
         SELECT ctid FROM received_orders WHERE received_at < now() - make_interval(days => $1) LIMIT ${BATCH}))
       RETURNING delivery_id`,
    );
    if (deliveries + receivedOrders > 0) {
      this.logger.log(
        `purged ${deliveries} raw deliveries and ${receivedOrders} received-order claims older than ${this.retentionDays} days`,
      );
    }
    return { deliveries, receivedOrders };
  }

  /** Runs a batched DELETE until a batch comes back short; the total deleted. */
  private async inBatches(sql: string): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = queryRows(await this.dataSource.query(sql, [this.retentionDays])).length;
      total += deleted;
      if (deleted < BATCH) return total;
    }
  }
}
