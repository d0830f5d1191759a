import { Injectable } from '@nestjs/common';
import { createEnvelope, KOT_TICKET_RECALLED_V1, TicketRecalledV1 } from '@hub/contracts';
import { EventTransaction } from '@hub/messaging';
import { StationRef, TicketsRepository } from '../../tickets.repository';

/** A station brings a bumped ticket back: it is open again, and the bus hears of it. */
@Injectable()
export class RecallTicketUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly tickets: TicketsRepository,
  ) {}

  /** false when the ticket is not bumped at this station */
  async execute(ref: StationRef, ticketId: string, by: string): Promise<boolean> {
    const outcome = await this.tx.run(async ({ manager, emit }) => {
      const ticket = await this.tickets.setBumped(ref, ticketId, false, manager);
      if (!ticket) return false;
      emit(
        createEnvelope<TicketRecalledV1>(
          KOT_TICKET_RECALLED_V1,
          {
            ticketId,
            orderId: ticket.orderId,
            station: ref.station,
            recalledAt: new Date().toISOString(),
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
