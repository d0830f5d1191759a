import { plainToInstance } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidationError,
  validateSync,
} from 'class-validator';

export class ConfigError extends Error {}

/**
 * Settings every service shares. A service's own `config/env.dto.ts` extends this class with its port
 * and anything else it needs. Business code receives the validated object, never `process.env`.
 */
export class BaseEnv {
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;

  @Matches(/^(nats|tls|wss?):\/\/\S+(,\s*(nats|tls|wss?):\/\/\S+)*$|^[\w.-]+:\d+$/, {
    message: 'NATS_URL must be a nats:// URL (or a comma-separated list of them)',
  })
  NATS_URL: string;

  @IsOptional()
  @Matches(/^[a-z0-9_]{0,24}$/, {
    message: 'NATS_NAMESPACE must be lowercase letters, digits or _ (at most 24)',
  })
  NATS_NAMESPACE: string = '';

  @IsString()
  @MinLength(32, { message: 'AUTH_JWT_SECRET must be at least 32 characters' })
  AUTH_JWT_SECRET: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  @IsOptional()
  @IsIn(['json', 'pretty'])
  LOG_FORMAT: string = 'json';

  /** how long JetStream waits for an ack before redelivering */
  @IsOptional()
  @IsInt()
  @Min(500)
  @Max(600_000)
  NATS_ACK_WAIT_MS: number = 30_000;

  /** run this service's migrations at start (under an advisory lock); off when a deploy job runs them */
  @IsOptional()
  @IsIn(['true', 'false'])
  DB_MIGRATE: string = 'true';

  /** parallel event handlers per consumer; events of one aggregate always run in order */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(256)
  EVENT_CONCURRENCY: number = 16;

  /** deliveries of an event before a handler that keeps failing sends it to the dead letters */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  EVENT_MAX_DELIVER: number = 8;

  /**
   * Resilience tests only: the subject whose handler kills the process (SIGKILL) after its
   * transaction commits and before the ack. Never set in production.
   */
  @IsOptional()
  @Matches(/^(cmd\.)?[a-z]+\.v\d+\.[a-z][a-z0-9-]*$/, {
    message: 'HUB_FAULT_KILL_BEFORE_ACK must be an event subject',
  })
  HUB_FAULT_KILL_BEFORE_ACK?: string;
}

function describe(errors: ValidationError[], source: Record<string, string | undefined>): string[] {
  return errors.map((error) => {
    const given = source[error.property];
    const what = given === undefined || given === '' ? 'it is missing' : 'the value given is not valid';
    const rules = Object.values(error.constraints ?? {}).join('; ');
    return `${error.property}: ${rules} (${what})`;
  });
}

/**
 * Reads and validates the environment once. Throws ConfigError naming every bad or missing variable
 * (never echoing values, which may be secrets).
 */
export function loadEnv<T extends object>(
  envClass: new () => T,
  source: Record<string, string | undefined> = process.env,
): T {
  const config = plainToInstance(envClass, source, {
    enableImplicitConversion: true,
    exposeDefaultValues: true,
  });
  const errors = validateSync(config, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) {
    throw new ConfigError(`invalid configuration:\n  ${describe(errors, source).join('\n  ')}`);
  }
  return config;
}

/** Loads the environment or stops the process with a message naming the variables. */
export function loadEnvOrExit<T extends object>(envClass: new () => T): T {
  try {
    return loadEnv(envClass);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
