import { IsISO8601, IsNotEmpty, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { STATION_PATTERN } from '@hub/order-model';

export const KOT_TICKET_RECALLED_V1 = 'kot.v1.ticket-recalled';

/** A station brought a bumped ticket back onto its screen: the dish is not done after all. */
export class TicketRecalledV1 {
  @IsUUID() ticketId: string;
  @IsUUID() orderId: string;
  @Matches(STATION_PATTERN) station: string;
  @IsISO8601({ strict: true }) recalledAt: string;
  /** the token subject that recalled it */
  @IsString() @IsNotEmpty() @MaxLength(200) by: string;
}
