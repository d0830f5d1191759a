import { IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';
import { BaseEnv } from '@hub/config';

export class IntakeEnv extends BaseEnv {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  INTAKE_PORT: number = 3001;

  /** encrypts integration secrets at rest (AES-256-GCM with a key derived from it); at least 32 characters */
  @IsString()
  @MinLength(32, { message: 'INTAKE_SECRETS_KEY must be at least 32 characters' })
  INTAKE_SECRETS_KEY: string;

  /** the largest webhook body accepted, in bytes; larger ones answer 413 */
  @IsOptional()
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  WEBHOOK_MAX_BYTES: number = 1024 * 1024;

  /** webhooks per integration per minute before intake answers 429 */
  @IsOptional()
  @IsInt()
  @Min(1)
  WEBHOOK_RATE_PER_MINUTE: number = 1200;

  /** how often the poll scheduler looks for due polls (ms); 0 turns scheduled polling off (manual sync still works) */
  @IsOptional()
  @IsInt()
  @Min(0)
  POLL_TICK_MS: number = 5000;

  /** the first retry after a failed poll (s); each further failure in a row doubles it */
  @IsOptional()
  @IsInt()
  @Min(1)
  POLL_BACKOFF_BASE_SECONDS: number = 15;

  /** the longest wait between retries of a failing poll (s) */
  @IsOptional()
  @IsInt()
  @Min(1)
  POLL_BACKOFF_MAX_SECONDS: number = 3600;

  /** pages one poll fetches at most; a platform with more goes on at the next tick */
  @IsOptional()
  @IsInt()
  @Min(1)
  POLL_MAX_PAGES: number = 20;

  /** how intake is reached from outside, for the URL a platform signs (Square, Olo) when no notificationUrl is set */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  INTAKE_PUBLIC_URL?: string;

  /** raw deliveries (evidence and the dedupe record) and `received_orders` are kept this many days; at least 4, past Square's 72 h of retries */
  @IsOptional()
  @IsInt()
  @Min(4)
  DELIVERY_RETENTION_DAYS: number = 90;

  /** a thin event (Square, Uber Eats) whose order cannot be fetched after this many attempts needs attention */
  @IsOptional()
  @IsInt()
  @Min(1)
  THIN_FETCH_MAX_ATTEMPTS: number = 20;

  /** ... or once it is this many minutes old, whichever comes first */
  @IsOptional()
  @IsInt()
  @Min(1)
  THIN_FETCH_MAX_AGE_MINUTES: number = 1440;

  /** the first retry's delay in ms; each next one doubles (at most 5 minutes), with jitter */
  @IsOptional()
  @IsInt()
  @Min(10)
  THIN_FETCH_RETRY_BASE_MS: number = 2000;

  /** how often the fetcher sweeps for due fetches besides being woken after each stored thin event */
  @IsOptional()
  @IsInt()
  @Min(50)
  THIN_FETCH_SWEEP_MS: number = 5000;
}
