import { msUntilToken } from './rate-limiter';

// The taking itself is one SQL statement, proven against Postgres in
// test/e2e/shared-rate-limit.e2e-spec.ts; this is the wait a deferred callback is given.
describe('msUntilToken', () => {
  it('is the time the missing part of a token takes to refill', () => {
    expect(msUntilToken(0, 2)).toBe(500);
    expect(msUntilToken(0.75, 2)).toBe(125);
    expect(msUntilToken(0.5, 10)).toBe(50);
    expect(msUntilToken(0, 1)).toBe(1000);
  });

  it('waits a whole token when the read found no bucket or still showed a token another replica took', () => {
    expect(msUntilToken(null, 4)).toBe(250);
    expect(msUntilToken(1.5, 4)).toBe(250);
  });

  it('never answers "now" for a bucket a hair short of a token', () => {
    expect(msUntilToken(0.9999999, 10_000)).toBe(1);
  });
});
