import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Platform code mappings, versioned. A mapping set is one platform's codes for a brand (venue_id
 * null) or for one venue of it; its versions are a draft being edited and published versions, one of
 * which is active. Entries map a platform code (PLU, SKU, variation id) or name to an item or modifier.
 */
export class CreatePlatformMappings1763900001000 implements MigrationInterface {
  name = 'CreatePlatformMappings1763900001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE mapping_sets (
        id uuid PRIMARY KEY,
        brand_id text NOT NULL REFERENCES brands (id),
        platform text NOT NULL,
        venue_id text REFERENCES venues (id) ON DELETE CASCADE,
        active_version_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      "CREATE UNIQUE INDEX mapping_sets_scope_uq ON mapping_sets (brand_id, platform, coalesce(venue_id, ''))",
    );
    await queryRunner.query(`
      CREATE TABLE mapping_versions (
        id uuid PRIMARY KEY,
        set_id uuid NOT NULL REFERENCES mapping_sets (id) ON DELETE CASCADE,
        number integer NOT NULL CHECK (number >= 1),
        state text NOT NULL CHECK (state IN ('draft', 'published')),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        published_at timestamptz,
        published_by text,
        note text,
        CONSTRAINT mapping_versions_set_number_uq UNIQUE (set_id, number)
      )`);
    await queryRunner.query(
      "CREATE UNIQUE INDEX mapping_versions_one_draft_uq ON mapping_versions (set_id) WHERE state = 'draft'",
    );
    await queryRunner.query(`
      ALTER TABLE mapping_sets ADD CONSTRAINT mapping_sets_active_version_fk
        FOREIGN KEY (active_version_id) REFERENCES mapping_versions (id)`);
    await queryRunner.query(`
      CREATE TABLE mapping_entries (
        id uuid PRIMARY KEY,
        version_id uuid NOT NULL REFERENCES mapping_versions (id) ON DELETE CASCADE,
        target_kind text NOT NULL CHECK (target_kind IN ('item', 'modifier')),
        match_type text NOT NULL CHECK (match_type IN ('plu', 'sku', 'variation', 'name')),
        platform_code text NOT NULL,
        match_key text NOT NULL,
        target_id uuid NOT NULL,
        CONSTRAINT mapping_entries_version_key_uq UNIQUE (version_id, target_kind, match_key)
      )`);
    await queryRunner.query(`
      CREATE TABLE mapping_activations (
        id bigserial PRIMARY KEY,
        set_id uuid NOT NULL REFERENCES mapping_sets (id) ON DELETE CASCADE,
        version_id uuid NOT NULL REFERENCES mapping_versions (id) ON DELETE CASCADE,
        action text NOT NULL CHECK (action IN ('publish', 'rollback')),
        actor text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE mapping_activations');
    await queryRunner.query('ALTER TABLE mapping_sets DROP CONSTRAINT mapping_sets_active_version_fk');
    await queryRunner.query('DROP TABLE mapping_entries');
    await queryRunner.query('DROP TABLE mapping_versions');
    await queryRunner.query('DROP TABLE mapping_sets');
  }
}
