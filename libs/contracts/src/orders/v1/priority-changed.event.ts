import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsUUID, Matches, ValidateNested } from 'class-validator';
import { ORDER_PRIORITIES, OrderPriority, VENUE_ID_PATTERN } from '@hub/order-model';
import { CanonicalOrderDto } from './canonical-order.dto';
import { StatusActorDto } from './status-changed.event';

export const ORDERS_PRIORITY_CHANGED_V1 = 'orders.v1.priority-changed';

/**
 * Staff set an open order's priority (`rush`, `vip`, or back to `normal`). kot-router re-ranks the
 * order's open tickets at every station and tells the screens. Aggregate: `order`.
 */
export class OrderPriorityChangedV1 {
  @IsUUID()
  orderId: string;

  @Matches(VENUE_ID_PATTERN)
  venueId: string;

  @IsIn(ORDER_PRIORITIES)
  from: OrderPriority;

  @IsIn(ORDER_PRIORITIES)
  to: OrderPriority;

  @ValidateNested()
  @Type(() => StatusActorDto)
  actor: StatusActorDto;

  @IsISO8601({ strict: true })
  at: string;

  @ValidateNested()
  @Type(() => CanonicalOrderDto)
  order: CanonicalOrderDto;
}
