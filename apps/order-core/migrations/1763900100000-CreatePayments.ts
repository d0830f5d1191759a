import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every payment and refund of every order: the ledger the order's payment status is computed from. */
export class CreatePayments1763900100000 implements MigrationInterface {
  name = 'CreatePayments1763900100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE payments (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('payment', 'refund')),
        amount integer NOT NULL CHECK (amount > 0),
        currency char(3) NOT NULL,
        method text,
        paid_by text,
        line_ids jsonb,
        reason text,
        reference text,
        actor_type text NOT NULL,
        actor_id text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX payments_order_idx ON payments (order_id, at)');
    await queryRunner.query(
      'CREATE UNIQUE INDEX payments_reference_uq ON payments (order_id, kind, reference) WHERE reference IS NOT NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE payments');
  }
}
