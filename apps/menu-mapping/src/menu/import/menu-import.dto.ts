import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CURRENCY_PATTERN, STATION_PATTERN } from '@hub/order-model';
import { ITEM_CODE_MESSAGE } from '../constants/item-code-message.constant';
import { ITEM_CODE_PATTERN } from '../constants/item-code-pattern.constant';

const MAX_PRICE = 100_000_000;
const code = (what: string) => Matches(ITEM_CODE_PATTERN, { message: `${what} ${ITEM_CODE_MESSAGE}` });

export class ImportCategoryDto {
  @ApiProperty({ example: 'starters' }) @code('code') code: string;
  @ApiProperty({ example: 'Starters' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(100_000) position?: number;
}

export class ImportModifierDto {
  @ApiProperty({ example: 'HOT' }) @code('code') code: string;
  @ApiProperty({ example: 'Hot' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ description: 'minor units', example: 0 }) @IsInt() @Min(0) @Max(MAX_PRICE) price: number;
  @ApiPropertyOptional({ description: 'chosen when the channel sends no choice of its group' })
  @IsOptional()
  @IsBoolean()
  default?: boolean;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  allergens?: string[];
}

export class ImportModifierGroupDto {
  @ApiProperty({ example: 'SPICE' }) @code('code') code: string;
  @ApiProperty({ example: 'Spice level' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ description: 'fewest choices', example: 1 }) @IsInt() @Min(0) @Max(100) min: number;
  @ApiProperty({ description: 'most choices', example: 1 }) @IsInt() @Min(1) @Max(100) max: number;
  @ApiProperty({ type: [ImportModifierDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ImportModifierDto)
  modifiers: ImportModifierDto[];
}

export class ImportItemDto {
  @ApiProperty({
    example: 'PANEER-TIKKA',
    description: "the POS's code: the internal code channels fall back to",
  })
  @code('code')
  code: string;

  @ApiProperty({ example: 'Paneer Tikka' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) description?: string;

  @ApiPropertyOptional({ description: 'a category code', example: 'starters' })
  @IsOptional()
  @code('category')
  category?: string;

  @ApiProperty({ description: 'the brand price, minor units', example: 28000 })
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE)
  price: number;

  @ApiProperty({ example: 'tandoor' })
  @Matches(STATION_PATTERN, { message: 'station must be a lowercase station name such as tandoor' })
  station: string;

  @ApiPropertyOptional({ example: 600 }) @IsOptional() @IsInt() @Min(0) @Max(86_400) prepTimeSeconds?: number;

  @ApiPropertyOptional({ type: [String], example: ['dairy'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  allergens?: string[];

  @ApiPropertyOptional({ description: 'price look-up code, for mapping suggestions' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  plu?: string;

  @ApiPropertyOptional({ description: 'stock-keeping unit, for mapping suggestions' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sku?: string;

  @ApiPropertyOptional({ type: [String], description: 'modifier group codes, in order', example: ['SPICE'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @Matches(ITEM_CODE_PATTERN, { each: true, message: `each modifierGroups entry ${ITEM_CODE_MESSAGE}` })
  modifierGroups?: string[];
}

export class ImportComboOptionDto {
  @ApiProperty({ description: 'an item code', example: 'BUTTER-CHICKEN' }) @code('item') item: string;
  @ApiPropertyOptional({ description: 'minor units added to the combo price', example: 5000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE)
  upcharge?: number;
}

export class ImportComboComponentDto {
  @ApiProperty({ example: 'MAIN' }) @code('code') code: string;
  @ApiProperty({ example: 'Main' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @IsInt() @Min(1) @Max(20) quantity?: number;
  @ApiPropertyOptional({ description: 'the item chosen when the channel sends none', example: 'DAL-MAKHANI' })
  @IsOptional()
  @code('default')
  default?: string;
  @ApiProperty({ type: [ImportComboOptionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ImportComboOptionDto)
  options: ImportComboOptionDto[];
}

export class ImportComboDto extends ImportItemDto {
  @ApiProperty({ type: [ImportComboComponentDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ImportComboComponentDto)
  components: ImportComboComponentDto[];
}

/**
 * A POS menu export (JSON). Importing it is idempotent: rows are matched by code, a row whose values
 * are the same is left as it is, and ids never change. What is not in the export is left alone.
 */
export class MenuImportDto {
  @ApiPropertyOptional({ example: 'INR', description: "must be the brand's currency when given" })
  @IsOptional()
  @Matches(CURRENCY_PATTERN, { message: 'currency must be an ISO 4217 code such as INR' })
  currency?: string;

  @ApiPropertyOptional({ type: [ImportCategoryDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ImportCategoryDto)
  categories?: ImportCategoryDto[];

  @ApiPropertyOptional({ type: [ImportModifierGroupDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => ImportModifierGroupDto)
  modifierGroups?: ImportModifierGroupDto[];

  @ApiProperty({ type: [ImportItemDto] })
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => ImportItemDto)
  items: ImportItemDto[];

  @ApiPropertyOptional({ type: [ImportComboDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => ImportComboDto)
  combos?: ImportComboDto[];
}

export class ImportCountsDto {
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
}

export class MenuImportResultDto {
  @ApiProperty() brandId: string;
  @ApiProperty({ type: ImportCountsDto }) categories: ImportCountsDto;
  @ApiProperty({ type: ImportCountsDto }) modifierGroups: ImportCountsDto;
  @ApiProperty({ type: ImportCountsDto }) modifiers: ImportCountsDto;
  @ApiProperty({ type: ImportCountsDto, description: 'items and combos' }) items: ImportCountsDto;
  @ApiProperty({ description: 'item ↔ group links and combo components whose set changed' })
  linksChanged: number;
  @ApiProperty({ description: 'true when the import changed nothing' }) unchanged: boolean;
}
