import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';
import { mintToken, Role } from '@hub/auth';
import { deleteNamespaceStreams } from '@hub/messaging';
import {
  createDatabase,
  dropDatabase,
  findInfrastructure,
  Infrastructure,
  withDatabase,
} from './infrastructure';

export const TEST_JWT_SECRET = 'test-secret-of-at-least-thirty-two-characters';

let shared: Promise<Infrastructure> | undefined;

/**
 * One test suite's own world on the shared Postgres and NATS: a fresh database and a NATS
 * namespace (prefix of every stream and subject), both removed by stop().
 */
export class TestEnvironment {
  private constructor(
    readonly infrastructure: Infrastructure,
    readonly database: string,
    readonly namespace: string,
  ) {}

  static async create(): Promise<TestEnvironment> {
    shared ??= findInfrastructure();
    const infrastructure = await shared;
    const suffix = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
    const database = `hub_test_${suffix}`;
    await createDatabase(infrastructure.adminDatabaseUrl, database);
    return new TestEnvironment(infrastructure, database, `t${suffix}`);
  }

  get databaseUrl(): string {
    return withDatabase(this.infrastructure.adminDatabaseUrl, this.database);
  }

  get natsUrl(): string {
    return this.infrastructure.natsUrl;
  }

  /** The environment a service of this suite starts with. */
  env(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      DATABASE_URL: this.databaseUrl,
      NATS_URL: this.natsUrl,
      NATS_NAMESPACE: this.namespace,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
      NATS_ACK_WAIT_MS: '3000',
      INTAKE_SECRETS_KEY: 'test-intake-secrets-key-of-32-characters',
      ...overrides,
    };
  }

  token(role: Role, venues: string[] | '*', station?: string, sub = `test-${role}`): string {
    return mintToken({ secret: TEST_JWT_SECRET, role, venues, station, sub });
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async stop(): Promise<void> {
    const nc = await connect({ servers: this.natsUrl });
    try {
      await deleteNamespaceStreams(await jetstreamManager(nc), this.namespace);
    } finally {
      await nc.close();
    }
    await dropDatabase(this.infrastructure.adminDatabaseUrl, this.database);
  }
}

/** Polls until `probe` returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 5000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`,
  );
}
