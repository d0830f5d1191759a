import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { Role } from '@hub/auth';
import {
  EventEnvelope,
  INTAKE_ORDER_RECEIVED_V1,
  IntakeOrderReceivedV1,
  parseEnvelope,
  STREAMS,
} from '@hub/contracts';
import { wireStreamName, wireSubject } from '@hub/messaging';
import { eventually, InProcessService } from '@hub/testing';
import { startIntake } from './support/boot';

jest.setTimeout(60_000);

const VENUE = 'venue-priority';

function body(priority?: string) {
  return {
    venueId: VENUE,
    channel: 'waiter',
    orderType: 'dine_in',
    customer: { name: 'Table 12' },
    items: [
      {
        lineId: '1',
        externalCode: 'DAL',
        name: 'Dal',
        quantity: 1,
        unitPrice: 26000,
        modifiers: [],
        station: 'curry',
      },
    ],
    totals: { subtotal: 26000, tax: 0, discount: 0, deliveryFee: 0, tip: 0, total: 26000, currency: 'INR' },
    ...(priority ? { priority } : {}),
  };
}

describe('intake: a direct order may carry its kitchen priority', () => {
  let service: InProcessService;
  let staff: string;

  const post = async (payload: unknown, key: string) => {
    const response = await fetch(`${service.url}/v1/orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${staff}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify(payload),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    service = await startIntake();
    staff = service.environment.token(Role.STAFF, [VENUE]);
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('passes priority rush on to intake.v1.order-received', async () => {
    const key = `rush-${randomUUID()}`;
    const accepted = await post(body('rush'), key);
    expect(accepted.status).toBe(202);
    const jsm = await jetstreamManager(service.nc);
    const event = await eventually(
      async () => {
        const message = await jsm.streams
          .getMessage(wireStreamName(service.environment.namespace, STREAMS.INTAKE), {
            last_by_subj: wireSubject(service.environment.namespace, INTAKE_ORDER_RECEIVED_V1),
          })
          .catch(() => null);
        const envelope = message?.json<EventEnvelope<IntakeOrderReceivedV1>>();
        return envelope?.payload.order.externalId === key
          ? parseEnvelope<IntakeOrderReceivedV1>(envelope, INTAKE_ORDER_RECEIVED_V1)
          : undefined;
      },
      5000,
      'the order-received event',
    );
    expect(event.payload.order.priority).toBe('rush');
  });

  it('answers 400 naming a priority it does not know', async () => {
    const refused = await post(body('urgent'), `bad-${randomUUID()}`);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.message)).toContain('priority must be one of normal, rush, vip');
  });
});
