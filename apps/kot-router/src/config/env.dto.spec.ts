import { ConfigError, loadEnv } from '@hub/config';
import { KotRouterEnv } from './env.dto';

const base = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/hub',
  NATS_URL: 'nats://127.0.0.1:4222',
  AUTH_JWT_SECRET: 'x'.repeat(32),
};

describe('KotRouterEnv', () => {
  it('shares the kitchen rooms through Postgres unless told to keep them in memory', () => {
    expect(loadEnv(KotRouterEnv, base).KITCHEN_SOCKET_ADAPTER).toBe('postgres');
    expect(loadEnv(KotRouterEnv, { ...base, KITCHEN_SOCKET_ADAPTER: 'memory' }).KITCHEN_SOCKET_ADAPTER).toBe(
      'memory',
    );
  });

  it('refuses another socket adapter, naming the variable and its choices', () => {
    expect(() => loadEnv(KotRouterEnv, { ...base, KITCHEN_SOCKET_ADAPTER: 'redis' })).toThrow(ConfigError);
    expect(() => loadEnv(KotRouterEnv, { ...base, KITCHEN_SOCKET_ADAPTER: 'redis' })).toThrow(
      /KITCHEN_SOCKET_ADAPTER must be postgres or memory/,
    );
  });
});
