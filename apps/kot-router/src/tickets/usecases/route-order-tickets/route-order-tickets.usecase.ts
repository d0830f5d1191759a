import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  causedBy,
  createEnvelope,
  EventEnvelope,
  KitchenTicketChangedV1,
  KitchenTicketItemV1,
  KitchenTicketV1,
  KOT_TICKET_BUMPED_V1,
  KOT_TICKET_ROUTED_V1,
  OrderItemsAddedV1,
  OrderItemsVoidedV1,
  OrderReleasedV1,
  OrderStatusChangedV1,
  TicketBumpedV1,
  TicketKind,
  TicketRoutedV1,
} from '@hub/contracts';
import { EventTransaction, InboxKey } from '@hub/messaging';
import { OrderStatus } from '@hub/order-model';
import { TicketsRepository } from '../../tickets.repository';
import { KitchenOrder, KitchenOrdersRepository, OrderPriorityName } from '../../kitchen-orders.repository';
import { dueAt, linePrepMinutes, ticketRank } from '../../kitchen-schedule.util';
import { PrintQueue } from '../../../stations/print-queue';
import { routeLines } from '../../../stations/routing';
import { StationsRepository, VenueRouting } from '../../../stations/stations.repository';

type Order = OrderStatusChangedV1['order'];
type Groups = Array<[string, KitchenTicketItemV1[]]>;
type OrderEvent = OrderStatusChangedV1 | OrderReleasedV1 | OrderItemsAddedV1 | OrderItemsVoidedV1;

/** What an event makes at the stations. */
type Plan = { kind: 'new' } | { kind: 'void'; wholeOrder: boolean } | { kind: 'addition' };

/** The tickets an event made, to show, and the tickets it closed (every line voided), to retire. */
export interface RoutedTickets {
  tickets: KitchenTicketV1[];
  closed: KitchenTicketChangedV1[];
}

/**
 * Which tickets an order's status makes: a released scheduled order or an accepted one that is not
 * held fires `new` tickets; a cancellation voids them; anything else makes none.
 */
export function ticketKindFor(payload: OrderStatusChangedV1 | OrderReleasedV1): TicketKind | undefined {
  if (!('to' in payload)) return 'new'; // orders.v1.released
  if (payload.to === OrderStatus.ACCEPTED) return payload.firesAt ? undefined : 'new'; // held until released
  if (payload.to === OrderStatus.CANCELLED) return 'void';
  return undefined;
}

const priorityOf = (order: Order): OrderPriorityName => order.priority ?? 'normal';

/**
 * Tickets follow the order. Accepted (or released): one `new` ticket per station the venue's routing
 * rules send lines to (expo stations get every line), and the order takes the venue's next daily
 * number. Lines added: an `addition` ticket with only those lines at each station they route to.
 * Lines voided: a `void` ticket with only those lines at each station whose open tickets hold them;
 * an open new or addition ticket left with no live line is closed at once (bumped and voided, with
 * `kot.v1.ticket-bumped` `voided: true`, so order-core counts it done). Cancelled: a `void` ticket at every station still working on it. Each ticket takes the station's
 * next sequence number and a priority (its start-by time, rush and VIP first), and is stored with its
 * ticket-routed event, and a print job when the station has a printer, in one transaction; the
 * tickets to show are returned. An order that has its tickets gets none again; lines changed before
 * an order reached the kitchen make no ticket (its `new` tickets carry them). Few statements per
 * order: the check that it has no tickets yet goes with its daily number (KitchenOrdersRepository.fire),
 * and every station's ticket with its sequence number is stored at once (TicketsRepository.insertAll).
 */
