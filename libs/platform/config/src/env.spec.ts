import { IsInt, IsOptional } from 'class-validator';
import { BaseEnv, ConfigError, loadEnv } from './env';

class TestEnv extends BaseEnv {
  @IsOptional()
  @IsInt()
  TEST_PORT: number = 3999;
}

const good = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/hub',
  NATS_URL: 'nats://127.0.0.1:4222',
  AUTH_JWT_SECRET: 'x'.repeat(32),
};

describe('loadEnv', () => {
  it('applies defaults and converts numbers', () => {
    const env = loadEnv(TestEnv, { ...good, TEST_PORT: '4000' });
    expect(env.TEST_PORT).toBe(4000);
    expect(env.LOG_LEVEL).toBe('info');
    expect(env.NATS_ACK_WAIT_MS).toBe(30000);
  });

  it('names every missing or bad variable without echoing secrets', () => {
    const attempt = () =>
      loadEnv(TestEnv, { NATS_URL: 'http://nope', AUTH_JWT_SECRET: 'short-secret', TEST_PORT: 'abc' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('it is missing');
      expect(message).toContain('NATS_URL');
      expect(message).toContain('AUTH_JWT_SECRET must be at least 32 characters');
      expect(message).toContain('TEST_PORT');
      expect(message).not.toContain('short-secret');
    }
  });
});
