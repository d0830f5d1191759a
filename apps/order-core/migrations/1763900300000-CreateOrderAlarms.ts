import { MigrationInterface, QueryRunner } from 'typeorm';

/** Orders stuck at a hop longer than its limit: raised once per order and hop, cleared when it moves on. */
export class CreateOrderAlarms1763900300000 implements MigrationInterface {
  name = 'CreateOrderAlarms1763900300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE order_alarms (
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        hop text NOT NULL,
        since timestamptz NOT NULL,
        raised_at timestamptz NOT NULL DEFAULT now(),
        cleared_at timestamptz,
        PRIMARY KEY (order_id, hop)
      )`);
    await queryRunner.query(
      'CREATE INDEX order_alarms_open_idx ON order_alarms (raised_at) WHERE cleared_at IS NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE order_alarms');
  }
}
