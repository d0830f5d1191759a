import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@hub/persistence';

/**
 * Store controls and prep-time callbacks, declarative mappings in the integrations replica, and the
 * circuit breakers shared by every replica:
 * - `callbacks.kind` also takes `store` and `prep_time`; `not_before` is when a scheduled callback (a
 *   paused site's reopening) becomes due, and its age counts from then.
 * - an order's callbacks are ordered by `seq`: status callbacks move from their rank to rank × 10^13
 *   so a prep-time update (rank × 10^13 + its time in ms) sits between its status and the next one.
 * - `integrations.mapping`: the declarative mapping with its callback templates (no secret in it).
 * - `breakers`: one row per breaker key (integration, webhook, Jira), the truth every replica reads.
 */
export class StoreControlsAndSharedBreakers1764800000000 implements MigrationInterface {
  name = 'StoreControlsAndSharedBreakers1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`ALTER TABLE "${s}".callbacks DROP CONSTRAINT IF EXISTS callbacks_kind_check`);
    await queryRunner.query(
      `ALTER TABLE "${s}".callbacks ADD CONSTRAINT callbacks_kind_check
         CHECK (kind IN ('status', 'availability', 'notification', 'jira', 'store', 'prep_time'))`,
    );
    await queryRunner.query(`ALTER TABLE "${s}".callbacks ADD COLUMN not_before timestamptz`);
    await queryRunner.query(
      `UPDATE "${s}".callbacks SET seq = seq * 10000000000000 WHERE subject_key LIKE 'order:%' AND seq < 100`,
    );
    await queryRunner.query(`ALTER TABLE "${s}".integrations ADD COLUMN mapping jsonb`);
    await queryRunner.query(`
      CREATE TABLE "${s}".breakers (
        key text PRIMARY KEY,
        state text NOT NULL DEFAULT 'closed' CHECK (state IN ('closed', 'open', 'half_open')),
        failures int NOT NULL DEFAULT 0,
        window_started_at timestamptz,
        opened_at timestamptz,
        probe_owner text,
        probe_until timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE "${s}".breakers`);
    await queryRunner.query(`ALTER TABLE "${s}".integrations DROP COLUMN mapping`);
    await queryRunner.query(
      `UPDATE "${s}".callbacks SET seq = seq / 10000000000000 WHERE subject_key LIKE 'order:%' AND seq >= 10000000000000`,
    );
    await queryRunner.query(`DELETE FROM "${s}".callbacks WHERE kind IN ('store', 'prep_time')`);
    await queryRunner.query(`ALTER TABLE "${s}".callbacks DROP COLUMN not_before`);
    await queryRunner.query(`ALTER TABLE "${s}".callbacks DROP CONSTRAINT IF EXISTS callbacks_kind_check`);
    await queryRunner.query(
      `ALTER TABLE "${s}".callbacks ADD CONSTRAINT callbacks_kind_check
         CHECK (kind IN ('status', 'availability', 'notification', 'jira'))`,
    );
  }
}
