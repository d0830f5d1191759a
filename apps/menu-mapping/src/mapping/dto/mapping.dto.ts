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
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ITEM_CODE_MESSAGE } from '../../menu/constants/item-code-message.constant';
import { ITEM_CODE_PATTERN } from '../../menu/constants/item-code-pattern.constant';
import { MAPPING_MATCH_TYPES, MAPPING_TARGET_KINDS } from '../../resolution/platform-mapping';
import type { MappingMatchType, MappingTargetKind } from '../../resolution/platform-mapping';

export class MappingEntryInputDto {
  @ApiProperty({ enum: MAPPING_TARGET_KINDS })
  @IsIn(MAPPING_TARGET_KINDS, { message: `kind must be one of ${MAPPING_TARGET_KINDS.join(', ')}` })
  kind: MappingTargetKind;

  @ApiProperty({
    enum: MAPPING_MATCH_TYPES,
    description:
      'plu, sku and variation match the code the channel sends; name matches its item or modifier name',
  })
  @IsIn(MAPPING_MATCH_TYPES, { message: `matchType must be one of ${MAPPING_MATCH_TYPES.join(', ')}` })
  matchType: MappingMatchType;

  @ApiProperty({ example: '88123', description: "the platform's code (or name, for matchType name)" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  platformCode: string;

  @ApiProperty({ example: 'PANEER-TIKKA', description: 'the internal item or modifier code it means' })
  @Matches(ITEM_CODE_PATTERN, { message: `targetCode ${ITEM_CODE_MESSAGE}` })
  targetCode: string;
}

export class EditMappingDraftDto {
  @ApiProperty({ type: [MappingEntryInputDto] })
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => MappingEntryInputDto)
  entries: MappingEntryInputDto[];

  @ApiPropertyOptional({
    description: 'true: the draft holds exactly these entries; else they are added or replaced',
  })
  @IsOptional()
  @IsBoolean()
  replace?: boolean;
}

export class PublishMappingDto {
  @ApiPropertyOptional({
    description: 'publish even though the dry run found recent orders that would now fail',
  })
  @IsOptional()
  @IsBoolean()
  force?: boolean;

  @ApiPropertyOptional({ example: 'Swiggy codes for the winter menu' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class RollbackMappingDto {
  @ApiPropertyOptional({
    description: 'the published version to put back in force; default the one before the current',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class SuggestionQueryDto {
  @ApiProperty({ enum: MAPPING_TARGET_KINDS })
  @IsIn(MAPPING_TARGET_KINDS, { message: `kind must be one of ${MAPPING_TARGET_KINDS.join(', ')}` })
  kind: MappingTargetKind;

  @ApiPropertyOptional({ description: "the platform's code (PLU, SKU, variation id)" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  code?: string;

  @ApiPropertyOptional({ description: "the platform's name for it" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;
}

export class MappingEntryDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: MAPPING_TARGET_KINDS }) kind: string;
  @ApiProperty({ enum: MAPPING_MATCH_TYPES }) matchType: string;
  @ApiProperty() platformCode: string;
  @ApiProperty() targetId: string;
  @ApiProperty({ nullable: true, type: String }) targetCode: string | null;
  @ApiProperty({ nullable: true, type: String }) targetName: string | null;
}

export class MappingVersionDto {
  @ApiProperty() number: number;
  @ApiProperty({ enum: ['draft', 'published'] }) state: string;
  @ApiProperty({ description: 'the version in force' }) active: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() createdBy: string;
  @ApiProperty({ nullable: true, type: String }) publishedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) publishedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

export class MappingSetDto {
  @ApiProperty() brandId: string;
  @ApiProperty() platform: string;
  @ApiProperty({ nullable: true, type: String, description: 'null: brand-wide' }) venueId: string | null;
  @ApiProperty({ nullable: true, type: Number }) activeVersion: number | null;
  @ApiProperty({ type: [MappingEntryDto] }) activeEntries: MappingEntryDto[];
  @ApiProperty({ nullable: true, type: Number }) draftVersion: number | null;
  @ApiProperty({ type: [MappingEntryDto] }) draftEntries: MappingEntryDto[];
  @ApiProperty({ type: [MappingVersionDto] }) versions: MappingVersionDto[];
}

export class AttentionReasonViewDto {
  @ApiProperty({ example: 'UNMAPPED_ITEM' }) code: string;
  @ApiPropertyOptional() lineId?: string;
  @ApiProperty() message: string;
}

export class DryRunOrderDto {
  @ApiProperty() venueId: string;
  @ApiProperty() channel: string;
  @ApiProperty() externalId: string;
  @ApiProperty() receivedAt: string;
  @ApiProperty({ type: [AttentionReasonViewDto], description: 'under the proposed version' })
  reasons: AttentionReasonViewDto[];
}

export class DryRunReportDto {
  @ApiProperty() platform: string;
  @ApiProperty({ nullable: true, type: String }) venueId: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'the version in force' }) fromVersion:
    number | null;
  @ApiProperty({ description: 'the draft tried' }) toVersion: number;
  @ApiProperty({ description: 'recent orders tried' }) checked: number;
  @ApiProperty({ type: [DryRunOrderDto], description: 'pass today, would fail under the draft' })
  nowFailing: DryRunOrderDto[];
  @ApiProperty({ type: [DryRunOrderDto], description: 'fail today, would pass under the draft' })
  nowPassing: DryRunOrderDto[];
  @ApiProperty({ description: 'fail either way' }) stillFailing: number;
}

export class PublishResultDto {
  @ApiProperty() version: number;
  @ApiProperty({ type: DryRunReportDto }) report: DryRunReportDto;
}

export class SuggestionDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: '1 for an exact PLU, SKU or code; else name similarity 0..1' }) score: number;
  @ApiProperty({ enum: ['plu', 'sku', 'code', 'name'] }) basis: string;
}
