import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO8601,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { VENUE_ID_PATTERN } from '@hub/order-model';
import { OrderItemDto } from '../../common/order-draft.dto';
import { CanonicalOrderDto } from './canonical-order.dto';
import { StatusActorDto } from './status-changed.event';

export const ORDERS_ITEMS_VOIDED_V1 = 'orders.v1.items-voided';

/**
 * Lines of an open order were voided (staff, or a platform's order change); the order itself goes
 * on. `items` holds the voided lines as they were; `order` is the order after the change, without
 * them and with new totals. kot-router makes a `void` ticket with just these lines at each station
 * that had them. Voiding every line is refused: that is a cancellation. Aggregate: `order`.
 */
export class OrderItemsVoidedV1 {
  @IsUUID()
  orderId: string;

  @Matches(VENUE_ID_PATTERN)
  venueId: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  lineIds: string[];

  /** the voided lines, as they were on the order */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => OrderItemDto)
  items: OrderItemDto[];

  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;

  @ValidateNested()
  @Type(() => StatusActorDto)
  actor: StatusActorDto;

  @IsISO8601({ strict: true })
  at: string;

  /** the order after the change: its live lines and the new totals */
  @ValidateNested()
  @Type(() => CanonicalOrderDto)
  order: CanonicalOrderDto;
}
