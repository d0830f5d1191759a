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
  ValidateIf,
} from 'class-validator';
import { CURRENCY_PATTERN, STATION_PATTERN } from '@hub/order-model';

/** PUT /v1/venues/:venueId/menu/items/:code: the item on the brand menu and this venue's price and station. */
export class UpsertMenuItemDto {
  @ApiProperty({ example: 'Paneer Tikka' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ description: "this venue's price, minor units (paise, cents)", example: 28000 })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  price: number;

  @ApiProperty({ example: 'INR' })
  @Matches(CURRENCY_PATTERN, { message: 'currency must be an ISO 4217 code such as INR' })
  currency: string;

  @ApiProperty({ example: 'tandoor', description: "this venue's station" })
  @Matches(STATION_PATTERN, { message: 'station must be a lowercase station name such as tandoor' })
  station: string;

  @ApiPropertyOptional({
    description: 'false 86es the item at this venue, true lifts an 86; absent leaves availability as it is',
  })
  @IsOptional()
  @IsBoolean()
  available?: boolean;
}

/** An item as a venue sells it (the shape of the first menu API, kept). */
export class MenuItemDto {
  @ApiProperty({ format: 'uuid', description: 'stable: the brand item id' }) id: string;
  @ApiProperty() venueId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: "this venue's price, minor units" }) price: number;
  @ApiProperty() currency: string;
  @ApiProperty({ description: "this venue's station" }) station: string;
  @ApiProperty({ description: 'false while 86d at this venue' }) available: boolean;
}

export class SetItemOverrideDto {
  @ApiProperty({ nullable: true, type: Number, description: 'minor units; null: the brand price' })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  price: number | null;

  @ApiProperty({ nullable: true, type: String, description: 'null: the brand station' })
  @ValidateIf((_, value) => value !== null)
  @Matches(STATION_PATTERN, { message: 'station must be a lowercase station name such as tandoor' })
  station: string | null;
}

export class VenueMenuItemDto extends MenuItemDto {
  @ApiProperty({ enum: ['item', 'combo'] }) kind: string;
  @ApiProperty({ description: 'the brand price' }) basePrice: number;
  @ApiProperty({ description: 'the brand station' }) baseStation: string;
  @ApiPropertyOptional({ nullable: true, type: String }) description: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) categoryCode: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) prepTimeSeconds: number | null;
  @ApiProperty({ type: [String] }) allergens: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) plu: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) sku: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'when an 86 ends by itself' })
  unavailableUntil: string | null;
  @ApiProperty({ type: [String], description: 'modifier group codes' }) groupCodes: string[];
}

export class MenuModifierViewDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() price: number;
  @ApiProperty() isDefault: boolean;
  @ApiProperty({ type: [String] }) allergens: string[];
  @ApiProperty() available: boolean;
}

export class ModifierGroupViewDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() min: number;
  @ApiProperty() max: number;
  @ApiProperty({ type: [MenuModifierViewDto] }) modifiers: MenuModifierViewDto[];
}

export class ComboOptionViewDto {
  @ApiProperty() itemId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() upcharge: number;
}

export class ComboComponentViewDto {
  @ApiProperty() comboId: string;
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() quantity: number;
  @ApiProperty({ nullable: true, type: String }) defaultItemCode: string | null;
  @ApiProperty({ type: [ComboOptionViewDto] }) options: ComboOptionViewDto[];
}

export class CategoryViewDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() position: number;
}

/** A menu as a venue (or the brand) sells it. */
export class MenuViewDto {
  @ApiProperty() brandId: string;
  @ApiPropertyOptional({ nullable: true, type: String }) venueId: string | null;
  @ApiProperty() currency: string;
  @ApiProperty({ type: [CategoryViewDto] }) categories: CategoryViewDto[];
  @ApiProperty({ type: [VenueMenuItemDto] }) items: VenueMenuItemDto[];
  @ApiProperty({ type: [ModifierGroupViewDto] }) modifierGroups: ModifierGroupViewDto[];
  @ApiProperty({ type: [ComboComponentViewDto] }) comboComponents: ComboComponentViewDto[];
}
