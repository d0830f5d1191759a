import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { queryRows, preparedRows } from '@hub/persistence';
import {
  MappingEntryRef,
  MappingMatchType,
  MappingTargetKind,
  matchKey,
} from '../resolution/platform-mapping';

/** One platform's codes for a brand (venueId null) or for one venue of it. */
export interface MappingScope {
  brandId: string;
  platform: string;
  venueId: string | null;
}

export interface MappingSetRow extends MappingScope {
  id: string;
  activeVersionId: string | null;
}

export interface MappingVersionRow {
  id: string;
  setId: string;
  number: number;
  state: 'draft' | 'published';
  createdAt: string;
  createdBy: string;
  publishedAt: string | null;
  publishedBy: string | null;
  note: string | null;
}

export interface MappingEntryRow extends MappingEntryRef {
  id: string;
  targetCode: string | null;
  targetName: string | null;
}

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const SET_COLUMNS = `id, brand_id AS "brandId", platform, venue_id AS "venueId", active_version_id AS "activeVersionId"`;
const VERSION_COLUMNS = `id, set_id AS "setId", number, state, ${ISO('created_at')} AS "createdAt", created_by AS "createdBy",
  ${ISO('published_at')} AS "publishedAt", published_by AS "publishedBy", note`;

/** Versioned platform code mappings: sets, their versions (one draft at most) and entries. */
@Injectable()
export class MappingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async findSet(scope: MappingScope, manager?: EntityManager, lock = false): Promise<MappingSetRow | null> {
    const [row] = await this.m(manager).query<MappingSetRow[]>(
      `SELECT ${SET_COLUMNS} FROM mapping_sets
       WHERE brand_id = $1 AND platform = $2 AND coalesce(venue_id, '') = coalesce($3::text, '')
       ${lock ? 'FOR UPDATE' : ''}`,
      [scope.brandId, scope.platform, scope.venueId],
    );
    return row ?? null;
  }

  /** The set of this scope, created when missing, locked in this transaction. */
  async lockOrCreateSet(manager: EntityManager, scope: MappingScope): Promise<MappingSetRow> {
    await manager.query(
      `INSERT INTO mapping_sets (id, brand_id, platform, venue_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (brand_id, platform, coalesce(venue_id, '')) DO NOTHING`,
      [uuidv7(), scope.brandId, scope.platform, scope.venueId],
    );
    return (await this.findSet(scope, manager, true))!;
  }

  versions(setId: string, manager?: EntityManager): Promise<MappingVersionRow[]> {
    return this.m(manager).query(
      `SELECT ${VERSION_COLUMNS} FROM mapping_versions WHERE set_id = $1 ORDER BY number`,
      [setId],
    );
  }

  async draft(setId: string, manager?: EntityManager): Promise<MappingVersionRow | null> {
    const [row] = await this.m(manager).query<MappingVersionRow[]>(
      `SELECT ${VERSION_COLUMNS} FROM mapping_versions WHERE set_id = $1 AND state = 'draft'`,
      [setId],
    );
    return row ?? null;
  }

  entries(versionId: string, manager?: EntityManager): Promise<MappingEntryRow[]> {
    return this.m(manager).query(
      `SELECT e.id, e.target_kind AS kind, e.match_type AS "matchType", e.platform_code AS "platformCode",
              e.target_id AS "targetId", coalesce(i.code, m.code) AS "targetCode", coalesce(i.name, m.name) AS "targetName"
       FROM mapping_entries e
       LEFT JOIN menu_items i ON e.target_kind = 'item' AND i.id = e.target_id
       LEFT JOIN modifiers m ON e.target_kind = 'modifier' AND m.id = e.target_id
       WHERE e.version_id = $1 ORDER BY e.target_kind, e.match_type, e.platform_code`,
      [versionId],
    );
  }

  /** A new draft: the next number, holding the entries of the active version (if any). */
  async createDraft(manager: EntityManager, set: MappingSetRow, by: string): Promise<MappingVersionRow> {
    const id = uuidv7();
    await manager.query(
      `INSERT INTO mapping_versions (id, set_id, number, state, created_by)
       SELECT $1, $2, coalesce(max(number), 0) + 1, 'draft', $3 FROM mapping_versions WHERE set_id = $2`,
      [id, set.id, by],
    );
    if (set.activeVersionId) {
      await manager.query(
        `INSERT INTO mapping_entries (id, version_id, target_kind, match_type, platform_code, match_key, target_id)
         SELECT gen_random_uuid(), $1, target_kind, match_type, platform_code, match_key, target_id
         FROM mapping_entries WHERE version_id = $2`,
        [id, set.activeVersionId],
      );
    }
    return (await this.draft(set.id, manager))!;
  }

  async putEntry(
    manager: EntityManager,
    versionId: string,
    entry: { kind: MappingTargetKind; matchType: MappingMatchType; platformCode: string; targetId: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO mapping_entries (id, version_id, target_kind, match_type, platform_code, match_key, target_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ON CONSTRAINT mapping_entries_version_key_uq
       DO UPDATE SET match_type = EXCLUDED.match_type, platform_code = EXCLUDED.platform_code, target_id = EXCLUDED.target_id`,
      [
        uuidv7(),
        versionId,
        entry.kind,
        entry.matchType,
        entry.platformCode,
        matchKey(entry.matchType, entry.platformCode),
        entry.targetId,
      ],
    );
  }

  async clearEntries(manager: EntityManager, versionId: string): Promise<void> {
    await manager.query('DELETE FROM mapping_entries WHERE version_id = $1', [versionId]);
  }

  async deleteEntry(manager: EntityManager, versionId: string, entryId: string): Promise<boolean> {
    const result: unknown = await manager.query(
      'DELETE FROM mapping_entries WHERE version_id = $1 AND id = $2 RETURNING id',
      [versionId, entryId],
    );
    return queryRows(result).length > 0;
  }

  async deleteVersion(manager: EntityManager, versionId: string): Promise<void> {
    await manager.query('DELETE FROM mapping_versions WHERE id = $1', [versionId]);
  }

  async markPublished(
    manager: EntityManager,
    versionId: string,
    by: string,
    note: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE mapping_versions SET state = 'published', published_at = now(), published_by = $2, note = $3 WHERE id = $1`,
      [versionId, by, note],
    );
  }

  /** Makes a published version the one in force, and records who did it. */
  async activate(
    manager: EntityManager,
    setId: string,
    versionId: string,
    action: 'publish' | 'rollback',
    by: string,
  ): Promise<void> {
    await manager.query('UPDATE mapping_sets SET active_version_id = $2 WHERE id = $1', [setId, versionId]);
    await manager.query(
      'INSERT INTO mapping_activations (set_id, version_id, action, actor) VALUES ($1, $2, $3, $4)',
      [setId, versionId, action, by],
    );
  }

  /** The entries in force for a platform at a venue: the brand-wide layer and the venue's own. */
  async activeLayers(
    brandId: string,
    platform: string,
    venueId: string,
    manager?: EntityManager,
  ): Promise<{ brand: MappingEntryRef[]; venue: MappingEntryRef[] }> {
    const rows = await this.m(manager).query<Array<MappingEntryRef & { venueLayer: boolean }>>(
      `SELECT e.target_kind AS kind, e.match_type AS "matchType", e.platform_code AS "platformCode",
              e.target_id AS "targetId", s.venue_id IS NOT NULL AS "venueLayer"
       FROM mapping_sets s JOIN mapping_entries e ON e.version_id = s.active_version_id
       WHERE s.brand_id = $1 AND s.platform = $2 AND (s.venue_id IS NULL OR s.venue_id = $3)`,
      [brandId, platform, venueId],
    );
    const strip = ({ venueLayer: _layer, ...entry }: MappingEntryRef & { venueLayer: boolean }) => entry;
    return {
      brand: rows.filter((r) => !r.venueLayer).map(strip),
      venue: rows.filter((r) => r.venueLayer).map(strip),
    };
  }

  /**
   * activeLayers() for the venue's brand as the venues table has it, read in one statement with
   * the menu version and whether the database's now() lies in `span` (a cached snapshot's
   * `builtAt` ≤ now < `expiresAt`): an order whose venue's snapshot is cached needs nothing else.
   */
  async activeLayersWithMenuVersion(
    platform: string,
    venueId: string,
    span: { builtAt: string; expiresAt: string | null } | null,
    manager?: EntityManager,
  ): Promise<{
    menuVersion: string;
    inSpan: boolean;
    brandId: string | null;
    brand: MappingEntryRef[];
    venue: MappingEntryRef[];
  }> {
    const rows = await preparedRows<
      Partial<MappingEntryRef> & {
        menuVersion: string;
        inSpan: boolean;
        brandId: string | null;
        venueLayer: boolean;
      }
    >(
      manager ?? this.dataSource,
      `SELECT mv.version::text AS "menuVersion",
              coalesce(now() >= $3::timestamptz AND (now() < $4::timestamptz OR $4::timestamptz IS NULL), false) AS "inSpan",
              v.brand_id AS "brandId", e.target_kind AS kind, e.match_type AS "matchType",
              e.platform_code AS "platformCode", e.target_id AS "targetId", s.venue_id IS NOT NULL AS "venueLayer"
       FROM menu_version mv
       LEFT JOIN venues v ON v.id = $2
       LEFT JOIN (mapping_sets s JOIN mapping_entries e ON e.version_id = s.active_version_id)
         ON s.brand_id = v.brand_id AND s.platform = $1 AND (s.venue_id IS NULL OR s.venue_id = $2)`,
      [platform, venueId, span?.builtAt ?? null, span?.expiresAt ?? null],
    );
    const [{ menuVersion, inSpan, brandId }] = rows;
    const entries = rows
      .filter((r) => r.kind !== null)
      .map(({ kind, matchType, platformCode, targetId, venueLayer }) => ({
        entry: { kind, matchType, platformCode, targetId } as MappingEntryRef,
        venueLayer,
      }));
    return {
      menuVersion,
      inSpan,
      brandId,
      brand: entries.filter((e) => !e.venueLayer).map((e) => e.entry),
      venue: entries.filter((e) => e.venueLayer).map((e) => e.entry),
    };
  }
}
