import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AcceptancePolicyDto, SaveAcceptancePolicyDto } from './dto/acceptance-policy.dto';

export interface PolicyRow {
  venue_id: string;
  channel: string;
  mode: 'auto' | 'manual';
  deadline_seconds: number;
  on_timeout: 'accept' | 'reject';
}

const toPolicy = (row: PolicyRow): AcceptancePolicyDto => ({
  venueId: row.venue_id,
  channel: row.channel,
  mode: row.mode,
  deadlineSeconds: row.deadline_seconds,
  onTimeout: row.on_timeout,
});

/** Auto-accept unless a venue says otherwise for the channel (or for every channel, `*`). */
export const DEFAULT_POLICY = { mode: 'auto', deadlineSeconds: 600, onTimeout: 'reject' } as const;

export type AcceptancePolicy = Omit<AcceptancePolicyDto, 'venueId' | 'channel'>;

/** The policy row that applies (the channel's own before the venue's `*`), or auto when there is none. */
export const policyOf = (row: PolicyRow | undefined): AcceptancePolicy =>
  row ? toPolicy(row) : DEFAULT_POLICY;

@Injectable()
export class AcceptancePoliciesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async save(venueId: string, channel: string, body: SaveAcceptancePolicyDto): Promise<AcceptancePolicyDto> {
    const [row]: PolicyRow[] = await this.dataSource.query(
      `INSERT INTO acceptance_policies (venue_id, channel, mode, deadline_seconds, on_timeout) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (venue_id, channel) DO UPDATE SET mode = EXCLUDED.mode, deadline_seconds = EXCLUDED.deadline_seconds,
         on_timeout = EXCLUDED.on_timeout, updated_at = now()
       RETURNING *`,
      [
        venueId,
        channel,
        body.mode,
        body.deadlineSeconds ?? DEFAULT_POLICY.deadlineSeconds,
        body.onTimeout ?? DEFAULT_POLICY.onTimeout,
      ],
    );
    return toPolicy(row);
  }

  async list(venueId: string): Promise<AcceptancePolicyDto[]> {
    const rows: PolicyRow[] = await this.dataSource.query(
      'SELECT * FROM acceptance_policies WHERE venue_id = $1 ORDER BY channel',
      [venueId],
    );
    return rows.map(toPolicy);
  }

  /** The policy for a channel at a venue: its own, else the venue's `*`, else auto. */
  async policyFor(manager: EntityManager, venueId: string, channel: string): Promise<AcceptancePolicy> {
    const rows: PolicyRow[] = await manager.query(
      "SELECT * FROM acceptance_policies WHERE venue_id = $1 AND channel IN ($2, '*') ORDER BY channel = '*'",
      [venueId, channel],
    );
    return policyOf(rows[0]);
  }
}
