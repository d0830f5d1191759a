import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { OrderLinesChangeV1 } from './order-change.dto';

export const ORDERS_ITEMS_VOIDED_V1 = 'orders.v1.items-voided';

/**
 * Lines of an open order were voided (staff, or a platform's order change); the order itself goes
 * on. `items` holds the voided lines as they were on the order; `order` is the order after the
 * change, without them and with new totals. kot-router makes a `void` ticket with just these lines
 * at each station that had them. Voiding every line is refused: that is a cancellation. Aggregate: `order`.
 */
export class OrderItemsVoidedV1 extends OrderLinesChangeV1 {
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}
