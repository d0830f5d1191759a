import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('lets N through per key per minute, then again in the next minute', () => {
    let now = 0;
    const limiter = new RateLimiter(2, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a'), limiter.take('b')]).toEqual([
      true,
      true,
      false,
      true,
    ]);
    now = 60_000;
    expect(limiter.take('a')).toBe(true);
  });
});
