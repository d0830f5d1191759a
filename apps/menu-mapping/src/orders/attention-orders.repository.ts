import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { AttentionReasonDto, OrderDraftDto } from '@hub/contracts';
import { queryRows, preparedRows } from '@hub/persistence';

export interface AttentionOrderRow {
  id: string;
  venueId: string;
  platform: string;
  channel: string;
  externalId: string;
  correlationId: string;
  receivedEventId: string;
  order: OrderDraftDto;
  reasons: AttentionReasonDto[];
  state: 'waiting' | 'resolved';
  attempts: number;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: Record<string, unknown> | null;
  mappedEventId: string | null;
}

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const COLUMNS = `id, venue_id AS "venueId", platform, channel, external_id AS "externalId", correlation_id AS "correlationId",
  received_event_id AS "receivedEventId", order_draft AS order, reasons, state, attempts,
  ${ISO('created_at')} AS "createdAt", ${ISO('updated_at')} AS "updatedAt", ${ISO('resolved_at')} AS "resolvedAt",
  resolved_by AS "resolvedBy", resolution, mapped_event_id AS "mappedEventId"`;

/** Orders that wait for a person (unmapped code, 86'd item, a rule broken), kept until re-injected. */
@Injectable()
export class AttentionOrdersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Keeps the order waiting with these reasons (an order already re-injected is left as it is). */
  async saveWaiting(
    manager: EntityManager,
    order: OrderDraftDto,
    reasons: AttentionReasonDto[],
    event: { id: string; correlationId: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO attention_orders AS a (id, venue_id, platform, channel, external_id, correlation_id, received_event_id,
                                          order_draft, reasons, state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'waiting')
       ON CONFLICT ON CONSTRAINT attention_orders_key_uq DO UPDATE
         SET reasons = EXCLUDED.reasons, updated_at = now() WHERE a.state = 'waiting'`,
      [
        uuidv7(),
        order.venueId,
        order.source.platform,
        order.channel,
        order.externalId,
        event.correlationId,
        event.id,
        JSON.stringify(order),
        JSON.stringify(reasons),
      ],
    );
  }

  async lockById(manager: EntityManager, id: string): Promise<AttentionOrderRow | null> {
    const [row] = await manager.query<AttentionOrderRow[]>(
      `SELECT ${COLUMNS} FROM attention_orders WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row ?? null;
  }

  /** The waiting row of this order, locked, if there is one. */
  async lockWaitingByKey(manager: EntityManager, order: OrderDraftDto): Promise<AttentionOrderRow | null> {
    const [row] = await preparedRows<AttentionOrderRow>(
      manager,
      `SELECT ${COLUMNS} FROM attention_orders
       WHERE channel = $1 AND venue_id = $2 AND external_id = $3 AND state = 'waiting' FOR UPDATE`,
      [order.channel, order.venueId, order.externalId],
    );
    return row ?? null;
  }

  async findById(id: string): Promise<AttentionOrderRow | null> {
    const [row] = await this.dataSource.query<AttentionOrderRow[]>(
      `SELECT ${COLUMNS} FROM attention_orders WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  async markResolved(
    manager: EntityManager,
    id: string,
    by: string,
    resolution: Record<string, unknown>,
    mappedEventId: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE attention_orders SET state = 'resolved', resolved_at = now(), resolved_by = $2, resolution = $3,
         mapped_event_id = $4, attempts = attempts + 1, updated_at = now() WHERE id = $1`,
      [id, by, JSON.stringify(resolution), mappedEventId],
    );
  }

  async stillWaiting(manager: EntityManager, id: string, reasons: AttentionReasonDto[]): Promise<void> {
    await manager.query(
      'UPDATE attention_orders SET reasons = $2, attempts = attempts + 1, updated_at = now() WHERE id = $1',
      [id, JSON.stringify(reasons)],
    );
  }

  /** Newest first. */
  async list(
    venueId: string,
    filter: { state?: string; platform?: string; limit: number },
  ): Promise<AttentionOrderRow[]> {
    const result: unknown = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM attention_orders
       WHERE venue_id = $1 AND ($2::text IS NULL OR state = $2) AND ($3::text IS NULL OR platform = $3)
       ORDER BY id DESC LIMIT $4`,
      [venueId, filter.state ?? null, filter.platform ?? null, filter.limit],
    );
    return queryRows<AttentionOrderRow>(result);
  }
}
