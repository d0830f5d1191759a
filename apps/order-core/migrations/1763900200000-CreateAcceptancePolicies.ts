import { MigrationInterface, QueryRunner } from 'typeorm';

/** Per venue and channel: auto-accept, or wait for staff until a deadline and then accept or reject. */
export class CreateAcceptancePolicies1763900200000 implements MigrationInterface {
  name = 'CreateAcceptancePolicies1763900200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE acceptance_policies (
        venue_id text NOT NULL,
        channel text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('auto', 'manual')),
        deadline_seconds integer NOT NULL DEFAULT 600 CHECK (deadline_seconds > 0),
        on_timeout text NOT NULL DEFAULT 'reject' CHECK (on_timeout IN ('accept', 'reject')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (venue_id, channel)
      )`);
    await queryRunner.query('ALTER TABLE orders ADD COLUMN accept_by timestamptz');
    await queryRunner.query(
      `CREATE INDEX orders_accept_by_idx ON orders (accept_by) WHERE accept_by IS NOT NULL AND status = 'received'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX orders_accept_by_idx');
    await queryRunner.query('ALTER TABLE orders DROP COLUMN accept_by');
    await queryRunner.query('DROP TABLE acceptance_policies');
  }
}
