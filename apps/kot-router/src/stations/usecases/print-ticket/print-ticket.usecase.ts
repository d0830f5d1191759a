import { Injectable, Logger } from '@nestjs/common';
import { Counter } from 'prom-client';
import {
  createEnvelope,
  EventEnvelope,
  KOT_PRINT_FAILED_V1,
  KOT_TICKET_PRINTED_V1,
  PrintFailedV1,
  PrintTicketCommandV1,
  TicketPrintedV1,
} from '@hub/contracts';
import { EventTransaction, JetStreamContext } from '@hub/messaging';
import { encodeEscPos } from '../../../printing/escpos-encoder';
import { sendPrintJob } from '../../../printing/printer-client';
import { layoutTicket } from '../../../printing/ticket-layout';
import { TicketsRepository } from '../../../tickets/tickets.repository';
import type { PrinterAddressDto } from '../../dto/station.dto';
import { PrintJob, PrintJobsRepository } from '../../print-jobs.repository';
import { StationsRepository } from '../../stations.repository';

const printJobs = new Counter({
  name: 'hub_print_jobs_total',
  help: 'Print job attempts by outcome (printed, printed_on_backup, retrying, failed, skipped)',
  labelNames: ['outcome'] as const,
});

/**
 * Prints one job: the station's printer, else its backup. A job prints at most once however often its
 * command is delivered (its state is checked first); the job is marked printed and `kot.v1.ticket-printed`
 * is emitted in one transaction, so the event is sent exactly once per job. When neither printer takes it, the command is
 * retried with backoff; on its last delivery the job is marked failed and `kot.v1.print-failed` is
 * emitted. The ticket is on the screens whatever happens here.
 */
@Injectable()
export class PrintTicketUseCase {
  private readonly logger = new Logger(PrintTicketUseCase.name);

  constructor(
    private readonly tx: EventTransaction,
    private readonly jobs: PrintJobsRepository,
    private readonly stations: StationsRepository,
    private readonly tickets: TicketsRepository,
  ) {}

  async execute(command: EventEnvelope<PrintTicketCommandV1>, ctx: JetStreamContext): Promise<void> {
    const { jobId, ticketId } = command.payload;
    const job = await this.jobs.find(jobId);
    if (!job || job.state !== 'pending') {
      printJobs.inc({ outcome: 'skipped' });
      return;
    }
    const [station] = await this.stations.list(job.venueId, job.station);
    const stored = await this.tickets.find(ticketId);
    if (!station || !stored) {
      this.logger.warn(
        `print job ${jobId}: station ${job.station} or ticket ${ticketId} is gone; nothing to print`,
      );
      await this.jobs.recordFailure(jobId, 'station or ticket no longer exists', true);
      return;
    }
    const settings = await this.stations.settings(job.venueId);
    const bytes = encodeEscPos(
      layoutTicket(stored.ticket, {
        venueName: settings.venueName,
        widthMm: station.paperWidthMm,
        timeZone: settings.timeZone,
        reprint: job.reprint,
        now: new Date(),
      }),
      { widthMm: station.paperWidthMm },
    );

    const printers = [
      ['primary', station.printer],
      ['backup', station.backupPrinter],
    ].filter((p): p is ['primary' | 'backup', PrinterAddressDto] => p[1] !== null);
    const failures: Array<{ printer: string; error: string }> = [];
    for (const [role, printer] of printers) {
      const address = `${printer.host}:${printer.port ?? 9100}`;
      try {
        await sendPrintJob({ host: printer.host, port: printer.port ?? 9100 }, bytes);
      } catch (error) {
        const message = (error as Error).message;
        failures.push({ printer: address, error: message });
        await this.jobs.printerFailed(job.venueId, job.station, role, address, message);
        continue;
      }
      // outside the try: a database error here must not send the job to the backup printer too
      await this.markPrinted(command, job, stored.orderId, address);
      await this.jobs.printerSucceeded(job.venueId, job.station, role, address);
      printJobs.inc({ outcome: role === 'primary' ? 'printed' : 'printed_on_backup' });
      return;
    }
    if (failures.length === 0)
      failures.push({ printer: 'none', error: `station ${job.station} has no printer` });

    const summary = failures.map((f) => f.error).join('; ');
    if (!ctx.isLastDelivery && printers.length > 0) {
      await this.jobs.recordFailure(jobId, summary, false);
      printJobs.inc({ outcome: 'retrying' });
      throw new Error(`ticket ${ticketId} not printed: ${summary}`); // the transport retries with backoff
    }
    await this.tx.run(async ({ manager, emit }) => {
      const attempts = await this.jobs.recordFailure(jobId, summary, true, manager);
      emit(
        createEnvelope<PrintFailedV1>(
          KOT_PRINT_FAILED_V1,
          {
            jobId,
            ticketId,
            orderId: stored.orderId,
            station: job.station,
            attempts,
            printers: failures,
            at: new Date().toISOString(),
          },
          {
            venueId: job.venueId,
            aggregateType: 'print-job',
            aggregateId: jobId,
            correlationId: command.correlationId,
            causationId: command.id,
          },
        ),
      );
    });
    printJobs.inc({ outcome: 'failed' });
    this.logger.error(`print job ${jobId} for station ${job.station} failed for good: ${summary}`);
  }

  /** Marks the job printed and emits `kot.v1.ticket-printed`, in one transaction: once per job. */
  private async markPrinted(
    command: EventEnvelope<PrintTicketCommandV1>,
    job: PrintJob,
    orderId: string,
    address: string,
  ): Promise<void> {
    await this.tx.run(async ({ manager, emit }) => {
      const printedAt = await this.jobs.markPrinted(job.id, address, manager);
      if (!printedAt) return; // settled by another delivery already: its event went out then
      emit(
        createEnvelope<TicketPrintedV1>(
          KOT_TICKET_PRINTED_V1,
          {
            ticketId: job.ticketId,
            orderId,
            venueId: job.venueId,
            station: job.station,
            printerId: address,
            jobId: job.id,
            printedAt: printedAt.toISOString(),
            reprint: job.reprint,
          },
          {
            venueId: job.venueId,
            aggregateType: 'print-job',
            aggregateId: job.id,
            correlationId: command.correlationId,
            causationId: command.id,
          },
        ),
      );
    });
  }
}