@Injectable()
export class RouteOrderTicketsUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly tickets: TicketsRepository,
    private readonly stations: StationsRepository,
    private readonly kitchenOrders: KitchenOrdersRepository,
    private readonly printQueue: PrintQueue,
  ) {}

  /** orders.v1.status-changed and orders.v1.released */
  async execute(
    event: EventEnvelope<OrderStatusChangedV1 | OrderReleasedV1>,
    inbox: InboxKey,
  ): Promise<KitchenTicketV1[]> {
    const kind = ticketKindFor(event.payload);
    if (!kind) return [];
    const plan: Plan = kind === 'new' ? { kind: 'new' } : { kind: 'void', wholeOrder: true };
    return (await this.route(event, inbox, plan)).tickets;
  }

  /** orders.v1.items-added */
  async added(event: EventEnvelope<OrderItemsAddedV1>, inbox: InboxKey): Promise<KitchenTicketV1[]> {
    return (await this.route(event, inbox, { kind: 'addition' })).tickets;
  }

  /** orders.v1.items-voided: the void tickets, and the tickets closed because nothing is left on them */
  voided(event: EventEnvelope<OrderItemsVoidedV1>, inbox: InboxKey): Promise<RoutedTickets> {
    return this.route(event, inbox, { kind: 'void', wholeOrder: false });
  }

  private async route(event: EventEnvelope<OrderEvent>, inbox: InboxKey, plan: Plan): Promise<RoutedTickets> {
    const { order } = event.payload;
    const outcome = await this.tx.run(async ({ manager, emit }): Promise<RoutedTickets> => {
      const routing = await this.stations.routing(order.venueId, manager);
      const groups = await this.groups(manager, event.payload, plan, routing);
      if (groups.length === 0) return { tickets: [], closed: [] };
      // stations in name order, so concurrent orders take station cursors in the same order (no deadlock)
      groups.sort(([a], [b]) => a.localeCompare(b));
      const now = new Date();
      const kitchenOrder =
        plan.kind === 'new'
          ? await this.numberOrder(manager, order, groups, routing, now)
          : ((await this.kitchenOrders.find(manager, order.id)) ?? {
              // an order fired before daily numbers existed
              dueAt: now,
              priority: priorityOf(order),
            });
      // an order that has its tickets gets none again
      if (!kitchenOrder) return { tickets: [], closed: [] };
      const routed = await this.tickets.insertAll(
        manager,
        order.venueId,
        groups.map(([station, items]) =>
          this.ticket(order, station, items, plan, {
            kitchenOrder,
            prepMinutes: this.ticketPrep(order, station, items, routing),
            now,
          }),
        ),
        event.correlationId,
      );
      for (const ticket of routed) {
        const { station } = ticket;
        const printing = Boolean(routing.stations.get(station)?.printer);
        emit(
          createEnvelope<TicketRoutedV1>(
            KOT_TICKET_ROUTED_V1,
            {
              ticketId: ticket.ticketId,
              orderId: order.id,
              station,
              seq: ticket.seq,
              kind: ticket.kind,
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
      }
      const closed =
        plan.kind === 'void' && !plan.wholeOrder ? await this.closeEmptied(manager, event, now, emit) : [];
      return { tickets: routed, closed };
    }, inbox);
    return outcome.duplicate ? { tickets: [], closed: [] } : outcome.result;
  }

  /**
   * After a void of lines: the order's open tickets with no live line left are closed, each announced
   * as the bump path announces a bump (`kot.v1.ticket-bumped`, with `voided: true`), so order-core
   * counts it done and the order is ready when the other stations bump theirs.
   */
  private async closeEmptied(
    manager: EntityManager,
    event: EventEnvelope<OrderEvent>,
    now: Date,
    emit: (envelope: EventEnvelope) => void,
  ): Promise<KitchenTicketChangedV1[]> {
    const { order } = event.payload;
    const by = 'actor' in event.payload ? event.payload.actor.id : 'order-core';
    const closed = await this.tickets.closeEmptied(manager, order.id, now);
    return closed.map(({ ticketId, station }) => {
      emit(
        createEnvelope<TicketBumpedV1>(
          KOT_TICKET_BUMPED_V1,
          { ticketId, orderId: order.id, station, bumpedAt: now.toISOString(), by, voided: true },
          causedBy(event, 'ticket', ticketId),
        ),
      );
      return { ticketId, orderId: order.id, station, action: 'voided', by, at: now.toISOString() };
    });
  }

  /** The lines each station gets from this event. */
  private async groups(
    manager: EntityManager,
    payload: OrderEvent,
    plan: Plan,
    routing: VenueRouting,
  ): Promise<Groups> {
    const { order } = payload;
    switch (plan.kind) {
      case 'new':
        // whether it has tickets already is asked with its daily number (numberOrder)
        return routeLines(order, routing.rules, routing.expoStations);
      case 'addition':
        // before the order reached the kitchen, its new tickets will carry the added lines
        return 'lineIds' in payload &&
          'items' in payload &&
          (await this.tickets.hasTickets(manager, order.id))
          ? routeLines({ ...order, items: payload.items }, routing.rules, routing.expoStations)
          : [];
      case 'void':
        return plan.wholeOrder
          ? this.tickets.toVoid(manager, order.id)
          : this.tickets.linesToVoid(manager, order.id, 'lineIds' in payload ? payload.lineIds : []);
    }
  }

  /**
   * The order's kitchen record, made when its tickets first fire: the venue's next daily number, and
   * its due time (its scheduled time, else now plus its slowest line); null when it has tickets
   * already.
   */
  private async numberOrder(
    manager: EntityManager,
    order: Order,
    groups: Groups,
    routing: VenueRouting,
    now: Date,
  ): Promise<KitchenOrder | null> {
    // expo assembles what the other stations make: it does not make the order slower
    const orderPrep = Math.max(
      0,
      ...groups
        .filter(([station]) => !routing.expoStations.includes(station))
        .map(([station, items]) => this.ticketPrep(order, station, items, routing)),
    );
    return this.kitchenOrders.fire(
      manager,
      {
        orderId: order.id,
        venueId: order.venueId,
        dueAt: dueAt(now, orderPrep, order.scheduledFor),
        priority: priorityOf(order),
      },
      routing.timeZone,
      now,
    );
  }

  /**
   * A ticket's preparation minutes: its slowest line at that station. An expo station without its own
   * `prepMinutes` takes none, so its ticket starts when the order is due.
   */
  private ticketPrep(
    order: Order,
    station: string,
    items: KitchenTicketItemV1[],
    routing: VenueRouting,
  ): number {
    const config = routing.stations.get(station);
    const times = {
      prepMinutes: config?.prepMinutes ?? (config?.expo ? 0 : undefined),
      items: config?.itemPrepMinutes,
    };
    return Math.max(
      0,
      ...items.map((item) => linePrepMinutes(order.items.find((l) => l.lineId === item.lineId) ?? {}, times)),
    );
  }

  /** A ticket of the event at one station; its seq is taken when it is stored (insertAll). */
  private ticket(
    order: Order,
    station: string,
    items: KitchenTicketItemV1[],
    plan: Plan,
    schedule: {
      kitchenOrder: Pick<KitchenOrder, 'dueAt' | 'priority'> & Partial<KitchenOrder>;
      prepMinutes: number;
      now: Date;
    },
  ): KitchenTicketV1 {
    const { kitchenOrder, prepMinutes, now } = schedule;
    // a void is for now; an addition is due when the order is, or as soon as its lines can be
    const due =
      plan.kind === 'void'
        ? new Date(now.getTime() + prepMinutes * 60_000)
        : plan.kind === 'addition'
          ? new Date(Math.max(kitchenOrder.dueAt.getTime(), now.getTime() + prepMinutes * 60_000))
          : kitchenOrder.dueAt;
    const orderPriority = kitchenOrder.priority;
    const rank = ticketRank(due, prepMinutes, orderPriority);
    return {
      ticketId: uuidv7(),
      seq: 0,
      orderId: order.id,
      displayNumber: order.displayNumber,
      channel: order.channel,
      orderType: order.orderType,
      station,
      items,
      createdAt: now.toISOString(),
      priority: rank.priority,
      kind: plan.kind,
      ...(kitchenOrder.dailyNumber ? { dailyNumber: kitchenOrder.dailyNumber } : {}),
      ...(orderPriority !== 'normal' ? { orderPriority } : {}),
      startBy: rank.startBy.toISOString(),
      ...(plan.kind === 'void' && plan.wholeOrder ? { voidsOrder: true } : {}),
    };
  }
}
