import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { REPORTING_SETTINGS } from '../constants/reporting-settings.constant';
import { AggregateAccumulator, orderContribution, stationContribution } from './contributions';
import { derive, OrderFact, placeOrder, ProjectionSettings } from './order-fact';
import { ReadModelRepository } from './read-model.repository';
import { placeTicket, TicketFact } from './ticket-fact';

/** What one event does to the read models: a change of its order's fact, of a ticket's, or both. */
export interface FactChange {
  venueId: string;
  orderId: string;
  order?: (fact: OrderFact) => OrderFact;
  ticket?: { ticketId: string; station: string; change: (fact: TicketFact) => TicketFact };
}

/**
 * Applies a batch of changes and keeps the aggregates true in the same transaction: every fact the
 * batch touches is locked at once (venues, then orders, then tickets, each in key order, so concurrent
 * batches cannot deadlock), each change in turn takes back what its fact contributed and adds what it
 * contributes now, and the facts and the summed deltas are written once. So an order that moves
 * (completed, then refunded; cancelled after being ready) is counted where it is now, once, however
 * many of its events share a batch.
 */
@Injectable()
export class FactWriterService {
  constructor(
    private readonly readModel: ReadModelRepository,
    @Inject(REPORTING_SETTINGS) private readonly settings: ProjectionSettings,
  ) {}

  async apply(manager: EntityManager, batch: FactChange[]): Promise<void> {
    if (batch.length === 0) return;
    // ids as Postgres returns a uuid, so the events' ids find the locked rows
    const changes = batch.map((c) => ({
      ...c,
      orderId: c.orderId.toLowerCase(),
      ticket: c.ticket && { ...c.ticket, ticketId: c.ticket.ticketId.toLowerCase() },
    }));
    const zones = await this.readModel.venueTimeZones(
      manager,
      changes.map((c) => c.venueId),
    );
    const orders = await this.readModel.lockOrderFacts(
      manager,
      changes.filter((c) => c.order).map((c) => ({ orderId: c.orderId, venueId: c.venueId })),
    );
    const tickets = await this.readModel.lockTicketFacts(
      manager,
      changes.flatMap(({ ticket, orderId, venueId }) =>
        ticket ? [{ ticketId: ticket.ticketId, station: ticket.station, orderId, venueId }] : [],
      ),
    );
    const deltas = new AggregateAccumulator();
    const changedOrders = new Set<string>();
    const changedTickets = new Set<string>();
    for (const { venueId, orderId, order, ticket } of changes) {
      const timeZone = zones.get(venueId)!;
      if (order) {
        const before = locked(orders, orderId, 'order');
        const after = placeOrder(derive(order(before), this.settings), timeZone);
        deltas.addOrder(orderContribution(before), -1).addOrder(orderContribution(after));
        orders.set(orderId, after);
        changedOrders.add(orderId);
      }
      if (ticket) {
        const before = locked(tickets, ticket.ticketId, 'ticket');
        const after = placeTicket(ticket.change(before), timeZone);
        deltas.addStation(stationContribution(before), -1).addStation(stationContribution(after));
        tickets.set(ticket.ticketId, after);
        changedTickets.add(ticket.ticketId);
      }
    }
    await this.readModel.saveOrderFacts(
      manager,
      [...changedOrders].map((id) => orders.get(id)!),
    );
    await this.readModel.saveTicketFacts(
      manager,
      [...changedTickets].map((id) => tickets.get(id)!),
    );
    await this.readModel.applyDeltas(manager, deltas.deltas());
  }
}

function locked<T>(facts: Map<string, T>, id: string, kind: string): T {
  const fact = facts.get(id);
  if (!fact) throw new Error(`the ${kind} fact ${id} could not be locked`);
  return fact;
}
