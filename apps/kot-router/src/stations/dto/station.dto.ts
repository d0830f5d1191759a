import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateIf,
  ValidateNested,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { STATION_PATTERN, VENUE_ID_PATTERN } from '@hub/order-model';

/** A map of item code → whole minutes 0..1440, at most 500 entries. */
@ValidatorConstraint({ name: 'prepMinutesMap' })
export class PrepMinutesMapConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    const entries = Object.entries(value);
    return (
      entries.length <= 500 &&
      entries.every(
        ([code, minutes]) =>
          code.length > 0 &&
          code.length <= 100 &&
          Number.isInteger(minutes) &&
          (minutes as number) >= 0 &&
          (minutes as number) <= 1440,
      )
    );
  }

  defaultMessage(): string {
    return 'itemPrepMinutes must map item codes (1-100 characters) to whole minutes from 0 to 1440, at most 500 of them';
  }
}

/** Route words under /stations/ that cannot be station names. */
export const RESERVED_STATION_NAMES = ['settings', 'printers', 'routing-rules'];

export class PrinterAddressDto {
  @ApiProperty({ example: '10.0.0.5', description: 'host name or IP address of a network (raw TCP) printer' })
  @Matches(/^[A-Za-z0-9.:-]{1,255}$/, { message: 'host must be a host name or IP address' })
  host: string;

  @ApiPropertyOptional({ default: 9100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  port?: number;
}

export class UpsertStationDto {
  @ApiPropertyOptional({ example: 'Tandoor' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  displayName?: string;

  @ApiPropertyOptional({ description: 'an expo station sees every ticket of every order' })
  @IsOptional()
  @IsBoolean()
  expo?: boolean;

  @ApiPropertyOptional({ enum: [80, 58], default: 80 })
  @IsOptional()
  @IsIn([80, 58], { message: 'paperWidthMm must be 80 or 58' })
  paperWidthMm?: 80 | 58;

  @ApiPropertyOptional({ type: PrinterAddressDto, nullable: true, description: 'null: no printer' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @ValidateNested()
  @Type(() => PrinterAddressDto)
  printer?: PrinterAddressDto | null;

  @ApiPropertyOptional({
    type: PrinterAddressDto,
    nullable: true,
    description: 'used when the printer does not answer',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @ValidateNested()
  @Type(() => PrinterAddressDto)
  backupPrinter?: PrinterAddressDto | null;

  @ApiPropertyOptional({
    nullable: true,
    description: 'preparation minutes of a line at this station (default 10); null: the default',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(1440)
  prepMinutes?: number | null;

  @ApiPropertyOptional({
    description: 'preparation minutes per item code (externalCode or menu item id), over prepMinutes',
    example: { 'GARLIC-NAAN': 3, BIRYANI: 25 },
  })
  @IsOptional()
  @IsObject()
  @Validate(PrepMinutesMapConstraint)
  itemPrepMinutes?: Record<string, number>;
}

export class VenueParamsDto {
  @Matches(VENUE_ID_PATTERN, { message: 'venueId must be a lowercase slug or uuid' })
  venueId: string;
}

export class StationParamsDto extends VenueParamsDto {
  @Matches(STATION_PATTERN, { message: 'station must be a lowercase station name such as tandoor' })
  station: string;
}

export class StationDto {
  @ApiProperty() venueId: string;
  @ApiProperty() name: string;
  @ApiProperty() displayName: string;
  @ApiProperty() expo: boolean;
  @ApiProperty({ enum: [80, 58] }) paperWidthMm: 80 | 58;
  @ApiPropertyOptional({ type: PrinterAddressDto, nullable: true }) printer: PrinterAddressDto | null;
  @ApiPropertyOptional({ type: PrinterAddressDto, nullable: true }) backupPrinter: PrinterAddressDto | null;
  @ApiProperty({ nullable: true, type: Number }) prepMinutes: number | null;
  @ApiProperty({ description: 'preparation minutes per item code' }) itemPrepMinutes: Record<string, number>;
}

export class RoutingRuleDto {
  @ApiProperty({ enum: ['item', 'modifier', 'order_type', 'channel'] })
  @IsIn(['item', 'modifier', 'order_type', 'channel'])
  match: 'item' | 'modifier' | 'order_type' | 'channel';

  @ApiProperty({
    description: 'item: its code or menu id; modifier: its name; order_type: delivery...; channel: qr...',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  value: string;

  @ApiPropertyOptional({ description: 'only for lines that would otherwise go to this station' })
  @IsOptional()
  @Matches(STATION_PATTERN)
  onlyFrom?: string;

  @ApiProperty({ nullable: true, description: 'the station the line goes to; null: not ticketed' })
  @ValidateIf((_, value) => value !== null)
  @Matches(STATION_PATTERN, {
    message: 'station must be a station name, or null for lines that are not ticketed',
  })
  station: string | null;
}

export class RoutingRulesDto {
  @ApiProperty({
    type: [RoutingRuleDto],
    description: 'overrides apply by kind: item, then modifier, order type, channel (the later kind wins)',
  })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => RoutingRuleDto)
  rules: RoutingRuleDto[];
}

export class VenueTicketSettingsDto {
  @ApiProperty({ example: 'Spice Route, Koramangala', description: 'printed at the top of every ticket' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  venueName: string;

  @ApiProperty({ example: 'Asia/Kolkata', description: 'IANA time zone the ticket time is printed in' })
  @IsString()
  @MaxLength(64)
  timeZone: string;
}

export class PrinterHealthDto {
  @ApiProperty() station: string;
  @ApiProperty({ enum: ['primary', 'backup'] }) role: 'primary' | 'backup';
  @ApiProperty() address: string;
  @ApiProperty({ enum: ['ok', 'failing', 'unknown'] }) state: 'ok' | 'failing' | 'unknown';
  @ApiPropertyOptional({ nullable: true }) lastSuccessAt: string | null;
  @ApiPropertyOptional({ nullable: true }) lastFailureAt: string | null;
  @ApiPropertyOptional({ nullable: true }) lastError: string | null;
  @ApiProperty() consecutiveFailures: number;
  @ApiProperty({ description: 'jobs of the station waiting to print' }) pendingJobs: number;
  @ApiProperty({ description: 'jobs of the station that gave up (reprint them)' }) failedJobs: number;
}
