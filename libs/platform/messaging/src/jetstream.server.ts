import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { jetstream, jetstreamManager, JsMsg, ConsumerMessages } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { lastValueFrom } from 'rxjs';
import {
  EventEnvelope,
  DEAD_LETTER_STREAM,
  InvalidEventError,
  parseEnvelope,
  streamOfSubject,
  StreamDefinition,
} from '@hub/contracts';
import { withLogContext } from '@hub/logging';
import { BatchedEvent, BatchOptions, batchOptionsOf, EventBatcher } from './event-batch';
import { PermanentEventError } from './event-handling.errors';
import { EventPublisher } from './event.publisher';
import { JetStreamContext } from './jetstream.context';
import { eventHandleSeconds, eventsHandled } from './messaging.metrics';
import { DEFAULT_MAX_DELIVER, MessagingOptions } from './messaging.options';
import {
  contractSubject,
  ConsumerDeclaration,
  ensureConsumer,
  ensureStreams,
  wireStreamName,
} from './topology';

const RETRY_BASE_MS = 250;
const RETRY_MAX_MS = 30_000;

/** Exponential backoff with full jitter for the n-th failed delivery (1-based). */
export function retryDelayMs(deliveryCount: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, deliveryCount - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * A NestJS transport for JetStream: every `@EventPattern('<subject>')` of the service becomes part
 * of a durable pull consumer on the subject's stream (`<service>-<stream>-v1`), declared as code
 * and created idempotently at start. Messages are acked explicitly after the handler's transaction
 * commits; a handler that fails is retried with backoff, and after `maxDeliver` attempts (or at once,
 * for bad data) the message goes to the dead letters (`dlq.<consumer>.<subject>`) with the reason.
 *
 * Handlers run concurrently up to `concurrency`, but events with the same correlation id (one
 * order's trace) run one after another, in stream order. A consumer whose handler is marked with
 * `batchOf()` instead gets its events in batches, one batch at a time, in stream order.
 */
export class JetStreamServer extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(JetStreamServer.name);
  private readonly subscriptions: ConsumerMessages[] = [];
  private readonly chains = new Map<string, Promise<void>>();
  private readonly inflight = new Set<Promise<void>>();
  private readonly batchers: Array<EventBatcher<PulledEvent>> = [];
  private closing = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly publisher: EventPublisher,
    private readonly options: MessagingOptions,
  ) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const jsm = await jetstreamManager(this.nc);
      await ensureStreams(jsm, this.options.namespace);
      for (const declaration of this.declarations()) {
        await ensureConsumer(jsm, this.options.namespace, declaration);
        await this.startConsumer(declaration);
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** One consumer per stream the service's handlers read from. */
  declarations(): ConsumerDeclaration[] {
    const byStream = new Map<string, { stream: StreamDefinition; subjects: string[] }>();
    for (const subject of this.getHandlers().keys()) {
      const stream = streamOfSubject(subject);
      const entry = byStream.get(stream.name) ?? { stream, subjects: [] };
      entry.subjects.push(subject);
      byStream.set(stream.name, entry);
    }
    return [...byStream.values()].map(({ stream, subjects }) => ({
      durable: `${this.options.service}-${stream.name.toLowerCase()}-v1`,
      stream,
      subjects,
      ackWaitMs: this.options.ackWaitMs,
      maxDeliver: this.options.maxDeliver ?? DEFAULT_MAX_DELIVER,
    }));
  }

  private async startConsumer(declaration: ConsumerDeclaration): Promise<void> {
    const batch = this.batchOptions(declaration);
    const js = jetstream(this.nc);
    const consumer = await js.consumers.get(
      wireStreamName(this.options.namespace, declaration.stream),
      declaration.durable,
    );
    const pull = Math.max(64, this.options.concurrency * 4, batch?.maxEvents ?? 0);
    const messages = await consumer.consume({ max_messages: pull });
    this.subscriptions.push(messages);
    const batcher =
      batch && new EventBatcher<PulledEvent>(batch, (events) => this.handleBatch(declaration, events));
    if (batcher) this.batchers.push(batcher);
    void (async () => {
      for await (const message of messages) {
        if (batcher) {
          const event = this.receive(declaration, message);
          // a message acked or dead-lettered here is still tracked, so close() waits for it
          if (event instanceof Promise) this.track(event);
          else await batcher.add(event);
          continue;
        }
        while (this.inflight.size >= this.options.concurrency) {
          await Promise.race(this.inflight);
        }
        this.track(this.schedule(declaration, message));
      }
    })().catch((error: Error) =>
      this.logger.error(`consumer ${declaration.durable} stopped: ${error.message}`),
    );
  }

  private track(task: Promise<void>): void {
    this.inflight.add(task);
    void task.finally(() => this.inflight.delete(task));
  }

  /**
   * The batch options of a consumer whose subjects all go to one `batchOf()` handler; undefined for a
   * consumer of single-event handlers. A consumer that mixes them, or splits its subjects over several
   * batch handlers (whose batches would lose stream order between them), does not start.
   */
  private batchOptions(declaration: ConsumerDeclaration): BatchOptions | undefined {
    const extras = new Set(declaration.subjects.map((subject) => this.getHandlerByPattern(subject)?.extras));
    const batched = [...extras].filter((e) => batchOptionsOf(e));
    if (batched.length === 0) return undefined;
    if (extras.size > 1)
      throw new Error(
        `consumer ${declaration.durable}: every subject of a batched consumer must go to one batchOf() handler (${declaration.subjects.join(', ')})`,
      );
    return batchOptionsOf(batched[0]);
  }

  /**
   * The message parsed for its handler; or, for a subject this service does not handle (another of
   * the stream's) or a message that is not a valid event, the promise of it acked or dead-lettered.
   */
  private receive(declaration: ConsumerDeclaration, message: JsMsg): PulledEvent | Promise<void> {
    const subject = contractSubject(this.options.namespace, message.subject);
    const handler = this.getHandlerByPattern(subject);
    if (!handler) {
      message.ack();
      return Promise.resolve();
    }
    try {
      const envelope = parseEnvelope(message.json(), subject);
      const timer = eventHandleSeconds.startTimer({ consumer: declaration.durable, subject });
      return { message, subject, envelope, handler, timer };
    } catch (error) {
      const reason =
        error instanceof InvalidEventError ? error.message : `not JSON: ${(error as Error).message}`;
      return this.deadLetter(declaration, message, subject, reason);
    }
  }

  /**
   * Hands a batch to its handler and acks every event once it returns. If the batch fails, each of its
   * events is tried alone, so the retry and dead-letter rules apply to the one that fails and the
   * others are applied (the inbox skips any the batch had applied).
   */
  private async handleBatch(declaration: ConsumerDeclaration, events: PulledEvent[]): Promise<void> {
    const batch: BatchedEvent[] = events.map(({ envelope, subject, message }) => ({
      envelope,
      inbox: { consumer: declaration.durable, eventId: envelope.id, subject },
      deliveryCount: message.info.deliveryCount,
    }));
    const first = events[0];
    try {
      await withLogContext(
        {
          correlationId: events.length === 1 ? first.envelope.correlationId : 'batch',
          venueId: events.length === 1 ? first.envelope.venueId : undefined,
          eventId: first.envelope.id,
          subject: first.subject,
          batch: events.length,
        },
        async () => {
          const result = await first.handler(batch); // the events carry their own delivery details
          if (result !== undefined)
            await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
        },
      );
      if (events.some((e) => e.subject === this.options.faultKillBeforeAck)) {
        process.kill(process.pid, 'SIGKILL'); // resilience tests: die after commit, before ack
      }
      for (const { message, subject, timer } of events) {
        message.ack();
        eventsHandled.inc({ consumer: declaration.durable, subject, outcome: 'applied' });
        timer();
      }
    } catch (error) {
      if (events.length > 1) {
        this.logger.warn(
          `a batch of ${events.length} events failed (${(error as Error).message}); trying them one by one`,
        );
        for (const event of events) await this.handleBatch(declaration, [event]);
        return;
      }
      await this.onFailure(declaration, first.message, first.subject, first.envelope, error as Error);
    }
  }

  /** Runs the message after any earlier one of the same correlation id. */
  private schedule(declaration: ConsumerDeclaration, message: JsMsg): Promise<void> {
    const event = this.receive(declaration, message);
    if (event instanceof Promise) return event;
    const key = event.envelope.correlationId;
    const previous = this.chains.get(key) ?? Promise.resolve();
    const run = previous.then(() => this.handle(declaration, event));
    this.chains.set(key, run);
    void run.finally(() => {
      if (this.chains.get(key) === run) this.chains.delete(key);
    });
    return run;
  }

  private async handle(
    declaration: ConsumerDeclaration,
    { message, subject, envelope, handler, timer }: PulledEvent,
  ): Promise<void> {
    const context = new JetStreamContext([
      {
        subject,
        consumer: declaration.durable,
        eventId: envelope.id,
        deliveryCount: message.info.deliveryCount,
        maxDeliveries: declaration.maxDeliver,
      },
    ]);
    try {
      await withLogContext(
        { correlationId: envelope.correlationId, venueId: envelope.venueId, eventId: envelope.id, subject },
        async () => {
          const result = await handler(envelope, context);
          if (result !== undefined)
            await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
          this.logger.debug(`applied ${subject} ${envelope.id} (delivery ${context.deliveryCount})`);
        },
      );
      if (this.options.faultKillBeforeAck === subject) {
        process.kill(process.pid, 'SIGKILL'); // resilience tests: die after commit, before ack
      }
      message.ack();
      eventsHandled.inc({ consumer: declaration.durable, subject, outcome: 'applied' });
      timer();
    } catch (error) {
      await this.onFailure(declaration, message, subject, envelope, error as Error);
    }
  }

  private async onFailure(
    declaration: ConsumerDeclaration,
    message: JsMsg,
    subject: string,
    envelope: EventEnvelope,
    error: Error,
  ): Promise<void> {
    const attempts = message.info.deliveryCount;
    const context = {
      correlationId: envelope.correlationId,
      venueId: envelope.venueId,
      eventId: envelope.id,
      subject,
    };
    if (error instanceof PermanentEventError || error instanceof InvalidEventError) {
      await this.deadLetter(declaration, message, subject, error.message);
      return;
    }
    if (attempts >= declaration.maxDeliver) {
      await this.deadLetter(
        declaration,
        message,
        subject,
        `gave up after ${attempts} attempts: ${error.message}`,
      );
      return;
    }
    const delay = retryDelayMs(attempts);
    withLogContext(context, () =>
      this.logger.warn(
        `handler failed (attempt ${attempts}/${declaration.maxDeliver}), retrying in ${delay} ms: ${error.message}`,
      ),
    );
    eventsHandled.inc({ consumer: declaration.durable, subject, outcome: 'retried' });
    message.nak(delay);
  }

  /** Publishes the message to `dlq.<consumer>.<subject>` with the reason, then terminates it. */
  private async deadLetter(
    declaration: ConsumerDeclaration,
    message: JsMsg,
    subject: string,
    reason: string,
  ): Promise<void> {
    try {
      const id = message.headers?.get('Nats-Msg-Id') || `${declaration.durable}:${message.seq}`;
      await this.publisher.publishRaw(
        `${DEAD_LETTER_STREAM.context}.${declaration.durable}.${subject}`,
        message.data,
        {
          id: `dlq:${declaration.durable}:${id}`,
          venueId: message.headers?.get('Venue-Id') ?? '',
          correlationId: message.headers?.get('Correlation-Id') ?? '',
        },
        5000,
        {
          'Hub-Dead-Reason': reason.slice(0, 1000).replace(/[\r\n]+/g, ' '),
          'Hub-Original-Subject': subject,
          'Hub-Consumer': declaration.durable,
          'Hub-Deliveries': String(message.info.deliveryCount),
        },
      );
      this.logger.error(`dead-lettered ${subject} from ${declaration.durable}: ${reason}`);
      eventsHandled.inc({ consumer: declaration.durable, subject, outcome: 'dead_lettered' });
      message.term(reason.slice(0, 200));
    } catch (error) {
      // could not even dead-letter: leave it for redelivery rather than lose it
      this.logger.error(`could not dead-letter ${subject}: ${(error as Error).message}`);
      message.nak(retryDelayMs(message.info.deliveryCount));
    }
  }

  /** Stops pulling, lets handlers in flight finish and ack, then returns. The connection is drained by its owner. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    for (const subscription of this.subscriptions) {
      subscription.stop();
    }
    await Promise.allSettled([...this.inflight, ...this.batchers.map((b) => b.idle())]);
  }

  on(): never {
    throw new Error('JetStreamServer does not emit events');
  }

  unwrap<T>(): T {
    return this.nc as T;
  }
}

/** A message parsed for its handler, waiting for its turn (its order's earlier events, or its batch). */
interface PulledEvent {
  message: JsMsg;
  subject: string;
  envelope: EventEnvelope;
  handler: MessageHandler;
  timer: () => void;
}
