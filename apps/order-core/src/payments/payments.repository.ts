import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { LedgerEntryDto } from '@hub/contracts';
import type { StatusActor } from '@hub/order-model';

interface LedgerRow {
  id: string;
  kind: 'payment' | 'refund';
  amount: number;
  currency: string;
  method: string | null;
  paid_by: string | null;
  line_ids: string[] | null;
  reason: string | null;
  reference: string | null;
  at: Date;
}

function toEntry(row: LedgerRow): LedgerEntryDto {
  return {
    id: row.id,
    kind: row.kind,
    amount: row.amount,
    currency: row.currency,
    ...(row.method ? { method: row.method } : {}),
    ...(row.paid_by ? { paidBy: row.paid_by } : {}),
    ...(row.line_ids ? { lineIds: row.line_ids } : {}),
    ...(row.reason ? { reason: row.reason } : {}),
    ...(row.reference ? { reference: row.reference } : {}),
    at: row.at.toISOString(),
  };
}

export type NewLedgerEntry = Omit<LedgerEntryDto, 'id' | 'at'>;

@Injectable()
export class PaymentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records the entry; with a reference already recorded for this order and kind, returns that one instead. */
  async record(
    manager: EntityManager,
    orderId: string,
    entry: NewLedgerEntry,
    actor: StatusActor,
  ): Promise<{ entry: LedgerEntryDto; created: boolean }> {
    const rows: LedgerRow[] = await manager.query(
      `INSERT INTO payments (id, order_id, kind, amount, currency, method, paid_by, line_ids, reason, reference, actor_type, actor_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (order_id, kind, reference) WHERE reference IS NOT NULL DO NOTHING
       RETURNING *`,
      [
        uuidv7(),
        orderId,
        entry.kind,
        entry.amount,
        entry.currency,
        entry.method ?? null,
        entry.paidBy ?? null,
        entry.lineIds ? JSON.stringify(entry.lineIds) : null,
        entry.reason ?? null,
        entry.reference ?? null,
        actor.type,
        actor.id,
      ],
    );
    if (rows[0]) return { entry: toEntry(rows[0]), created: true };
    const [existing]: LedgerRow[] = await manager.query(
      'SELECT * FROM payments WHERE order_id = $1 AND kind = $2 AND reference = $3',
      [orderId, entry.kind, entry.reference],
    );
    return { entry: toEntry(existing), created: false };
  }

  async ledger(orderId: string, manager: EntityManager = this.dataSource.manager): Promise<LedgerEntryDto[]> {
    const rows: LedgerRow[] = await manager.query(
      'SELECT * FROM payments WHERE order_id = $1 ORDER BY at, id',
      [orderId],
    );
    return rows.map(toEntry);
  }

  /**
   * Per venue and UTC day: the orders whose money does not match what they should have been charged.
   * A completed order should hold its total; a cancelled, rejected or refunded one nothing; an order
   * still in progress is listed only when it holds more than its total.
   */
  async mismatches(venueId: string, day: string): Promise<ReconciliationRow[]> {
    const rows: Array<Omit<ReconciliationRow, 'difference'>> = await this.dataSource.query(
      `SELECT o.id AS "orderId", o.display_number AS "displayNumber", o.status, o.total, o.currency,
              COALESCE(SUM(p.amount) FILTER (WHERE p.kind = 'payment'), 0)::int AS paid,
              COALESCE(SUM(p.amount) FILTER (WHERE p.kind = 'refund'), 0)::int AS refunded
         FROM orders o LEFT JOIN payments p ON p.order_id = o.id
        WHERE o.venue_id = $1 AND o.placed_at >= $2::date AND o.placed_at < $2::date + 1
        GROUP BY o.id
        ORDER BY o.id`,
      [venueId, day],
    );
    return rows
      .map((row) => {
        const closedWithoutSale = ['cancelled', 'rejected', 'refunded'].includes(row.status);
        return { ...row, difference: row.paid - row.refunded - (closedWithoutSale ? 0 : row.total) };
      })
      .filter((row) =>
        row.status === 'completed' || ['cancelled', 'rejected', 'refunded'].includes(row.status)
          ? row.difference !== 0
          : row.difference > 0,
      );
  }
}

export interface ReconciliationRow {
  orderId: string;
  displayNumber: string;
  status: string;
  total: number;
  currency: string;
  paid: number;
  refunded: number;
  /** paid - refunded - what it should hold: positive is money to give back, negative money not collected */
  difference: number;
}
