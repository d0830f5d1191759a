import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { VENUE_ID_PATTERN } from '@hub/order-model';
import { ITEM_CODE_MESSAGE } from '../constants/item-code-message.constant';
import { ITEM_CODE_PATTERN } from '../constants/item-code-pattern.constant';

export class AvailabilityParamsDto {
  @Matches(VENUE_ID_PATTERN, { message: 'venueId must be a lowercase slug or uuid' })
  venueId: string;

  @IsIn(['items', 'modifiers'], { message: 'kind must be items or modifiers' })
  kind: 'items' | 'modifiers';

  @Matches(ITEM_CODE_PATTERN, { message: `code ${ITEM_CODE_MESSAGE}` })
  code: string;
}

export class SetAvailabilityDto {
  @ApiProperty({ description: 'false: out of stock (86) at this venue; true: back' })
  @IsBoolean()
  available: boolean;

  @ApiPropertyOptional({
    description: 'ISO 8601: the 86 ends by itself at this time',
    example: '2026-11-22T18:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  until?: string;

  @ApiPropertyOptional({ example: 'sold out' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class AvailabilityDto {
  @ApiProperty({ enum: ['item', 'modifier'] }) kind: string;
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() available: boolean;
  @ApiProperty({ nullable: true, type: String }) until: string | null;
  @ApiProperty({ description: 'false when it already was so (no event)' }) changed: boolean;
}

export class UnavailableDto {
  @ApiProperty({ enum: ['item', 'modifier'] }) kind: string;
  @ApiProperty() targetId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) until: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() changedBy: string;
  @ApiProperty() changedAt: string;
}
