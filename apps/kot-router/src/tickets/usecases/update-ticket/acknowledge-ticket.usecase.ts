import { Injectable } from '@nestjs/common';
import { createEnvelope, KOT_TICKET_ACKNOWLEDGED_V1, TicketAcknowledgedV1 } from '@hub/contracts';
import { EventTransaction } from '@hub/messaging';
import { StationRef, TicketsRepository } from '../../tickets.repository';

/** A cook took a ticket on: the first time, order-core hears that the kitchen has started it. */
@Injectable()
export class AcknowledgeTicketUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly tickets: TicketsRepository,
  ) {}

  /** false when the ticket is not at this station; acknowledging twice is fine */
  async execute(ref: StationRef, ticketId: string, by: string): Promise<boolean> {
    const outcome = await this.tx.run(async ({ manager, emit }) => {
      const ticket = await this.tickets.markAcked(manager, ref, ticketId);
      if (ticket === null) return false;
      if (ticket === 'already') return true;
      emit(
        createEnvelope<TicketAcknowledgedV1>(
          KOT_TICKET_ACKNOWLEDGED_V1,
          {
            ticketId,
            orderId: ticket.orderId,
            station: ref.station,
            acknowledgedAt: new Date().toISOString(),
            by,
          },
          {
            venueId: ref.venueId,
            aggregateType: 'ticket',
            aggregateId: ticketId,
            correlationId: ticket.correlationId,
          },
        ),
      );
      return true;
    });
    return !outcome.duplicate && outcome.result;
  }
}
