import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CURRENCY_PATTERN, STATION_PATTERN } from '@hub/order-model';

export class UpsertMenuItemDto {
  @ApiProperty({ example: 'Paneer Tikka' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ description: 'minor units (paise, cents)', example: 28000 })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  price: number;

  @ApiProperty({ example: 'INR' })
  @Matches(CURRENCY_PATTERN, { message: 'currency must be an ISO 4217 code such as INR' })
  currency: string;

  @ApiProperty({ example: 'tandoor' })
  @Matches(STATION_PATTERN, { message: 'station must be a lowercase station name such as tandoor' })
  station: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  available?: boolean;
}

export class MenuItemDto extends UpsertMenuItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() venueId: string;
  @ApiProperty() code: string;
  @ApiProperty() declare available: boolean;
}

/** An item code as it appears in a URL: PLU or SKU. */
export const ITEM_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

export class ItemCodeParamsDto {
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: 'venueId must be a lowercase slug or uuid' })
  venueId: string;

  @Matches(ITEM_CODE_PATTERN, {
    message: 'code must be 1 to 100 letters, digits, dots, dashes, colons or underscores',
  })
  code: string;
}
