import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Polling: one cursor per polled integration (where the next poll starts, when it is due, who holds
 * the lease, and what the last poll did), and the orders received per (platform, venue, order id),
 * whichever path brought them (webhook or poll), so an order seen by both is stored once.
 */
export class CreatePollCursors1764700000000 implements MigrationInterface {
  name = 'CreatePollCursors1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE poll_cursors (
        integration_id uuid PRIMARY KEY REFERENCES integrations (id) ON DELETE CASCADE,
        cursor text,
        next_poll_at timestamptz NOT NULL DEFAULT now(),
        lease_owner text,
        lease_until timestamptz,
        last_polled_at timestamptz,
        last_success_at timestamptz,
        last_error text,
        last_error_at timestamptz,
        consecutive_failures integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX poll_cursors_due_idx ON poll_cursors (next_poll_at)');
    await queryRunner.query(`
      CREATE TABLE received_orders (
        platform text NOT NULL,
        venue_id text NOT NULL,
        external_id text NOT NULL,
        delivery_id uuid NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (platform, venue_id, external_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE received_orders');
    await queryRunner.query('DROP TABLE poll_cursors');
  }
}
