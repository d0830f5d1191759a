import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { BaseEnv } from '@hub/config';

export class OrderCoreEnv extends BaseEnv {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  ORDER_CORE_PORT: number = 3003;

  /** the ledger's limits: how long an order may wait at each hop before it raises a stuck alarm */
  @IsOptional() @IsInt() @Min(1) STUCK_MAPPING_SECONDS: number = 120;
  @IsOptional() @IsInt() @Min(1) STUCK_TICKETING_SECONDS: number = 30;
  @IsOptional() @IsInt() @Min(1) STUCK_KITCHEN_START_SECONDS: number = 600;
  @IsOptional() @IsInt() @Min(1) STUCK_PREPARATION_SECONDS: number = 2700;
  /** a ticket not taken on at its station (kot.v1.ticket-acknowledged) */
  @IsOptional() @IsInt() @Min(1) STUCK_TICKET_ACK_SECONDS: number = 300;
  /** a ticket for a station with a printer not printed (kot.v1.ticket-printed) */
  @IsOptional() @IsInt() @Min(1) STUCK_PRINT_SECONDS: number = 60;
  /** an accepted order whose platform has not acknowledged a status callback (status.v1.callback-delivered) */
  @IsOptional() @IsInt() @Min(1) STUCK_PLATFORM_ACK_SECONDS: number = 120;
  /** how often the ledger looks for stuck orders */
  @IsOptional() @IsInt() @Min(100) STUCK_SWEEP_MS: number = 15_000;

  /** a scheduled order is released to the kitchen this many minutes before its scheduled time */
  @IsOptional() @IsInt() @Min(0) SCHEDULED_PREP_MINUTES: number = 20;
}
