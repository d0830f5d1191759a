import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deliveries needing attention are listed and retried by hand: how often and when a delivery was
 * retried (a re-queued thin fetch counts its age from the retry), an index for a venue's open
 * deliveries (needing attention or awaiting their fetch: few rows, so the stored majority pays
 * nothing for it), and `received_orders` by the delivery that announced each order (the list's
 * "order announced").
 */
export class AddDeliveryRetries1764900000000 implements MigrationInterface {
  name = 'AddDeliveryRetries1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE deliveries
      ADD COLUMN IF NOT EXISTS retries integer NOT NULL DEFAULT 0,
      ADD COLUMN IF NOT EXISTS retried_at timestamptz`);
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS deliveries_venue_open_idx ON deliveries (venue_id, id) WHERE state <> 'stored'`,
    );
    await queryRunner.query(
      'CREATE INDEX IF NOT EXISTS received_orders_delivery_idx ON received_orders (delivery_id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX IF EXISTS received_orders_delivery_idx');
    await queryRunner.query('DROP INDEX IF EXISTS deliveries_venue_open_idx');
    await queryRunner.query(
      'ALTER TABLE deliveries DROP COLUMN IF EXISTS retries, DROP COLUMN IF EXISTS retried_at',
    );
  }
}
