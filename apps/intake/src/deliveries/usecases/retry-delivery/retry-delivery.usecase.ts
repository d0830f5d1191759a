import {
  ConflictException,
  HttpException,
  Injectable,
  Logger,
  NotFoundException,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  AdapterCapabilityUnsupported,
  AdapterRegistry,
  MalformedPayloadError,
  RawWebhook,
  WebhookOutcome,
} from '@hub/aggregators';
import { INTAKE_ORDER_RECEIVED_V1, type EventEnvelope } from '@hub/contracts';
import { EventTransaction } from '@hub/messaging';
import { Integration, IntegrationsRepository } from '../../../integrations/integrations.repository';
import {
  DeliveriesRepository,
  DeliveryEvidence,
  DeliveryState,
  RetryResolution,
} from '../../../orders/deliveries.repository';
import { ReceivedOrdersRepository } from '../../../orders/received-orders.repository';
import { freshEvents, planDeliveries } from '../../../webhooks/delivery-plan';
import { FetchThinOrdersUseCase } from '../../../webhooks/usecases/fetch-thin-orders/fetch-thin-orders.usecase';
import { deliveryRetries, setAttentionCountsSource } from '../../deliveries.metrics';
import { RetryDeliveryCommand } from './retry-delivery.command';

export interface RetryResult {
  id: string;
  state: DeliveryState;
  /** `intake.v1.order-received` events emitted by this retry */
  announced: number;
  /** a batch push (GloriaFood): every delivery it now is, this one first */
  deliveryIds?: string[];
  error?: string;
  retries: number;
}

/** What a parse of the stored body came to: an outcome, or the reason it still cannot be normalised. */
type Reparse = { outcome: WebhookOutcome } | { malformed: string };

const RECEIVED_BEFORE =
  'its order was received before (by another delivery or a poll), so it was not announced again';

/**
 * A delivery that needs attention, run again from what was stored, with the integration's settings
 * as they are now (after a mapping fix, a new access token ...):
 *
 * - a body that could not be normalised (`unparsed`) is parsed again. Normalised, the delivery
 *   becomes what the webhook path would have made of it, in one transaction: its orders claimed in
 *   `received_orders` and their `intake.v1.order-received` written to the outbox (an order some
 *   other delivery or a poll brought meanwhile is not announced twice), the platform's dedupe key in
 *   place of the `raw:` one, state `stored`; a thin event becomes `awaiting_fetch`; a push of several
 *   orders (GloriaFood) stores each further order as its own delivery. The signature is not checked
 *   again: it was checked when the bytes arrived, and only authentic deliveries are kept.
 * - a thin event whose fetch gave up is re-queued: `awaiting_fetch`, attempts and age counted anew,
 *   the fetcher woken; it announces the order the same way when the platform answers.
 *
 * The row is locked and its state checked again inside the transaction, so two retries at once make
 * one effect: the second answers 409 with the state the first left. An order a catch-up poll listed
 * but could not normalise (`receivedBy: poll`) has no webhook to re-parse: 422, and a later poll
 * that lists it again brings it. Each retry is one log line and one `hub_intake_delivery_retries_total`;
 * `hub_intake_deliveries_needing_attention` (set up here) counts what is left.
 */
