import { Inject, Injectable, Logger } from '@nestjs/common';
import { DeliverPolicy, jetstream, jetstreamManager, JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { parseEnvelope, STREAMS, StreamDefinition } from '@hub/contracts';
import {
  BatchedEvent,
  contractSubject,
  EventTransaction,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NATS_CONNECTION,
  wireStreamName,
} from '@hub/messaging';
import { REPORTING_SERVICE } from '../../../constants/reporting-service.constant';
import { ReadModelRepository } from '../../../read-model/read-model.repository';
import { PROJECTED_SUBJECTS } from '../../fact-changes';
import { ProjectEventsUseCase } from '../project-events/project-events.usecase';

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
  /** events applied in one transaction (default 256) */
  batchSize?: number;
  onProgress?: (progress: RebuildProgress) => void;
}

/**
 * Empties the read models and replays every event of the ORDERS and KOT streams from their first
 * message through the same projection the live consumers use, in batches in stream order, each event
 * with the live consumer's inbox key. The streams are read with ephemeral ordered consumers up to their last
 * sequence when the rebuild began. While the service runs, an event is applied once either way: by
 * the rebuild or by the live consumer, whichever records it in the inbox first. Venues (time zones)
 * are configuration, not events: they are kept.
 */
@Injectable()
export class RebuildReadModelsUseCase {
  private readonly logger = new Logger(RebuildReadModelsUseCase.name);
  private readonly subjects = new Set(PROJECTED_SUBJECTS);

  constructor(
    private readonly tx: EventTransaction,
    private readonly readModel: ReadModelRepository,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly project: ProjectEventsUseCase,
  ) {}

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

    const batchSize = options.batchSize ?? 256;
    for (const { stream, name, last, messages } of plan) {
      if (messages === 0) continue;
      const consumer = await jetstream(this.nc).consumers.get(name, { deliver_policy: DeliverPolicy.All });
      const iterator = await consumer.consume({ max_messages: Math.max(512, batchSize) });
      const inbox = `${REPORTING_SERVICE}-${stream.name.toLowerCase()}-v1`;
      let batch: BatchedEvent[] = [];
      const flush = async () => {
        const applied = await this.project.execute(batch);
        result.applied += applied;
        result.duplicates += batch.length - applied;
        batch = [];
      };
      try {
        for await (const message of iterator) {
          result.read++;
          const event = this.eventOf(message, inbox, result);
          if (event) batch.push(event);
          if (batch.length >= batchSize) await flush();
          options.onProgress?.({ done: result.read, total });
          if (message.seq >= last) break;
        }
        await flush();
      } finally {
        await iterator.close();
      }
    }
    result.milliseconds = Math.round(performance.now() - started);
    this.logger.log(
      `rebuilt the read models from ${result.read} messages in ${result.milliseconds} ms: ${result.applied} applied, ${result.duplicates} duplicates, ${result.ignored} ignored, ${result.invalid} invalid`,
    );
    return result;
  }

  /** The message as the live consumer would apply it; undefined (and counted) when it would not. */
  private eventOf(message: JsMsg, consumer: string, result: RebuildResult): BatchedEvent | undefined {
    const subject = contractSubject(this.options.namespace, message.subject);
    if (!this.subjects.has(subject)) {
      result.ignored++;
      return undefined;
    }
    try {
      const envelope = parseEnvelope(message.json(), subject);
      return { envelope, inbox: { consumer, eventId: envelope.id, subject }, deliveryCount: 1 };
    } catch {
      result.invalid++;
      return undefined;
    }
  }
}
