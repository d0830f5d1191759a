import { MigrationInterface, QueryRunner } from 'typeorm';

/** `received_orders` is purged with the deliveries' retention: by its `received_at`, in batches. */
export class IndexReceivedOrdersByAge1764900100000 implements MigrationInterface {
  name = 'IndexReceivedOrdersByAge1764900100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX IF NOT EXISTS received_orders_received_at_idx ON received_orders (received_at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX IF EXISTS received_orders_received_at_idx');
  }
}
