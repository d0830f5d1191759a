import type { DataSource, QueryRunner } from 'typeorm';

/**
 * Runs the service's pending migrations, one transaction each, under a Postgres advisory lock
 * keyed on the schema, so replicas starting together do not race. Creates the schema first.
 */
export async function runServiceMigrations(dataSource: DataSource): Promise<string[]> {
  const schema = schemaOf(dataSource);
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`migrations:${schema}`]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`migrations:${schema}`]);
    }
  } finally {
    await runner.release();
  }
}

/** The schema a migration runs in: the service's own, from its DataSource. */
export function migrationSchema(queryRunner: QueryRunner): string {
  return schemaOf(queryRunner.connection);
}

export function schemaOf(dataSource: DataSource): string {
  return 'schema' in dataSource.options && dataSource.options.schema ? dataSource.options.schema : 'public';
}

/**
 * The transactional outbox and inbox every service has, created by its first migration.
 * outbox: events written in the same transaction as the change that caused them, deleted once
 *   JetStream has them. inbox: ids of events a consumer has applied, in the same transaction as
 *   the effect, so a redelivered event is applied once.
 */
export async function createMessagingTables(queryRunner: QueryRunner): Promise<void> {
  const schema = migrationSchema(queryRunner);
  await queryRunner.query(`
    CREATE TABLE "${schema}".outbox (
      id bigserial PRIMARY KEY,
      event_id uuid NOT NULL UNIQUE,
      subject text NOT NULL,
      envelope jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      attempts int NOT NULL DEFAULT 0,
      last_error text
    )`);
  await queryRunner.query(`CREATE INDEX outbox_created_at_idx ON "${schema}".outbox (created_at)`);
  await queryRunner.query(`
    CREATE TABLE "${schema}".inbox (
      consumer text NOT NULL,
      event_id uuid NOT NULL,
      subject text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`);
}

export async function dropMessagingTables(queryRunner: QueryRunner): Promise<void> {
  const schema = migrationSchema(queryRunner);
  await queryRunner.query(`DROP TABLE "${schema}".inbox`);
  await queryRunner.query(`DROP TABLE "${schema}".outbox`);
}
