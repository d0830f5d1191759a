import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CHANNEL_PATTERN, VENUE_ID_PATTERN } from '@hub/order-model';

export const INTAKE_STATUS_RECEIVED_V1 = 'intake.v1.status-received';

/** What a platform can tell us about an order after placing it. */
export const PLATFORM_UPDATES = ['cancelled', 'rider_assigned', 'picked_up', 'delivered'] as const;
export type PlatformUpdate = (typeof PLATFORM_UPDATES)[number];

/**
 * A platform updated one of its orders (the customer cancelled, a rider was assigned or picked it up,
 * it was delivered). Consumed by order-core, which moves the order where the state machine allows.
 * Correlation id: intake's delivery id of the update.
 */
export class IntakeStatusReceivedV1 {
  @IsString()
  @IsNotEmpty()
  deliveryId: string;

  @Matches(CHANNEL_PATTERN)
  channel: string;

  @Matches(VENUE_ID_PATTERN)
  venueId: string;

  /** the platform's order id, as in the order's externalId */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  externalId: string;

  @IsIn(PLATFORM_UPDATES)
  update: PlatformUpdate;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  @IsISO8601({ strict: true })
  at: string;
}
