import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { OrderStatus, VENUE_ID_PATTERN } from '@hub/order-model';

export const STATUS_CALLBACK_DELIVERED_V1 = 'status.v1.callback-delivered';

/**
 * A platform acknowledged (answered 2xx to) a status callback about an order. Emitted by
 * status-sync, once per callback, in the transaction that marks it delivered. order-core records the
 * hop on the order's timeline. Aggregate: `callback`, id = `callbackId`; the correlation id is the order's.
 */
export class StatusCallbackDeliveredV1 {
  @IsUUID() callbackId: string;
  @IsUUID() orderId: string;
  @Matches(VENUE_ID_PATTERN) venueId: string;
  /** the platform route name */
  @IsString() @IsNotEmpty() @MaxLength(64) platform: string;
  /** the order status the callback told the platform */
  @IsIn(Object.values(OrderStatus)) status: OrderStatus;
  @IsInt() @Min(1) attempts: number;
  @IsISO8601({ strict: true }) deliveredAt: string;
  /** the platform's HTTP answer */
  @IsInt() @Min(200) @Max(299) httpStatus: number;
}
