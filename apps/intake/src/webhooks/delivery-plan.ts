import type { WebhookOutcome } from '@hub/aggregators';
import type { EventEnvelope, IntakeOrderReceivedV1 } from '@hub/contracts';
import type { Integration } from '../integrations/integrations.repository';
import type { DeliveryState } from '../orders/deliveries.repository';
import { orderReceivedEvents, statusReceivedEvents } from './delivery-events';

/** One delivery row to store, with the events it causes when it is new. */
export interface PlannedDelivery {
  integration: Integration;
  dedupeKey: string;
  kind: 'order' | 'status';
  state: DeliveryState;
  events: (deliveryId: string) => EventEnvelope[];
  /** the platform order ids it brings: claimed first, so an order a poll already brought is a duplicate */
  orderIds?: string[];
}

/**
 * The deliveries a parsed webhook becomes (none when ignored; one per order of a batch push), for
 * the webhook path and for a retry of a delivery that needed attention alike.
 */
export function planDeliveries(integration: Integration, outcome: WebhookOutcome): PlannedDelivery[] {
  const { venueId, platform } = integration;
  switch (outcome.kind) {
    case 'ignored':
      return [];
    case 'orders':
      return [
        {
          integration,
          dedupeKey: outcome.dedupeKey,
          kind: 'order',
          state: 'stored',
          events: (id) => orderReceivedEvents(outcome.orders, venueId, id),
          orderIds: outcome.orders.map((order) => order.externalId),
        },
      ];
    case 'status':
      return [
        {
          integration,
          dedupeKey: outcome.dedupeKey,
          kind: 'status',
          state: 'stored',
          events: (id) => statusReceivedEvents(outcome.updates, platform, venueId, id),
        },
      ];
    case 'fetch':
      return [
        {
          integration,
          dedupeKey: outcome.dedupeKey,
          kind: 'order',
          state: 'awaiting_fetch',
          events: () => [],
        },
      ];
    case 'batch':
      return outcome.entries.map((entry) =>
        'order' in entry
          ? {
              integration,
              dedupeKey: entry.dedupeKey,
              kind: 'order' as const,
              state: 'stored' as const,
              events: (id: string) => orderReceivedEvents([entry.order], venueId, id),
              orderIds: [entry.order.externalId],
            }
          : {
              integration,
              dedupeKey: entry.dedupeKey,
              kind: 'status' as const,
              state: 'stored' as const,
              events: (id: string) => statusReceivedEvents([entry.update], platform, venueId, id),
            },
      );
  }
}

/** The events of a planned delivery that are new: an order claimed before (`fresh` lacks it) is not announced again. */
export function freshEvents(
  delivery: PlannedDelivery,
  deliveryId: string,
  fresh: ReadonlySet<string> | undefined,
): EventEnvelope[] {
  return delivery
    .events(deliveryId)
    .filter((event) => !fresh || fresh.has((event.payload as IntakeOrderReceivedV1).order.externalId));
}
