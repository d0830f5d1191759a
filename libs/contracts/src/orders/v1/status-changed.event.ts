import { Type } from 'class-transformer';
import {
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ActorType, OrderStatus } from '@hub/order-model';
import { CanonicalOrderDto } from './canonical-order.dto';

export const ORDERS_STATUS_CHANGED_V1 = 'orders.v1.status-changed';

export class StatusActorDto {
  @IsIn(Object.values(ActorType))
  type: ActorType;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  id: string;
}

/**
 * An order moved from one status to another. Carries the order as it is after the move, so
 * kot-router can fire tickets on `accepted` and status-sync can call the platform without asking back.
 */
export class OrderStatusChangedV1 {
  @IsUUID()
  orderId: string;

  @IsIn(Object.values(OrderStatus))
  from: OrderStatus;

  @IsIn(Object.values(OrderStatus))
  to: OrderStatus;

  @ValidateNested()
  @Type(() => StatusActorDto)
  actor: StatusActorDto;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  @IsISO8601({ strict: true })
  at: string;

  /**
   * On an acceptance of a scheduled order: when it is released to the kitchen (its scheduled time
   * minus its preparation time). Until then kot-router holds its tickets; `orders.v1.released` fires them.
   */
  @IsOptional()
  @IsISO8601({ strict: true })
  firesAt?: string;

  @ValidateNested()
  @Type(() => CanonicalOrderDto)
  order: CanonicalOrderDto;
}
