import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { SaveStoreControlsDto, StoreControlsDto } from './dto/store-controls.dto';

interface ControlsRow {
  venue_id: string;
  channel: string;
  paused_until: Date | null;
  busy_extra_minutes: number;
}

const toDto = (row: ControlsRow): StoreControlsDto => ({
  venueId: row.venue_id,
  channel: row.channel,
  pausedUntil: row.paused_until ? row.paused_until.toISOString() : null,
  busyExtraMinutes: row.busy_extra_minutes,
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
      `INSERT INTO store_controls (venue_id, channel, paused_until, busy_extra_minutes)
       VALUES ($1, $2, $3, COALESCE($4, 0))
       ON CONFLICT (venue_id, channel) DO UPDATE SET
         paused_until = CASE WHEN $5 THEN EXCLUDED.paused_until ELSE store_controls.paused_until END,
         busy_extra_minutes = COALESCE($4, store_controls.busy_extra_minutes), updated_at = now()
       RETURNING *`,
      [
        venueId,
        channel,
        body.pausedUntil ?? null,
        body.busyExtraMinutes ?? null,
        body.pausedUntil !== undefined,
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
    const [row]: Array<{ until: Date | null }> = await manager.query(
      `SELECT max(paused_until) AS until FROM store_controls WHERE venue_id = $1 AND channel IN ($2, '*') AND paused_until > now()`,
      [venueId, channel],
    );
    return row?.until ?? null;
  }
}
