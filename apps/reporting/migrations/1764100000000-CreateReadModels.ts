import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@hub/persistence';

/**
 * The read models, built only from events (see apps/reporting/README.md):
 * - venues: each venue's IANA time zone (set by head office; 'UTC' until then);
 * - order_facts, ticket_facts: one row per order and per kitchen ticket;
 * - order_hourly, order_prep_bins, station_hourly, station_prep_bins: pre-aggregated per venue-local
 *   hour, which is what the reports read.
 */
export class CreateReadModels1764100000000 implements MigrationInterface {
  name = 'CreateReadModels1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${migrationSchema(queryRunner)}"`;
    await queryRunner.query(`
      CREATE TABLE ${s}.venues (
        venue_id text PRIMARY KEY,
        time_zone text NOT NULL DEFAULT 'UTC',
        time_zone_set_by text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE ${s}.order_facts (
        order_id uuid PRIMARY KEY,
        venue_id text NOT NULL,
        channel text,
        order_type text,
        display_number text,
        currency text,
        status text,
        status_at timestamptz,
        placed_at timestamptz,
        scheduled_for timestamptz,
        promised_at timestamptz,
        accepted_at timestamptz,
        started_at timestamptz,
        ready_at timestamptz,
        dispatched_at timestamptz,
        completed_at timestamptz,
        cancelled_at timestamptz,
        rejected_at timestamptz,
        refunded_at timestamptz,
        total bigint,
        items int NOT NULL DEFAULT 0,
        lines int NOT NULL DEFAULT 0,
        tickets int NOT NULL DEFAULT 0,
        voids int NOT NULL DEFAULT 0,
        paid bigint NOT NULL DEFAULT 0,
        refunded bigint NOT NULL DEFAULT 0,
        payment_status text,
        payment_at timestamptz,
        prep_seconds int,
        delay_seconds int,
        delayed boolean NOT NULL DEFAULT false,
        bucket_start timestamptz,
        local_hour smallint,
        local_dow smallint,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX order_facts_venue_idx ON ${s}.order_facts (venue_id, bucket_start)`,
    );
    await queryRunner.query(
      `CREATE INDEX order_facts_delayed_idx ON ${s}.order_facts (venue_id, bucket_start) WHERE delayed`,
    );
    await queryRunner.query(`
      CREATE TABLE ${s}.ticket_facts (
        ticket_id uuid PRIMARY KEY,
        order_id uuid NOT NULL,
        venue_id text NOT NULL,
        station text NOT NULL,
        kind text,
        seq int,
        routed_at timestamptz,
        acknowledged_at timestamptz,
        bumped_at timestamptz,
        bucket_start timestamptz,
        local_hour smallint,
        local_dow smallint
      )`);
    await queryRunner.query(`CREATE INDEX ticket_facts_venue_idx ON ${s}.ticket_facts (venue_id)`);
    await queryRunner.query(`
      CREATE TABLE ${s}.order_hourly (
        venue_id text NOT NULL,
        channel text NOT NULL,
        currency text NOT NULL,
        bucket_start timestamptz NOT NULL,
        local_hour smallint NOT NULL,
        local_dow smallint NOT NULL,
        orders int NOT NULL DEFAULT 0,
        completed int NOT NULL DEFAULT 0,
        revenue bigint NOT NULL DEFAULT 0,
        revenue_refunded bigint NOT NULL DEFAULT 0,
        refunds bigint NOT NULL DEFAULT 0,
        refunded_orders int NOT NULL DEFAULT 0,
        cancelled int NOT NULL DEFAULT 0,
        rejected int NOT NULL DEFAULT 0,
        prep_count int NOT NULL DEFAULT 0,
        prep_seconds bigint NOT NULL DEFAULT 0,
        evaluated int NOT NULL DEFAULT 0,
        delayed int NOT NULL DEFAULT 0,
        delay_seconds bigint NOT NULL DEFAULT 0,
        with_voids int NOT NULL DEFAULT 0,
        with_issues int NOT NULL DEFAULT 0,
        items bigint NOT NULL DEFAULT 0,
        tickets int NOT NULL DEFAULT 0,
        voids int NOT NULL DEFAULT 0,
        PRIMARY KEY (venue_id, channel, currency, bucket_start)
      )`);
    await queryRunner.query(`CREATE INDEX order_hourly_bucket_idx ON ${s}.order_hourly (bucket_start)`);
    await queryRunner.query(`
      CREATE TABLE ${s}.order_prep_bins (
        venue_id text NOT NULL,
        channel text NOT NULL,
        currency text NOT NULL,
        bucket_start timestamptz NOT NULL,
        bin int NOT NULL,
        orders int NOT NULL DEFAULT 0,
        PRIMARY KEY (venue_id, channel, currency, bucket_start, bin)
      )`);
    await queryRunner.query(`
      CREATE TABLE ${s}.station_hourly (
        venue_id text NOT NULL,
        station text NOT NULL,
        bucket_start timestamptz NOT NULL,
        local_hour smallint NOT NULL,
        local_dow smallint NOT NULL,
        tickets int NOT NULL DEFAULT 0,
        voids int NOT NULL DEFAULT 0,
        acknowledged int NOT NULL DEFAULT 0,
        wait_seconds bigint NOT NULL DEFAULT 0,
        bumped int NOT NULL DEFAULT 0,
        ticket_seconds bigint NOT NULL DEFAULT 0,
        worked int NOT NULL DEFAULT 0,
        work_seconds bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (venue_id, station, bucket_start)
      )`);
    await queryRunner.query(`
      CREATE TABLE ${s}.station_prep_bins (
        venue_id text NOT NULL,
        station text NOT NULL,
        bucket_start timestamptz NOT NULL,
        bin int NOT NULL,
        tickets int NOT NULL DEFAULT 0,
        PRIMARY KEY (venue_id, station, bucket_start, bin)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${migrationSchema(queryRunner)}"`;
    for (const table of [
      'station_prep_bins',
      'station_hourly',
      'order_prep_bins',
      'order_hourly',
      'ticket_facts',
      'order_facts',
      'venues',
    ]) {
      await queryRunner.query(`DROP TABLE ${s}.${table}`);
    }
  }
}
