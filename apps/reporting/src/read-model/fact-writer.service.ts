import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { REPORTING_SETTINGS } from '../constants/reporting-settings.constant';
import { AggregateAccumulator, orderContribution, stationContribution } from './contributions';
import { derive, OrderFact, placeOrder, ProjectionSettings } from './order-fact';
import { ReadModelRepository } from './read-model.repository';
import { placeTicket, TicketFact } from './ticket-fact';

/**
 * Changes a fact and keeps its aggregates true in the same transaction: the fact is locked, what it
 * contributed is taken back, the change applied, and what it contributes now added. So an order that
 * moves (completed, then refunded; cancelled after being ready) is counted where it is now, once.
 * Shared by the order and ticket projections (a ticket changes its order's fact too).
 */
@Injectable()
export class FactWriterService {
  constructor(
    private readonly readModel: ReadModelRepository,
    @Inject(REPORTING_SETTINGS) private readonly settings: ProjectionSettings,
  ) {}

  async changeOrder(
    manager: EntityManager,
    deltas: AggregateAccumulator,
    ref: { orderId: string; venueId: string; timeZone: string },
    change: (fact: OrderFact) => OrderFact,
  ): Promise<void> {
    const before = await this.readModel.lockOrderFact(manager, ref.orderId, ref.venueId);
    const after = placeOrder(derive(change(before), this.settings), ref.timeZone);
    deltas.addOrder(orderContribution(before), -1).addOrder(orderContribution(after));
    await this.readModel.saveOrderFact(manager, after);
  }

  async changeTicket(
    manager: EntityManager,
    deltas: AggregateAccumulator,
    ref: { ticketId: string; orderId: string; venueId: string; station: string; timeZone: string },
    change: (fact: TicketFact) => TicketFact,
  ): Promise<void> {
    const before = await this.readModel.lockTicketFact(manager, ref);
    const after = placeTicket(change(before), ref.timeZone);
    deltas.addStation(stationContribution(before), -1).addStation(stationContribution(after));
    await this.readModel.saveTicketFact(manager, after);
  }
}
