import {
  EventEnvelope,
  KOT_TICKET_ACKNOWLEDGED_V1,
  KOT_TICKET_BUMPED_V1,
  KOT_TICKET_ROUTED_V1,
  ORDERS_CREATED_V1,
  ORDERS_ITEMS_ADDED_V1,
  ORDERS_ITEMS_VOIDED_V1,
  ORDERS_PAYMENT_CHANGED_V1,
  ORDERS_STATUS_CHANGED_V1,
  OrderCreatedV1,
  OrderItemsAddedV1,
  OrderItemsVoidedV1,
  OrderPaymentChangedV1,
  OrderStatusChangedV1,
  TicketAcknowledgedV1,
  TicketBumpedV1,
  TicketRoutedV1,
} from '@hub/contracts';
import type { FactChange } from '../read-model/fact-writer.service';
import {
  withKitchenStarted,
  withLinesVoided,
  withOrder,
  withPayment,
  withStatus,
  withTicketRouted,
} from '../read-model/order-fact';
import type { TicketFact } from '../read-model/ticket-fact';

const earliest = (a: Date | null, b: Date) => (a && a.getTime() <= b.getTime() ? a : b);

/**
 * What each event the read models take does to them. Events act on the venue named in their
 * envelope. `orders.v1.priority-changed` is not taken: no report uses an order's priority.
 */
const CHANGES: Readonly<Record<string, (event: EventEnvelope<never>) => FactChange>> = {
  [ORDERS_CREATED_V1]: ({ venueId, payload }: EventEnvelope<OrderCreatedV1>) => ({
    venueId,
    orderId: payload.order.id,
    order: (fact) => withOrder(fact, payload.order),
  }),
  [ORDERS_STATUS_CHANGED_V1]: ({ venueId, payload }: EventEnvelope<OrderStatusChangedV1>) => ({
    venueId,
    orderId: payload.orderId,
    order: (fact) => withStatus(withOrder(fact, payload.order), payload.to, new Date(payload.at)),
  }),
  /** lines added: the order's lines, items and total as it now stands (its revenue once completed) */
  [ORDERS_ITEMS_ADDED_V1]: ({ venueId, payload }: EventEnvelope<OrderItemsAddedV1>) => ({
    venueId,
    orderId: payload.orderId,
    order: (fact) => withOrder(fact, payload.order),
  }),
  /** lines voided: the order as it now stands, and the voided lines counted with their value */
  [ORDERS_ITEMS_VOIDED_V1]: ({ venueId, payload }: EventEnvelope<OrderItemsVoidedV1>) => ({
    venueId,
    orderId: payload.orderId,
    order: (fact) => withLinesVoided(withOrder(fact, payload.order), payload.items),
  }),
  [ORDERS_PAYMENT_CHANGED_V1]: ({ venueId, payload }: EventEnvelope<OrderPaymentChangedV1>) => ({
    venueId,
    orderId: payload.orderId,
    order: (fact) => withPayment(fact, payload.position, new Date(payload.entry.at)),
  }),
  /** a ticket routed: the ticket's fact and its station's hour, and the order's tickets and voids */
  [KOT_TICKET_ROUTED_V1]: ({ venueId, payload }: EventEnvelope<TicketRoutedV1>) => ({
    venueId,
    orderId: payload.orderId,
    order: (fact) => withTicketRouted(fact, payload.kind),
    ticket: ticketChange(payload, (ticket) => ({
      ...ticket,
      kind: payload.kind,
      seq: payload.seq,
      routedAt: earliest(ticket.routedAt, new Date(payload.createdAt)),
    })),
  }),
  /** a station took the ticket on: the order's kitchen start is its first */
  [KOT_TICKET_ACKNOWLEDGED_V1]: ({ venueId, payload }: EventEnvelope<TicketAcknowledgedV1>) => {
    const at = new Date(payload.acknowledgedAt);
    return {
      venueId,
      orderId: payload.orderId,
      order: (fact) => withKitchenStarted(fact, at),
      ticket: ticketChange(payload, (ticket) => ({
        ...ticket,
        acknowledgedAt: earliest(ticket.acknowledgedAt, at),
      })),
    };
  },
  /**
   * A cook bumped the ticket. One closed by kot-router because every line on it was voided
   * (`voided: true`) was never made: it is not counted as bumped, so it adds no ticket time.
   */
  [KOT_TICKET_BUMPED_V1]: ({ venueId, payload }: EventEnvelope<TicketBumpedV1>) => {
    const at = new Date(payload.bumpedAt);
    const made = payload.voided !== true;
    return {
      venueId,
      orderId: payload.orderId,
      ticket: ticketChange(payload, (ticket) =>
        made ? { ...ticket, bumpedAt: earliest(ticket.bumpedAt, at) } : ticket,
      ),
    };
  },
};

/** The subjects the read models are built from. */
export const PROJECTED_SUBJECTS = Object.keys(CHANGES);

export function factChangeOf(event: EventEnvelope): FactChange {
  const change = CHANGES[event.type];
  if (!change) throw new Error(`reporting does not project ${event.type}`);
  return change(event as EventEnvelope<never>);
}

function ticketChange(
  ref: { ticketId: string; station: string },
  change: (fact: TicketFact) => TicketFact,
): FactChange['ticket'] {
  return { ticketId: ref.ticketId, station: ref.station, change };
}
