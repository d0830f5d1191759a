import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EventTransaction } from '@hub/messaging';
import { TicketsRepository } from '../../../tickets/tickets.repository';
import { PrintQueue } from '../../print-queue';
import { StationsRepository } from '../../stations.repository';

/** Prints a ticket again, marked REPRINT. */
@Injectable()
export class ReprintTicketUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly tickets: TicketsRepository,
    private readonly stations: StationsRepository,
    private readonly queue: PrintQueue,
  ) {}

  async execute(venueId: string, station: string, ticketId: string): Promise<{ jobId: string }> {
    const ticket = await this.tickets.find(ticketId);
    if (!ticket || ticket.venueId !== venueId || ticket.station !== station) {
      throw new NotFoundException(`ticket ${ticketId} is not at station ${station} of ${venueId}`);
    }
    const [config] = await this.stations.list(venueId, station);
    if (!config?.printer)
      throw new ConflictException(
        `station ${station} has no printer: set one with PUT /v1/venues/${venueId}/stations/${station}`,
      );
    const outcome = await this.tx.run(({ manager, emit }) =>
      this.queue.enqueue(manager, emit, {
        ticketId,
        venueId,
        station,
        reprint: true,
        correlationId: ticket.correlationId,
        causationId: randomUUID(),
      }),
    );
    if (outcome.duplicate) throw new Error('unreachable: no inbox key given');
    return { jobId: outcome.result };
  }
}
