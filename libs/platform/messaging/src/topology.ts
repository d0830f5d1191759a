import type { JetStreamManager, StreamConfig } from '@nats-io/jetstream';
import { AckPolicy, DeliverPolicy, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { DEAD_LETTER_STREAM, STREAMS, StreamDefinition } from '@hub/contracts';

const NANOS_PER_MS = 1_000_000;

/** `orders.v1.created` on the wire, with the namespace prefix when there is one. */
export function wireSubject(namespace: string, subject: string): string {
  return namespace ? `${namespace}.${subject}` : subject;
}

/** The contract subject of a wire subject (the namespace removed). */
export function contractSubject(namespace: string, wire: string): string {
  return namespace && wire.startsWith(`${namespace}.`) ? wire.slice(namespace.length + 1) : wire;
}

export function wireStreamName(namespace: string, stream: StreamDefinition): string {
  return namespace ? `${namespace.toUpperCase()}_${stream.name}` : stream.name;
}

export function streamConfig(
  namespace: string,
  stream: StreamDefinition,
): Partial<StreamConfig> & { name: string } {
  const isDeadLetters = stream.name === DEAD_LETTER_STREAM.name;
  return {
    name: wireStreamName(namespace, stream),
    subjects: [wireSubject(namespace, `${stream.context}.>`)],
    storage: StorageType.File,
    retention: stream.workQueue ? RetentionPolicy.Workqueue : RetentionPolicy.Limits,
    // JetStream drops a republished event with the same Nats-Msg-Id inside this window.
    duplicate_window: 2 * 60 * 1000 * NANOS_PER_MS,
    // Events are kept 7 days (30 for dead letters) so read models can be rebuilt from the streams.
    max_age: (isDeadLetters ? 30 : 7) * 24 * 3600 * 1000 * NANOS_PER_MS,
  };
}

function isAlreadyExists(error: unknown): boolean {
  return error instanceof Error && /already in use|already exists/i.test(error.message);
}

/** Creates every context stream and the dead-letter stream if missing, and updates their subjects. Idempotent. */
export async function ensureStreams(jsm: JetStreamManager, namespace: string): Promise<void> {
  for (const stream of [...Object.values(STREAMS), DEAD_LETTER_STREAM]) {
    const config = streamConfig(namespace, stream);
    try {
      await jsm.streams.info(config.name);
      await jsm.streams.update(config.name, config);
    } catch (error) {
      if (!(error instanceof Error) || !/not found/i.test(error.message)) throw error;
      try {
        await jsm.streams.add(config);
      } catch (addError) {
        if (!isAlreadyExists(addError)) throw addError; // another replica created it first
      }
    }
  }
}

export interface ConsumerDeclaration {
  /** `<service>-<stream>-v1` */
  durable: string;
  stream: StreamDefinition;
  /** contract subjects this consumer handles (others on the stream are acked and skipped) */
  subjects: string[];
  ackWaitMs: number;
  maxDeliver: number;
}

/** Creates (or updates) a durable pull consumer with explicit ack. Idempotent. */
export async function ensureConsumer(
  jsm: JetStreamManager,
  namespace: string,
  declaration: ConsumerDeclaration,
): Promise<void> {
  const stream = wireStreamName(namespace, declaration.stream);
  const config = {
    durable_name: declaration.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: declaration.ackWaitMs * NANOS_PER_MS,
    max_deliver: declaration.maxDeliver,
    max_ack_pending: 1000,
    // No server-side filter: nats-server 2.9 takes one filter subject only, and an update cannot remove
    // a filter once set, so a service that starts handling a second subject would never receive it.
    // The consumer reads the whole context stream and acks the subjects it does not handle.
  };
  try {
    await jsm.consumers.info(stream, declaration.durable);
    await jsm.consumers.update(stream, declaration.durable, config);
  } catch (error) {
    if (!(error instanceof Error) || !/not found/i.test(error.message)) throw error;
    try {
      await jsm.consumers.add(stream, config);
    } catch (addError) {
      if (!isAlreadyExists(addError)) throw addError;
    }
  }
}

/** Deletes every stream of a namespace: test clean-up. Refuses the empty (production) namespace. */
export async function deleteNamespaceStreams(jsm: JetStreamManager, namespace: string): Promise<void> {
  if (!namespace) throw new Error('refusing to delete the production streams');
  for (const stream of [...Object.values(STREAMS), DEAD_LETTER_STREAM]) {
    await jsm.streams.delete(wireStreamName(namespace, stream)).catch(() => false);
  }
}
