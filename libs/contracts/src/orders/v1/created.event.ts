import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { CanonicalOrderDto } from './canonical-order.dto';

export const ORDERS_CREATED_V1 = 'orders.v1.created';

/** An order is in the order table for the first time. Aggregate: `order`. */
export class OrderCreatedV1 {
  @ValidateNested()
  @Type(() => CanonicalOrderDto)
  order: CanonicalOrderDto;
}
