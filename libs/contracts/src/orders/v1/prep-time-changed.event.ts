import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CHANNEL_PATTERN, VENUE_ID_PATTERN } from '@hub/order-model';
import { CanonicalOrderDto } from './canonical-order.dto';
import { StatusActorDto } from './status-changed.event';

export const ORDERS_PREP_TIME_CHANGED_V1 = 'orders.v1.prep-time-changed';

/** Why an order's promised time moved: its slot was full (store controls), or staff changed its preparation time. */
export const PREP_TIME_CHANGE_CAUSES = ['capacity', 'staff'] as const;
export type PrepTimeChangeCause = (typeof PREP_TIME_CHANGE_CAUSES)[number];

/**
 * An order's promised (ready) time moved: the venue's 15-minute slot was full and the order went to
 * the next slot with room, or staff set a new preparation time (`POST /v1/orders/:id/prep-time`).
 * status-sync tells the platforms that take a new time. Aggregate: `order`.
 */
export class OrderPrepTimeChangedV1 {
  @IsUUID() orderId: string;

  @Matches(VENUE_ID_PATTERN) venueId: string;

  @Matches(CHANNEL_PATTERN) channel: string;

  /** the platform's order id */
  @IsOptional() @IsString() @MaxLength(200) externalId?: string;

  /** the new promised (ready) time, ISO 8601 UTC */
  @IsISO8601({ strict: true }) promisedAt: string;

  /** the promised time before this change, when there was one */
  @IsOptional() @IsISO8601({ strict: true }) previousPromisedAt?: string;

  /** the order's preparation time in minutes, when known */
  @IsOptional() @IsInt() @Min(1) @Max(1440) prepTimeMinutes?: number;

  @IsIn(PREP_TIME_CHANGE_CAUSES) cause: PrepTimeChangeCause;

  /** in words, for the timeline and the platform (never customer data) */
  @IsString() @MinLength(1) @MaxLength(500) reason: string;

  @ValidateNested()
  @Type(() => StatusActorDto)
  actor: StatusActorDto;

  @IsISO8601({ strict: true }) at: string;

  @ValidateNested()
  @Type(() => CanonicalOrderDto)
  order: CanonicalOrderDto;
}
