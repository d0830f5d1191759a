import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import {
  createEnvelope,
  INTAKE_INTEGRATION_SAVED_V1,
  type IntakeIntegrationSavedV1,
  ORDERS_PREP_TIME_CHANGED_V1,
  ORDERS_STATUS_CHANGED_V1,
  ORDERS_STORE_CONTROLS_CHANGED_V1,
  STREAMS,
  type OrderPrepTimeChangedV1,
  type OrderStatusChangedV1,
  type StoreControlsChangedV1,
} from '@hub/contracts';
import { ActorType, OrderStatus, OrderType } from '@hub/order-model';
import { eventually, InProcessService, type TestEnvironment } from '@hub/testing';
import { wireStreamName } from '@hub/messaging';
import { SecretBox } from '@hub/secrets';
import { AppModule } from '../../src/app.module';
import { StatusSyncEnv } from '../../src/config/env.dto';

/** The key intake seals with in these tests; status-sync gets it as INTEGRATION_SECRETS_KEY. */
export const SECRETS_KEY = 'status-sync-e2e-secrets-key-of-32-chars';
const box = new SecretBox(SECRETS_KEY);

/** status-sync's durable consumer of the ORDERS stream (`<service>-<stream>-v1`). */
const ORDERS_CONSUMER = 'status-sync-orders-v1';

/**
 * status-sync in this process, opening sealed secrets with SECRETS_KEY; `env` adds variables. With an
 * `environment`, it shares that database and NATS namespace (another replica); else it gets its own.
 */
export function startStatusSync(
  env: Record<string, string>,
  environment?: TestEnvironment,
): Promise<InProcessService> {
  return InProcessService.start({
    name: 'status-sync',
    envClass: StatusSyncEnv,
    module: (appEnv) => AppModule.forRoot(appEnv),
    portVariable: 'STATUS_SYNC_PORT',
    ...(environment ? { environment } : {}),
    env: { INTEGRATION_SECRETS_KEY: SECRETS_KEY, ...env },
  });
}

/** Publishes `intake.v1.integration-saved` as intake does: the secret and credentials sealed. */
export async function saveIntegration(
  service: InProcessService,
  venueId: string,
  platform: string,
  settings: {
    storeRef: string;
    secret: string;
    apiBaseUrl: string;
    credentials?: Record<string, string>;
    mapping?: Record<string, unknown>;
  },
): Promise<string> {
  const integrationId = randomUUID();
  const payload: IntakeIntegrationSavedV1 = {
    integrationId,
    venueId,
    platform,
    storeRef: settings.storeRef,
    secretSealed: box.seal(settings.secret),
    ...(settings.credentials ? { credentialsSealed: box.seal(JSON.stringify(settings.credentials)) } : {}),
    apiBaseUrl: settings.apiBaseUrl,
    ...(settings.mapping ? { mapping: settings.mapping } : {}),
    change: 'created',
    savedAt: new Date().toISOString(),
  };
  await service.publish(
    createEnvelope(INTAKE_INTEGRATION_SAVED_V1, payload, {
      venueId,
      aggregateType: 'integration',
      aggregateId: integrationId,
      correlationId: integrationId,
    }),
  );
  return integrationId;
}

/** Waits until status-sync's replica holds `count` integrations (of `venueId`, when given). */
export async function integrationsReplicated(
  environment: TestEnvironment,
  count: number,
  venueId?: string,
): Promise<void> {
  await eventually(
    async () =>
      (venueId
        ? await environment.query('SELECT 1 FROM status_sync.integrations WHERE venue_id = $1', [venueId])
        : await environment.query('SELECT 1 FROM status_sync.integrations')
      ).length === count
        ? true
        : undefined,
    10_000,
    `${count} integration(s) in the replica`,
  );
}

export interface TestOrder {
  id: string;
  venueId: string;
  channel: string;
  externalId: string;
  correlationId: string;
  orderType: OrderType;
}

export function testOrder(venueId: string, channel: string, orderType = OrderType.DELIVERY): TestOrder {
  return {
    id: randomUUID(),
    venueId,
    channel,
    externalId: `${channel}-${randomUUID().slice(0, 8)}`,
    correlationId: randomUUID(),
    orderType,
  };
}

/** The order as the last published move left it (for the prep-time events of the same order). */
const lastOrders = new Map<string, OrderStatusChangedV1['order']>();

