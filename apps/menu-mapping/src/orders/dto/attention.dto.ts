import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { OrderDraftDto } from '@hub/contracts';
import { CHANNEL_PATTERN, VENUE_ID_PATTERN } from '@hub/order-model';
import { ITEM_CODE_MESSAGE } from '../../menu/constants/item-code-message.constant';
import { ITEM_CODE_PATTERN } from '../../menu/constants/item-code-pattern.constant';
import { AttentionReasonViewDto, SuggestionDto } from '../../mapping/dto/mapping.dto';

export const ATTENTION_STATES = ['waiting', 'resolved'] as const;

export class AttentionParamsDto {
  @Matches(VENUE_ID_PATTERN, { message: 'venueId must be a lowercase slug or uuid' })
  venueId: string;

  @IsUUID('all', { message: 'id must be an attention order id (uuid)' })
  id: string;
}

export class ListAttentionQueryDto {
  @ApiPropertyOptional({ enum: ATTENTION_STATES, default: 'waiting' })
  @IsOptional()
  @IsIn(ATTENTION_STATES, { message: 'state must be waiting or resolved' })
  state?: (typeof ATTENTION_STATES)[number];

  @ApiPropertyOptional({ example: 'swiggy' })
  @IsOptional()
  @Matches(CHANNEL_PATTERN, { message: 'platform must be a lowercase platform or channel name' })
  platform?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class SubstitutionDto {
  @ApiProperty({ example: '2' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  lineId: string;

  @ApiProperty({ example: 'MANGO-LASSI', description: 'the internal item code to make of this line' })
  @Matches(ITEM_CODE_PATTERN, { message: `itemCode ${ITEM_CODE_MESSAGE}` })
  itemCode: string;
}

export class ReinjectOrderDto {
  @ApiPropertyOptional({ type: [SubstitutionDto], description: 'lines a person resolves to another item' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => SubstitutionDto)
  substitutions?: SubstitutionDto[];

  @ApiPropertyOptional({
    description:
      "accept the channel's prices where they differ from the venue's (a zero price or total never passes)",
  })
  @IsOptional()
  @IsBoolean()
  acceptPriceMismatch?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class AttentionOrderDto {
  @ApiProperty() id: string;
  @ApiProperty() venueId: string;
  @ApiProperty() platform: string;
  @ApiProperty() channel: string;
  @ApiProperty() externalId: string;
  @ApiProperty() correlationId: string;
  @ApiProperty({ enum: ATTENTION_STATES }) state: string;
  @ApiProperty({ type: [AttentionReasonViewDto] }) reasons: AttentionReasonViewDto[];
  @ApiProperty({ description: 're-injections tried' }) attempts: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ nullable: true, type: String }) resolvedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) resolvedBy: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the order-mapped event it flowed on with' })
  mappedEventId: string | null;
  @ApiProperty({ type: OrderDraftDto, description: 'the order as the channel sent it' }) order: OrderDraftDto;
}

export class ReinjectResultDto {
  @ApiProperty({
    enum: ATTENTION_STATES,
    description: 'resolved: it flowed on as order-mapped; waiting: still not clean',
  })
  state: string;
  @ApiProperty({ type: [AttentionReasonViewDto], description: 'why it still waits (empty when resolved)' })
  reasons: AttentionReasonViewDto[];
  @ApiProperty({ nullable: true, type: String }) mappedEventId: string | null;
}

export class UnmappedCodeDto {
  @ApiProperty({ enum: ['item', 'modifier'] }) kind: string;
  @ApiProperty({ nullable: true, type: String }) code: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'waiting orders that hold it' }) orders: number;
  @ApiProperty({ type: [SuggestionDto] }) suggestions: SuggestionDto[];
}
