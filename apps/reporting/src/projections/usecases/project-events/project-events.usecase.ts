import { Injectable } from '@nestjs/common';
import { BatchedEvent, EventTransaction } from '@hub/messaging';
import { FactWriterService } from '../../../read-model/fact-writer.service';
import { factChangeOf } from '../../fact-changes';

/**
 * orders.v1.* and kot.v1.ticket-* → the facts and their hours' aggregates: a batch of events in one
 * transaction, each applied once (inbox), in the order given. Returns how many were new.
 */
@Injectable()
export class ProjectEventsUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly facts: FactWriterService,
  ) {}

  async execute(events: BatchedEvent[]): Promise<number> {
    const applied = await this.tx.runBatch(events, ({ manager }, fresh) =>
      this.facts.apply(
        manager,
        fresh.map(({ envelope }) => factChangeOf(envelope)),
      ),
    );
    return applied.length;
  }
}
