import { IsBoolean, IsUUID, Matches } from 'class-validator';
import { STATION_PATTERN } from '@hub/order-model';

export const CMD_KOT_PRINT_V1 = 'cmd.kot.v1.print';

/**
 * Print a kitchen ticket (a work-queue command of kot-router to itself, so printing is decoupled
 * from the transaction that stored the ticket). The job id makes a redelivered command print nothing twice.
 */
export class PrintTicketCommandV1 {
  @IsUUID()
  jobId: string;

  @IsUUID()
  ticketId: string;

  @Matches(STATION_PATTERN)
  station: string;

  @IsBoolean()
  reprint: boolean;
}
