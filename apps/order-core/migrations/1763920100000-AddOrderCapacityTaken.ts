import { MigrationInterface, QueryRunner } from 'typeorm';

/** Which slot, control channels and minutes an order took, so a cancelled or rejected order gives them back. */
export class AddOrderCapacityTaken1763920100000 implements MigrationInterface {
  name = 'AddOrderCapacityTaken1763920100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE orders ADD COLUMN capacity_taken jsonb');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE orders DROP COLUMN capacity_taken');
  }
}
