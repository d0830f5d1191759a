import { IsBoolean, IsISO8601, IsNotEmpty, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { STATION_PATTERN, VENUE_ID_PATTERN } from '@hub/order-model';

export const KOT_TICKET_PRINTED_V1 = 'kot.v1.ticket-printed';

/**
 * A print job was written to a printer (the station's, or its backup): emitted once per job, in the
 * same transaction that marks the job printed. order-core records the hop on the order's timeline.
 * Aggregate: `print-job`, id = `jobId`; the envelope's correlation id is the order's.
 */
export class TicketPrintedV1 {
  @IsUUID() ticketId: string;
  @IsUUID() orderId: string;
  @Matches(VENUE_ID_PATTERN) venueId: string;
  @Matches(STATION_PATTERN) station: string;
  /** the printer that took the job, as `host:port` */
  @IsString() @IsNotEmpty() @MaxLength(255) printerId: string;
  @IsUUID() jobId: string;
  @IsISO8601({ strict: true }) printedAt: string;
  /** true for a reprint asked for by staff */
  @IsBoolean() reprint: boolean;
}
