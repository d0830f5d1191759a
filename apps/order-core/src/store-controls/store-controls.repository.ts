import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { SlotCapacityUnit } from '@hub/contracts';
import type { SaveStoreControlsDto, StoreControlsDto } from './dto/store-controls.dto';

export interface ControlsRow {
  venue_id: string;
  channel: string;
  paused_until: Date | null;
  busy_extra_minutes: number;
  slot_capacity: number | null;
  slot_capacity_unit: SlotCapacityUnit | null;
}

/** A capacity limit that applies to an order: its channel's own, or the venue's (`*`). */
export interface SlotCapacity {
  /** the control's channel: the order's channel, or `*` */
  channel: string;
  limit: number;
  unit: SlotCapacityUnit;
}

/** The controls that apply to one order, read in one query: pause, busy mode, capacities. */
export interface ControlsForOrder {
  pausedUntil: Date | null;
  busyExtraMinutes: number;
  /** `*` first, then the channel's own: the order the slot rows are locked in */
  capacities: SlotCapacity[];
}

const toDto = (row: ControlsRow): StoreControlsDto => ({
  venueId: row.venue_id,
  channel: row.channel,
  pausedUntil: row.paused_until ? row.paused_until.toISOString() : null,
  busyExtraMinutes: row.busy_extra_minutes,
  slotCapacity: row.slot_capacity,
  slotCapacityUnit: row.slot_capacity === null ? null : (row.slot_capacity_unit ?? 'orders'),
});

@Injectable()
export class StoreControlsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Fields left out keep their value. */
  async save(
    manager: EntityManager,
    venueId: string,
    channel: string,
    body: SaveStoreControlsDto,
  ): Promise<StoreControlsDto> {
    const [row]: ControlsRow[] = await manager.query(
      `INSERT INTO store_controls (venue_id, channel, paused_until, busy_extra_minutes, slot_capacity, slot_capacity_unit)
       VALUES ($1, $2, $3, COALESCE($4, 0), $6, CASE WHEN $6::int IS NULL THEN NULL ELSE COALESCE($8, 'orders') END)
       ON CONFLICT (venue_id, channel) DO UPDATE SET
         paused_until = CASE WHEN $5 THEN EXCLUDED.paused_until ELSE store_controls.paused_until END,
         busy_extra_minutes = COALESCE($4, store_controls.busy_extra_minutes),
         slot_capacity = CASE WHEN $7 THEN EXCLUDED.slot_capacity ELSE store_controls.slot_capacity END,
         slot_capacity_unit = CASE
           WHEN (CASE WHEN $7 THEN EXCLUDED.slot_capacity ELSE store_controls.slot_capacity END) IS NULL THEN NULL
           ELSE COALESCE($8, store_controls.slot_capacity_unit, 'orders') END,
         updated_at = now()
       RETURNING *`,
      [
        venueId,
        channel,
        body.pausedUntil ?? null,
        body.busyExtraMinutes ?? null,
        body.pausedUntil !== undefined,
        body.slotCapacity ?? null,
        body.slotCapacity !== undefined,
        body.slotCapacityUnit ?? null,
      ],
    );
    return toDto(row);
  }

  async list(venueId: string): Promise<StoreControlsDto[]> {
    const rows: ControlsRow[] = await this.dataSource.query(
      'SELECT * FROM store_controls WHERE venue_id = $1 ORDER BY channel',
      [venueId],
    );
    return rows.map(toDto);
  }

  /** Until when the channel (or the whole venue, `*`) is paused, if it is paused now. */
  async pausedUntil(manager: EntityManager, venueId: string, channel: string): Promise<Date | null> {
    return (await this.controlsFor(manager, venueId, channel)).pausedUntil;
  }

  /**
   * The controls of the channel and of the whole venue (`*`), in one query: paused until (if
   * paused now), the larger busy mode, and every capacity limit that applies.
   */
  async controlsFor(manager: EntityManager, venueId: string, channel: string): Promise<ControlsForOrder> {
    const rows: ControlsRow[] = await manager.query(
      `SELECT * FROM store_controls WHERE venue_id = $1 AND channel IN ($2, '*') ORDER BY channel = '*' DESC`,
      [venueId, channel],
    );
    return controlsOf(rows);
  }
}

/** The rows of a channel's and the venue's (`*`, first) controls → what applies to an order now. */
export function controlsOf(rows: ControlsRow[]): ControlsForOrder {
  const now = Date.now();
  const paused = rows
    .map((r) => r.paused_until)
    .filter((until): until is Date => until !== null && until.getTime() > now)
    .sort((a, b) => b.getTime() - a.getTime());
  return {
    pausedUntil: paused[0] ?? null,
    busyExtraMinutes: Math.max(0, ...rows.map((r) => r.busy_extra_minutes)),
    capacities: rows
      .filter((r) => r.slot_capacity !== null)
      .map((r) => ({
        channel: r.channel,
        limit: r.slot_capacity!,
        unit: r.slot_capacity_unit ?? 'orders',
      })),
  };
}
