import { IsIn, IsUUID } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { OrderStatus } from '@hub/order-model';
import { OrderDraftDto } from '../../common/order-draft.dto';

/** The canonical order as order-core holds it: the draft plus its id and status. */
export class CanonicalOrderDto extends OrderDraftDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;

  @ApiProperty({ enum: OrderStatus })
  @IsIn(Object.values(OrderStatus))
  status: OrderStatus;

  @ApiProperty()
  declare displayNumber: string;
}
