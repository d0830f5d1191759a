import { IsISO8601, IsNotEmpty, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { STATION_PATTERN } from '@hub/order-model';

export const KOT_TICKET_BUMPED_V1 = 'kot.v1.ticket-bumped';

/** A station finished a ticket (bumped it off the screen). order-core marks the order ready when all are. */
export class TicketBumpedV1 {
  @IsUUID()
  ticketId: string;

  @IsUUID()
  orderId: string;

  @Matches(STATION_PATTERN)
  station: string;

  @IsISO8601({ strict: true })
  bumpedAt: string;

  /** the token subject that bumped it */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  by: string;
}
