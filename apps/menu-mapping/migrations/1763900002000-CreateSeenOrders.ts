import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The orders menu-mapping has seen: a bounded copy of each venue's recent orders (customer removed)
 * for the dry run of a mapping version, and the orders waiting for a person, kept until re-injected.
 */
export class CreateSeenOrders1763900002000 implements MigrationInterface {
  name = 'CreateSeenOrders1763900002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE recent_orders (
        id uuid PRIMARY KEY,
        venue_id text NOT NULL,
        platform text NOT NULL,
        channel text NOT NULL,
        external_id text NOT NULL,
        order_draft jsonb NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('mapped', 'needs_attention')),
        received_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT recent_orders_key_uq UNIQUE (channel, venue_id, external_id)
      )`);
    await queryRunner.query('CREATE INDEX recent_orders_venue_idx ON recent_orders (venue_id, id DESC)');
    await queryRunner.query(`
      CREATE TABLE attention_orders (
        id uuid PRIMARY KEY,
        venue_id text NOT NULL,
        platform text NOT NULL,
        channel text NOT NULL,
        external_id text NOT NULL,
        correlation_id text NOT NULL,
        received_event_id uuid NOT NULL,
        order_draft jsonb NOT NULL,
        reasons jsonb NOT NULL,
        state text NOT NULL CHECK (state IN ('waiting', 'resolved')),
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        resolved_by text,
        resolution jsonb,
        mapped_event_id uuid,
        CONSTRAINT attention_orders_key_uq UNIQUE (channel, venue_id, external_id)
      )`);
    await queryRunner.query(
      'CREATE INDEX attention_orders_venue_state_idx ON attention_orders (venue_id, state, id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE attention_orders');
    await queryRunner.query('DROP TABLE recent_orders');
  }
}
