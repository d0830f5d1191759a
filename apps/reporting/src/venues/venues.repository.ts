import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { VenueDto } from './dto/venue.dto';

interface VenueRow {
  venue_id: string;
  time_zone: string;
  time_zone_set_by: string | null;
  updated_at: Date;
}

/** Venues the reports know: from their events, or set by head office. */
@Injectable()
export class VenuesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every venue (null), or these. */
  async list(venueIds: string[] | null): Promise<VenueDto[]> {
    const rows: VenueRow[] = await this.dataSource.query(
      `SELECT * FROM venues ${venueIds ? 'WHERE venue_id = ANY($1)' : ''} ORDER BY venue_id`,
      venueIds ? [venueIds] : [],
    );
    return rows.map((row) => ({
      venueId: row.venue_id,
      timeZone: row.time_zone,
      ...(row.time_zone_set_by ? { timeZoneSetBy: row.time_zone_set_by } : {}),
      updatedAt: row.updated_at.toISOString(),
    }));
  }
}
