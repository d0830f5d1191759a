import { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@hub/persistence';

export class CreateOrdersSchema1763800000000 implements MigrationInterface {
  name = 'CreateOrdersSchema1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY,
        venue_id text NOT NULL,
        channel text NOT NULL,
        external_id text NOT NULL,
        display_number text NOT NULL,
        order_type text NOT NULL,
        status text NOT NULL,
        placed_at timestamptz NOT NULL,
        scheduled_for timestamptz,
        customer jsonb NOT NULL,
        totals jsonb NOT NULL,
        total integer NOT NULL,
        currency char(3) NOT NULL,
        payment jsonb NOT NULL,
        notes text,
        allergens jsonb,
        source jsonb NOT NULL,
        mapped boolean NOT NULL DEFAULT false,
        attention jsonb,
        correlation_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT orders_channel_venue_external_uq UNIQUE (channel, venue_id, external_id)
      )`);
    // ids are UUIDv7: ordering by id is ordering by creation time
    await queryRunner.query('CREATE INDEX orders_venue_id_idx ON orders (venue_id, id DESC)');
    await queryRunner.query(`
      CREATE TABLE order_items (
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        line_id text NOT NULL,
        position integer NOT NULL,
        menu_item_id text,
        external_code text NOT NULL,
        name text NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        unit_price integer NOT NULL CHECK (unit_price >= 0),
        modifiers jsonb NOT NULL DEFAULT '[]',
        notes text,
        station text,
        PRIMARY KEY (order_id, line_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE order_status_history (
        id bigserial PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        from_status text,
        to_status text NOT NULL,
        actor_type text NOT NULL,
        actor_id text NOT NULL,
        reason text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE INDEX order_status_history_order_idx ON order_status_history (order_id, id)',
    );
    await createMessagingTables(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropMessagingTables(queryRunner);
    await queryRunner.query('DROP TABLE order_status_history');
    await queryRunner.query('DROP TABLE order_items');
    await queryRunner.query('DROP TABLE orders');
  }
}
