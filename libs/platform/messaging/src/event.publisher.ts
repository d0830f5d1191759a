import { Inject, Injectable } from '@nestjs/common';
import { headers as natsHeaders, NatsConnection } from '@nats-io/transport-node';
import { jetstream, JetStreamClient, PubAck } from '@nats-io/jetstream';
import type { EventEnvelope } from '@hub/contracts';
import { MESSAGING_OPTIONS } from './constants/messaging-options.constant';
import { NATS_CONNECTION } from './constants/nats-connection.constant';
import type { MessagingOptions } from './messaging.options';
import { wireSubject } from './topology';

/**
 * Publishes envelopes to JetStream with `Nats-Msg-Id` = envelope id, plus Venue-Id and
 * Correlation-Id headers. Services publish through the outbox; this is the last step of it.
 */
@Injectable()
export class EventPublisher {
  private readonly js: JetStreamClient;

  constructor(
    @Inject(NATS_CONNECTION) nc: NatsConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    this.js = jetstream(nc);
  }

  async publish(envelope: EventEnvelope, timeoutMs = 5000): Promise<PubAck> {
    return this.publishRaw(envelope.type, JSON.stringify(envelope), envelope, timeoutMs);
  }

  async publishRaw(
    subject: string,
    data: string | Uint8Array,
    envelope: Pick<EventEnvelope, 'id' | 'venueId' | 'correlationId'>,
    timeoutMs = 5000,
    extraHeaders: Record<string, string> = {},
  ): Promise<PubAck> {
    const h = natsHeaders();
    h.set('Venue-Id', envelope.venueId);
    h.set('Correlation-Id', envelope.correlationId);
    for (const [key, value] of Object.entries(extraHeaders)) h.set(key, value);
    return this.js.publish(wireSubject(this.options.namespace, subject), data, {
      msgID: envelope.id,
      headers: h,
      timeout: timeoutMs,
    });
  }
}
