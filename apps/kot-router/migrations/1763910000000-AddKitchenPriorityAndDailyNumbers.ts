import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Priority within a station, the venue's daily display number, and line voids:
 * - tickets.priority (the station's order of work, smaller first) and start_by; tickets stored
 *   before get the minute they were created, so they keep their place;
 * - tickets.voids_order: a void ticket of a cancelled order (one per station) as against a void of
 *   some lines (any number); every void stored before was a cancellation;
 * - stations.prep_minutes and item_prep_minutes (per item code), for the start-by time;
 * - kitchen_orders: per order its daily number, business date, due time and priority;
 *   daily_number_cursors: the venue's counter per local business date.
 */
export class AddKitchenPriorityAndDailyNumbers1763910000000 implements MigrationInterface {
  name = 'AddKitchenPriorityAndDailyNumbers1763910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE tickets ADD COLUMN priority integer NOT NULL DEFAULT 0, ADD COLUMN start_by timestamptz,
         ADD COLUMN voids_order boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `UPDATE tickets SET priority = floor(extract(epoch FROM created_at) / 60)::integer,
         ticket = ticket || jsonb_build_object('priority', floor(extract(epoch FROM created_at) / 60)::integer)`,
    );
    await queryRunner.query(
      `UPDATE tickets SET voids_order = true, ticket = ticket || '{"voidsOrder": true}'::jsonb WHERE kind = 'void'`,
    );
    await queryRunner.query('DROP INDEX tickets_void_per_order_station_uq');
    await queryRunner.query(
      'CREATE UNIQUE INDEX tickets_order_void_per_station_uq ON tickets (order_id, station) WHERE voids_order',
    );
    await queryRunner.query(
      'CREATE INDEX tickets_station_priority_idx ON tickets (venue_id, station, priority)',
    );
    await queryRunner.query(
      `ALTER TABLE stations ADD COLUMN prep_minutes integer CHECK (prep_minutes BETWEEN 0 AND 1440),
         ADD COLUMN item_prep_minutes jsonb NOT NULL DEFAULT '{}'::jsonb`,
    );
    await queryRunner.query(`
      CREATE TABLE daily_number_cursors (
        venue_id text NOT NULL,
        business_date date NOT NULL,
        last_number integer NOT NULL,
        PRIMARY KEY (venue_id, business_date)
      )`);
    await queryRunner.query(`
      CREATE TABLE kitchen_orders (
        order_id uuid PRIMARY KEY,
        venue_id text NOT NULL,
        business_date date NOT NULL,
        daily_number integer NOT NULL,
        due_at timestamptz NOT NULL,
        priority text NOT NULL DEFAULT 'normal',
        CONSTRAINT kitchen_orders_daily_number_uq UNIQUE (venue_id, business_date, daily_number)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE kitchen_orders');
    await queryRunner.query('DROP TABLE daily_number_cursors');
    await queryRunner.query('ALTER TABLE stations DROP COLUMN prep_minutes, DROP COLUMN item_prep_minutes');
    await queryRunner.query('DROP INDEX tickets_station_priority_idx');
    await queryRunner.query('DROP INDEX tickets_order_void_per_station_uq');
    await queryRunner.query(`DELETE FROM tickets WHERE kind = 'void' AND NOT voids_order`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX tickets_void_per_order_station_uq ON tickets (order_id, station) WHERE kind = 'void'`,
    );
    await queryRunner.query(
      'ALTER TABLE tickets DROP COLUMN priority, DROP COLUMN start_by, DROP COLUMN voids_order',
    );
  }
}
