import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { AdapterRegistry, type OrderDraft, type PlatformApi, type PollPage } from '@hub/aggregators';
import { createEnvelope, INTAKE_ORDER_RECEIVED_V1, IntakeOrderReceivedV1 } from '@hub/contracts';
import { EventTransaction } from '@hub/messaging';
import { IntegrationsRepository } from '../../../integrations/integrations.repository';
import { DeliveriesRepository } from '../../../orders/deliveries.repository';
import { ReceivedOrdersRepository } from '../../../orders/received-orders.repository';
import { polledOrders } from '../../polling.metrics';
import { PollingRepository } from '../../polling.repository';
import { POLL_SETTINGS, PollSettings } from '../../polling.settings';
import { POLL_PLATFORM_API } from '../../constants/poll-platform-api.constant';
import { PollIntegrationCommand } from './poll-integration.command';

/** What one poll found. */
export interface PollResult {
  pages: number;
  /** orders the platform listed */
  fetched: number;
  /** orders stored and announced as `intake.v1.order-received` */
  new: number;
  /** orders received before, by webhook or an earlier poll */
  duplicates: number;
  /** listed orders that could not be normalised: kept as raw deliveries needing attention */
  needsAttention: number;
  /** the platform had more than `maxPages` pages: the rest comes with the next poll */
  more: boolean;
}

/** The poll lost its lease to another replica (it took too long): nothing of the page was stored. */
export class PollLeaseLostError extends Error {
  constructor(integrationId: string) {
    super(`the poll of integration ${integrationId} lost its lease to another process`);
    this.name = 'PollLeaseLostError';
  }
}

/** The integration was deleted or the platform cannot be polled any more. */
export class PollNotPossibleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PollNotPossibleError';
  }
}

/**
 * One poll of one integration: asks the platform for the orders since the stored cursor, page by
 * page, and stores each page in one transaction with the cursor it leads to. Each new order is a
 * raw delivery exactly as a webhook's is (its JSON as evidence, unique on the platform's dedupe key
 * `order:<id>`) with its `intake.v1.order-received` outbox row, claimed under (platform, venue,
 * order id) so an order a webhook brought is a duplicate here and the other way round. A restart
 * between pages starts from the last committed cursor: no order is skipped, none stored twice.
 */
@Injectable()
export class PollIntegrationUseCase {
  constructor(
    private readonly registry: AdapterRegistry,
    private readonly integrations: IntegrationsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly received: ReceivedOrdersRepository,
    private readonly polling: PollingRepository,
    private readonly tx: EventTransaction,
    @Inject(POLL_PLATFORM_API) private readonly api: PlatformApi,
    @Inject(POLL_SETTINGS) private readonly settings: PollSettings,
  ) {}

  async execute(command: PollIntegrationCommand): Promise<PollResult> {
    const { poll, now } = command;
    const poller = this.registry.findPoller(poll.platform);
    if (!poller) throw new PollNotPossibleError(`${poll.platform} cannot be polled`);
    const integration = await this.integrations.findByStoreRef(poll.platform, poll.storeRef);
    if (!integration || integration.id !== poll.integrationId) {
      throw new PollNotPossibleError(`the ${poll.platform} integration of venue ${poll.venueId} is gone`);
    }
    const result: PollResult = {
      pages: 0,
      fetched: 0,
      new: 0,
      duplicates: 0,
      needsAttention: 0,
      more: false,
    };
    let cursor = poll.cursor;
    for (;;) {
      const page = await poller.fetchOrdersSince(cursor, integration.settings, { api: this.api, now });
      const stored = await this.storePage(command, page);
      result.pages += 1;
      result.fetched += page.orders.length + page.problems.length;
      result.new += stored.new;
      result.duplicates += stored.duplicates;
      result.needsAttention += stored.needsAttention;
      cursor = page.nextCursor;
      if (!page.more) break;
      if (result.pages >= this.settings.maxPages) {
        result.more = true;
        break;
      }
    }
    polledOrders.inc({ platform: poll.platform, outcome: 'new' }, result.new);
    polledOrders.inc({ platform: poll.platform, outcome: 'duplicate' }, result.duplicates);
    polledOrders.inc({ platform: poll.platform, outcome: 'needs_attention' }, result.needsAttention);
    return result;
  }

  /** One page: its new orders, its problems and the cursor after it, in one transaction. */
  private async storePage(
    command: PollIntegrationCommand,
    page: PollPage,
  ): Promise<Pick<PollResult, 'new' | 'duplicates' | 'needsAttention'>> {
    const { poll, owner, now } = command;
    const outcome = await this.tx.run(
      async ({ manager, emit }) => {
        if (!(await this.polling.holdsLease(manager, poll.integrationId, owner))) {
          throw new PollLeaseLostError(poll.integrationId);
        }
        const counts = { new: 0, duplicates: 0, needsAttention: 0 };
        for (const polled of page.orders) {
          const deliveryId = uuidv7();
          const fresh = await this.received.claim(
            manager,
            poll.platform,
            poll.venueId,
            [polled.externalId],
            deliveryId,
          );
          if (fresh.size === 0) {
            counts.duplicates += 1;
            continue;
          }
          const inserted = await this.deliveries.insertWebhook(manager, {
            id: deliveryId,
            platform: poll.platform,
            venueId: poll.venueId,
            dedupeKey: `order:${polled.externalId}`,
            kind: 'order',
            state: 'stored',
            rawBody: Buffer.from(JSON.stringify(polled.raw), 'utf8'),
            headers: { 'x-hub-received-by': `poll (${command.trigger})` },
          });
          if (!inserted) {
            // stored under this key before the order claims existed: a duplicate all the same
            counts.duplicates += 1;
            continue;
          }
          emit(this.orderReceived(polled.order, poll.venueId, deliveryId));
          counts.new += 1;
        }
        for (const problem of page.problems) {
          const rawBody = Buffer.from(JSON.stringify(problem.raw), 'utf8');
          const inserted = await this.deliveries.insertWebhook(manager, {
            id: uuidv7(),
            platform: poll.platform,
            venueId: poll.venueId,
            dedupeKey: `raw:${createHash('sha256').update(rawBody).digest('hex')}`,
            kind: 'unparsed',
            state: 'needs_attention',
            error: problem.error.slice(0, 2000),
            rawBody,
            headers: { 'x-hub-received-by': `poll (${command.trigger})` },
          });
          if (inserted) counts.needsAttention += 1;
        }
        await this.polling.advance(manager, poll.integrationId, page.nextCursor, now);
        return counts;
      },
      undefined,
      { publish: 'background' },
    );
    if (outcome.duplicate) throw new Error('a poll page has no inbox entry to be a duplicate of');
    return outcome.result;
  }

  private orderReceived(order: OrderDraft, venueId: string, deliveryId: string) {
    return createEnvelope<IntakeOrderReceivedV1>(
      INTAKE_ORDER_RECEIVED_V1,
      { deliveryId, order: { ...order, source: { ...order.source, rawDeliveryId: deliveryId } } },
      { venueId, aggregateType: 'delivery', aggregateId: deliveryId, correlationId: deliveryId },
    );
  }
}
