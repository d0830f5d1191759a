import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@hub/persistence';

/**
 * The rate limit per platform, shared by every replica: one token bucket per key (a callback's
 * target: the platform, `webhook` or `jira`) in `rate_buckets`. `tokens` is what was left at
 * `updated_at`; the refill since then is computed when a token is taken (capacity and rate come from
 * the taking replica's settings, so nothing here needs changing when `PLATFORM_RATE_PER_SECOND` does).
 */
export class SharedRateLimits1764900000000 implements MigrationInterface {
  name = 'SharedRateLimits1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".rate_buckets (
        key text PRIMARY KEY,
        tokens double precision NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE "${s}".rate_buckets`);
  }
}
