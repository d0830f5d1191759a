import {
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { BaseEnv } from '@hub/config';

const jiraConfigured = (env: StatusSyncEnv) =>
  Boolean(env.JIRA_BASE_URL || env.JIRA_EMAIL || env.JIRA_API_TOKEN || env.JIRA_PROJECT_KEY);

export class StatusSyncEnv extends BaseEnv {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  STATUS_SYNC_PORT: number = 3005;

  /**
   * Opens the integration secrets that intake sealed (AES-256-GCM): it MUST equal intake's
   * INTAKE_SECRETS_KEY. Until every deployment sets it, INTAKE_SECRETS_KEY is read as a fallback.
   */
  @ValidateIf((env: StatusSyncEnv) => !env.INTAKE_SECRETS_KEY)
  @IsString()
  @MinLength(32, {
    message:
      'INTEGRATION_SECRETS_KEY must be at least 32 characters (the same value as intake INTAKE_SECRETS_KEY)',
  })
  INTEGRATION_SECRETS_KEY?: string;

  /** fallback for INTEGRATION_SECRETS_KEY (launchers that still pass only intake's variable) */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'INTAKE_SECRETS_KEY must be at least 32 characters' })
  INTAKE_SECRETS_KEY?: string;

  /** how often the worker looks for due callbacks (it is also woken right after each insert) */
  @IsOptional() @IsInt() @Min(10) @Max(60_000) CALLBACK_POLL_MS: number = 1000;

  /** callbacks in flight at once in this process */
  @IsOptional() @IsInt() @Min(1) @Max(256) CALLBACK_CONCURRENCY: number = 16;

  /** how long a claimed callback stays leased; a crashed attempt is retried once its lease expires */
  @IsOptional() @IsInt() @Min(500) @Max(600_000) CALLBACK_LEASE_MS: number = 30_000;

  /** per HTTP request; an attempt never outlives its lease */
  @IsOptional() @IsInt() @Min(100) @Max(120_000) CALLBACK_TIMEOUT_MS: number = 10_000;

  /** exponential backoff with full jitter: a random delay in [0, min(max, base * 2^(attempt-1))] */
  @IsOptional() @IsInt() @Min(1) @Max(3_600_000) CALLBACK_BACKOFF_BASE_MS: number = 1000;
  @IsOptional() @IsInt() @Min(1) @Max(86_400_000) CALLBACK_BACKOFF_MAX_MS: number = 300_000;

  /** attempts before a callback goes dead */
  @IsOptional() @IsInt() @Min(1) @Max(1000) CALLBACK_MAX_ATTEMPTS: number = 10;

  /** age (since created, or since a manual retry) after which an undelivered callback goes dead */
  @IsOptional() @IsInt() @Min(1000) @Max(30 * 86_400_000) CALLBACK_MAX_AGE_MS: number = 6 * 3_600_000;

  /** on shutdown, how long calls in flight may finish; the rest are aborted and retried after their lease */
  @IsOptional() @IsInt() @Min(0) @Max(60_000) CALLBACK_SHUTDOWN_GRACE_MS: number = 5000;

  /** failures within BREAKER_WINDOW_MS that open an integration's circuit breaker (shared by every replica) */
  @IsOptional() @IsInt() @Min(1) @Max(1000) BREAKER_FAILURE_THRESHOLD: number = 5;

  /** the window in which BREAKER_FAILURE_THRESHOLD failures open a breaker */
  @IsOptional() @IsInt() @Min(100) @Max(86_400_000) BREAKER_WINDOW_MS: number = 60_000;

  /** how long an open breaker waits before one half-open probe */
  @IsOptional() @IsInt() @Min(10) @Max(3_600_000) BREAKER_COOLDOWN_MS: number = 30_000;

  /** requests per second per platform (token bucket, per process) */
  @IsOptional() @IsInt() @Min(1) @Max(10_000) PLATFORM_RATE_PER_SECOND: number = 10;

  /** Jira Service Desk: all four set, or none (then no issues are opened) */
  @ValidateIf(jiraConfigured)
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'JIRA_BASE_URL must be an http(s) URL' })
  JIRA_BASE_URL?: string;

  @ValidateIf(jiraConfigured)
  @IsString()
  @MinLength(3, { message: 'JIRA_EMAIL is required when Jira is configured' })
  JIRA_EMAIL?: string;

  @ValidateIf(jiraConfigured)
  @IsString()
  @MinLength(1, { message: 'JIRA_API_TOKEN is required when Jira is configured' })
  JIRA_API_TOKEN?: string;

  @ValidateIf(jiraConfigured)
  @Matches(/^[A-Z][A-Z0-9_]{0,31}$/, { message: 'JIRA_PROJECT_KEY must be a Jira project key such as OPS' })
  JIRA_PROJECT_KEY?: string;

  @IsOptional() @IsString() @MinLength(1) JIRA_ISSUE_TYPE: string = 'Task';
}

/** The key that opens sealed integration secrets. */
export function integrationSecretsKey(env: StatusSyncEnv): string {
  return (env.INTEGRATION_SECRETS_KEY ?? env.INTAKE_SECRETS_KEY)!;
}
