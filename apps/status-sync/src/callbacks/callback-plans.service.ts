import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  AdapterCapabilityUnsupported,
  AdapterRegistry,
  type CallbackPlan,
  hasStatusCallbacks,
  type IntegrationSettings,
  type StatusCallbackBuilder,
} from '@hub/aggregators';
import { IntegrationsRepository } from '../integrations/integrations.repository';
import { type JiraConfig, jiraIssuePlan } from '../jira/jira-issue';
import { NotificationsRepository } from '../notifications/notifications.repository';
import type {
  AvailabilityPayload,
  CallbackRow,
  JiraPayload,
  NotificationPayload,
  PrepTimePayload,
  StatusPayload,
  StorePayload,
} from './callback.type';
import { JIRA_CONFIG } from './constants/jira-config.constant';

/** A callback that cannot be built for a reason that retrying may fix (integration missing, secrets unreadable). */
export class CallbackBuildError extends Error {}

/** Turns a stored callback into the HTTP call(s) to make, with the integration's secrets opened just now. */
@Injectable()
export class CallbackPlans {
  constructor(
    private readonly registry: AdapterRegistry,
    private readonly integrations: IntegrationsRepository,
    private readonly notifications: NotificationsRepository,
    @Inject(JIRA_CONFIG) private readonly jira: JiraConfig | undefined,
  ) {}

  builderFor(platform: string): StatusCallbackBuilder | undefined {
    const adapter = this.registry.find(platform);
    return adapter && hasStatusCallbacks(adapter) ? adapter : undefined;
  }

  /** The plan, or undefined when there is nothing to send. Throws AdapterCapabilityUnsupported or CallbackBuildError. */
  async build(row: CallbackRow): Promise<CallbackPlan | undefined> {
    switch (row.kind) {
      case 'status': {
        const { builder, settings } = await this.platform(row);
        const payload = row.payload as StatusPayload;
        return builder.statusCallback(
          {
            order: payload.order,
            status: payload.status,
            reason: payload.reason,
            idempotencyKey: row.idempotency_key,
          },
          settings,
        );
      }
      case 'availability': {
        const { builder, settings } = await this.platform(row);
        const payload = row.payload as AvailabilityPayload;
        return builder.availabilityCallback(
          {
            kind: payload.kind,
            platformCode: payload.platformCode,
            code: payload.code,
            available: payload.available,
            until: payload.until,
            idempotencyKey: row.idempotency_key,
          },
          settings,
        );
      }
      case 'store': {
        const { builder, settings } = await this.platform(row);
        return storeControlPlan(
          row.target,
          builder,
          row.payload as StorePayload,
          row.idempotency_key,
          settings,
        );
      }
      case 'prep_time': {
        const { builder, settings } = await this.platform(row);
        return prepTimePlan(
          row.target,
          builder,
          row.payload as PrepTimePayload,
          row.idempotency_key,
          settings,
        );
      }
      case 'notification':
        return this.notification(row);
      case 'jira':
        if (!this.jira) throw new CallbackBuildError('Jira is not configured (JIRA_BASE_URL ...)');
        return jiraIssuePlan(this.jira, row.payload as JiraPayload);
    }
  }

  private async platform(
    row: CallbackRow,
  ): Promise<{ builder: StatusCallbackBuilder; settings: IntegrationSettings }> {
    const builder = this.builderFor(row.target);
    if (!builder) throw new CallbackBuildError(`no adapter sends callbacks to ${row.target}`);
    const integration = row.integration_id ? await this.integrations.findById(row.integration_id) : undefined;
    const current = integration ?? (await this.integrations.find(row.venue_id, row.target));
    if (!current)
      throw new CallbackBuildError(`venue ${row.venue_id} has no ${row.target} integration any more`);
    try {
      return { builder, settings: this.integrations.open(current) };
    } catch {
      throw new CallbackBuildError(
        `the ${row.target} integration's secrets cannot be opened (INTEGRATION_SECRETS_KEY must equal intake's INTAKE_SECRETS_KEY)`,
      );
    }
  }

  /** The venue's webhook: the body signed with HMAC-SHA256 in X-Hub-Signature-256, the callback id as delivery and idempotency key. */
  private async notification(row: CallbackRow): Promise<CallbackPlan> {
    const endpoint = await this.notifications.openEndpoint(row.venue_id).catch(() => {
      throw new CallbackBuildError(`venue ${row.venue_id}'s notification secret cannot be opened`);
    });
    if (!endpoint) throw new CallbackBuildError(`venue ${row.venue_id} has no notification webhook any more`);
    const payload = row.payload as NotificationPayload;
    const body = JSON.stringify({ id: row.id, event: payload.event, ...payload.body });
    const signature = createHmac('sha256', endpoint.secret).update(body).digest('hex');
    return {
      action: `webhook ${payload.event}`,
      request: {
        method: 'POST',
        url: endpoint.url,
        headers: {
          'content-type': 'application/json',
          'x-hub-event': payload.event,
          'x-hub-delivery': row.id,
          'idempotency-key': row.idempotency_key,
          'x-hub-signature-256': `sha256=${signature}`,
        },
        body,
        auth: { kind: 'none' },
      },
    };
  }
}

/** The platform's store-control call; a builder without one has no such API (AdapterCapabilityUnsupported). */
export function storeControlPlan(
  platform: string,
  builder: StatusCallbackBuilder,
  payload: StorePayload,
  idempotencyKey: string,
  settings: IntegrationSettings,
): CallbackPlan {
  if (!builder.storeControlCallback) {
    throw new AdapterCapabilityUnsupported(
      platform,
      payload.aspect === 'pause' ? 'pause the store (no store status API)' : 'set busy mode (no busy API)',
    );
  }
  return builder.storeControlCallback(
    {
      aspect: payload.aspect,
      ...(payload.pausedUntil ? { pausedUntil: payload.pausedUntil } : {}),
      busyExtraMinutes: payload.busyExtraMinutes,
      changedAt: payload.changedAt,
      idempotencyKey,
    },
    settings,
  );
}

/** The platform's ready-time call; a builder without one has no such API (AdapterCapabilityUnsupported). */
export function prepTimePlan(
  platform: string,
  builder: StatusCallbackBuilder,
  payload: PrepTimePayload,
  idempotencyKey: string,
  settings: IntegrationSettings,
): CallbackPlan {
  if (!builder.prepTimeCallback) {
    throw new AdapterCapabilityUnsupported(platform, "update an order's ready time (no such API)");
  }
  return builder.prepTimeCallback(
    {
      order: payload.order,
      promisedAt: payload.promisedAt,
      ...(payload.prepTimeMinutes ? { prepTimeMinutes: payload.prepTimeMinutes } : {}),
      ...(payload.reason ? { reason: payload.reason } : {}),
      idempotencyKey,
    },
    settings,
  );
}
