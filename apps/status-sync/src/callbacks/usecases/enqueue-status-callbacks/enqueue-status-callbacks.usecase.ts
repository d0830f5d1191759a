import { Injectable, Logger } from '@nestjs/common';
import { AdapterCapabilityUnsupported } from '@hub/aggregators';
import type { EventEnvelope, OrderStatusChangedV1 } from '@hub/contracts';
import { EventTransaction, type InboxKey } from '@hub/messaging';
import type { EntityManager } from 'typeorm';
import { type IntegrationRow, IntegrationsRepository } from '../../../integrations/integrations.repository';
import { NOTIFICATION_EVENTS, statusSeq, supersededBy, supersedesPrepTime } from '../../callback-policy.util';
import { CallbackPlans } from '../../callback-plans.service';
import { CallbackWorker } from '../../callback-worker.service';
import type { NotificationPayload, StatusPayload } from '../../callback.type';
import { callbackOrderOf } from '../../callbacks.mapper';
import { CallbacksRepository } from '../../callbacks.repository';
import { callbackOutcomes } from '../../callbacks.metrics';

/** The platform's status callback an event leads to, decided before any write: to send, or to record as unsupported. */
interface PlatformCallback {
  integration: IntegrationRow;
  payload: StatusPayload;
  state: 'pending' | 'unsupported';
  reason?: string;
}

/**
 * On `orders.v1.status-changed`: a durable callback for the order's platform when its channel has an
 * integration at the venue (unique per order, platform and status), and a customer notification when
 * the venue has a webhook; earlier undelivered callbacks the new status makes meaningless are
 * superseded. All in the handler's transaction with its inbox row; the worker is woken after commit.
 *
 * Whether the event leads to anything is decided first, from one read (the integration and whether
 * the venue notifies). Most do not (a direct channel has no integration, a platform hears nothing of
 * some statuses, few venues notify): those open no transaction and leave no inbox row. A no-op needs
 * none: the inbox exists so that an effect is not applied twice, and a no-op has no effect. A
 * redelivered no-op is decided again from the state at that time, as if it had simply arrived later,
 * which any first delivery may.
 */
@Injectable()
export class EnqueueStatusCallbacksUseCase {
  private readonly logger = new Logger(EnqueueStatusCallbacksUseCase.name);

  constructor(
    private readonly events: EventTransaction,
    private readonly integrations: IntegrationsRepository,
    private readonly callbacks: CallbacksRepository,
    private readonly plans: CallbackPlans,
    private readonly worker: CallbackWorker,
  ) {}

  async execute(event: EventEnvelope<OrderStatusChangedV1>, inbox: InboxKey): Promise<void> {
    const { order, to } = event.payload;
    const { integration, venueNotifies } = await this.integrations.statusTargets(
      order.venueId,
      order.channel,
    );
    const platform = integration && this.platformCallback(event, integration);
    const notifies = venueNotifies && NOTIFICATION_EVENTS[to] !== undefined;
    if (!platform && !notifies) return; // nothing to tell anyone: no transaction, no inbox row
    const outcome = await this.events.run(async ({ manager }) => {
      const sent = platform ? await this.enqueuePlatform(manager, event, platform) : false;
      const notified = notifies ? await this.notification(manager, event) : false;
      return sent || notified;
    }, inbox);
    if (!outcome.duplicate && outcome.result) this.worker.wake();
  }

  /** What the platform is to be told, or undefined when nothing (no builder, nothing to say for this status). */
  private platformCallback(
    event: EventEnvelope<OrderStatusChangedV1>,
    integration: IntegrationRow,
  ): PlatformCallback | undefined {
    const { order, to } = event.payload;
    const builder = this.plans.builderFor(order.channel);
    if (!builder) return undefined;
    const callbackOrder = callbackOrderOf(order);
    const payload: StatusPayload = {
      order: callbackOrder,
      status: to,
      ...(event.payload.reason ? { reason: event.payload.reason } : {}),
    };
    try {
      // decided without secrets: what the platform supports does not depend on them
      const plan = builder.statusCallback(
        { order: callbackOrder, status: to, reason: payload.reason, idempotencyKey: 'probe' },
        this.integrations.sealedFree(integration),
      );
      return plan ? { integration, payload, state: 'pending' } : undefined;
    } catch (error) {
      if (!(error instanceof AdapterCapabilityUnsupported)) throw error;
      return { integration, payload, state: 'unsupported', reason: error.message };
    }
  }

  private async enqueuePlatform(
    manager: EntityManager,
    event: EventEnvelope<OrderStatusChangedV1>,
    { integration, payload, state, reason }: PlatformCallback,
  ): Promise<boolean> {
    const { order, to } = event.payload;
    const subjectKey = `order:${order.id}`;
    const seq = statusSeq(to);
    if (supersedesPrepTime(to)) {
      await this.callbacks.supersedeKind(manager, subjectKey, order.channel, 'prep_time', seq, to);
    }
    const stale = supersededBy(to);
    // a status that makes no earlier one meaningless (accepted ...) has nothing to supersede
    if (state === 'pending' && stale.length > 0) {
      const superseded = await this.callbacks.supersede(manager, subjectKey, order.channel, seq, stale, to);
      if (superseded > 0)
        callbackOutcomes.inc({ kind: 'status', target: order.channel, outcome: 'superseded' }, superseded);
    }
    const inserted = await this.callbacks.insert(manager, {
      kind: 'status',
      venueId: order.venueId,
      target: order.channel,
      integrationId: integration.id,
      breakerKey: `integration:${integration.id}`,
      subjectKey,
      seq,
      orderId: order.id,
      externalId: order.externalId,
      status: to,
      correlationId: event.correlationId,
      dedupeKey: `status:${order.id}:${order.channel}:${to}`,
      payload,
      state,
      reason,
    });
    if (inserted && state === 'unsupported') {
      callbackOutcomes.inc({ kind: 'status', target: order.channel, outcome: 'unsupported' });
      this.logger.debug(`${order.channel} cannot be told "${to}": recorded as unsupported`);
    }
    return inserted && state === 'pending';
  }

  private async notification(
    manager: EntityManager,
    event: EventEnvelope<OrderStatusChangedV1>,
  ): Promise<boolean> {
    const { order, to, at, reason } = event.payload;
    const name = NOTIFICATION_EVENTS[to];
    if (!name) return false;
    const subjectKey = `order:${order.id}`;
    const target = 'webhook';
    const seq = statusSeq(to);
    const stale = supersededBy(to);
    if (stale.length > 0) await this.callbacks.supersede(manager, subjectKey, target, seq, stale, to);
    const payload: NotificationPayload = {
      event: name,
      body: {
        occurredAt: at,
        venueId: order.venueId,
        order: {
          id: order.id,
          channel: order.channel,
          externalId: order.externalId,
          displayNumber: order.displayNumber,
          orderType: order.orderType,
          status: to,
          ...(reason ? { reason } : {}),
          ...(order.scheduledFor ? { scheduledFor: order.scheduledFor } : {}),
          customer: {
            name: order.customer.name,
            ...(order.customer.phone ? { phone: order.customer.phone } : {}),
          },
          total: order.totals.total,
          currency: order.totals.currency,
        },
      },
    };
    return this.callbacks.insert(manager, {
      kind: 'notification',
      venueId: order.venueId,
      target,
      breakerKey: `webhook:${order.venueId}`,
      subjectKey,
      seq,
      orderId: order.id,
      externalId: order.externalId,
      status: to,
      correlationId: event.correlationId,
      dedupeKey: `notification:${order.id}:${to}`,
      payload,
      state: 'pending',
    });
  }
}
