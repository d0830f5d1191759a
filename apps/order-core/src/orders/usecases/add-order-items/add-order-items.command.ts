import {
  ApiProperty,
  ApiPropertyOptional,
  IntersectionType,
  OmitType,
  PartialType,
  PickType,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { OrderItemDto } from '@hub/contracts';
import type { StatusActor } from '@hub/order-model';

/** A line to add: an order line whose lineId may be left out (order-core then numbers it). */
export class AddedOrderLineDto extends IntersectionType(
  OmitType(OrderItemDto, ['lineId'] as const),
  PartialType(PickType(OrderItemDto, ['lineId'] as const)),
) {}

export class AddOrderItemsDto {
  @ApiProperty({ type: [AddedOrderLineDto], description: 'the new lines (1 to 50)' })
  @IsArray()
  @ArrayMinSize(1, { message: 'items must hold at least one line' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AddedOrderLineDto)
  items: AddedOrderLineDto[];

  @ApiPropertyOptional({
    description: "tax on the new lines in minor units; default: at the order's own rate (tax ÷ subtotal)",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000_00)
  tax?: number;
}

/** Adding lines, whoever asks: staff over the API or, later, a platform's order change. */
export interface AddOrderItemsCommand {
  items: AddedOrderLineDto[];
  tax?: number;
  actor: StatusActor;
  /** the request or event that caused it */
  causationId: string;
}
