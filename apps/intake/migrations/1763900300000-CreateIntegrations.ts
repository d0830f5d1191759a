import { MigrationInterface, QueryRunner } from 'typeorm';

/** Integrations (a venue's account on a platform, secrets encrypted) and raw webhook deliveries as evidence. */
export class CreateIntegrations1763900300000 implements MigrationInterface {
  name = 'CreateIntegrations1763900300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE integrations (
        id uuid PRIMARY KEY,
        venue_id text NOT NULL,
        platform text NOT NULL,
        store_ref text NOT NULL,
        secret_enc text NOT NULL,
        credentials_enc text,
        notification_url text,
        api_base_url text,
        poll_interval_seconds integer,
        currency char(3),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT integrations_store_uq UNIQUE (platform, store_ref),
        CONSTRAINT integrations_venue_platform_uq UNIQUE (venue_id, platform)
      )`);
    await queryRunner.query(`ALTER TABLE deliveries
      ADD COLUMN kind text NOT NULL DEFAULT 'order',
      ADD COLUMN state text NOT NULL DEFAULT 'stored',
      ADD COLUMN error text,
      ADD COLUMN raw_body bytea,
      ADD COLUMN headers jsonb,
      ALTER COLUMN body DROP NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE deliveries DROP COLUMN kind, DROP COLUMN state, DROP COLUMN error, DROP COLUMN raw_body, DROP COLUMN headers`,
    );
    await queryRunner.query('DROP TABLE integrations');
  }
}
