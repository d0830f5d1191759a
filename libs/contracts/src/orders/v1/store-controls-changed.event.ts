import { IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import { CHANNEL_PATTERN, VENUE_ID_PATTERN } from '@hub/order-model';

export const ORDERS_STORE_CONTROLS_CHANGED_V1 = 'orders.v1.store-controls-changed';

/**
 * A venue paused a channel (takes no orders until a time) or set busy mode (adds minutes to its
 * preparation time). status-sync pushes it to the platforms that support it.
 */
export class StoreControlsChangedV1 {
  @Matches(VENUE_ID_PATTERN) venueId: string;
  /** a channel, or * for every channel of the venue */
  @Matches(new RegExp(`${CHANNEL_PATTERN.source}|^\\*$`)) channel: string;
  @IsOptional() @IsISO8601({ strict: true }) pausedUntil?: string;
  @IsInt() @Min(0) @Max(240) busyExtraMinutes: number;
}
