import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { queryRows } from '@hub/persistence';
import type { PrinterHealthDto } from './dto/station.dto';

export interface PrintJob {
  id: string;
  ticketId: string;
  venueId: string;
  station: string;
  reprint: boolean;
  state: 'pending' | 'printed' | 'failed';
  attempts: number;
}

@Injectable()
export class PrintJobsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(
    manager: EntityManager,
    job: Pick<PrintJob, 'ticketId' | 'venueId' | 'station' | 'reprint'>,
  ): Promise<string> {
    const id = uuidv7();
    await manager.query(
      'INSERT INTO print_jobs (id, ticket_id, venue_id, station, reprint) VALUES ($1, $2, $3, $4, $5)',
      [id, job.ticketId, job.venueId, job.station, job.reprint],
    );
    return id;
  }

  async find(id: string): Promise<PrintJob | null> {
    const [row]: Array<Record<string, unknown>> = await this.dataSource.query(
      'SELECT * FROM print_jobs WHERE id = $1',
      [id],
    );
    return row
      ? {
          id: row.id as string,
          ticketId: row.ticket_id as string,
          venueId: row.venue_id as string,
          station: row.station as string,
          reprint: row.reprint as boolean,
          state: row.state as PrintJob['state'],
          attempts: row.attempts as number,
        }
      : null;
  }

  /** Marks the job printed unless something else already settled it; returns when, or null then. */
  async markPrinted(
    id: string,
    printer: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Date | null> {
    const rows = queryRows<{ printed_at: Date }>(
      await manager.query(
        "UPDATE print_jobs SET state = 'printed', printer = $2, printed_at = now(), attempts = attempts + 1 WHERE id = $1 AND state = 'pending' RETURNING printed_at",
        [id, printer],
      ),
    );
    return rows[0]?.printed_at ?? null;
  }

  async recordFailure(
    id: string,
    error: string,
    final: boolean,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    const rows = queryRows<{ attempts: number }>(
      await manager.query(
        `UPDATE print_jobs SET attempts = attempts + 1, last_error = $2, state = CASE WHEN $3 THEN 'failed' ELSE state END
          WHERE id = $1 AND state = 'pending' RETURNING attempts`,
        [id, error.slice(0, 500), final],
      ),
    );
    return rows[0]?.attempts ?? 0;
  }

  async printerSucceeded(
    venueId: string,
    station: string,
    role: 'primary' | 'backup',
    address: string,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO printer_status (venue_id, station, role, address, last_success_at, consecutive_failures) VALUES ($1, $2, $3, $4, now(), 0)
       ON CONFLICT (venue_id, station, role) DO UPDATE SET address = EXCLUDED.address, last_success_at = now(), consecutive_failures = 0`,
      [venueId, station, role, address],
    );
  }

  async printerFailed(
    venueId: string,
    station: string,
    role: 'primary' | 'backup',
    address: string,
    error: string,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO printer_status (venue_id, station, role, address, last_failure_at, last_error, consecutive_failures) VALUES ($1, $2, $3, $4, now(), $5, 1)
       ON CONFLICT (venue_id, station, role) DO UPDATE SET address = EXCLUDED.address, last_failure_at = now(), last_error = EXCLUDED.last_error,
         consecutive_failures = printer_status.consecutive_failures + 1`,
      [venueId, station, role, address, error.slice(0, 500)],
    );
  }

  /** Every printer of the venue's stations, with the state of its last attempt and the station's job counts. */
  async health(venueId: string): Promise<PrinterHealthDto[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `WITH printers AS (
         SELECT venue_id, name AS station, 'primary' AS role, printer_host || ':' || printer_port AS address FROM stations WHERE venue_id = $1 AND printer_host IS NOT NULL
         UNION ALL
         SELECT venue_id, name, 'backup', backup_host || ':' || backup_port FROM stations WHERE venue_id = $1 AND backup_host IS NOT NULL)
       SELECT p.station, p.role, p.address, s.last_success_at, s.last_failure_at, s.last_error, COALESCE(s.consecutive_failures, 0) AS consecutive_failures,
              (SELECT count(*)::int FROM print_jobs j WHERE j.venue_id = p.venue_id AND j.station = p.station AND j.state = 'pending') AS pending_jobs,
              (SELECT count(*)::int FROM print_jobs j WHERE j.venue_id = p.venue_id AND j.station = p.station AND j.state = 'failed') AS failed_jobs
         FROM printers p LEFT JOIN printer_status s ON s.venue_id = p.venue_id AND s.station = p.station AND s.role = p.role AND s.address = p.address
        ORDER BY p.station, p.role DESC`,
      [venueId],
    );
    return rows.map((r) => {
      const failures = r.consecutive_failures as number;
      const seen = r.last_success_at || r.last_failure_at;
      return {
        station: r.station as string,
        role: r.role as 'primary' | 'backup',
        address: r.address as string,
        state: !seen ? 'unknown' : failures > 0 ? 'failing' : 'ok',
        lastSuccessAt: r.last_success_at ? (r.last_success_at as Date).toISOString() : null,
        lastFailureAt: r.last_failure_at ? (r.last_failure_at as Date).toISOString() : null,
        lastError: (r.last_error as string | null) ?? null,
        consecutiveFailures: failures,
        pendingJobs: r.pending_jobs as number,
        failedJobs: r.failed_jobs as number,
      };
    });
  }
}
