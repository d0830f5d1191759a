import { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@hub/persistence';

/** The status_sync schema with its outbox and inbox; the service's own tables come with its issue. */
export class CreateStatusSyncSchema1763800000000 implements MigrationInterface {
  name = 'CreateStatusSyncSchema1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createMessagingTables(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropMessagingTables(queryRunner);
  }
}
