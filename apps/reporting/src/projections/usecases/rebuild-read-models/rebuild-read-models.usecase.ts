import { Inject, Injectable, Logger } from '@nestjs/common';
import { DeliverPolicy, jetstream, jetstreamManager, JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  EventEnvelope,
  KOT_TICKET_ACKNOWLEDGED_V1,
  KOT_TICKET_BUMPED_V1,
  KOT_TICKET_ROUTED_V1,
  ORDERS_CREATED_V1,
  ORDERS_ITEMS_ADDED_V1,
  ORDERS_ITEMS_VOIDED_V1,
  ORDERS_PAYMENT_CHANGED_V1,
  ORDERS_STATUS_CHANGED_V1,
  parseEnvelope,
  STREAMS,
  StreamDefinition,
} from '@hub/contracts';
import {
  contractSubject,
  EventTransaction,
  InboxKey,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NATS_CONNECTION,
  wireStreamName,
} from '@hub/messaging';
import { REPORTING_SERVICE } from '../../../constants/reporting-service.constant';
import { ReadModelRepository } from '../../../read-model/read-model.repository';
import { ProjectOrderEventUseCase } from '../project-order-event/project-order-event.usecase';
import { ProjectTicketEventUseCase } from '../project-ticket-event/project-ticket-event.usecase';

export interface RebuildProgress {
  /** messages read so far, of `total` */
  done: number;
  total: number;
}

export interface RebuildResult {
  /** messages read from the streams */
  read: number;
  /** events applied to the read models */
  applied: number;
  /** the same event again (republished): the inbox skipped it */
  duplicates: number;
  /** subjects the read models do not use */
  ignored: number;
  /** messages that fail the contracts (the live consumer dead-letters them) */
  invalid: number;
  milliseconds: number;
}

export interface RebuildOptions {
  /** events applied at once; one order's events always one after another, in stream order */
  concurrency?: number;
  onProgress?: (progress: RebuildProgress) => void;
}

type Projector = (event: EventEnvelope<never>, inbox: InboxKey) => Promise<boolean>;

/**
 * Empties the read models and replays every event of the ORDERS and KOT streams from their first
 * message through the same projections the live consumers use, each in its own transaction with the
 * live consumer's inbox key. The streams are read with ephemeral ordered consumers up to their last
 * sequence when the rebuild began. While the service runs, an event is applied once either way: by
 * the rebuild or by the live consumer, whichever records it in the inbox first. Venues (time zones)
 * are configuration, not events: they are kept.
 */
@Injectable()
export class RebuildReadModelsUseCase {
  private readonly logger = new Logger(RebuildReadModelsUseCase.name);
  private readonly projectors: Readonly<Record<string, Projector>>;

  constructor(
    private readonly tx: EventTransaction,
    private readonly readModel: ReadModelRepository,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    orders: ProjectOrderEventUseCase,
    tickets: ProjectTicketEventUseCase,
  ) {
    this.projectors = {
      [ORDERS_CREATED_V1]: (e, i) => orders.created(e, i),
      [ORDERS_STATUS_CHANGED_V1]: (e, i) => orders.statusChanged(e, i),
      [ORDERS_PAYMENT_CHANGED_V1]: (e, i) => orders.paymentChanged(e, i),
      [ORDERS_ITEMS_ADDED_V1]: (e, i) => orders.itemsAdded(e, i),
      [ORDERS_ITEMS_VOIDED_V1]: (e, i) => orders.itemsVoided(e, i),
      [KOT_TICKET_ROUTED_V1]: (e, i) => tickets.routed(e, i),
      [KOT_TICKET_ACKNOWLEDGED_V1]: (e, i) => tickets.acknowledged(e, i),
      [KOT_TICKET_BUMPED_V1]: (e, i) => tickets.bumped(e, i),
    };
  }

  async execute(options: RebuildOptions = {}): Promise<RebuildResult> {
    const started = performance.now();
    const jsm = await jetstreamManager(this.nc);
    const plan: Array<{ stream: StreamDefinition; name: string; last: number; messages: number }> = [];
    for (const stream of [STREAMS.ORDERS, STREAMS.KOT]) {
      const name = wireStreamName(this.options.namespace, stream);
      const { state } = await jsm.streams.info(name);
      plan.push({ stream, name, last: state.last_seq, messages: state.messages });
    }
    const total = plan.reduce((sum, p) => sum + p.messages, 0);
    const result: RebuildResult = {
      read: 0,
      applied: 0,
      duplicates: 0,
      ignored: 0,
      invalid: 0,
      milliseconds: 0,
    };

    await this.tx.run(({ manager }) => this.readModel.truncateReadModels(manager));
    options.onProgress?.({ done: 0, total });

    const concurrency = options.concurrency ?? 8;
    for (const { stream, name, last, messages } of plan) {
      if (messages === 0) continue;
      const consumer = await jetstream(this.nc).consumers.get(name, { deliver_policy: DeliverPolicy.All });
      const iterator = await consumer.consume({ max_messages: 512 });
      const inbox = `${REPORTING_SERVICE}-${stream.name.toLowerCase()}-v1`;
      const chains = new Map<string, Promise<void>>();
      const inflight = new Set<Promise<void>>();
      let failure: Error | undefined;
      for await (const message of iterator) {
        result.read++;
        const task = this.apply(message, inbox, chains, result).catch((error: Error) => {
          failure ??= error;
        });
        inflight.add(task);
        void task.finally(() => inflight.delete(task));
        while (inflight.size >= concurrency) await Promise.race(inflight);
        options.onProgress?.({ done: result.read, total });
        if (failure || message.seq >= last) break;
      }
      await iterator.close();
      await Promise.all(inflight);
      if (failure) throw failure;
    }
    result.milliseconds = Math.round(performance.now() - started);
    this.logger.log(
      `rebuilt the read models from ${result.read} messages in ${result.milliseconds} ms: ${result.applied} applied, ${result.duplicates} duplicates, ${result.ignored} ignored, ${result.invalid} invalid`,
    );
    return result;
  }

  /** Runs one message after the earlier ones of its order (correlation id). */
  private apply(
    message: JsMsg,
    consumer: string,
    chains: Map<string, Promise<void>>,
    result: RebuildResult,
  ): Promise<void> {
    const subject = contractSubject(this.options.namespace, message.subject);
    const projector = this.projectors[subject];
    if (!projector) {
      result.ignored++;
      return Promise.resolve();
    }
    let envelope: EventEnvelope<never>;
    try {
      envelope = parseEnvelope<never>(message.json(), subject);
    } catch {
      result.invalid++;
      return Promise.resolve();
    }
    const key = envelope.correlationId;
    const run = (chains.get(key) ?? Promise.resolve()).then(async () => {
      const applied = await projector(envelope, { consumer, eventId: envelope.id, subject });
      if (applied) result.applied++;
      else result.duplicates++;
    });
    const settled = run.catch(() => undefined);
    chains.set(key, settled);
    void settled.finally(() => {
      if (chains.get(key) === settled) chains.delete(key);
    });
    return run;
  }
}
