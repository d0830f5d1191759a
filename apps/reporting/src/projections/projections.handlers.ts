import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { VenueScoped } from '@hub/auth';
import { BatchedEvent, batchOf, PassRpcErrorsFilter } from '@hub/messaging';
import { PROJECTED_SUBJECTS } from './fact-changes';
import { ProjectEventsUseCase } from './usecases/project-events/project-events.usecase';

/**
 * The read models are built from the events in PROJECTED_SUBJECTS only (consumers
 * `reporting-orders-v1` and `reporting-kot-v1`), in batches: head office reads hours and days, not
 * the last second, so a batch waits up to a second for more events and applies them all in one
 * transaction (at 10 orders/s, about twenty events per transaction instead of one; docs/performance.md).
 * Events act on the venue named in their envelope.
 */
@Controller()
@UseFilters(PassRpcErrorsFilter)
@VenueScoped({ from: 'record' })
export class ProjectionsHandlers {
  constructor(private readonly project: ProjectEventsUseCase) {}

  @EventPattern(PROJECTED_SUBJECTS, batchOf({ lingerMs: 1000 }))
  async onEvents(@Payload() events: BatchedEvent[]): Promise<void> {
    await this.project.execute(events);
  }
}
