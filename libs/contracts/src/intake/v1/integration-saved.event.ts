import {
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { CHANNEL_PATTERN, CURRENCY_PATTERN, VENUE_ID_PATTERN } from '@hub/order-model';

export const INTAKE_INTEGRATION_SAVED_V1 = 'intake.v1.integration-saved';

/** `v1:<iv>:<tag>:<ciphertext>` (base64 parts): a value sealed by intake's SecretBox, never plain. */
export const SEALED_SECRET_PATTERN = /^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*$/;

/**
 * A venue's integration with a platform was created or changed (intake's
 * `PUT /v1/venues/:venueId/integrations/:platform`), emitted in the transaction of the save. The
 * secret and the credentials travel still SEALED with intake's SecretBox (AES-256-GCM under
 * INTAKE_SECRETS_KEY): a service that must call the platform (status-sync) keeps its own replica
 * and opens them with the same key. Aggregate: `integration`, id = `integrationId`.
 */
export class IntakeIntegrationSavedV1 {
  /** intake's id of the integration; stable across saves of the same venue and platform */
  @IsUUID()
  integrationId: string;

  @Matches(VENUE_ID_PATTERN)
  venueId: string;

  /** the platform's route name (`ubereats`, `square` ...) */
  @Matches(CHANNEL_PATTERN)
  platform: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  storeRef: string;

  /** the webhook secret / client secret, sealed */
  @Matches(SEALED_SECRET_PATTERN, { message: 'secretSealed must be a sealed value (v1:iv:tag:ct)' })
  @MaxLength(4000)
  secretSealed: string;

  /** JSON of the API credentials (client id, access token ...), sealed */
  @IsOptional()
  @Matches(SEALED_SECRET_PATTERN, { message: 'credentialsSealed must be a sealed value (v1:iv:tag:ct)' })
  @MaxLength(16000)
  credentialsSealed?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notificationUrl?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  apiBaseUrl?: string;

  @IsOptional()
  @Matches(CURRENCY_PATTERN)
  currency?: string;

  /**
   * Declarative platforms: the integration's mapping (`DeclarativeMapping` of @hub/aggregators, validated
   * by intake when saved), including its outbound callback templates. No secret in it.
   */
  @IsOptional()
  @IsObject()
  mapping?: Record<string, unknown>;

  /** what the save did */
  @IsIn(['created', 'updated'])
  change: 'created' | 'updated';

  @IsISO8601({ strict: true })
  savedAt: string;
}
