import { Injectable, Logger } from '@nestjs/common';
import { AdapterCapabilityUnsupported } from '@hub/aggregators';
import type { EventEnvelope, OrderStatusChangedV1 } from '@hub/contracts';
import { EventTransaction, type InboxKey } from '@hub/messaging';
import type { EntityManager } from 'typeorm';
import { IntegrationsRepository } from '../../../integrations/integrations.repository';
import { NotificationsRepository } from '../../../notifications/notifications.repository';
import { NOTIFICATION_EVENTS, statusSeq, supersededBy, supersedesPrepTime } from '../../callback-policy.util';
import { CallbackPlans } from '../../callback-plans.service';
import { CallbackWorker } from '../../callback-worker.service';
import type { NotificationPayload, StatusPayload } from '../../callback.type';
import { callbackOrderOf } from '../../callbacks.mapper';
import { CallbacksRepository } from '../../callbacks.repository';
import { callbackOutcomes } from '../../callbacks.metrics';

/**
 * On `orders.v1.status-changed`: a durable callback for the order's platform when its channel has an
 * integration at the venue (unique per order, platform and status), and a customer notification when
 * the venue has a webhook; earlier undelivered callbacks the new status makes meaningless are
 * superseded. All in the handler's transaction with its inbox row; the worker is woken after commit.
 */
@Injectable()
export class EnqueueStatusCallbacksUseCase {
  private readonly logger = new Logger(EnqueueStatusCallbacksUseCase.name);

  constructor(
    private readonly events: EventTransaction,
    private readonly integrations: IntegrationsRepository,
    private readonly notifications: NotificationsRepository,
    private readonly callbacks: CallbacksRepository,
    private readonly plans: CallbackPlans,
    private readonly worker: CallbackWorker,
  ) {}

  async execute(event: EventEnvelope<OrderStatusChangedV1>, inbox: InboxKey): Promise<void> {
    const outcome = await this.events.run(async ({ manager }) => {
      const platform = await this.platformCallback(manager, event);
      const notification = await this.notification(manager, event);
      return platform || notification;
    }, inbox);
    if (!outcome.duplicate && outcome.result) this.worker.wake();
  }

  private async platformCallback(
    manager: EntityManager,
    event: EventEnvelope<OrderStatusChangedV1>,
  ): Promise<boolean> {
    const { order, to } = event.payload;
    const integration = await this.integrations.find(order.venueId, order.channel, manager);
    const builder = integration && this.plans.builderFor(order.channel);
    if (!integration || !builder) return false;
    const callbackOrder = callbackOrderOf(order);
    const payload: StatusPayload = {
      order: callbackOrder,
      status: to,
      ...(event.payload.reason ? { reason: event.payload.reason } : {}),
    };
    let state: 'pending' | 'unsupported' = 'pending';
    let reason: string | undefined;
    try {
      // decided without secrets: what the platform supports does not depend on them
      const plan = builder.statusCallback(
        { order: callbackOrder, status: to, reason: payload.reason, idempotencyKey: 'probe' },
        this.integrations.sealedFree(integration),
      );
      if (!plan) return false;
    } catch (error) {
      if (!(error instanceof AdapterCapabilityUnsupported)) throw error;
      state = 'unsupported';
      reason = error.message;
    }
    const subjectKey = `order:${order.id}`;
    const seq = statusSeq(to);
    if (supersedesPrepTime(to)) {
      await this.callbacks.supersedeKind(manager, subjectKey, order.channel, 'prep_time', seq, to);
    }
    if (state === 'pending') {
      const superseded = await this.callbacks.supersede(
        manager,
        subjectKey,
        order.channel,
        seq,
        supersededBy(to),
        to,
      );
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
    if (!name || !(await this.notifications.exists(manager, order.venueId))) return false;
    const subjectKey = `order:${order.id}`;
    const target = 'webhook';
    const seq = statusSeq(to);
    await this.callbacks.supersede(manager, subjectKey, target, seq, supersededBy(to), to);
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
