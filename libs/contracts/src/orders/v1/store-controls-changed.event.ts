import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import { CHANNEL_PATTERN, VENUE_ID_PATTERN } from '@hub/order-model';

export const ORDERS_STORE_CONTROLS_CHANGED_V1 = 'orders.v1.store-controls-changed';

/** What a slot's capacity counts: orders, or their preparation minutes. */
export const SLOT_CAPACITY_UNITS = ['orders', 'prep_minutes'] as const;
export type SlotCapacityUnit = (typeof SLOT_CAPACITY_UNITS)[number];

/**
 * A venue paused a channel (takes no orders until a time) or set busy mode (adds minutes to its
 * preparation time) or a capacity per 15-minute slot (absent: no limit). status-sync pushes it to the
 * platforms that support it.
 */
export class StoreControlsChangedV1 {
  @Matches(VENUE_ID_PATTERN) venueId: string;
  /** a channel, or * for every channel of the venue */
  @Matches(new RegExp(`${CHANNEL_PATTERN.source}|^\\*$`)) channel: string;
  @IsOptional() @IsISO8601({ strict: true }) pausedUntil?: string;
  @IsInt() @Min(0) @Max(240) busyExtraMinutes: number;
  /** at most this many orders, or preparation minutes, per 15-minute slot; absent when unlimited */
  @IsOptional() @IsInt() @Min(1) @Max(100000) slotCapacity?: number;
  /** what slotCapacity counts; present with slotCapacity */
  @IsOptional() @IsIn(SLOT_CAPACITY_UNITS) slotCapacityUnit?: SlotCapacityUnit;
}
