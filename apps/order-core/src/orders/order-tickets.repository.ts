import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '@hub/persistence';

@Injectable()
export class OrderTicketsRepository {
  /** false when the order is not (yet) in the table */
  async record(
    manager: EntityManager,
    ticket: {
      ticketId: string;
      orderId: string;
      station: string;
      kind: string;
      routedAt: string;
      /** the station has a printer: the ledger waits for the ticket to print */
      printing?: boolean;
    },
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO order_tickets (ticket_id, order_id, station, kind, routed_at, printing)
       SELECT $1, $2, $3, $4, $5, $6 WHERE EXISTS (SELECT 1 FROM orders WHERE id = $2)
       ON CONFLICT (ticket_id) DO NOTHING RETURNING ticket_id`,
      [
        ticket.ticketId,
        ticket.orderId,
        ticket.station,
        ticket.kind,
        ticket.routedAt,
        ticket.printing === true,
      ],
    );
    return rows.length > 0;
  }

  async markAcknowledged(manager: EntityManager, ticketId: string, at: string): Promise<void> {
    await manager.query(
      'UPDATE order_tickets SET acknowledged_at = COALESCE(acknowledged_at, $2) WHERE ticket_id = $1',
      [ticketId, at],
    );
  }

  /** Marks the ticket done; false for a ticket never routed to order-core. */
  async markBumped(manager: EntityManager, ticketId: string, at: string): Promise<boolean> {
    const updated = queryRows<{ order_id: string }>(
      await manager.query(
        'UPDATE order_tickets SET bumped_at = COALESCE(bumped_at, $2) WHERE ticket_id = $1 RETURNING order_id',
        [ticketId, at],
      ),
    );
    return updated.length > 0;
  }

  /** How many tickets of the order (void tickets aside) are not done; count it with the order locked. */
  async openCount(manager: EntityManager, orderId: string): Promise<number> {
    const [row] = await manager.query(
      "SELECT count(*)::int AS open FROM order_tickets WHERE order_id = $1 AND bumped_at IS NULL AND kind <> 'void'",
      [orderId],
    );
    return (row as { open: number }).open;
  }
}
