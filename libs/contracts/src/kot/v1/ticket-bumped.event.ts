import {
  IsBoolean,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
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

  /** the token subject that bumped it (for a `voided` close: who voided the lines) */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  by: string;

  /**
   * true: no cook bumped it; every line on it was voided, so kot-router closed it. It counts as done
   * for the order's readiness, but it is no sign that the kitchen started the order.
   */
  @IsOptional()
  @IsBoolean()
  voided?: boolean;
}