@Injectable()
export class RetryDeliveryUseCase implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetryDeliveryUseCase.name);

  constructor(
    private readonly registry: AdapterRegistry,
    private readonly integrations: IntegrationsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly received: ReceivedOrdersRepository,
    private readonly tx: EventTransaction,
    private readonly fetcher: FetchThinOrdersUseCase,
  ) {}

  onApplicationBootstrap(): void {
    setAttentionCountsSource(() => this.deliveries.attentionCounts());
  }

  onApplicationShutdown(): void {
    setAttentionCountsSource(undefined);
  }

  async execute(command: RetryDeliveryCommand): Promise<RetryResult> {
    const delivery = await this.deliveries.findEvidence(command.venueId, command.deliveryId);
    if (!delivery) {
      throw new NotFoundException(`venue ${command.venueId} has no delivery ${command.deliveryId}`);
    }
    try {
      const result = await this.retry(command, delivery);
      const outcome =
        result.state === 'stored' ? (result.announced > 0 ? 'announced' : 'stored') : result.state;
      deliveryRetries.inc({ platform: delivery.platform, outcome });
      this.logger.log(
        `retry of ${delivery.platform} delivery ${delivery.id} (venue ${delivery.venueId}) by ${command.actor}: ${result.state}, ${result.announced} order(s) announced`,
      );
      return result;
    } catch (error) {
      if (error instanceof HttpException && (error.getStatus() === 409 || error.getStatus() === 422)) {
        deliveryRetries.inc({
          platform: delivery.platform,
          outcome: error.getStatus() === 409 ? 'conflict' : 'unsupported',
        });
        this.logger.warn(
          `retry of ${delivery.platform} delivery ${delivery.id} (venue ${delivery.venueId}) by ${command.actor} refused: ${error.message}`,
        );
      }
      throw error;
    }
  }

  private async retry(command: RetryDeliveryCommand, delivery: DeliveryEvidence): Promise<RetryResult> {
    assertNeedsAttention(delivery.id, delivery.state);
    if (delivery.kind !== 'unparsed') return this.requeueFetch(command, delivery);
    if (delivery.receivedBy === 'poll') {
      throw new UnprocessableEntityException(
        `delivery ${delivery.id} is an order a ${delivery.platform} poll listed but could not normalise: it has no webhook to parse again; fix the integration, and a poll that lists the order again brings it`,
      );
    }
    const adapter = this.registry.find(delivery.platform);
    const integration = await this.integrations.findByVenue(delivery.venueId, delivery.platform);
    if (!adapter || !integration) {
      throw new UnprocessableEntityException(
        `venue ${delivery.venueId} has no ${delivery.platform} integration any more: connect it (PUT /v1/venues/${delivery.venueId}/integrations/${delivery.platform}), then retry`,
      );
    }
    if (!delivery.rawBody) {
      throw new UnprocessableEntityException(`delivery ${delivery.id} kept no raw body to parse again`);
    }
    const webhook: RawWebhook = {
      platform: delivery.platform,
      headers: delivery.headers,
      rawBody: delivery.rawBody,
      url: '',
      receivedAt: delivery.receivedAt,
    };
    let reparse: Reparse;
    try {
      reparse = { outcome: await adapter.parseWebhook(webhook, integration.settings) };
    } catch (error) {
      if (error instanceof MalformedPayloadError) reparse = { malformed: error.message };
      else if (error instanceof AdapterCapabilityUnsupported)
        throw new UnprocessableEntityException(error.message);
      else throw error;
    }
    const done = await this.tx.run(
      async ({ manager, emit }) => {
        const locked = await this.deliveries.lockForRetry(manager, delivery.venueId, delivery.id);
        if (!locked) throw new NotFoundException(`venue ${delivery.venueId} has no delivery ${delivery.id}`);
        assertNeedsAttention(delivery.id, locked.state);
        if ('malformed' in reparse) {
          return this.resolve(manager, delivery, {
            state: 'needs_attention',
            kind: 'unparsed',
            error: reparse.malformed,
          });
        }
        return this.apply(manager, emit, delivery, integration, reparse.outcome);
      },
      undefined,
      { publish: 'background' },
    );
    if (done.duplicate) throw new Error('a retry has no inbox entry to be a duplicate of');
    if (done.result.state === 'awaiting_fetch') this.fetcher.wake();
    return done.result;
  }

  /** What the webhook path would have stored, in the retry's transaction; this row is the first delivery. */
  private async apply(
    manager: EntityManager,
    emit: (envelope: EventEnvelope) => void,
    delivery: DeliveryEvidence,
    integration: Integration,
    outcome: WebhookOutcome,
  ): Promise<RetryResult> {
    const [first, ...others] = planDeliveries(integration, outcome);
    if (!first) {
      return this.resolve(manager, delivery, {
        state: 'stored',
        kind: 'unparsed',
        error: `nothing to announce: ${outcome.kind === 'ignored' ? outcome.reason : 'it holds no order of this store'}`,
      });
    }
    const emitted: EventEnvelope[] = [];
    const fresh = first.orderIds
      ? await this.received.claim(manager, delivery.platform, delivery.venueId, first.orderIds, delivery.id)
      : undefined;
    emitted.push(...freshEvents(first, delivery.id, fresh));
    const deliveryIds = [delivery.id];
    for (const other of others) {
      // stored first, claimed after: an order of it received before leaves it as evidence only
      const id = uuidv7();
      const inserted = await this.deliveries.insertWebhook(manager, {
        id,
        platform: delivery.platform,
        venueId: delivery.venueId,
        dedupeKey: other.dedupeKey,
        kind: other.kind,
        state: other.state,
        rawBody: delivery.rawBody!,
        headers: delivery.headers,
      });
      if (!inserted) continue; // the platform's own copy of it was stored meanwhile
      const claimed = other.orderIds
        ? await this.received.claim(manager, delivery.platform, delivery.venueId, other.orderIds, id)
        : undefined;
      emitted.push(...freshEvents(other, id, claimed));
      deliveryIds.push(id);
    }
    emitted.forEach(emit);
    const result = await this.resolve(manager, delivery, {
      state: first.state,
      kind: first.kind,
      dedupeKey: first.dedupeKey,
      error: fresh?.size === 0 ? RECEIVED_BEFORE : null,
    });
    return {
      ...result,
      announced: emitted.filter((event) => event.type === INTAKE_ORDER_RECEIVED_V1).length,
      ...(deliveryIds.length > 1 ? { deliveryIds } : {}),
    };
  }

  /** A thin event whose fetch gave up: fetched again from now on, by the fetcher. */
  private async requeueFetch(
    command: RetryDeliveryCommand,
    delivery: DeliveryEvidence,
  ): Promise<RetryResult> {
    const done = await this.tx.run(async ({ manager }) => {
      const locked = await this.deliveries.lockForRetry(manager, command.venueId, delivery.id);
      if (!locked) throw new NotFoundException(`venue ${command.venueId} has no delivery ${delivery.id}`);
      assertNeedsAttention(delivery.id, locked.state);
      return this.resolve(manager, delivery, {
        state: 'awaiting_fetch',
        kind: 'order',
        error: delivery.error,
      });
    });
    if (done.duplicate) throw new Error('a retry has no inbox entry to be a duplicate of');
    this.fetcher.wake();
    return done.result;
  }

  private async resolve(
    manager: EntityManager,
    delivery: DeliveryEvidence,
    resolution: RetryResolution,
  ): Promise<RetryResult> {
    await this.deliveries.resolveRetry(manager, delivery.id, resolution);
    return {
      id: delivery.id,
      state: resolution.state,
      announced: 0,
      ...(resolution.error ? { error: resolution.error } : {}),
      retries: delivery.retries + 1,
    };
  }
}

function assertNeedsAttention(id: string, state: DeliveryState): void {
  if (state !== 'needs_attention') {
    throw new ConflictException(
      `delivery ${id} is ${state}, not needs_attention: only a delivery needing attention can be retried`,
    );
  }
}
