import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { VENUE_ID_PATTERN } from '@hub/order-model';

export class VenueParamsDto {
  @Matches(VENUE_ID_PATTERN, { message: 'venueId must be a lowercase slug or uuid' })
  venueId: string;
}

export class SetVenueTimeZoneDto {
  @ApiProperty({
    example: 'Asia/Kolkata',
    description:
      'an IANA time zone name (Intl.supportedValuesOf("timeZone"), UTC, or a link such as Asia/Kolkata)',
  })
  @IsString()
  @MaxLength(64)
  timeZone: string;
}

export class VenueDto {
  @ApiProperty() venueId: string;
  @ApiProperty({ example: 'Asia/Kolkata' }) timeZone: string;
  @ApiPropertyOptional({
    description: 'who set the time zone (token subject); absent while it is the default UTC',
  })
  timeZoneSetBy?: string;
  @ApiProperty({ description: 'ISO 8601' }) updatedAt: string;
}

export class SetVenueTimeZoneResultDto extends VenueDto {
  @ApiProperty({ description: 'orders moved to the new local hours' }) rebucketedOrders: number;
  @ApiProperty({ description: 'tickets moved to the new local hours' }) rebucketedTickets: number;
}

export class VenueListDto {
  @ApiProperty({ type: [VenueDto] }) venues: VenueDto[];
}
