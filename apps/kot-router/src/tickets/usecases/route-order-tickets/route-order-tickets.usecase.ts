import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  causedBy,
  createEnvelope,
  EventEnvelope,
  KitchenTicketItemV1,
  KitchenTicketV1,
  KOT_TICKET_ROUTED_V1,
  OrderReleasedV1,
  OrderStatusChangedV1,
  TicketKind,
  TicketRoutedV1,
} from '@hub/contracts';
import { EventTransaction, InboxKey } from '@hub/messaging';
import { OrderStatus } from '@hub/order-model';
import { TicketsRepository } from '../../tickets.repository';
import { PrintQueue } from '../../../stations/print-queue';
import { routeLines } from '../../../stations/routing';
import { StationsRepository, VenueRouting } from '../../../stations/stations.repository';

type Order = OrderStatusChangedV1['order'];

/**
 * Which tickets an event makes: a released scheduled order or an accepted one that is not held
 * fires `new` tickets; a cancellation voids them; anything else makes none.
 */
export function ticketKindFor(payload: OrderStatusChangedV1 | OrderReleasedV1): TicketKind | undefined {
  if (!('to' in payload)) return 'new'; // orders.v1.released
  if (payload.to === OrderStatus.ACCEPTED) return payload.firesAt ? undefined : 'new'; // held until released
  if (payload.to === OrderStatus.CANCELLED) return 'void';
  return undefined;
}

/**
 * Tickets follow the order's status. Accepted: one `new` ticket per station the venue's routing rules
 * send lines to (expo stations get every line). Cancelled: a `void` ticket at every station still
 * working on it. Each takes the station's next sequence number and is stored with its ticket-routed
 * event, and a print job when the station has a printer, in one transaction; the tickets to show are
 * returned, and an order that has its tickets already gets none again.
 */
@Injectable()
export class RouteOrderTicketsUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly tickets: TicketsRepository,
    private readonly stations: StationsRepository,
    private readonly printQueue: PrintQueue,
  ) {}

  async execute(
    event: EventEnvelope<OrderStatusChangedV1 | OrderReleasedV1>,
    inbox: InboxKey,
  ): Promise<KitchenTicketV1[]> {
    const kind = ticketKindFor(event.payload);
    if (!kind) return [];
    const { order } = event.payload;
    const outcome = await this.tx.run(async ({ manager, emit }) => {
      const routing = await this.stations.routing(order.venueId, manager);
      const groups =
        kind === 'new'
          ? await this.linesToFire(manager, order, routing)
          : await this.linesToVoid(manager, order.id);
      // stations in name order, so concurrent orders take station cursors in the same order (no deadlock)
      groups.sort(([a], [b]) => a.localeCompare(b));
      const routed: KitchenTicketV1[] = [];
      for (const [station, items] of groups) {
        const ticket = await this.store(manager, event, order, station, items, kind);
        const printing = Boolean(routing.stations.get(station)?.printer);
        emit(
          createEnvelope<TicketRoutedV1>(
            KOT_TICKET_ROUTED_V1,
            {
              ticketId: ticket.ticketId,
              orderId: order.id,
              station,
              seq: ticket.seq,
              kind,
              createdAt: ticket.createdAt,
              ...(printing ? { printing } : {}),
            },
            causedBy(event, 'ticket', ticket.ticketId),
          ),
        );
        if (printing) {
          await this.printQueue.enqueue(manager, emit, {
            ticketId: ticket.ticketId,
            venueId: order.venueId,
            station,
            reprint: false,
            correlationId: event.correlationId,
            causationId: event.id,
          });
        }
        routed.push(ticket);
      }
      return routed;
    }, inbox);
    return outcome.duplicate ? [] : outcome.result;
  }

  /** Every ticketed line by station after the venue's rules, unless the order was fired already. */
  private async linesToFire(
    manager: EntityManager,
    order: Order,
    routing: VenueRouting,
  ): Promise<Array<[string, KitchenTicketItemV1[]]>> {
    return (await this.tickets.hasTickets(manager, order.id))
      ? []
      : routeLines(order, routing.rules, routing.expoStations);
  }

  /** The lines of every ticket a station is still working on. */
  private async linesToVoid(
    manager: EntityManager,
    orderId: string,
  ): Promise<Array<[string, KitchenTicketItemV1[]]>> {
    return (await this.tickets.toVoid(manager, orderId)).map((ticket) => [ticket.station, ticket.items]);
  }

  private async store(
    manager: EntityManager,
    event: EventEnvelope<OrderStatusChangedV1 | OrderReleasedV1>,
    order: Order,
    station: string,
    items: KitchenTicketItemV1[],
    kind: TicketKind,
  ): Promise<KitchenTicketV1> {
    const ticket: KitchenTicketV1 = {
      ticketId: uuidv7(),
      seq: await this.tickets.nextSeq(manager, { venueId: order.venueId, station }),
      orderId: order.id,
      displayNumber: order.displayNumber,
      channel: order.channel,
      orderType: order.orderType,
      station,
      items,
      createdAt: new Date().toISOString(),
      priority: 0,
      kind,
    };
    await this.tickets.insert(manager, order.venueId, ticket, event.correlationId);
    return ticket;
  }
}
