import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table MenuRepository's snapshot reads (brands too: cheap, and a brand edit is rare). */
const MENU_TABLES = [
  'brands',
  'venues',
  'categories',
  'menu_items',
  'modifier_groups',
  'modifiers',
  'item_modifier_groups',
  'combo_components',
  'combo_component_options',
  'venue_item_overrides',
  'unavailability',
];

/**
 * One global menu version, bumped by every transaction that changes a row of a menu table, in that
 * transaction, whatever code path or replica made the change: menu-mapping caches each venue's
 * snapshot and reuses it while the version is the same. Row triggers fire only for rows really
 * inserted, updated or deleted (an upsert that changes nothing, or the availability sweep finding
 * nothing, does not bump it). They are deferred to commit, so the version row is locked only while
 * a menu change commits: two menu edits never wait on it while holding each other's rows (no new
 * deadlock). A transaction bumps it once, however many rows it changes. TRUNCATE bumps it too.
 */
export class CreateMenuVersion1764000000000 implements MigrationInterface {
  name = 'CreateMenuVersion1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // starts at the clock in ms, so a version never repeats one handed out before a re-creation
    await queryRunner.query(`
      CREATE TABLE menu_version (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        version bigint NOT NULL,
        changed_in xid8
      )`);
    await queryRunner.query(
      'INSERT INTO menu_version (version) VALUES ((extract(epoch FROM clock_timestamp()) * 1000)::bigint)',
    );
    await queryRunner.query(`
      CREATE FUNCTION bump_menu_version() RETURNS trigger LANGUAGE plpgsql
      SET search_path FROM CURRENT AS $$
      BEGIN
        UPDATE menu_version SET version = version + 1, changed_in = pg_current_xact_id()
        WHERE changed_in IS DISTINCT FROM pg_current_xact_id();
        RETURN NULL;
      END $$`);
    for (const table of MENU_TABLES) {
      await queryRunner.query(`
        CREATE CONSTRAINT TRIGGER ${table}_bump_menu_version
        AFTER INSERT OR UPDATE OR DELETE ON ${table}
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_menu_version()`);
      await queryRunner.query(`
        CREATE TRIGGER ${table}_truncate_bumps_menu_version
        AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION bump_menu_version()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...MENU_TABLES].reverse()) {
      await queryRunner.query(`DROP TRIGGER ${table}_truncate_bumps_menu_version ON ${table}`);
      await queryRunner.query(`DROP TRIGGER ${table}_bump_menu_version ON ${table}`);
    }
    await queryRunner.query('DROP FUNCTION bump_menu_version()');
    await queryRunner.query('DROP TABLE menu_version');
  }
}
