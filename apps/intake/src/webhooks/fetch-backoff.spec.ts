import { FETCH_BACKOFF_CAP_MS, fetchRetryDelayMs } from './fetch-backoff';

describe('fetchRetryDelayMs', () => {
  it('doubles from the base, half of it jittered', () => {
    expect([1, 2, 3, 4].map((attempt) => fetchRetryDelayMs(attempt, 1000, () => 0))).toEqual([
      500, 1000, 2000, 4000,
    ]);
    expect([1, 2, 3, 4].map((attempt) => fetchRetryDelayMs(attempt, 1000, () => 0.999_999))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
  });

  it('never waits longer than the cap, however many attempts', () => {
    expect(fetchRetryDelayMs(100, 1000, () => 0.999_999)).toBe(FETCH_BACKOFF_CAP_MS);
    expect(fetchRetryDelayMs(100, 1000, () => 0)).toBe(FETCH_BACKOFF_CAP_MS / 2);
  });
});
