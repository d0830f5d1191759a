import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { StatusActor } from '@hub/order-model';

/** What the ledger records beside status moves: hops of other services, and promised-time changes. */
export type OrderHopKind = 'ticket_printed' | 'platform_acked' | 'prep_time_changed';

export interface OrderHop {
  orderId: string;
  kind: OrderHopKind;
  ticketId?: string;
  actor: StatusActor;
  reason?: string;
  /** facts of the hop (station, printer, platform, status, promised time ...): never customer data */
  detail: Record<string, unknown>;
  at: Date;
}

/** One timeline entry of an order, from the hops and the order's tickets. */
export interface HopEntry {
  kind: OrderHopKind | 'ticket_acknowledged';
  actorType: string;
  actorId: string;
  reason?: string;
  detail: Record<string, unknown>;
  at: Date;
}

@Injectable()
export class OrderHopsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records a hop of an order in the table; false when the order is not (yet) there. */
  async record(manager: EntityManager, hop: OrderHop): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO order_hops (order_id, kind, ticket_id, actor_type, actor_id, reason, detail, at)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8 WHERE EXISTS (SELECT 1 FROM orders WHERE id = $1)
       RETURNING id`,
      [
        hop.orderId,
        hop.kind,
        hop.ticketId ?? null,
        hop.actor.type,
        hop.actor.id,
        hop.reason ?? null,
        JSON.stringify(hop.detail),
        hop.at,
      ],
    );
    return rows.length > 0;
  }

  /**
   * The order's hops, oldest first: tickets taken on at their station (from the tickets
   * order-core keeps), printed, the platform's acknowledgements, promised-time changes.
   */
  async entries(orderId: string): Promise<HopEntry[]> {
    const rows: Array<{
      kind: HopEntry['kind'];
      actor_type: string;
      actor_id: string;
      reason: string | null;
      detail: Record<string, unknown>;
      at: Date;
    }> = await this.dataSource.query(
      `SELECT kind, actor_type, actor_id, reason, detail, at FROM order_hops WHERE order_id = $1
       UNION ALL
       SELECT 'ticket_acknowledged', 'station', station, NULL, jsonb_build_object('ticketId', ticket_id, 'station', station), acknowledged_at
         FROM order_tickets WHERE order_id = $1 AND acknowledged_at IS NOT NULL
       ORDER BY at`,
      [orderId],
    );
    return rows.map((r) => ({
      kind: r.kind,
      actorType: r.actor_type,
      actorId: r.actor_id,
      ...(r.reason ? { reason: r.reason } : {}),
      detail: r.detail,
      at: r.at,
    }));
  }
}
