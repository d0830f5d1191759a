import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * socket_io_attachments: @socket.io/postgres-adapter's table for the packets it cannot put in a
 * NOTIFY (over 8000 bytes, or binary); it inserts a row, notifies its id, and deletes rows older
 * than its cleanup interval (30 s). Columns as in the adapter's README.
 */
export class CreateSocketIoAttachments1763925000000 implements MigrationInterface {
  name = 'CreateSocketIoAttachments1763925000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE socket_io_attachments (
         id bigserial PRIMARY KEY,
         created_at timestamptz NOT NULL DEFAULT now(),
         payload bytea NOT NULL
       )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE socket_io_attachments');
  }
}
