import { MigrationInterface, QueryRunner } from 'typeorm';

/** One void ticket per order and station, however often the cancellation arrives. */
export class UniqueVoidTicket1763900100000 implements MigrationInterface {
  name = 'UniqueVoidTicket1763900100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNIQUE INDEX tickets_void_per_order_station_uq ON tickets (order_id, station) WHERE kind = 'void'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX tickets_void_per_order_station_uq');
  }
}
