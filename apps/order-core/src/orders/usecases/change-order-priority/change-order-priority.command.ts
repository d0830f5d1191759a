import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ORDER_PRIORITIES, OrderPriority } from '@hub/order-model';

export class ChangeOrderPriorityDto {
  @ApiProperty({
    enum: OrderPriority,
    description: 'rush or vip go first at every station; normal undoes it',
  })
  @IsIn(ORDER_PRIORITIES, { message: `priority must be one of ${ORDER_PRIORITIES.join(', ')}` })
  priority: OrderPriority;
}
