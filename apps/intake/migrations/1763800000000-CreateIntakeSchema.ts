import { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@hub/persistence';

export class CreateIntakeSchema1763800000000 implements MigrationInterface {
  name = 'CreateIntakeSchema1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE deliveries (
        id uuid PRIMARY KEY,
        platform text NOT NULL,
        venue_id text NOT NULL,
        dedupe_key text NOT NULL,
        body_sha256 text NOT NULL,
        body jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT deliveries_dedupe_uq UNIQUE (platform, venue_id, dedupe_key)
      )`);
    await queryRunner.query('CREATE INDEX deliveries_received_at_idx ON deliveries (received_at)');
    await createMessagingTables(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropMessagingTables(queryRunner);
    await queryRunner.query('DROP TABLE deliveries');
  }
}
