import { jetstreamManager } from '@nats-io/jetstream';
import { type EventEnvelope, STREAMS } from '@hub/contracts';
import { wireStreamName, wireSubject } from '@hub/messaging';
import type { InProcessService } from '@hub/testing';

/** The last event of `subject` on the ORDERS stream of the suite's namespace, as published; undefined if none. */
export async function lastOrdersEvent<T>(
  service: InProcessService,
  subject: string,
): Promise<EventEnvelope<T> | undefined> {
  const jsm = await jetstreamManager(service.nc);
  const message = await jsm.streams
    .getMessage(wireStreamName(service.environment.namespace, STREAMS.ORDERS), {
      last_by_subj: wireSubject(service.environment.namespace, subject),
    })
    .catch(() => null);
  return message?.json<EventEnvelope<T>>();
}
