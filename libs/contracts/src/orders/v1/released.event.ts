import { Type } from 'class-transformer';
import { IsISO8601, ValidateNested } from 'class-validator';
import { CanonicalOrderDto } from './canonical-order.dto';

export const ORDERS_RELEASED_V1 = 'orders.v1.released';

/**
 * A scheduled order, accepted and held, is released to the kitchen now: its scheduled time minus its
 * preparation time. kot-router fires its tickets on this instead of on the acceptance.
 */
export class OrderReleasedV1 {
  @ValidateNested()
  @Type(() => CanonicalOrderDto)
  order: CanonicalOrderDto;

  @IsISO8601({ strict: true })
  at: string;
}
