import { jetstreamManager } from '@nats-io/jetstream';
import { STREAMS } from '@hub/contracts';
import { wireStreamName } from '@hub/messaging';
import { eventually, type InProcessService } from '@hub/testing';

/** PUT /v1/venues/:venueId/stations/:path (a station, `settings` or `routing-rules`); throws unless 200. */
export async function putStationConfig(
  service: InProcessService,
  venueId: string,
  token: string,
  path: string,
  body: unknown,
): Promise<void> {
  const response = await service.request('PUT', `/v1/venues/${venueId}/stations/${path}`, token, body);
  if (response.status !== 200) throw new Error(`PUT ${path}: ${JSON.stringify(response.body)}`);
}

/** Waits until the print command queue (the KOT_PRINT stream) is empty: every command was handled. */
export async function printQueueDrained(service: InProcessService): Promise<void> {
  const jsm = await jetstreamManager(service.nc);
  await eventually(
    async () =>
      (await jsm.streams.info(wireStreamName(service.environment.namespace, STREAMS.KOT_PRINT))).state
        .messages === 0
        ? true
        : undefined,
    5000,
    'the print queue to drain',
  );
}
