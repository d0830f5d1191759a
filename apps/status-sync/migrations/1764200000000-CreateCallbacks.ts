import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@hub/persistence';

/**
 * status-sync's own tables: the integrations replica (from intake.v1.integration-saved, secrets still
 * sealed), the durable callback jobs and every attempt, and the customer notification endpoints.
 */
export class CreateCallbacks1764200000000 implements MigrationInterface {
  name = 'CreateCallbacks1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".integrations (
        id uuid PRIMARY KEY,
        venue_id text NOT NULL,
        platform text NOT NULL,
        store_ref text NOT NULL,
        secret_sealed text NOT NULL,
        credentials_sealed text,
        notification_url text,
        api_base_url text,
        currency text,
        saved_at timestamptz NOT NULL,
        CONSTRAINT integrations_venue_platform_uq UNIQUE (venue_id, platform)
      )`);
    await queryRunner.query(`
      CREATE TABLE "${s}".callbacks (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('status', 'availability', 'notification', 'jira')),
        venue_id text NOT NULL,
        target text NOT NULL,
        integration_id uuid,
        breaker_key text NOT NULL,
        subject_key text NOT NULL,
        seq bigint NOT NULL,
        order_id uuid,
        external_id text,
        status text,
        item_code text,
        correlation_id text NOT NULL,
        dedupe_key text NOT NULL UNIQUE,
        payload jsonb NOT NULL,
        state text NOT NULL CHECK (state IN ('pending', 'sending', 'failed', 'sent', 'dead', 'superseded', 'unsupported')),
        attempts int NOT NULL DEFAULT 0,
        attempts_before_retry int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        lease_until timestamptz,
        lease_owner text,
        idempotency_key uuid NOT NULL,
        last_http_status int,
        last_reason text,
        result_ref text,
        created_at timestamptz NOT NULL DEFAULT now(),
        retried_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        dead_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX callbacks_due_idx ON "${s}".callbacks (next_attempt_at) WHERE state IN ('pending', 'failed', 'sending')`,
    );
    await queryRunner.query(
      `CREATE INDEX callbacks_subject_idx ON "${s}".callbacks (subject_key, target, seq)`,
    );
    await queryRunner.query(
      `CREATE INDEX callbacks_venue_state_idx ON "${s}".callbacks (venue_id, state, created_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE "${s}".callback_attempts (
        id bigserial PRIMARY KEY,
        callback_id uuid NOT NULL REFERENCES "${s}".callbacks (id) ON DELETE CASCADE,
        attempt int NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        http_status int,
        outcome text,
        reason text,
        action text
      )`);
    await queryRunner.query(
      `CREATE INDEX callback_attempts_callback_idx ON "${s}".callback_attempts (callback_id, attempt)`,
    );
    await queryRunner.query(`
      CREATE TABLE "${s}".notification_endpoints (
        venue_id text PRIMARY KEY,
        url text NOT NULL,
        secret_sealed text NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE "${s}".notification_endpoints`);
    await queryRunner.query(`DROP TABLE "${s}".callback_attempts`);
    await queryRunner.query(`DROP TABLE "${s}".callbacks`);
    await queryRunner.query(`DROP TABLE "${s}".integrations`);
  }
}
