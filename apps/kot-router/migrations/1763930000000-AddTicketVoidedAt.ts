import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * voided_at: every line of a new or addition ticket was voided, so it was closed (bumped_at too) at
 * that moment rather than by a cook; such a ticket cannot be recalled.
 */
export class AddTicketVoidedAt1763930000000 implements MigrationInterface {
  name = 'AddTicketVoidedAt1763930000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE tickets ADD COLUMN voided_at timestamptz');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE tickets DROP COLUMN voided_at');
  }
}
