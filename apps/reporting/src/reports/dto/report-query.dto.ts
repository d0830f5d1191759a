import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { CHANNEL_PATTERN, VENUE_ID_PATTERN } from '@hub/order-model';

/** `?venueId=a&venueId=b` and `?venueId=a,b` both give ['a', 'b']. */
function toList({ value }: { value: unknown }): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const values = Array.isArray(value) ? value : [value];
  return [
    ...new Set(
      values
        .flatMap((v) => String(v).split(','))
        .map((v) => v.trim())
        .filter((v) => v.length > 0),
    ),
  ];
}

export const REPORT_FORMATS = ['json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export class ReportQueryDto {
  @ApiPropertyOptional({
    description:
      'ISO 8601. Reports count whole venue-local hours: an hour counts when it starts at or after `from` (so pass a local hour boundary, such as local midnight, for exact figures)',
    example: '2026-11-18T00:00:00+05:30',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    description: 'ISO 8601, exclusive: an hour counts when it starts before `to`',
    example: '2026-11-19T00:00:00+05:30',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({
    type: [String],
    description:
      "venues, repeated or comma-separated; each must be in the token's venues (else 403). None: the token's venues (head office: every venue)",
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(VENUE_ID_PATTERN, { each: true, message: 'venueId must be a lowercase slug or uuid' })
  venueId?: string[];

  @ApiPropertyOptional({ type: [String], description: 'channels, repeated or comma-separated' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(CHANNEL_PATTERN, { each: true, message: 'channel must be a channel or platform name' })
  channel?: string[];

  @ApiPropertyOptional({ enum: REPORT_FORMATS, description: 'csv, or send Accept: text/csv' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

export class DelayedOrdersQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({ default: 100, maximum: 1000, description: 'at most this many orders in the list' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
