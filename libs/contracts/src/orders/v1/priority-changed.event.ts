import { IsIn } from 'class-validator';
import { ORDER_PRIORITIES, OrderPriority } from '@hub/order-model';
import { OrderChangeV1 } from './order-change.dto';

export const ORDERS_PRIORITY_CHANGED_V1 = 'orders.v1.priority-changed';

/**
 * Staff set an open order's priority (`rush`, `vip`, or back to `normal`). kot-router re-ranks the
 * order's open tickets at every station and tells the screens. Aggregate: `order`.
 */
export class OrderPriorityChangedV1 extends OrderChangeV1 {
  @IsIn(ORDER_PRIORITIES)
  from: OrderPriority;

  @IsIn(ORDER_PRIORITIES)
  to: OrderPriority;
}
