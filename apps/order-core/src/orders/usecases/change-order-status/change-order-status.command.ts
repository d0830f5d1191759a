import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { OrderStatus, ORDER_STATUSES } from '@hub/order-model';

export class ChangeOrderStatusDto {
  @ApiProperty({ enum: OrderStatus })
  @IsIn(ORDER_STATUSES, { message: `status must be one of ${ORDER_STATUSES.join(', ')}` })
  status: OrderStatus;

  @ApiPropertyOptional({ description: 'why (a rejection or cancellation reason)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
