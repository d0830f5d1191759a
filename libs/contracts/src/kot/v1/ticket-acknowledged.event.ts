import { IsISO8601, IsNotEmpty, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { STATION_PATTERN } from '@hub/order-model';

export const KOT_TICKET_ACKNOWLEDGED_V1 = 'kot.v1.ticket-acknowledged';

/**
 * A station took a ticket on (`ticket:ack` from its screen): the kitchen has started it. order-core
 * moves an accepted order to in_preparation on the first one.
 */
export class TicketAcknowledgedV1 {
  @IsUUID()
  ticketId: string;

  @IsUUID()
  orderId: string;

  @Matches(STATION_PATTERN)
  station: string;

  @IsISO8601({ strict: true })
  acknowledgedAt: string;

  /** the token subject that acknowledged it */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  by: string;
}
