import { Injectable, Logger } from '@nestjs/common';
import { AdapterCapabilityUnsupported } from '@hub/aggregators';
import type { EventEnvelope, OrderPrepTimeChangedV1 } from '@hub/contracts';
import { EventTransaction, type InboxKey } from '@hub/messaging';
import { IntegrationsRepository } from '../../../integrations/integrations.repository';
import { prepTimeSeq, supersedesPrepTime } from '../../callback-policy.util';
import { CallbackPlans, prepTimePlan } from '../../callback-plans.service';
import { CallbackWorker } from '../../callback-worker.service';
import type { PrepTimePayload } from '../../callback.type';
import { callbackOrderOf } from '../../callbacks.mapper';
import { CallbacksRepository } from '../../callbacks.repository';
import { callbackOutcomes } from '../../callbacks.metrics';

/**
 * On `orders.v1.prep-time-changed`: a `prep_time` callback to the order's platform when its channel
 * has an integration at the venue, in the order's own sequence (after the callback of the status the
 * order was in, before the next status's), so a platform never hears a new ready time before the
 * acceptance it refers to. The latest ready time wins over earlier undelivered ones; a status that
 * makes it meaningless (ready, dispatched, completed, rejected, cancelled) supersedes it. Unsupported
 * where the platform has no API for it, with the reason.
 */
@Injectable()
export class EnqueuePrepTimeCallbacksUseCase {
  private readonly logger = new Logger(EnqueuePrepTimeCallbacksUseCase.name);

  constructor(
    private readonly events: EventTransaction,
    private readonly integrations: IntegrationsRepository,
    private readonly callbacks: CallbacksRepository,
    private readonly plans: CallbackPlans,
    private readonly worker: CallbackWorker,
  ) {}

  async execute(event: EventEnvelope<OrderPrepTimeChangedV1>, inbox: InboxKey): Promise<void> {
    const outcome = await this.events.run(async ({ manager }) => {
      const change = event.payload;
      const order = change.order;
      if (supersedesPrepTime(order.status)) return false;
      const integration = await this.integrations.find(change.venueId, change.channel, manager);
      const builder = integration && this.plans.builderFor(change.channel);
      if (!integration || !builder) return false;
      const payload: PrepTimePayload = {
        order: callbackOrderOf({ ...order, externalId: change.externalId ?? order.externalId }),
        promisedAt: new Date(change.promisedAt).toISOString(),
        ...(change.prepTimeMinutes ? { prepTimeMinutes: change.prepTimeMinutes } : {}),
        reason: change.reason,
      };
      let state: 'pending' | 'unsupported' = 'pending';
      let reason: string | undefined;
      try {
        prepTimePlan(change.channel, builder, payload, 'probe', this.integrations.forProbe(integration));
      } catch (error) {
        if (!(error instanceof AdapterCapabilityUnsupported)) throw error;
        state = 'unsupported';
        reason = error.message;
      }
      const subjectKey = `order:${order.id}`;
      const seq = prepTimeSeq(order.status, change.at);
      if (state === 'pending') {
        await this.callbacks.supersedeKind(
          manager,
          subjectKey,
          change.channel,
          'prep_time',
          seq,
          'a later ready time',
        );
      }
      const inserted = await this.callbacks.insert(manager, {
        kind: 'prep_time',
        venueId: change.venueId,
        target: change.channel,
        integrationId: integration.id,
        breakerKey: `integration:${integration.id}`,
        subjectKey,
        seq,
        orderId: order.id,
        externalId: payload.order.externalId,
        correlationId: event.correlationId,
        dedupeKey: `prep_time:${event.id}:${change.channel}`,
        payload,
        state,
        reason,
      });
      if (state === 'unsupported') {
        if (inserted)
          callbackOutcomes.inc({ kind: 'prep_time', target: change.channel, outcome: 'unsupported' });
        this.logger.log(`new ready time of order ${order.id} not sent to ${change.channel}: ${reason}`);
        return false;
      }
      return inserted;
    }, inbox);
    if (!outcome.duplicate && outcome.result) this.worker.wake();
  }
}
