import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type {
  PrinterAddressDto,
  StationDto,
  UpsertStationDto,
  VenueTicketSettingsDto,
} from './dto/station.dto';
import type { RoutingRule } from './routing';
import { preparedRows } from '@hub/persistence';

interface StationRow {
  venue_id: string;
  name: string;
  display_name: string;
  expo: boolean;
  paper_width_mm: 80 | 58;
  printer_host: string | null;
  printer_port: number | null;
  backup_host: string | null;
  backup_port: number | null;
  prep_minutes: number | null;
  item_prep_minutes: Record<string, number> | null;
}

const printer = (host: string | null, port: number | null): PrinterAddressDto | null =>
  host ? { host, port: port ?? 9100 } : null;

function toStation(row: StationRow): StationDto {
  return {
    venueId: row.venue_id,
    name: row.name,
    displayName: row.display_name,
    expo: row.expo,
    paperWidthMm: row.paper_width_mm,
    printer: printer(row.printer_host, row.printer_port),
    backupPrinter: printer(row.backup_host, row.backup_port),
    prepMinutes: row.prep_minutes ?? null,
    itemPrepMinutes: row.item_prep_minutes ?? {},
  };
}

interface RuleRow {
  match: RoutingRule['match'];
  value: string;
  only_from: string | null;
  station: string | null;
}

const toRule = (r: RuleRow): RoutingRule => ({
  match: r.match,
  value: r.value,
  ...(r.only_from ? { onlyFrom: r.only_from } : {}),
  station: r.station,
});

/** What routing needs of a venue: its rules, its stations (expo among them) and its time zone. */
export interface VenueRouting {
  rules: RoutingRule[];
  expoStations: string[];
  stations: Map<string, StationDto>;
  /** where the venue's day turns, for daily numbers (UTC until set) */
  timeZone: string;
}

@Injectable()
export class StationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Creates or updates a station; fields left out keep their value (a printer given as null is removed). */
  async upsert(venueId: string, name: string, body: UpsertStationDto): Promise<StationDto> {
    const [existing] = await this.list(venueId, name);
    const next = {
      displayName: body.displayName ?? existing?.displayName ?? name,
      expo: body.expo ?? existing?.expo ?? false,
      paperWidthMm: body.paperWidthMm ?? existing?.paperWidthMm ?? 80,
      printer: body.printer === undefined ? (existing?.printer ?? null) : body.printer,
      backupPrinter:
        body.backupPrinter === undefined ? (existing?.backupPrinter ?? null) : body.backupPrinter,
      prepMinutes: body.prepMinutes === undefined ? (existing?.prepMinutes ?? null) : body.prepMinutes,
      itemPrepMinutes: body.itemPrepMinutes ?? existing?.itemPrepMinutes ?? {},
    };
    await this.dataSource.query(
      `INSERT INTO stations (venue_id, name, display_name, expo, paper_width_mm, printer_host, printer_port, backup_host, backup_port,
                             prep_minutes, item_prep_minutes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (venue_id, name) DO UPDATE SET display_name = EXCLUDED.display_name, expo = EXCLUDED.expo,
         paper_width_mm = EXCLUDED.paper_width_mm, printer_host = EXCLUDED.printer_host, printer_port = EXCLUDED.printer_port,
         backup_host = EXCLUDED.backup_host, backup_port = EXCLUDED.backup_port, prep_minutes = EXCLUDED.prep_minutes,
         item_prep_minutes = EXCLUDED.item_prep_minutes, updated_at = now()`,
      [
        venueId,
        name,
        next.displayName,
        next.expo,
        next.paperWidthMm,
        next.printer?.host ?? null,
        next.printer ? (next.printer.port ?? 9100) : null,
        next.backupPrinter?.host ?? null,
        next.backupPrinter ? (next.backupPrinter.port ?? 9100) : null,
        next.prepMinutes,
        JSON.stringify(next.itemPrepMinutes),
      ],
    );
    return (await this.list(venueId, name))[0];
  }

  async list(
    venueId: string,
    name?: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StationDto[]> {
    const rows: StationRow[] = await manager.query(
      `SELECT * FROM stations WHERE venue_id = $1 ${name ? 'AND name = $2' : ''} ORDER BY name`,
      name ? [venueId, name] : [venueId],
    );
    return rows.map(toStation);
  }

  async replaceRules(venueId: string, rules: RoutingRule[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('DELETE FROM routing_rules WHERE venue_id = $1', [venueId]);
      for (const [position, rule] of rules.entries()) {
        await manager.query(
          'INSERT INTO routing_rules (venue_id, position, match, value, only_from, station) VALUES ($1, $2, $3, $4, $5, $6)',
          [venueId, position, rule.match, rule.value, rule.onlyFrom ?? null, rule.station],
        );
      }
    });
  }

  async rules(venueId: string, manager: EntityManager = this.dataSource.manager): Promise<RoutingRule[]> {
    const rows: RuleRow[] = await manager.query(
      'SELECT match, value, only_from, station FROM routing_rules WHERE venue_id = $1 ORDER BY position',
      [venueId],
    );
    return rows.map(toRule);
  }

  /** Stations, rules and the venue's time zone in one round trip (every order's routing reads them). */
  async routing(venueId: string, manager: EntityManager): Promise<VenueRouting> {
    const [row] = await preparedRows<{ stations: StationRow[]; rules: RuleRow[]; time_zone: string | null }>(
      manager,
      `SELECT
           (SELECT coalesce(json_agg(s ORDER BY s.name), '[]') FROM stations s WHERE s.venue_id = $1) AS stations,
           (SELECT coalesce(json_agg(json_build_object('match', r.match, 'value', r.value,
                     'only_from', r.only_from, 'station', r.station) ORDER BY r.position), '[]')
              FROM routing_rules r WHERE r.venue_id = $1) AS rules,
           (SELECT time_zone FROM venue_settings WHERE venue_id = $1) AS time_zone`,
      [venueId],
    );
    const stations = row.stations.map(toStation);
    return {
      rules: row.rules.map(toRule),
      expoStations: stations.filter((s) => s.expo).map((s) => s.name),
      stations: new Map(stations.map((s) => [s.name, s])),
      timeZone: row.time_zone ?? 'UTC',
    };
  }

  async saveSettings(venueId: string, settings: VenueTicketSettingsDto): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO venue_settings (venue_id, venue_name, time_zone) VALUES ($1, $2, $3)
       ON CONFLICT (venue_id) DO UPDATE SET venue_name = EXCLUDED.venue_name, time_zone = EXCLUDED.time_zone, updated_at = now()`,
      [venueId, settings.venueName, settings.timeZone],
    );
  }

  /** The ticket header of a venue: its name and time zone (the venue id and UTC until set). */
  async settings(venueId: string): Promise<VenueTicketSettingsDto> {
    const [row]: Array<{ venue_name: string; time_zone: string }> = await this.dataSource.query(
      'SELECT venue_name, time_zone FROM venue_settings WHERE venue_id = $1',
      [venueId],
    );
    return { venueName: row?.venue_name ?? venueId, timeZone: row?.time_zone ?? 'UTC' };
  }
}
