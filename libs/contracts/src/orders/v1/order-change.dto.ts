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

/**
 * What every change to an open order's lines or priority carries (orders.v1.items-added,
 * items-voided, priority-changed): the order, who changed it and when, and the order after the change.
 */
export abstract class OrderChangeV1 {
  @IsUUID()
  orderId: string;

  @Matches(VENUE_ID_PATTERN)
  venueId: string;

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

/** A change to some of an open order's lines: their lineIds, in the order given, and the lines. */
export abstract class OrderLinesChangeV1 extends OrderChangeV1 {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  lineIds: string[];

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => OrderItemDto)
  items: OrderItemDto[];
}
