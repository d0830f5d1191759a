import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '@hub/persistence';

export type AvailabilityKind = 'item' | 'modifier';

export interface UnavailabilityRow {
  venueId: string;
  kind: AvailabilityKind;
  targetId: string;
  until: string | null;
  reason: string | null;
  changedBy: string;
  changedAt: string;
}

export interface UnavailabilityView extends UnavailabilityRow {
  code: string;
  name: string;
}

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const COLUMNS = `u.venue_id AS "venueId", u.kind, u.target_id AS "targetId", ${ISO('u.until')} AS until, u.reason,
  u.changed_by AS "changedBy", ${ISO('u.changed_at')} AS "changedAt"`;

/** 86s: a row per item or modifier out of stock at a venue, for good (until null) or until a time. */
@Injectable()
export class AvailabilityRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The 86 in force, if any (one whose time has passed is not in force), locked in this transaction. */
  async lockCurrent(
    manager: EntityManager,
    venueId: string,
    kind: AvailabilityKind,
    targetId: string,
  ): Promise<UnavailabilityRow | null> {
    const [row] = await manager.query<UnavailabilityRow[]>(
      `SELECT ${COLUMNS} FROM unavailability u
       WHERE u.venue_id = $1 AND u.kind = $2 AND u.target_id = $3 AND (u.until IS NULL OR u.until > now())
       FOR UPDATE`,
      [venueId, kind, targetId],
    );
    return row ?? null;
  }

  async save(manager: EntityManager, row: Omit<UnavailabilityRow, 'changedAt'>): Promise<void> {
    await manager.query(
      `INSERT INTO unavailability (venue_id, kind, target_id, until, reason, changed_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (venue_id, kind, target_id) DO UPDATE
         SET until = EXCLUDED.until, reason = EXCLUDED.reason, changed_by = EXCLUDED.changed_by, changed_at = now()`,
      [row.venueId, row.kind, row.targetId, row.until, row.reason, row.changedBy],
    );
  }

  async remove(
    manager: EntityManager,
    venueId: string,
    kind: AvailabilityKind,
    targetId: string,
  ): Promise<void> {
    await manager.query('DELETE FROM unavailability WHERE venue_id = $1 AND kind = $2 AND target_id = $3', [
      venueId,
      kind,
      targetId,
    ]);
  }

  /** 86s whose time has passed, removed and returned (at most `limit`; replicas skip each other's). */
  async takeExpired(manager: EntityManager, limit: number): Promise<UnavailabilityRow[]> {
    const result: unknown = await manager.query(
      `DELETE FROM unavailability u
       WHERE (u.venue_id, u.kind, u.target_id) IN (
         SELECT venue_id, kind, target_id FROM unavailability WHERE until <= now()
         ORDER BY until LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING ${COLUMNS}`,
      [limit],
    );
    return queryRows<UnavailabilityRow>(result);
  }

  /** The 86s in force at a venue, with the names of what is out. */
  list(venueId: string): Promise<UnavailabilityView[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS}, coalesce(i.code, m.code) AS code, coalesce(i.name, m.name) AS name
       FROM unavailability u
       LEFT JOIN menu_items i ON u.kind = 'item' AND i.id = u.target_id
       LEFT JOIN modifiers m ON u.kind = 'modifier' AND m.id = u.target_id
       WHERE u.venue_id = $1 AND (u.until IS NULL OR u.until > now())
       ORDER BY u.changed_at`,
      [venueId],
    );
  }

  /** The platforms' codes for an item or modifier at a venue, from the active mapping versions. */
  platformCodes(
    manager: EntityManager,
    brandId: string,
    venueId: string,
    kind: AvailabilityKind,
    targetId: string,
  ): Promise<Array<{ platform: string; code: string }>> {
    return manager.query(
      `SELECT DISTINCT s.platform, e.platform_code AS code
       FROM mapping_sets s JOIN mapping_entries e ON e.version_id = s.active_version_id
       WHERE s.brand_id = $1 AND (s.venue_id IS NULL OR s.venue_id = $2)
         AND e.target_kind = $3 AND e.target_id = $4 AND e.match_type <> 'name'
       ORDER BY 1, 2`,
      [brandId, venueId, kind, targetId],
    );
  }
}
