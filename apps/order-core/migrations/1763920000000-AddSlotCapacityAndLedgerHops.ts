import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Capacity per 15-minute slot (store controls), counted atomically per venue, control channel and
 * slot; each order's promised time and preparation time; and the ledger's hops from other services:
 * which tickets will print, and an order timeline of hops (printed, platform acknowledged) and
 * promised-time changes.
 */
export class AddSlotCapacityAndLedgerHops1763920000000 implements MigrationInterface {
  name = 'AddSlotCapacityAndLedgerHops1763920000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE store_controls
        ADD COLUMN slot_capacity integer CHECK (slot_capacity > 0),
        ADD COLUMN slot_capacity_unit text CHECK (slot_capacity_unit IN ('orders', 'prep_minutes'))`);
    await queryRunner.query(`
      CREATE TABLE capacity_slots (
        venue_id text NOT NULL,
        channel text NOT NULL,
        slot_start timestamptz NOT NULL,
        orders integer NOT NULL DEFAULT 0,
        prep_minutes integer NOT NULL DEFAULT 0,
        PRIMARY KEY (venue_id, channel, slot_start)
      )`);
    await queryRunner.query(
      'ALTER TABLE orders ADD COLUMN promised_at timestamptz, ADD COLUMN prep_time_minutes integer',
    );
    await queryRunner.query('ALTER TABLE order_tickets ADD COLUMN printing boolean NOT NULL DEFAULT false');
    await queryRunner.query(`
      CREATE TABLE order_hops (
        id bigserial PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('ticket_printed', 'platform_acked', 'prep_time_changed')),
        ticket_id uuid,
        actor_type text NOT NULL,
        actor_id text NOT NULL,
        reason text,
        detail jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX order_hops_order_idx ON order_hops (order_id, kind)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE order_hops');
    await queryRunner.query('ALTER TABLE order_tickets DROP COLUMN printing');
    await queryRunner.query('ALTER TABLE orders DROP COLUMN promised_at, DROP COLUMN prep_time_minutes');
    await queryRunner.query('DROP TABLE capacity_slots');
    await queryRunner.query(
      'ALTER TABLE store_controls DROP COLUMN slot_capacity, DROP COLUMN slot_capacity_unit',
    );
  }
}
