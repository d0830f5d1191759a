import { BeforeApplicationShutdown, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { StationRef, TicketsRepository } from './tickets.repository';

/**
 * How long a screen's answer waits to be written with others (ms): the tickets of an order reach
 * their stations' screens together, and their answers come back within a few milliseconds.
 */
export const SHOWN_WRITE_DELAY_MS = 20;

/**
 * Records that a screen received a ticket (`shown_at`). Answers that arrive within
 * SHOWN_WRITE_DELAY_MS of the first are written in one statement instead of one each, so
 * `shown_at` is the time of that write (at most that much after the answer). Nothing is lost on
 * shutdown: what waits is written when the module is destroyed, an answer after that is written
 * at once, and the shutdown waits for every write under way before the database closes. A write
 * that fails is dropped with a warning, as a single one was before: `shown_at` is a record only.
 */
@Injectable()
export class ShownTickets implements OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger(ShownTickets.name);
  private pending: Array<StationRef & { ticketId: string }> = [];
  private timer?: NodeJS.Timeout;
  private closing = false;
  private readonly writing = new Set<Promise<void>>();

  constructor(private readonly tickets: TicketsRepository) {}

  /** A screen of the ticket's station answered the ticket. */
  record(ref: StationRef, ticketId: string): void {
    this.pending.push({ venueId: ref.venueId, station: ref.station, ticketId });
    if (this.closing) {
      void this.flush();
      return;
    }
    this.timer ??= setTimeout(() => void this.flush(), SHOWN_WRITE_DELAY_MS);
  }

  /** Writes every answer waiting, in one statement; resolves when it is written (or dropped). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return Promise.resolve();
    const write = this.tickets
      .markShown(batch)
      .catch((error: Error) =>
        this.logger.warn(`could not record ${batch.length} ticket(s) as shown: ${error.message}`),
      )
      .finally(() => this.writing.delete(write));
    this.writing.add(write);
    return write;
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    await this.flush();
  }

  /** Answers that came after the module was destroyed, before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
    await Promise.all([...this.writing]);
  }
}
