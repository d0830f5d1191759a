import { MigrationInterface, QueryRunner } from 'typeorm';

/** The kitchen tickets of each order, as kot-router reports them, so order-core knows when all are done. */
export class CreateOrderTickets1763900000000 implements MigrationInterface {
  name = 'CreateOrderTickets1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE order_tickets (
        ticket_id uuid PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        station text NOT NULL,
        kind text NOT NULL,
        routed_at timestamptz NOT NULL,
        acknowledged_at timestamptz,
        bumped_at timestamptz
      )`);
    await queryRunner.query('CREATE INDEX order_tickets_order_idx ON order_tickets (order_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE order_tickets');
  }
}
