import { jetstreamManager } from '@nats-io/jetstream';
import { type EventEnvelope, STREAMS } from '@hub/contracts';
import { wireStreamName, wireSubject } from '@hub/messaging';
import type { InProcessService } from '@hub/testing';

/** Every event of `subject` on the INTAKE stream of the service's namespace, oldest first. */
export async function intakeEvents<T>(
  service: InProcessService,
  subject: string,
): Promise<Array<EventEnvelope<T>>> {
  const jsm = await jetstreamManager(service.nc);
  const stream = wireStreamName(service.environment.namespace, STREAMS.INTAKE);
  const { state } = await jsm.streams.info(stream);
  const found: Array<EventEnvelope<T>> = [];
  for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
    const message = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
    if (message?.subject !== wireSubject(service.environment.namespace, subject)) continue;
    found.push(message.json<EventEnvelope<T>>());
  }
  return found;
}
