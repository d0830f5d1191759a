import { MigrationInterface, QueryRunner } from 'typeorm';

/** Per venue and channel: paused until a time, and minutes of busy mode added to preparation time. */
export class CreateStoreControls1763900500000 implements MigrationInterface {
  name = 'CreateStoreControls1763900500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE store_controls (
        venue_id text NOT NULL,
        channel text NOT NULL,
        paused_until timestamptz,
        busy_extra_minutes integer NOT NULL DEFAULT 0 CHECK (busy_extra_minutes BETWEEN 0 AND 240),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (venue_id, channel)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE store_controls');
  }
}
