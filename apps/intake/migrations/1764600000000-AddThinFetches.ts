import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Thin events (Square, Uber Eats) are stored first and fetched after: a delivery in state
 * `awaiting_fetch` is a durable job, due at `next_attempt_at`, tried `fetch_attempts` times.
 */
export class AddThinFetches1764600000000 implements MigrationInterface {
  name = 'AddThinFetches1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE deliveries
      ADD COLUMN IF NOT EXISTS fetch_attempts integer NOT NULL DEFAULT 0,
      ADD COLUMN IF NOT EXISTS next_attempt_at timestamptz`);
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS deliveries_fetch_due_idx ON deliveries (next_attempt_at) WHERE state = 'awaiting_fetch'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX IF EXISTS deliveries_fetch_due_idx');
    await queryRunner.query(
      'ALTER TABLE deliveries DROP COLUMN IF EXISTS fetch_attempts, DROP COLUMN IF EXISTS next_attempt_at',
    );
  }
}
