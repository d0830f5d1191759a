import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CHANNEL_PATTERN } from '@hub/order-model';

export const MENU_AVAILABILITY_CHANGED_V1 = 'menu.v1.availability-changed';

/** One platform's code for the item or modifier, so status-sync can tell that platform without asking. */
export class PlatformCodeDto {
  @IsString()
  @Matches(CHANNEL_PATTERN)
  platform: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  code: string;
}

/**
 * An item or modifier went out of stock ("86") at a venue, now or until a time, or came back.
 * Emitted by menu-mapping; status-sync pushes it to every platform at once. The venue is the
 * envelope's `venueId`. Aggregate: `menu-item` or `menu-modifier`, id = the internal id.
 */
export class MenuAvailabilityChangedV1 {
  @IsIn(['item', 'modifier'])
  kind: 'item' | 'modifier';

  /** the internal item or modifier id (stable across POS imports) */
  @IsUUID()
  id: string;

  /** the internal (POS) code */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  code: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @IsBoolean()
  available: boolean;

  /** when an 86 ends by itself (ISO 8601 UTC); absent when it lasts until someone lifts it */
  @IsOptional()
  @IsISO8601({ strict: true })
  until?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  /** who changed it: a user's token subject, or `system` when an 86 ran out */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  changedBy: string;

  @IsISO8601({ strict: true })
  changedAt: string;

  /** the platforms' codes mapped to it at this venue (from the active mapping versions) */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PlatformCodeDto)
  platformCodes?: PlatformCodeDto[];
}
