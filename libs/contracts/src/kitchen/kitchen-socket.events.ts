import { IsInt, IsUUID, Min } from 'class-validator';
import type { TicketKind } from '../kot/v1/ticket-routed.event';

/** socket.io namespace of the kitchen stations */
export const KITCHEN_NAMESPACE = '/kitchen';

export interface KitchenTicketItemV1 {
  /** the order line it comes from (tickets stored before line changes existed have none) */
  lineId?: string;
  name: string;
  quantity: number;
  modifiers: Array<{ name: string; quantity: number }>;
  notes?: string;
}

/** An order's kitchen priority as tickets show it; absent means normal. */
export type KitchenOrderPriority = 'rush' | 'vip';

/** A Kitchen Order Ticket as a station screen receives it (server → client `ticket`). */
export interface KitchenTicketV1 {
  ticketId: string;
  /** per venue and station, gap-free, starting at 1 */
  seq: number;
  orderId: string;
  displayNumber: string;
  channel: string;
  orderType: string;
  station: string;
  items: KitchenTicketItemV1[];
  createdAt: string;
  /**
   * The station's order of work: a smaller number is started first. It is the minute (Unix epoch
   * minutes) by which the ticket must be started — the order's due time minus this ticket's
   * preparation time — less a head start of a day for a rush order and two for a VIP one, so those
   * go before every normal ticket. (0 on tickets stored before priorities existed.)
   */
  priority: number;
  kind: TicketKind;
  /** the venue's short daily number of the order (restarts at 1 at the venue's local midnight) */
  dailyNumber?: number;
  /** rush or VIP order; absent means normal */
  orderPriority?: KitchenOrderPriority;
  /** when the station must start this ticket (ISO 8601 UTC): the due time minus its preparation time */
  startBy?: string;
  /** on a `void` ticket: the whole order was cancelled (not just the lines on it) */
  voidsOrder?: boolean;
  /** on a replayed ticket (`sync`): when a cook took it on */
  ackedAt?: string;
  /** on a replayed ticket (`sync`): when it was bumped; a screen shows it no more */
  bumpedAt?: string;
}

export class TicketRefDto {
  @IsUUID()
  ticketId: string;
}

export class SyncRequestDto {
  @IsInt()
  @Min(0)
  afterSeq: number;
}

/**
 * What happened to a ticket: a screen started, bumped or recalled it, or (`voided`) every line on it
 * was voided, so kot-router closed it and no cook needs to bump it.
 */
export const TICKET_ACTIONS = ['started', 'bumped', 'recalled', 'voided'] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

/**
 * Server → client `ticket:changed`: a screen of the station started, bumped or recalled a ticket;
 * every other screen of the station applies it at once (the one that acted knows already). `voided`
 * goes to every screen of the station: line voids left the ticket nothing to make, so it is closed
 * (retire it as if bumped). A screen that missed it gets the ticket's state (`ackedAt`, `bumpedAt`)
 * on `sync`.
 */
export interface KitchenTicketChangedV1 {
  ticketId: string;
  orderId: string;
  station: string;
  action: TicketAction;
  /** the token subject that acted (on `voided`: who voided the lines) */
  by: string;
  at: string;
  /** on `recalled`: the ticket again, to put back on the board */
  ticket?: KitchenTicketV1;
}

/** Where a ticket stands, as the `sync` answer reports it for the station's recent tickets. */
export interface KitchenTicketStateV1 {
  ticketId: string;
  /** a cook started it */
  ackedAt?: string;
  /** it was bumped; absent: it is open (again, after a recall) */
  bumpedAt?: string;
}

/** The answer to `sync`. */
export interface KitchenSyncAck extends SocketAck {
  /** how many tickets were replayed (as `ticket` events, before this answer) */
  replayed?: number;
  /**
   * The state of the station's recent tickets (the last 12 hours, up to 500), so a screen that missed
   * a `ticket:changed` while offline applies starts, bumps and recalls made on other screens.
   */
  states?: KitchenTicketStateV1[];
}

export interface SocketAck {
  ok: boolean;
  error?: string;
}

/** Server → client events. */
export interface KitchenServerEvents {
  ticket: (ticket: KitchenTicketV1, ack: (res: SocketAck) => void) => void;
  /** another screen of the station started, bumped or recalled a ticket */
  'ticket:changed': (change: KitchenTicketChangedV1) => void;
  /** sent once after the connection is joined to its room */
  joined: (info: { venueId: string; station: string; lastSeq: number }) => void;
}

/**
 * Client → server events; every one is checked against the token's venue. `sync` replays the
 * missed tickets (seq > afterSeq, a page at a time) in the station's order of work: priority, then seq.
 */
export interface KitchenClientEvents {
  'ticket:ack': (body: TicketRefDto, ack?: (res: SocketAck) => void) => void;
  'ticket:bump': (body: TicketRefDto, ack?: (res: SocketAck) => void) => void;
  'ticket:recall': (body: TicketRefDto, ack?: (res: SocketAck) => void) => void;
  sync: (body: SyncRequestDto, ack?: (res: KitchenSyncAck) => void) => void;
}

/** The room of one venue's station: a socket joins exactly one. */
export function stationRoom(venueId: string, station: string): string {
  return `venue:${venueId}:station:${station}`;
}
