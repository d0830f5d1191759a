import { Injectable } from '@nestjs/common';
import type { EventEnvelope, IntakeIntegrationSavedV1 } from '@hub/contracts';
import { EventTransaction, type InboxKey } from '@hub/messaging';
import { IntegrationsRepository } from '../../../integrations/integrations.repository';

/** Keeps status-sync's integration replica in step with intake, once per event. */
@Injectable()
export class ReplicateIntegrationUseCase {
  constructor(
    private readonly events: EventTransaction,
    private readonly integrations: IntegrationsRepository,
  ) {}

  async execute(event: EventEnvelope<IntakeIntegrationSavedV1>, inbox: InboxKey): Promise<void> {
    await this.events.run(({ manager }) => this.integrations.upsert(manager, event.payload), inbox);
  }
}
