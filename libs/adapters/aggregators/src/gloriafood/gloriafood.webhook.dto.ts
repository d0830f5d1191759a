import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsString, ValidateNested } from 'class-validator';

export class GloriaFoodOrderDto {
  @IsDefined() id: unknown;
  @IsString() restaurant_key: string;
  @IsString() currency: string;
  @IsDefined() total_price: unknown;
  @IsArray() items: unknown[];
}

/** The Accepted Orders push (API version 2): `{"count": N, "orders": [...]}`. GlobalFood/integration_docs. */
export class GloriaFoodPushDto {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => GloriaFoodOrderDto)
  orders: GloriaFoodOrderDto[];
}
