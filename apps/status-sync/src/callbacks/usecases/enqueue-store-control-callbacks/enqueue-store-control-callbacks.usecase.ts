import { Injectable, Logger } from '@nestjs/common';
import { AdapterCapabilityUnsupported } from '@hub/aggregators';
import type { EventEnvelope, StoreControlsChangedV1 } from '@hub/contracts';
import { EventTransaction, type InboxKey } from '@hub/messaging';
import type { EntityManager } from 'typeorm';
import { type IntegrationRow, IntegrationsRepository } from '../../../integrations/integrations.repository';
import { CallbackPlans, storeControlPlan } from '../../callback-plans.service';
import { CallbackWorker } from '../../callback-worker.service';
import type { StorePayload } from '../../callback.type';
import { CallbacksRepository } from '../../callbacks.repository';
import { callbackOutcomes } from '../../callbacks.metrics';

const ASPECTS = ['pause', 'busy'] as const;

/**
 * On `orders.v1.store-controls-changed`: for every integration of the venue on that channel (every
 * one for `*`), a `store` callback per aspect (pause, busy) carrying the controls as they are now,
 * through the same durable machinery as status callbacks. A platform whose builder has no API for an
 * aspect gets an `unsupported` row with the reason (visible in GET /v1/callbacks, logged), never an
 * approximation. For one integration and aspect the latest change wins (earlier undelivered ones are
 * superseded). A pause until a time also schedules the reopening call for that time, for platforms
 * whose API has no "until" (Deliveroo) and as a backstop for those that do.
 */
@Injectable()
export class EnqueueStoreControlCallbacksUseCase {
  private readonly logger = new Logger(EnqueueStoreControlCallbacksUseCase.name);

  constructor(
    private readonly events: EventTransaction,
    private readonly integrations: IntegrationsRepository,
    private readonly callbacks: CallbacksRepository,
    private readonly plans: CallbackPlans,
    private readonly worker: CallbackWorker,
  ) {}

  async execute(event: EventEnvelope<StoreControlsChangedV1>, inbox: InboxKey): Promise<void> {
    const outcome = await this.events.run(async ({ manager }) => {
      let queued = false;
      const integrations = await this.integrations.findForChannel(
        event.payload.venueId,
        event.payload.channel,
        manager,
      );
      for (const integration of integrations) {
        for (const aspect of ASPECTS) {
          queued = (await this.enqueue(manager, event, integration, aspect)) || queued;
        }
      }
      return queued;
    }, inbox);
    if (!outcome.duplicate && outcome.result) this.worker.wake();
  }

  private async enqueue(
    manager: EntityManager,
    event: EventEnvelope<StoreControlsChangedV1>,
    integration: IntegrationRow,
    aspect: (typeof ASPECTS)[number],
  ): Promise<boolean> {
    const controls = event.payload;
    const platform = integration.platform;
    const builder = this.plans.builderFor(platform);
    if (!builder) return false;
    const changedAt = new Date(event.occurredAt).toISOString();
    const payload: StorePayload = {
      aspect,
      channel: controls.channel,
      ...(controls.pausedUntil ? { pausedUntil: new Date(controls.pausedUntil).toISOString() } : {}),
      busyExtraMinutes: controls.busyExtraMinutes,
      changedAt,
    };
    let state: 'pending' | 'unsupported' = 'pending';
    let reason: string | undefined;
    try {
      storeControlPlan(platform, builder, payload, 'probe', this.integrations.forProbe(integration));
    } catch (error) {
      if (!(error instanceof AdapterCapabilityUnsupported)) throw error;
      state = 'unsupported';
      reason = error.message;
    }
    const subjectKey = `store:${integration.id}:${aspect}`;
    const seq = Date.parse(changedAt) * 2;
    const common = {
      kind: 'store' as const,
      venueId: integration.venue_id,
      target: platform,
      integrationId: integration.id,
      breakerKey: `integration:${integration.id}`,
      subjectKey,
      correlationId: event.correlationId,
    };
    if (state === 'pending') {
      await this.callbacks.supersede(
        manager,
        subjectKey,
        platform,
        seq,
        undefined,
        'a later store-controls change',
      );
    }
    const inserted = await this.callbacks.insert(manager, {
      ...common,
      seq,
      dedupeKey: `store:${event.id}:${integration.id}:${aspect}`,
      payload,
      state,
      reason,
    });
    if (state === 'unsupported') {
      if (inserted) callbackOutcomes.inc({ kind: 'store', target: platform, outcome: 'unsupported' });
      this.logger.log(`store ${aspect} not sent to ${platform} (venue ${integration.venue_id}): ${reason}`);
      return false;
    }
    const until = payload.pausedUntil ? Date.parse(payload.pausedUntil) : undefined;
    if (aspect === 'pause' && until !== undefined && until > Date.parse(changedAt)) {
      await this.callbacks.insert(manager, {
        ...common,
        seq: seq + 1,
        dedupeKey: `store:${event.id}:${integration.id}:reopen`,
        payload: { ...payload, changedAt: payload.pausedUntil!, scheduled: true },
        state: 'pending',
        notBefore: new Date(until),
      });
    }
    return inserted;
  }
}
