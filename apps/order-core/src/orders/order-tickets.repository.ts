import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { queryRows, preparedRows } from '@hub/persistence';

@Injectable()
export class OrderTicketsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One autocommit statement, in no transaction: the insert is idempotent on the ticket's id, so it
   * needs no inbox row (see ApplyKitchenProgressUseCase.routed). `duplicate`: recorded before;
   * `unknown-order`: the order is not (yet) in the table, so nothing is recorded.
   */
  async record(ticket: {
    ticketId: string;
    orderId: string;
    station: string;
    kind: string;
    routedAt: string;
    /** the station has a printer: the ledger waits for the ticket to print */
    printing?: boolean;
  }): Promise<'recorded' | 'duplicate' | 'unknown-order'> {
    const [row] = await preparedRows<{ recorded: boolean; order_known: boolean }>(
      this.dataSource,
      `WITH recorded AS (
           INSERT INTO order_tickets (ticket_id, order_id, station, kind, routed_at, printing)
           SELECT $1, $2, $3, $4, $5, $6 WHERE EXISTS (SELECT 1 FROM orders WHERE id = $2)
           ON CONFLICT (ticket_id) DO NOTHING RETURNING ticket_id)
         SELECT EXISTS (SELECT 1 FROM recorded) AS recorded, EXISTS (SELECT 1 FROM orders WHERE id = $2) AS order_known`,
      [
        ticket.ticketId,
        ticket.orderId,
        ticket.station,
        ticket.kind,
        ticket.routedAt,
        ticket.printing === true,
      ],
    );
    if (row.recorded) return 'recorded';
    return row.order_known ? 'duplicate' : 'unknown-order';
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
