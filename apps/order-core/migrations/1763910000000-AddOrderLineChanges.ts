import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Line changes on open orders and the order's kitchen priority: voided lines move to
 * order_item_voids (so order_items holds only live lines), and every line or priority change is
 * recorded in order_changes for the order's timeline.
 */
export class AddOrderLineChanges1763910000000 implements MigrationInterface {
  name = 'AddOrderLineChanges1763910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE orders ADD COLUMN priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal', 'rush', 'vip'))`,
    );
    await queryRunner.query(`
      CREATE TABLE order_item_voids (
        order_id uuid NOT NULL REFERENCES orders (id),
        line_id text NOT NULL,
        line jsonb NOT NULL,
        reason text NOT NULL,
        actor_type text NOT NULL,
        actor_id text NOT NULL,
        voided_at timestamptz NOT NULL,
        PRIMARY KEY (order_id, line_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE order_changes (
        id bigserial PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id),
        kind text NOT NULL CHECK (kind IN ('items_added', 'items_voided', 'priority_changed')),
        status text NOT NULL,
        line_ids jsonb,
        priority text,
        actor_type text NOT NULL,
        actor_id text NOT NULL,
        reason text,
        at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX order_changes_order_idx ON order_changes (order_id, id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE order_changes');
    await queryRunner.query('DROP TABLE order_item_voids');
    await queryRunner.query('ALTER TABLE orders DROP COLUMN priority');
  }
}
