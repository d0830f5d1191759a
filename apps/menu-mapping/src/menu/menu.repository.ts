import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  buildSnapshot,
  MenuSnapshot,
  PriceTolerance,
  SnapshotComponent,
  SnapshotGroup,
  SnapshotItem,
  SnapshotModifier,
} from '../resolution/menu-snapshot.type';
import type { SuggestionCandidate } from '../resolution/similarity';
import { upsertRow, UpsertedRow } from './upsert-row.util';

export interface BrandRow {
  id: string;
  name: string;
  currency: string;
}

export interface VenueRow {
  id: string;
  brandId: string;
  name: string | null;
  priceToleranceMinor: number | null;
  priceTolerancePercent: number | null;
}

export interface ItemRow {
  id: string;
  brandId: string;
  code: string;
  kind: 'item' | 'combo';
  name: string;
  price: number;
  currency: string;
  station: string;
}

export interface ItemDefinition {
  kind: 'item' | 'combo';
  name: string;
  description: string | null;
  categoryId: string | null;
  price: number;
  currency: string;
  station: string;
  prepTimeSeconds: number | null;
  allergens: string[];
  plu: string | null;
  sku: string | null;
  position: number;
}

/** An item as a venue sells it: the brand's definition with the venue's price, station and availability. */
export interface VenueItemRow extends ItemRow {
  basePrice: number;
  baseStation: string;
  description: string | null;
  categoryCode: string | null;
  prepTimeSeconds: number | null;
  allergens: string[];
  plu: string | null;
  sku: string | null;
  available: boolean;
  unavailableUntil: string | null;
  groupCodes: string[];
}

export interface GroupView {
  id: string;
  code: string;
  name: string;
  min: number;
  max: number;
  modifiers: Array<{
    id: string;
    code: string;
    name: string;
    price: number;
    isDefault: boolean;
    allergens: string[];
    available: boolean;
  }>;
}

export interface ComponentView {
  comboId: string;
  id: string;
  code: string;
  name: string;
  quantity: number;
  defaultItemCode: string | null;
  options: Array<{ itemId: string; code: string; name: string; upcharge: number }>;
}

const VENUE_COLUMNS = `id, brand_id AS "brandId", name, price_tolerance_minor AS "priceToleranceMinor",
  price_tolerance_percent::float8 AS "priceTolerancePercent"`;

/** Every item of a brand as a venue sells it; `brand` and `venue` are SQL expressions ($n or columns). */
const venueItemsSql = (brand: string, venue: string) =>
  `SELECT i.id, i.brand_id AS "brandId", i.code, i.kind, i.name, i.description,
              coalesce(o.price, i.price) AS price, i.price AS "basePrice", i.currency,
              coalesce(o.station, i.station) AS station, i.station AS "baseStation",
              c.code AS "categoryCode", i.prep_time_seconds AS "prepTimeSeconds", i.allergens, i.plu, i.sku,
              u.venue_id IS NULL AS available,
              to_char(u.until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "unavailableUntil",
              coalesce((SELECT array_agg(g.code ORDER BY img.position, g.code) FROM item_modifier_groups img
                        JOIN modifier_groups g ON g.id = img.group_id WHERE img.item_id = i.id), '{}') AS "groupCodes"
       FROM menu_items i
       LEFT JOIN categories c ON c.id = i.category_id
       LEFT JOIN venue_item_overrides o ON o.venue_id = ${venue} AND o.item_id = i.id
       LEFT JOIN unavailability u ON u.venue_id = ${venue} AND u.kind = 'item' AND u.target_id = i.id
         AND (u.until IS NULL OR u.until > now())
       WHERE i.brand_id = ${brand}
       ORDER BY i.position, i.code`;

/** A brand's combo components with their options. */
const componentsSql = (brand: string) =>
  `SELECT cc.combo_id AS "comboId", cc.id, cc.code, cc.name, cc.quantity, d.code AS "defaultItemCode",
              coalesce(json_agg(json_build_object('itemId', oi.id, 'code', oi.code, 'name', oi.name, 'upcharge', o.upcharge)
                ORDER BY oi.code) FILTER (WHERE oi.id IS NOT NULL), '[]') AS options
       FROM combo_components cc
       JOIN menu_items combo ON combo.id = cc.combo_id
       LEFT JOIN menu_items d ON d.id = cc.default_item_id
       LEFT JOIN combo_component_options o ON o.component_id = cc.id
       LEFT JOIN menu_items oi ON oi.id = o.item_id
       WHERE combo.brand_id = ${brand}
       GROUP BY cc.id, d.code ORDER BY cc.position, cc.code`;

const jsonRows = (sql: string) => `(SELECT coalesce(json_agg(x), '[]') FROM (${sql}) x)`;

