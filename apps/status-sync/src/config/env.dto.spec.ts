import { ConfigError, loadEnv } from '@hub/config';
import { integrationSecretsKey, StatusSyncEnv } from './env.dto';

const base = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/hub',
  NATS_URL: 'nats://127.0.0.1:4222',
  AUTH_JWT_SECRET: 'x'.repeat(32),
};

describe('StatusSyncEnv', () => {
  it('needs the integration secrets key, and names it', () => {
    expect(() => loadEnv(StatusSyncEnv, base)).toThrow(/INTEGRATION_SECRETS_KEY/);
    const env = loadEnv(StatusSyncEnv, { ...base, INTEGRATION_SECRETS_KEY: 'k'.repeat(32) });
    expect(integrationSecretsKey(env)).toBe('k'.repeat(32));
    expect(env.CALLBACK_MAX_ATTEMPTS).toBe(10);
  });

  it("falls back to intake's INTAKE_SECRETS_KEY while deployments pass only that one", () => {
    const env = loadEnv(StatusSyncEnv, { ...base, INTAKE_SECRETS_KEY: 'i'.repeat(32) });
    expect(integrationSecretsKey(env)).toBe('i'.repeat(32));
  });

  it('takes Jira whole or not at all', () => {
    const withKey = { ...base, INTEGRATION_SECRETS_KEY: 'k'.repeat(32) };
    expect(loadEnv(StatusSyncEnv, withKey).JIRA_BASE_URL).toBeUndefined();
    let error: unknown;
    try {
      loadEnv(StatusSyncEnv, { ...withKey, JIRA_BASE_URL: 'https://hub.atlassian.net' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/JIRA_EMAIL/);
    expect((error as Error).message).toMatch(/JIRA_API_TOKEN/);
    expect((error as Error).message).toMatch(/JIRA_PROJECT_KEY/);
    expect((error as Error).message).not.toMatch(/JIRA_BASE_URL/);
  });
});
