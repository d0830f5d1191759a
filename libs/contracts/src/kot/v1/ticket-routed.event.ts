import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Min } from 'class-validator';
import { STATION_PATTERN } from '@hub/order-model';

export const KOT_TICKET_ROUTED_V1 = 'kot.v1.ticket-routed';

export const TICKET_KINDS = ['new', 'addition', 'void'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

/** A kitchen ticket was stored for a station with its sequence number, and is being shown and printed. */
export class TicketRoutedV1 {
  @IsUUID()
  ticketId: string;

  @IsUUID()
  orderId: string;

  @Matches(STATION_PATTERN)
  station: string;

  @IsInt()
  @Min(1)
  seq: number;

  @IsIn(TICKET_KINDS)
  kind: TicketKind;

  @IsISO8601({ strict: true })
  createdAt: string;

  /** true when the station has a printer and a print job was queued (`kot.v1.ticket-printed` follows) */
  @IsOptional()
  @IsBoolean()
  printing?: boolean;
}
