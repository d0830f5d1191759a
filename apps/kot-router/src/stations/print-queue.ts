import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CMD_KOT_PRINT_V1, createEnvelope, EventEnvelope, PrintTicketCommandV1 } from '@hub/contracts';
import { PrintJobsRepository } from './print-jobs.repository';

/**
 * Puts a ticket on the print work queue: a job row and a `cmd.kot.v1.print` command, in the caller's
 * transaction (so the ticket and its print job commit together, and printing never holds it up).
 */
@Injectable()
export class PrintQueue {
  constructor(private readonly jobs: PrintJobsRepository) {}

  async enqueue(
    manager: EntityManager,
    emit: (envelope: EventEnvelope) => void,
    job: {
      ticketId: string;
      venueId: string;
      station: string;
      reprint: boolean;
      correlationId: string;
      causationId: string;
    },
  ): Promise<string> {
    const jobId = await this.jobs.create(manager, job);
    emit(
      createEnvelope<PrintTicketCommandV1>(
        CMD_KOT_PRINT_V1,
        { jobId, ticketId: job.ticketId, station: job.station, reprint: job.reprint },
        {
          venueId: job.venueId,
          aggregateType: 'print-job',
          aggregateId: jobId,
          correlationId: job.correlationId,
          causationId: job.causationId,
        },
      ),
    );
    return jobId;
  }
}
