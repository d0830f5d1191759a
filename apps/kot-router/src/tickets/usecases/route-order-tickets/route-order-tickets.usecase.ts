import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  causedBy,
  createEnvelope,
  EventEnvelope,
  KitchenTicketV1,
  KOT_TICKET_ROUTED_V1,
  OrderStatusChangedV1,
  TicketRoutedV1,
} from '@hub/contracts';
import { EventTransaction, InboxKey } from '@hub/messaging';
import { OrderStatus } from '@hub/order-model';
import { TicketsRepository } from '../../tickets.repository';
import { splitByStation } from './split-by-station';

/**
 * Fires an accepted order to the kitchen: one ticket per station, each with the station's next
 * sequence number, stored with its ticket-routed event in one transaction. Returns the tickets to
 * show; an order that already has its tickets gets none again.
 */
@Injectable()
export class RouteOrderTicketsUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly tickets: TicketsRepository,
  ) {}

  async execute(event: EventEnvelope<OrderStatusChangedV1>, inbox: InboxKey): Promise<KitchenTicketV1[]> {
    const { order, to } = event.payload;
    if (to !== OrderStatus.ACCEPTED) return [];
    const outcome = await this.tx.run(async ({ manager, emit }) => {
      if (await this.tickets.hasTickets(manager, order.id)) return [];
      const routed: KitchenTicketV1[] = [];
      // stations in name order, so concurrent orders take station cursors in the same order (no deadlock)
      const groups = [...splitByStation(order)].sort(([a], [b]) => a.localeCompare(b));
      for (const [station, items] of groups) {
        const seq = await this.tickets.nextSeq(manager, { venueId: order.venueId, station });
        const ticket: KitchenTicketV1 = {
          ticketId: uuidv7(),
          seq,
          orderId: order.id,
          displayNumber: order.displayNumber,
          channel: order.channel,
          orderType: order.orderType,
          station,
          items,
          createdAt: new Date().toISOString(),
          priority: 0,
          kind: 'new',
        };
        await this.tickets.insert(manager, order.venueId, ticket, event.correlationId);
        emit(
          createEnvelope<TicketRoutedV1>(
            KOT_TICKET_ROUTED_V1,
            {
              ticketId: ticket.ticketId,
              orderId: order.id,
              station,
              seq,
              kind: ticket.kind,
              createdAt: ticket.createdAt,
            },
            causedBy(event, 'ticket', ticket.ticketId),
          ),
        );
        routed.push(ticket);
      }
      return routed;
    }, inbox);
    return outcome.duplicate ? [] : outcome.result;
  }
}
