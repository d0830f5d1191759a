import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO8601,
  IsString,
  IsUUID,
  Matches,
  ValidateNested,
} from 'class-validator';
import { VENUE_ID_PATTERN } from '@hub/order-model';
import { OrderItemDto } from '../../common/order-draft.dto';
import { CanonicalOrderDto } from './canonical-order.dto';
import { StatusActorDto } from './status-changed.event';

export const ORDERS_ITEMS_ADDED_V1 = 'orders.v1.items-added';

/**
 * Lines were added to an open order (staff, or a platform's order change). Carries only the new lines
 * in `items` and the order as it is after the change (totals recomputed). kot-router makes an
 * `addition` ticket with just these lines at each station they route to. Aggregate: `order`.
 */
export class OrderItemsAddedV1 {
  @IsUUID()
  orderId: string;

  @Matches(VENUE_ID_PATTERN)
  venueId: string;

  /** the lineIds of the added lines, in the order given */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  lineIds: string[];

  /** the added lines */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => OrderItemDto)
  items: OrderItemDto[];

  @ValidateNested()
  @Type(() => StatusActorDto)
  actor: StatusActorDto;

  @IsISO8601({ strict: true })
  at: string;

  /** the order after the change: every live line and the new totals */
  @ValidateNested()
  @Type(() => CanonicalOrderDto)
  order: CanonicalOrderDto;
}
