import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { OrderDraftDto } from '../../common/order-draft.dto';

export const MENU_ORDER_NEEDS_ATTENTION_V1 = 'menu.v1.order-needs-attention';

export class AttentionReasonDto {
  /** machine-readable: UNMAPPED_ITEM, ITEM_UNAVAILABLE, ... */
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  code: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  lineId?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  message: string;
}

/**
 * The order could not be mapped cleanly. It is never dropped: order-core keeps it with its
 * reasons until a person fixes the mapping and re-injects it.
 */
export class MenuOrderNeedsAttentionV1 {
  @ValidateNested()
  @Type(() => OrderDraftDto)
  order: OrderDraftDto;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => AttentionReasonDto)
  reasons: AttentionReasonDto[];
}
