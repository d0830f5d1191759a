import { MigrationInterface, QueryRunner } from 'typeorm';

/** Stations with their printers, routing rules, the venue's ticket header, print jobs and printer health. */
export class CreateStationsAndPrinting1763900200000 implements MigrationInterface {
  name = 'CreateStationsAndPrinting1763900200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE venue_settings (
        venue_id text PRIMARY KEY,
        venue_name text NOT NULL,
        time_zone text NOT NULL DEFAULT 'UTC',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE stations (
        venue_id text NOT NULL,
        name text NOT NULL,
        display_name text NOT NULL,
        expo boolean NOT NULL DEFAULT false,
        paper_width_mm integer NOT NULL DEFAULT 80 CHECK (paper_width_mm IN (58, 80)),
        printer_host text,
        printer_port integer,
        backup_host text,
        backup_port integer,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (venue_id, name)
      )`);
    await queryRunner.query(`
      CREATE TABLE routing_rules (
        venue_id text NOT NULL,
        position integer NOT NULL,
        match text NOT NULL CHECK (match IN ('item', 'modifier', 'order_type', 'channel')),
        value text NOT NULL,
        only_from text,
        station text,
        PRIMARY KEY (venue_id, position)
      )`);
    await queryRunner.query(`
      CREATE TABLE print_jobs (
        id uuid PRIMARY KEY,
        ticket_id uuid NOT NULL,
        venue_id text NOT NULL,
        station text NOT NULL,
        reprint boolean NOT NULL DEFAULT false,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'printed', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        printer text,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        printed_at timestamptz
      )`);
    await queryRunner.query(
      'CREATE INDEX print_jobs_station_state_idx ON print_jobs (venue_id, station, state)',
    );
    await queryRunner.query(`
      CREATE TABLE printer_status (
        venue_id text NOT NULL,
        station text NOT NULL,
        role text NOT NULL CHECK (role IN ('primary', 'backup')),
        address text NOT NULL,
        last_success_at timestamptz,
        last_failure_at timestamptz,
        last_error text,
        consecutive_failures integer NOT NULL DEFAULT 0,
        PRIMARY KEY (venue_id, station, role)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['printer_status', 'print_jobs', 'routing_rules', 'stations', 'venue_settings']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
