import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The brand menu: brands own items, categories, modifier groups, modifiers and combos; venues belong
 * to a brand and override price and station; availability (86) per venue. The per-venue `items` of
 * the first migration move in: each venue becomes a brand of its own (brand id = venue id), every
 * item keeps its id, and an item that was unavailable stays 86'd.
 */
export class CreateBrandMenu1763900000000 implements MigrationInterface {
  name = 'CreateBrandMenu1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE brands (
        id text PRIMARY KEY,
        name text NOT NULL,
        currency char(3) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE venues (
        id text PRIMARY KEY,
        brand_id text NOT NULL REFERENCES brands (id),
        name text,
        price_tolerance_minor integer CHECK (price_tolerance_minor >= 0),
        price_tolerance_percent numeric(5, 2) CHECK (price_tolerance_percent BETWEEN 0 AND 100),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX venues_brand_idx ON venues (brand_id)');
    await queryRunner.query(`
      CREATE TABLE categories (
        id uuid PRIMARY KEY,
        brand_id text NOT NULL REFERENCES brands (id),
        code text NOT NULL,
        name text NOT NULL,
        position integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT categories_brand_code_uq UNIQUE (brand_id, code)
      )`);
    await queryRunner.query(`
      CREATE TABLE menu_items (
        id uuid PRIMARY KEY,
        brand_id text NOT NULL REFERENCES brands (id),
        code text NOT NULL,
        kind text NOT NULL DEFAULT 'item' CHECK (kind IN ('item', 'combo')),
        name text NOT NULL,
        description text,
        category_id uuid REFERENCES categories (id) ON DELETE SET NULL,
        price integer NOT NULL CHECK (price >= 0),
        currency char(3) NOT NULL,
        station text NOT NULL,
        prep_time_seconds integer CHECK (prep_time_seconds >= 0),
        allergens text[] NOT NULL DEFAULT '{}',
        plu text,
        sku text,
        position integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT menu_items_brand_code_uq UNIQUE (brand_id, code)
      )`);
    await queryRunner.query(`
      CREATE TABLE modifier_groups (
        id uuid PRIMARY KEY,
        brand_id text NOT NULL REFERENCES brands (id),
        code text NOT NULL,
        name text NOT NULL,
        min_select integer NOT NULL DEFAULT 0 CHECK (min_select >= 0),
        max_select integer NOT NULL CHECK (max_select >= min_select),
        position integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT modifier_groups_brand_code_uq UNIQUE (brand_id, code)
      )`);
    await queryRunner.query(`
      CREATE TABLE modifiers (
        id uuid PRIMARY KEY,
        brand_id text NOT NULL REFERENCES brands (id),
        group_id uuid NOT NULL REFERENCES modifier_groups (id) ON DELETE CASCADE,
        code text NOT NULL,
        name text NOT NULL,
        price integer NOT NULL DEFAULT 0 CHECK (price >= 0),
        is_default boolean NOT NULL DEFAULT false,
        allergens text[] NOT NULL DEFAULT '{}',
        position integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT modifiers_brand_code_uq UNIQUE (brand_id, code)
      )`);
    await queryRunner.query(`
      CREATE TABLE item_modifier_groups (
        item_id uuid NOT NULL REFERENCES menu_items (id) ON DELETE CASCADE,
        group_id uuid NOT NULL REFERENCES modifier_groups (id) ON DELETE CASCADE,
        position integer NOT NULL DEFAULT 0,
        PRIMARY KEY (item_id, group_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE combo_components (
        id uuid PRIMARY KEY,
        combo_id uuid NOT NULL REFERENCES menu_items (id) ON DELETE CASCADE,
        code text NOT NULL,
        name text NOT NULL,
        quantity integer NOT NULL DEFAULT 1 CHECK (quantity >= 1),
        default_item_id uuid REFERENCES menu_items (id) ON DELETE SET NULL,
        position integer NOT NULL DEFAULT 0,
        CONSTRAINT combo_components_combo_code_uq UNIQUE (combo_id, code)
      )`);
    await queryRunner.query(`
      CREATE TABLE combo_component_options (
        component_id uuid NOT NULL REFERENCES combo_components (id) ON DELETE CASCADE,
        item_id uuid NOT NULL REFERENCES menu_items (id) ON DELETE CASCADE,
        upcharge integer NOT NULL DEFAULT 0 CHECK (upcharge >= 0),
        PRIMARY KEY (component_id, item_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE venue_item_overrides (
        venue_id text NOT NULL REFERENCES venues (id) ON DELETE CASCADE,
        item_id uuid NOT NULL REFERENCES menu_items (id) ON DELETE CASCADE,
        price integer CHECK (price >= 0),
        station text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (venue_id, item_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE unavailability (
        venue_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('item', 'modifier')),
        target_id uuid NOT NULL,
        until timestamptz,
        reason text,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (venue_id, kind, target_id)
      )`);
    await queryRunner.query(
      'CREATE INDEX unavailability_until_idx ON unavailability (until) WHERE until IS NOT NULL',
    );

    // the per-venue items of the first migration: each venue its own brand, ids kept
    await queryRunner.query(`
      INSERT INTO brands (id, name, currency)
      SELECT DISTINCT ON (venue_id) venue_id, venue_id, currency FROM items ORDER BY venue_id, updated_at DESC`);
    await queryRunner.query('INSERT INTO venues (id, brand_id) SELECT id, id FROM brands');
    await queryRunner.query(`
      INSERT INTO menu_items (id, brand_id, code, name, price, currency, station, updated_at)
      SELECT id, venue_id, code, name, price, currency, station, updated_at FROM items`);
    await queryRunner.query(`
      INSERT INTO unavailability (venue_id, kind, target_id, changed_by)
      SELECT venue_id, 'item', id, 'migration' FROM items WHERE NOT available`);
    await queryRunner.query('DROP TABLE items');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE items (
        id uuid PRIMARY KEY,
        venue_id text NOT NULL,
        code text NOT NULL,
        name text NOT NULL,
        price integer NOT NULL CHECK (price >= 0),
        currency char(3) NOT NULL,
        station text NOT NULL,
        available boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT items_venue_code_uq UNIQUE (venue_id, code)
      )`);
    // each venue's effective menu; an item shared by several venues keeps its id at the first
    await queryRunner.query(`
      INSERT INTO items (id, venue_id, code, name, price, currency, station, available, updated_at)
      SELECT CASE WHEN row_number() OVER (PARTITION BY i.id ORDER BY v.id) = 1 THEN i.id ELSE gen_random_uuid() END,
             v.id, i.code, i.name, coalesce(o.price, i.price), i.currency, coalesce(o.station, i.station),
             NOT EXISTS (SELECT 1 FROM unavailability u
                         WHERE u.venue_id = v.id AND u.kind = 'item' AND u.target_id = i.id
                           AND (u.until IS NULL OR u.until > now())),
             i.updated_at
      FROM venues v
      JOIN menu_items i ON i.brand_id = v.brand_id AND i.kind = 'item'
      LEFT JOIN venue_item_overrides o ON o.venue_id = v.id AND o.item_id = i.id`);
    for (const table of [
      'unavailability',
      'venue_item_overrides',
      'combo_component_options',
      'combo_components',
      'item_modifier_groups',
      'modifiers',
      'modifier_groups',
      'menu_items',
      'categories',
      'venues',
      'brands',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
