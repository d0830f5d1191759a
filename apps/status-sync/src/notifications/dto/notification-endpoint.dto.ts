import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUrl, Matches, MaxLength, MinLength } from 'class-validator';
import { VENUE_ID_PATTERN } from '@hub/order-model';

export class VenueParamsDto {
  @Matches(VENUE_ID_PATTERN, { message: 'venueId must be a lowercase slug or uuid' })
  venueId: string;
}

export class SaveNotificationEndpointDto {
  @ApiProperty({ description: "the brand's SMS or app provider endpoint that receives the notifications" })
  @IsUrl({ require_tld: false, require_protocol: true })
  @MaxLength(2000)
  url: string;

  @ApiProperty({
    description:
      'signs each body: X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>; stored encrypted, never returned',
  })
  @IsString()
  @MinLength(16)
  @MaxLength(500)
  secret: string;
}

export class NotificationEndpointDto {
  @ApiProperty() venueId: string;
  @ApiProperty() url: string;
  @ApiProperty({ description: 'always masked' }) secret: string;
  @ApiProperty() updatedAt: string;
}