/** Publishes `orders.v1.prep-time-changed` as order-core would, for an order already moved with `move`. */
export async function changePrepTime(
  service: InProcessService,
  order: TestOrder,
  promisedAt: string,
  prepTimeMinutes?: number,
): Promise<string> {
  const current = lastOrders.get(order.id);
  if (!current) throw new Error(`order ${order.id} was never moved`);
  const payload: OrderPrepTimeChangedV1 = {
    orderId: order.id,
    venueId: order.venueId,
    channel: order.channel,
    externalId: order.externalId,
    promisedAt,
    ...(prepTimeMinutes ? { prepTimeMinutes } : {}),
    cause: 'staff',
    reason: 'the tandoor is behind',
    actor: { type: ActorType.STAFF, id: 'manager-1' },
    at: new Date().toISOString(),
    order: current,
  };
  const envelope = createEnvelope(ORDERS_PREP_TIME_CHANGED_V1, payload, {
    venueId: order.venueId,
    aggregateType: 'order',
    aggregateId: order.id,
    correlationId: order.correlationId,
  });
  await service.publish(envelope);
  return envelope.id;
}

/** Publishes `orders.v1.store-controls-changed` as order-core would. */
export async function changeStoreControls(
  service: InProcessService,
  controls: StoreControlsChangedV1,
): Promise<string> {
  const envelope = createEnvelope(ORDERS_STORE_CONTROLS_CHANGED_V1, controls, {
    venueId: controls.venueId,
    aggregateType: 'venue',
    aggregateId: controls.venueId,
    correlationId: randomUUID(),
  });
  await service.publish(envelope);
  return envelope.id;
}

/** Publishes `orders.v1.status-changed` for each move in turn, as order-core would (one trace, in order). */
export async function move(
  service: InProcessService,
  order: TestOrder,
  moves: Array<[OrderStatus, OrderStatus, string?]>,
): Promise<string[]> {
  const ids: string[] = [];
  for (const [from, to, reason] of moves) {
    const payload: OrderStatusChangedV1 = {
      orderId: order.id,
      from,
      to,
      actor: { type: ActorType.STAFF, id: 'manager-1' },
      ...(reason ? { reason } : {}),
      at: new Date().toISOString(),
      order: {
        id: order.id,
        venueId: order.venueId,
        channel: order.channel,
        externalId: order.externalId,
        displayNumber: '0042',
        orderType: order.orderType,
        status: to,
        placedAt: '2026-11-22T10:00:00.000Z',
        customer: { name: 'Asha', phone: '+91 98450 00000' },
        items: [
          {
            lineId: '1',
            externalCode: 'PANEER-TIKKA',
            name: 'Paneer Tikka',
            quantity: 2,
            unitPrice: 28000,
            modifiers: [],
            station: 'tandoor',
          },
        ],
        totals: {
          subtotal: 56000,
          tax: 2800,
          discount: 0,
          deliveryFee: 0,
          tip: 0,
          total: 58800,
          currency: 'INR',
        },
        source: { platform: order.channel, storeRef: 'store', rawDeliveryId: order.correlationId },
      },
    };
    lastOrders.set(order.id, payload.order);
    const envelope = createEnvelope(ORDERS_STATUS_CHANGED_V1, payload, {
      venueId: order.venueId,
      aggregateType: 'order',
      aggregateId: order.id,
      correlationId: order.correlationId,
    });
    ids.push(envelope.id);
    await service.publish(envelope);
  }
  return ids;
}

/**
 * Waits until status-sync has handled every order event published so far (its ORDERS consumer has
 * acked them all: an event that leads to nothing leaves no inbox row, so the inbox cannot tell) and
 * every callback of the order is settled (nothing due or in flight).
 */
export async function told(service: InProcessService, orderId: string): Promise<void> {
  const jsm = await jetstreamManager(service.nc);
  const stream = wireStreamName(service.environment.namespace, STREAMS.ORDERS);
  const published = (await jsm.streams.info(stream)).state.last_seq;
  await eventually(
    async () => {
      const consumer = await jsm.consumers.info(stream, ORDERS_CONSUMER);
      if (consumer.ack_floor.stream_seq < published) return undefined;
      const open = await service.environment.query(
        "SELECT 1 FROM status_sync.callbacks WHERE order_id = $1 AND state IN ('pending', 'sending', 'failed')",
        [orderId],
      );
      return open.length === 0 ? true : undefined;
    },
    10_000,
    `order ${orderId} to be told`,
  );
}

export const { ACCEPTED, IN_PREPARATION, READY, DISPATCHED, COMPLETED, REJECTED, CANCELLED, RECEIVED } =
  OrderStatus;