/**
 * Everything validation needs of a venue's menu, in one round trip (one order's mapping reads it):
 * the venue, its items, the brand's modifier groups, modifiers with the venue's availability, combo
 * components and which groups each item offers. Each list keeps its subquery's order.
 */
const SNAPSHOT_SQL = `
  SELECT row_to_json(v) AS venue,
    ${jsonRows(venueItemsSql('v."brandId"', 'v.id'))} AS items,
    ${jsonRows(`SELECT g.id, g.code, g.name, g.min_select AS min, g.max_select AS max,
              array_agg(mo.id ORDER BY mo.position, mo.code) FILTER (WHERE mo.id IS NOT NULL) AS "modifierIds"
       FROM modifier_groups g LEFT JOIN modifiers mo ON mo.group_id = g.id
       WHERE g.brand_id = v."brandId" GROUP BY g.id`)} AS groups,
    ${jsonRows(`SELECT mo.id, mo.code, mo.name, mo.group_id AS "groupId", mo.price, mo.is_default AS "isDefault",
              u.target_id IS NULL AS available
       FROM modifiers mo
       LEFT JOIN unavailability u ON u.venue_id = v.id AND u.kind = 'modifier' AND u.target_id = mo.id
         AND (u.until IS NULL OR u.until > now())
       WHERE mo.brand_id = v."brandId"`)} AS modifiers,
    ${jsonRows(componentsSql('v."brandId"'))} AS components,
    ${jsonRows(`SELECT img.item_id AS "itemId", img.group_id AS "groupId" FROM item_modifier_groups img
       JOIN menu_items i ON i.id = img.item_id WHERE i.brand_id = v."brandId" ORDER BY img.position`)} AS "itemGroups"
  FROM (SELECT ${VENUE_COLUMNS} FROM venues WHERE id = $1) v`;

/**
 * The snapshot with, from the same statement (so the same state of the tables), the menu version
 * (migration CreateMenuVersion), the time its 86s were judged by (now()) and the earliest end of an
 * 86 of the venue after it: the snapshot is the menu at that version from `builtAt` until
 * `expiresAt`. One row even for an unregistered venue.
 */
const VERSIONED_SNAPSHOT_SQL = `
  SELECT mv.version::text AS "menuVersion", now()::text AS "builtAt",
    (SELECT min(u.until)::text FROM unavailability u WHERE u.venue_id = $1 AND u.until > now()) AS "expiresAt",
    s.*
  FROM menu_version mv LEFT JOIN (${SNAPSHOT_SQL}) s ON true`;

type SnapshotRow = {
  venue: VenueRow | null;
  items: VenueItemRow[];
  groups: Array<SnapshotGroup & { modifierIds: string[] | null }>;
  modifiers: SnapshotModifier[];
  components: ComponentView[];
  itemGroups: Array<{ itemId: string; groupId: string }>;
};

/** A venue's snapshot as validation sees it, with its venue row (null when not registered). */
export type VenueSnapshot = MenuSnapshot & { venue: VenueRow | null };

/** A snapshot and what tells whether it is still the menu: the version and when it expires. */
export interface VersionedSnapshot {
  snapshot: VenueSnapshot;
  /** menu_version.version when it was read (bigint as text) */
  version: string;
  /** the database's now() its 86s were judged by (Postgres text) */
  builtAt: string;
  /** the earliest end of an 86 after `builtAt` (Postgres text), null: none */
  expiresAt: string | null;
}

