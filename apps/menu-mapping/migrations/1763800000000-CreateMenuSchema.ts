import { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@hub/persistence';

export class CreateMenuSchema1763800000000 implements MigrationInterface {
  name = 'CreateMenuSchema1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE items (
        id uuid PRIMARY KEY,
        venue_id text NOT NULL,
        code text NOT NULL,
        name text NOT NULL,
        price integer NOT NULL CHECK (price >= 0),
        currency char(3) NOT NULL,
        station text NOT NULL,
        available boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT items_venue_code_uq UNIQUE (venue_id, code)
      )`);
    await createMessagingTables(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropMessagingTables(queryRunner);
    await queryRunner.query('DROP TABLE items');
  }
}
