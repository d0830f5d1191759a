import { Injectable } from '@nestjs/common';
import type { EventEnvelope, TicketAcknowledgedV1, TicketBumpedV1, TicketRoutedV1 } from '@hub/contracts';
import { EventTransaction, InboxKey } from '@hub/messaging';
import { AggregateAccumulator } from '../../../read-model/contributions';
import { FactWriterService } from '../../../read-model/fact-writer.service';
import { withKitchenStarted, withTicketRouted } from '../../../read-model/order-fact';
import { ReadModelRepository } from '../../../read-model/read-model.repository';
import type { TicketFact } from '../../../read-model/ticket-fact';

const earliest = (a: Date | null, b: Date) => (a && a.getTime() <= b.getTime() ? a : b);

interface TicketRef {
  ticketId: string;
  orderId: string;
  station: string;
}

/**
 * kot.v1.ticket-* → the ticket's fact and its station's hour, and the order's tickets, voids and
 * first-started time. Locks in one order everywhere (venue, order, ticket) so concurrent events cannot deadlock.
 */
@Injectable()
export class ProjectTicketEventUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly readModel: ReadModelRepository,
    private readonly facts: FactWriterService,
  ) {}

  routed(event: EventEnvelope<TicketRoutedV1>, inbox: InboxKey): Promise<boolean> {
    const { kind, seq, createdAt } = event.payload;
    return this.project(
      event.venueId,
      event.payload,
      inbox,
      (ticket) => ({ ...ticket, kind, seq, routedAt: earliest(ticket.routedAt, new Date(createdAt)) }),
      (order) => withTicketRouted(order, kind),
    );
  }

  acknowledged(event: EventEnvelope<TicketAcknowledgedV1>, inbox: InboxKey): Promise<boolean> {
    const at = new Date(event.payload.acknowledgedAt);
    return this.project(
      event.venueId,
      event.payload,
      inbox,
      (ticket) => ({ ...ticket, acknowledgedAt: earliest(ticket.acknowledgedAt, at) }),
      (order) => withKitchenStarted(order, at),
    );
  }

  /**
   * A cook bumped the ticket. One closed by kot-router because every line on it was voided
   * (`voided: true`) was never made: it is not counted as bumped, so it adds no ticket time.
   */
  bumped(event: EventEnvelope<TicketBumpedV1>, inbox: InboxKey): Promise<boolean> {
    const at = new Date(event.payload.bumpedAt);
    const made = event.payload.voided !== true;
    return this.project(event.venueId, event.payload, inbox, (ticket) =>
      made ? { ...ticket, bumpedAt: earliest(ticket.bumpedAt, at) } : ticket,
    );
  }

  private async project(
    venueId: string,
    ref: TicketRef,
    inbox: InboxKey,
    changeTicket: (fact: TicketFact) => TicketFact,
    changeOrder?: Parameters<FactWriterService['changeOrder']>[3],
  ): Promise<boolean> {
    const outcome = await this.tx.run(async ({ manager }) => {
      const timeZone = await this.readModel.venueTimeZone(manager, venueId);
      const deltas = new AggregateAccumulator();
      if (changeOrder)
        await this.facts.changeOrder(
          manager,
          deltas,
          { orderId: ref.orderId, venueId, timeZone },
          changeOrder,
        );
      await this.facts.changeTicket(
        manager,
        deltas,
        { ticketId: ref.ticketId, orderId: ref.orderId, station: ref.station, venueId, timeZone },
        changeTicket,
      );
      await this.readModel.applyDeltas(manager, deltas.deltas());
    }, inbox);
    return !outcome.duplicate;
  }
}
