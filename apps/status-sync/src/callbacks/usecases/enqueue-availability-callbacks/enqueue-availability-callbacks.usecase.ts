import { Injectable } from '@nestjs/common';
import { AdapterCapabilityUnsupported } from '@hub/aggregators';
import type { EventEnvelope, MenuAvailabilityChangedV1 } from '@hub/contracts';
import { EventTransaction, type InboxKey } from '@hub/messaging';
import { IntegrationsRepository } from '../../../integrations/integrations.repository';
import { CallbackPlans } from '../../callback-plans.service';
import { CallbackWorker } from '../../callback-worker.service';
import type { AvailabilityPayload } from '../../callback.type';
import { CallbacksRepository } from '../../callbacks.repository';
import { callbackOutcomes } from '../../callbacks.metrics';

/**
 * On `menu.v1.availability-changed`: one `availability` callback per platform code of the item at a
 * platform the venue is integrated with, through the same job machinery; unsupported where the
 * platform has no availability API. For one item and platform the latest change wins: an earlier
 * undelivered one is superseded. Platforms without a code for the item are not told (nothing to address).
 */
@Injectable()
export class EnqueueAvailabilityCallbacksUseCase {
  constructor(
    private readonly events: EventTransaction,
    private readonly integrations: IntegrationsRepository,
    private readonly callbacks: CallbacksRepository,
    private readonly plans: CallbackPlans,
    private readonly worker: CallbackWorker,
  ) {}

  async execute(event: EventEnvelope<MenuAvailabilityChangedV1>, inbox: InboxKey): Promise<void> {
    const change = event.payload;
    const outcome = await this.events.run(async ({ manager }) => {
      let queued = false;
      for (const { platform, code } of change.platformCodes ?? []) {
        const integration = await this.integrations.find(event.venueId, platform, manager);
        const builder = integration && this.plans.builderFor(platform);
        if (!integration || !builder) continue;
        const payload: AvailabilityPayload = {
          kind: change.kind,
          id: change.id,
          code: change.code,
          platformCode: code,
          available: change.available,
          ...(change.until ? { until: change.until } : {}),
        };
        let state: 'pending' | 'unsupported' = 'pending';
        let reason: string | undefined;
        try {
          builder.availabilityCallback(
            { ...payload, idempotencyKey: 'probe' },
            this.integrations.sealedFree(integration),
          );
        } catch (error) {
          if (!(error instanceof AdapterCapabilityUnsupported)) throw error;
          state = 'unsupported';
          reason = error.message;
        }
        const subjectKey = `${change.kind}:${change.id}:${code}`;
        const seq = Date.parse(change.changedAt);
        if (state === 'pending') {
          await this.callbacks.supersede(
            manager,
            subjectKey,
            platform,
            seq,
            undefined,
            'a later availability change',
          );
        }
        const inserted = await this.callbacks.insert(manager, {
          kind: 'availability',
          venueId: event.venueId,
          target: platform,
          integrationId: integration.id,
          breakerKey: `integration:${integration.id}`,
          subjectKey,
          seq,
          itemCode: change.code,
          correlationId: event.correlationId,
          dedupeKey: `availability:${event.id}:${platform}:${code}`,
          payload,
          state,
          reason,
        });
        if (inserted && state === 'unsupported') {
          callbackOutcomes.inc({ kind: 'availability', target: platform, outcome: 'unsupported' });
        }
        queued ||= inserted && state === 'pending';
      }
      return queued;
    }, inbox);
    if (!outcome.duplicate && outcome.result) this.worker.wake();
  }
}
