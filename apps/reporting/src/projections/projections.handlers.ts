import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { VenueScoped } from '@hub/auth';
import { BatchedEvent, batchOf, PassRpcErrorsFilter } from '@hub/messaging';
import { PROJECTED_SUBJECTS } from './fact-changes';
import { ProjectEventsUseCase } from './usecases/project-events/project-events.usecase';

/**
 * The read models are built from the events in PROJECTED_SUBJECTS only (consumers
 * `reporting-orders-v1` and `reporting-kot-v1`), in batches: nobody waits on a report for a tenth of
 * a second, so a batch lingers up to 100 ms for more events and applies them all in one transaction
 * (at 20 orders/s, a handful of events per transaction instead of one). Events act on the venue
 * named in their envelope.
 */
@Controller()
@UseFilters(PassRpcErrorsFilter)
@VenueScoped({ from: 'record' })
export class ProjectionsHandlers {
  constructor(private readonly project: ProjectEventsUseCase) {}

  @EventPattern(PROJECTED_SUBJECTS, batchOf({ lingerMs: 100 }))
  async onEvents(@Payload() events: BatchedEvent[]): Promise<void> {
    await this.project.execute(events);
  }
}
