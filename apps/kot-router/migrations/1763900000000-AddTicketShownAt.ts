import { MigrationInterface, QueryRunner } from 'typeorm';

/** shown_at: a screen received the ticket (socket ack); acked_at stays: a cook took it on (ticket:ack). */
export class AddTicketShownAt1763900000000 implements MigrationInterface {
  name = 'AddTicketShownAt1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE tickets ADD COLUMN shown_at timestamptz');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE tickets DROP COLUMN shown_at');
  }
}