/** The brand menu and each venue's view of it. Reads outside a transaction use the pool. */
@Injectable()
export class MenuRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async findBrand(id: string, manager?: EntityManager): Promise<BrandRow | null> {
    const [row] = await this.m(manager).query<BrandRow[]>(
      'SELECT id, name, currency FROM brands WHERE id = $1',
      [id],
    );
    return row ?? null;
  }

  /** Creates or renames a brand; its currency is fixed once items exist (checked by the use case). */
  async saveBrand(manager: EntityManager, brand: BrandRow): Promise<void> {
    await manager.query(
      `INSERT INTO brands (id, name, currency) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, currency = EXCLUDED.currency, updated_at = now()
       WHERE (brands.name, brands.currency) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.currency)`,
      [brand.id, brand.name, brand.currency],
    );
  }

  async countItems(brandId: string, manager?: EntityManager): Promise<number> {
    const [row] = await this.m(manager).query<Array<{ n: number }>>(
      'SELECT count(*)::int AS n FROM menu_items WHERE brand_id = $1',
      [brandId],
    );
    return row.n;
  }

  async findVenue(venueId: string, manager?: EntityManager): Promise<VenueRow | null> {
    const [row] = await this.m(manager).query<VenueRow[]>(
      `SELECT ${VENUE_COLUMNS} FROM venues WHERE id = $1`,
      [venueId],
    );
    return row ?? null;
  }

  async saveVenue(manager: EntityManager, venue: VenueRow): Promise<void> {
    await manager.query(
      `INSERT INTO venues (id, brand_id, name, price_tolerance_minor, price_tolerance_percent)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET brand_id = EXCLUDED.brand_id, name = EXCLUDED.name,
         price_tolerance_minor = EXCLUDED.price_tolerance_minor,
         price_tolerance_percent = EXCLUDED.price_tolerance_percent, updated_at = now()`,
      [venue.id, venue.brandId, venue.name, venue.priceToleranceMinor, venue.priceTolerancePercent],
    );
  }

  async venuesOfBrand(brandId: string, manager?: EntityManager): Promise<VenueRow[]> {
    return this.m(manager).query<VenueRow[]>(
      `SELECT ${VENUE_COLUMNS} FROM venues WHERE brand_id = $1 ORDER BY id`,
      [brandId],
    );
  }

  async findItemByCode(brandId: string, code: string, manager?: EntityManager): Promise<ItemRow | null> {
    const [row] = await this.m(manager).query<ItemRow[]>(
      `SELECT id, brand_id AS "brandId", code, kind, name, price, currency, station
       FROM menu_items WHERE brand_id = $1 AND code = $2`,
      [brandId, code],
    );
    return row ?? null;
  }

  async findModifierByCode(
    brandId: string,
    code: string,
    manager?: EntityManager,
  ): Promise<{ id: string; code: string; name: string } | null> {
    const [row] = await this.m(manager).query<Array<{ id: string; code: string; name: string }>>(
      'SELECT id, code, name FROM modifiers WHERE brand_id = $1 AND code = $2',
      [brandId, code],
    );
    return row ?? null;
  }

  async findTarget(
    kind: 'item' | 'modifier',
    id: string,
    manager?: EntityManager,
  ): Promise<{ id: string; code: string; name: string } | null> {
    const table = kind === 'item' ? 'menu_items' : 'modifiers';
    const [row] = await this.m(manager).query<Array<{ id: string; code: string; name: string }>>(
      `SELECT id, code, name FROM ${table} WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  upsertItem(
    manager: EntityManager,
    brandId: string,
    code: string,
    item: ItemDefinition,
  ): Promise<UpsertedRow> {
    return upsertRow(
      manager,
      'menu_items',
      'menu_items_brand_code_uq',
      { brand_id: brandId, code },
      {
        kind: item.kind,
        name: item.name,
        description: item.description,
        category_id: item.categoryId,
        price: item.price,
        currency: item.currency,
        station: item.station,
        prep_time_seconds: item.prepTimeSeconds,
        allergens: item.allergens,
        plu: item.plu,
        sku: item.sku,
        position: item.position,
      },
    );
  }

  /** Sets or clears (null) this venue's price and station for an item; says whether anything changed. */
  async setOverride(
    manager: EntityManager,
    venueId: string,
    itemId: string,
    price: number | null,
    station: string | null,
  ): Promise<boolean> {
    if (price === null && station === null) {
      const deleted: [unknown[], number] = await manager.query(
        'DELETE FROM venue_item_overrides WHERE venue_id = $1 AND item_id = $2',
        [venueId, itemId],
      );
      return deleted[1] > 0;
    }
    const rows: unknown[] = await manager.query(
      `INSERT INTO venue_item_overrides AS o (venue_id, item_id, price, station) VALUES ($1, $2, $3, $4)
       ON CONFLICT (venue_id, item_id) DO UPDATE SET price = EXCLUDED.price, station = EXCLUDED.station, updated_at = now()
       WHERE (o.price, o.station) IS DISTINCT FROM (EXCLUDED.price, EXCLUDED.station)
       RETURNING item_id`,
      [venueId, itemId, price, station],
    );
    return rows.length > 0;
  }

  /** The venue's price tolerance, or the service default where it has none. */
  tolerance(venue: VenueRow | null, fallback: PriceTolerance): PriceTolerance {
    return {
      minor: venue?.priceToleranceMinor ?? fallback.minor,
      percent: venue?.priceTolerancePercent ?? fallback.percent,
    };
  }

  /** What validation needs of a venue's menu, as it is now. An unregistered venue has an empty menu. */
  async snapshot(venueId: string, manager?: EntityManager): Promise<VenueSnapshot> {
    const [row] = await this.m(manager).query<SnapshotRow[]>(SNAPSHOT_SQL, [venueId]);
    return toSnapshot(venueId, row);
  }

  /**
   * The snapshot with the menu version and expiry it holds for, read in one statement: what
   * OrderValidator caches.
   */
  async versionedSnapshot(venueId: string, manager?: EntityManager): Promise<VersionedSnapshot> {
    const [row] = await this.m(manager).query<
      Array<Partial<SnapshotRow> & { menuVersion: string; builtAt: string; expiresAt: string | null }>
    >(VERSIONED_SNAPSHOT_SQL, [venueId]);
    const { menuVersion, builtAt, expiresAt, ...snapshot } = row;
    return {
      snapshot: toSnapshot(venueId, snapshot.venue ? (snapshot as SnapshotRow) : undefined),
      version: menuVersion,
      builtAt,
      expiresAt,
    };
  }

  /** Every item of the brand as this venue sells it (venue null: the brand's own prices, all available). */
  async venueItems(
    venueId: string | null,
    brandId: string,
    manager?: EntityManager,
  ): Promise<VenueItemRow[]> {
    return this.m(manager).query<VenueItemRow[]>(venueItemsSql('$1', '$2'), [brandId, venueId]);
  }

  async groups(brandId: string, venueId: string | null, manager?: EntityManager): Promise<GroupView[]> {
    const rows = await this.m(manager).query<
      Array<Omit<GroupView, 'modifiers'> & { modifiers: GroupView['modifiers'] }>
    >(
      `SELECT g.id, g.code, g.name, g.min_select AS min, g.max_select AS max,
              coalesce(json_agg(json_build_object('id', mo.id, 'code', mo.code, 'name', mo.name, 'price', mo.price,
                'isDefault', mo.is_default, 'allergens', mo.allergens, 'available', u.venue_id IS NULL)
                ORDER BY mo.position, mo.code) FILTER (WHERE mo.id IS NOT NULL), '[]') AS modifiers
       FROM modifier_groups g
       LEFT JOIN modifiers mo ON mo.group_id = g.id
       LEFT JOIN unavailability u ON u.venue_id = $2 AND u.kind = 'modifier' AND u.target_id = mo.id
         AND (u.until IS NULL OR u.until > now())
       WHERE g.brand_id = $1 GROUP BY g.id ORDER BY g.position, g.code`,
      [brandId, venueId],
    );
    return rows;
  }

  async components(brandId: string, manager?: EntityManager): Promise<ComponentView[]> {
    return this.m(manager).query<ComponentView[]>(componentsSql('$1'), [brandId]);
  }

  async categories(
    brandId: string,
    manager?: EntityManager,
  ): Promise<Array<{ id: string; code: string; name: string; position: number }>> {
    return this.m(manager).query(
      'SELECT id, code, name, position FROM categories WHERE brand_id = $1 ORDER BY position, code',
      [brandId],
    );
  }

  /** What a platform code may map to: the brand's items or modifiers. */
  async candidates(brandId: string, kind: 'item' | 'modifier'): Promise<SuggestionCandidate[]> {
    return kind === 'item'
      ? this.dataSource.query('SELECT id, code, name, plu, sku FROM menu_items WHERE brand_id = $1', [
          brandId,
        ])
      : this.dataSource.query('SELECT id, code, name FROM modifiers WHERE brand_id = $1', [brandId]);
  }
}

/** Builds the lookup maps of a snapshot from the rows of SNAPSHOT_SQL. */
function toSnapshot(venueId: string, row: SnapshotRow | undefined): VenueSnapshot {
  const venue = row?.venue ?? null;
  if (!row || !venue) return { ...buildSnapshot(venueId, null, [], [], []), venue };
  const { items, groups, modifiers, components, itemGroups } = row;
  const snapshotItems: SnapshotItem[] = items.map((item) => ({
    id: item.id,
    code: item.code,
    kind: item.kind,
    name: item.name,
    price: item.price,
    currency: item.currency,
    station: item.station,
    available: item.available,
    unavailableUntil: item.unavailableUntil,
    plu: item.plu,
    sku: item.sku,
    groupIds: itemGroups.filter((g) => g.itemId === item.id).map((g) => g.groupId),
    components: components
      .filter((c) => c.comboId === item.id)
      .map((c): SnapshotComponent => ({
        id: c.id,
        code: c.code,
        name: c.name,
        quantity: c.quantity,
        defaultItemId: items.find((i) => i.code === c.defaultItemCode)?.id ?? null,
        options: new Map(c.options.map((o) => [o.itemId, o.upcharge])),
      })),
  }));
  return {
    ...buildSnapshot(
      venue.id,
      venue.brandId,
      snapshotItems,
      modifiers,
      groups.map((g) => ({ ...g, modifierIds: g.modifierIds ?? [] })),
    ),
    venue,
  };
}
