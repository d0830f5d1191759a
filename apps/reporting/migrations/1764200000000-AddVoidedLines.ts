import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@hub/persistence';

/**
 * Voided lines (orders.v1.items-voided): per order and per venue-local hour, how many lines were voided
 * and their value (quantity × unit price with modifiers, before tax, minor units). Rows counted before
 * read 0 until a rebuild replays the events.
 */
export class AddVoidedLines1764200000000 implements MigrationInterface {
  name = 'AddVoidedLines1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${migrationSchema(queryRunner)}"`;
    for (const table of ['order_facts', 'order_hourly'])
      await queryRunner.query(
        `ALTER TABLE ${s}.${table} ADD COLUMN voided_lines int NOT NULL DEFAULT 0,
           ADD COLUMN voided_amount bigint NOT NULL DEFAULT 0`,
      );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${migrationSchema(queryRunner)}"`;
    for (const table of ['order_facts', 'order_hourly'])
      await queryRunner.query(
        `ALTER TABLE ${s}.${table} DROP COLUMN voided_lines, DROP COLUMN voided_amount`,
      );
  }
}
