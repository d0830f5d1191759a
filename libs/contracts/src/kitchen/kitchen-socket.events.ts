import { IsInt, IsUUID, Min } from 'class-validator';
import type { TicketKind } from '../kot/v1/ticket-routed.event';

/** socket.io namespace of the kitchen stations */
export const KITCHEN_NAMESPACE = '/kitchen';

export interface KitchenTicketItemV1 {
  name: string;
  quantity: number;
  modifiers: Array<{ name: string; quantity: number }>;
  notes?: string;
}

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
  priority: number;
  kind: TicketKind;
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

export interface SocketAck {
  ok: boolean;
  error?: string;
}

/** Server → client events. */
export interface KitchenServerEvents {
  ticket: (ticket: KitchenTicketV1, ack: (res: SocketAck) => void) => void;
  /** sent once after the connection is joined to its room */
  joined: (info: { venueId: string; station: string; lastSeq: number }) => void;
}

/** Client → server events; every one is checked against the token's venue. */
export interface KitchenClientEvents {
  'ticket:ack': (body: TicketRefDto, ack?: (res: SocketAck) => void) => void;
  'ticket:bump': (body: TicketRefDto, ack?: (res: SocketAck) => void) => void;
  'ticket:recall': (body: TicketRefDto, ack?: (res: SocketAck) => void) => void;
  sync: (body: SyncRequestDto, ack?: (res: SocketAck & { tickets?: KitchenTicketV1[] }) => void) => void;
}

/** The room of one venue's station: a socket joins exactly one. */
export function stationRoom(venueId: string, station: string): string {
  return `venue:${venueId}:station:${station}`;
}
