import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '@hub/persistence';

/** Injection token of how long raw deliveries are kept. */
export const DELIVERY_RETENTION_DAYS = Symbol('DELIVERY_RETENTION_DAYS');

/**
 * Raw deliveries are the evidence of what a platform sent and the record that dedupes its retries.
 * They are kept for DELIVERY_RETENTION_DAYS (at least 4, past Square's 72 hours of retries), then
 * deleted in batches, hourly.
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

  /** Deletes deliveries older than the retention; returns how many. */
  async purge(): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = queryRows(
        await this.dataSource.query(
          `DELETE FROM deliveries WHERE id IN (
             SELECT id FROM deliveries WHERE received_at < now() - make_interval(days => $1) LIMIT 5000)
           RETURNING id`,
          [this.retentionDays],
        ),
      ).length;
      total += deleted;
      if (deleted < 5000) break;
    }
    if (total > 0) this.logger.log(`purged ${total} raw deliveries older than ${this.retentionDays} days`);
    return total;
  }
}
