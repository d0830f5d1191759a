import { MigrationInterface, QueryRunner } from 'typeorm';

/** The declarative platforms' per-integration mapping (how the webhook authenticates and maps onto the canonical order). */
export class AddIntegrationMapping1764300000000 implements MigrationInterface {
  name = 'AddIntegrationMapping1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE integrations ADD COLUMN IF NOT EXISTS mapping jsonb');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE integrations DROP COLUMN IF EXISTS mapping');
  }
}
