import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import { mappingProblems } from '@hub/aggregators';
import { CHANNEL_PATTERN, CURRENCY_PATTERN, VENUE_ID_PATTERN } from '@hub/order-model';

export class VenueParamsDto {
  @Matches(VENUE_ID_PATTERN, { message: 'venueId must be a lowercase slug or uuid' })
  venueId: string;
}

export class IntegrationParamsDto extends VenueParamsDto {
  @Matches(CHANNEL_PATTERN, { message: 'platform must be a platform route name such as shopify' })
  platform: string;
}

/**
 * A declarative platform's mapping (`DeclarativeMapping` of @hub/aggregators), checked when saved:
 * the 400 names each bad path (`mapping.auth.scheme: must be one of hmac-sha256, static-key, basic`).
 */
function IsDeclarativeMapping(): PropertyDecorator {
  return ValidateBy({
    name: 'isDeclarativeMapping',
    validator: {
      validate: (value: unknown) => mappingProblems(value).length === 0,
      defaultMessage: (args) => mappingProblems(args?.value).join('; '),
    },
  });
}

export class SaveIntegrationDto {
  @ApiProperty({
    description:
      "the platform's reference of the store: Shopify shop domain, Uber Eats store id, GloriaFood restaurant key...",
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  storeRef: string;

  @ApiProperty({
    description:
      'the webhook signing secret or static key (Google: the Actions Center project id, the JWT audience); stored encrypted, never returned',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  secret: string;

  @ApiPropertyOptional({
    description: 'the webhook URL as registered with the platform, byte for byte (Square, Olo sign it)',
  })
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  notificationUrl?: string;

  @ApiPropertyOptional({ description: "where the platform's API lives; tests point it at a local server" })
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  apiBaseUrl?: string;

  @ApiPropertyOptional({
    description:
      'API credentials (client id and secret, API keys; Google: jwksUrl to verify against another JWKS); stored encrypted, never returned',
    type: Object,
  })
  @IsOptional()
  @IsObject()
  credentials?: Record<string, string>;

  @ApiPropertyOptional({
    description:
      "poll the platform's order list every N seconds: posist, revel, simphony, opentable, and the catch-up " +
      'poll of gloriafood, square and shopify; absent: polled only by POST .../sync',
  })
  @IsOptional()
  @IsInt()
  @Min(30)
  @Max(86_400)
  pollIntervalSeconds?: number;

  @ApiPropertyOptional({ example: 'INR', description: 'for platforms whose payloads do not say' })
  @IsOptional()
  @Matches(CURRENCY_PATTERN, { message: 'currency must be an ISO 4217 code such as INR' })
  currency?: string;
  @ApiPropertyOptional({
    description:
      'declarative platforms (zomato, swiggy, dotpe, petpooja, freshmenu, foodics, chowly): how the webhook ' +
      "authenticates and where each canonical field is in its JSON; the platform's preset applies when absent",
    type: Object,
  })
  @IsOptional()
  @IsDeclarativeMapping()
  mapping?: Record<string, unknown>;
}

/** How the integration's polling went (platforms whose order list is polled; see intake's README). */
export class IntegrationPollingDto {
  @ApiProperty({ description: 'ISO 8601 UTC: when the scheduler polls next' }) nextPollAt: string;
  @ApiPropertyOptional() lastPolledAt?: string;
  @ApiPropertyOptional({ description: 'the last poll that stored its pages' }) lastSuccessAt?: string;
  @ApiPropertyOptional({ description: 'the last failure, without secrets' }) lastError?: string;
  @ApiPropertyOptional() lastErrorAt?: string;
  @ApiProperty({ description: 'failures in a row; the retry waits double with each' })
  consecutiveFailures: number;
}

export class IntegrationDto {
  @ApiProperty() id: string;
  @ApiProperty() venueId: string;
  @ApiProperty() platform: string;
  @ApiProperty() storeRef: string;
  @ApiProperty({ description: 'always masked' }) secret: string;
  @ApiPropertyOptional({ description: 'credential names, values masked' }) credentials?: Record<
    string,
    string
  >;
  @ApiPropertyOptional() notificationUrl?: string;
  @ApiPropertyOptional() apiBaseUrl?: string;
  @ApiPropertyOptional() pollIntervalSeconds?: number;
  @ApiPropertyOptional() currency?: string;
  @ApiPropertyOptional({ type: Object }) mapping?: Record<string, unknown>;
  @ApiPropertyOptional({ type: IntegrationPollingDto, description: 'present once the integration is polled' })
  polling?: IntegrationPollingDto;
  @ApiProperty() updatedAt: string;
}
