import { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@hub/persistence';

export class CreateKotSchema1763800000000 implements MigrationInterface {
  name = 'CreateKotSchema1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE station_cursors (
        venue_id text NOT NULL,
        station text NOT NULL,
        last_seq integer NOT NULL,
        PRIMARY KEY (venue_id, station)
      )`);
    await queryRunner.query(`
      CREATE TABLE tickets (
        id uuid PRIMARY KEY,
        venue_id text NOT NULL,
        station text NOT NULL,
        seq integer NOT NULL,
        order_id uuid NOT NULL,
        kind text NOT NULL,
        ticket jsonb NOT NULL,
        correlation_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        acked_at timestamptz,
        bumped_at timestamptz,
        CONSTRAINT tickets_station_seq_uq UNIQUE (venue_id, station, seq)
      )`);
    // one 'new' ticket per order and station, whatever number of times the order is delivered
    await queryRunner.query(
      `CREATE UNIQUE INDEX tickets_new_per_order_station_uq ON tickets (order_id, station) WHERE kind = 'new'`,
    );
    await queryRunner.query('CREATE INDEX tickets_order_idx ON tickets (order_id)');
    await createMessagingTables(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropMessagingTables(queryRunner);
    await queryRunner.query('DROP TABLE tickets');
    await queryRunner.query('DROP TABLE station_cursors');
  }
}
