import { Injectable } from '@nestjs/common';
import { createEnvelope, KOT_TICKET_BUMPED_V1, TicketBumpedV1 } from '@hub/contracts';
import { EventTransaction } from '@hub/messaging';
import { StationRef, TicketsRepository } from '../../tickets.repository';

/** A station finished a ticket: it leaves the screen and order-core hears of it. */
@Injectable()
export class BumpTicketUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly tickets: TicketsRepository,
  ) {}

  /** false when the ticket is not at this station or was bumped already */
  async execute(ref: StationRef, ticketId: string, by: string): Promise<boolean> {
    const outcome = await this.tx.run(async ({ manager, emit }) => {
      const ticket = await this.tickets.setBumped(ref, ticketId, true, manager);
      if (!ticket) return false;
      emit(
        createEnvelope<TicketBumpedV1>(
          KOT_TICKET_BUMPED_V1,
          { ticketId, orderId: ticket.orderId, station: ref.station, bumpedAt: new Date().toISOString(), by },
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
