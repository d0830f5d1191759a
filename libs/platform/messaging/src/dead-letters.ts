import { jetstream, jetstreamManager, JetStreamManager, StoredMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { DEAD_LETTER_STREAM } from '@hub/contracts';
import { wireStreamName, wireSubject } from './topology';

export interface DeadLetter {
  /** sequence in the DLQ stream: the handle to re-drive or discard it */
  seq: number;
  consumer: string;
  subject: string;
  reason: string;
  deliveries: number;
  deadAt: string;
  /** the original message, as the consumer received it */
  data: string;
}

function toDeadLetter(message: StoredMsg): DeadLetter {
  return {
    seq: message.seq,
    consumer: message.header?.get('Hub-Consumer') ?? '',
    subject: message.header?.get('Hub-Original-Subject') ?? '',
    reason: message.header?.get('Hub-Dead-Reason') ?? '',
    deliveries: Number(message.header?.get('Hub-Deliveries') ?? 0),
    deadAt: message.time.toISOString(),
    data: message.string(),
  };
}

/**
 * The dead letters: messages a consumer gave up on, with the reason. Listing them shows what failed;
 * re-driving one publishes it again on its original subject (under a new Nats-Msg-Id, so the
 * stream's duplicate window does not drop it) and removes it from the dead letters. Consumers that
 * had already applied the event skip it through their inbox.
 */
export class DeadLetters {
  private constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly namespace: string,
  ) {}

  static async open(nc: NatsConnection, namespace: string): Promise<DeadLetters> {
    return new DeadLetters(nc, await jetstreamManager(nc), namespace);
  }

  private get stream(): string {
    return wireStreamName(this.namespace, DEAD_LETTER_STREAM);
  }

  /** Dead letters, oldest first, optionally of one consumer. Reads the stream message by message. */
  async list(filter: { consumer?: string; limit?: number } = {}): Promise<DeadLetter[]> {
    const prefix = wireSubject(this.namespace, filter.consumer ? `dlq.${filter.consumer}.` : 'dlq.');
    const { state } = await this.jsm.streams.info(this.stream);
    const found: DeadLetter[] = [];
    for (
      let seq = state.first_seq;
      state.messages > 0 && seq <= state.last_seq && found.length < (filter.limit ?? 100);
      seq++
    ) {
      const message = await this.jsm.streams.getMessage(this.stream, { seq }).catch(() => null); // deleted: re-driven or discarded
      if (message?.subject.startsWith(prefix)) found.push(toDeadLetter(message));
    }
    return found;
  }

  async redrive(seq: number): Promise<DeadLetter> {
    const message = await this.jsm.streams.getMessage(this.stream, { seq });
    if (!message) throw new Error(`no dead letter with sequence ${seq}`);
    const letter = toDeadLetter(message);
    if (!letter.subject) throw new Error(`dead letter ${seq} does not name its original subject`);
    await jetstream(this.nc).publish(wireSubject(this.namespace, letter.subject), message.data, {
      msgID: `redrive:${seq}`,
    });
    await this.jsm.streams.deleteMessage(this.stream, seq);
    return letter;
  }
}
