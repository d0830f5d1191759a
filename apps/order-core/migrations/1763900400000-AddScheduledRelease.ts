import { MigrationInterface, QueryRunner } from 'typeorm';

/** Scheduled orders are held after acceptance and released to the kitchen at fire_at. */
export class AddScheduledRelease1763900400000 implements MigrationInterface {
  name = 'AddScheduledRelease1763900400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE orders ADD COLUMN fire_at timestamptz, ADD COLUMN released_at timestamptz',
    );
    await queryRunner.query(
      'CREATE INDEX orders_fire_at_idx ON orders (fire_at) WHERE fire_at IS NOT NULL AND released_at IS NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX orders_fire_at_idx');
    await queryRunner.query('ALTER TABLE orders DROP COLUMN fire_at, DROP COLUMN released_at');
  }
}
