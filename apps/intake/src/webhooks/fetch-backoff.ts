/** The longest wait between two fetch attempts. */
export const FETCH_BACKOFF_CAP_MS = 5 * 60_000;

/**
 * How long to wait after failed attempt `attempt` (from 1): the base doubled each time, at most
 * FETCH_BACKOFF_CAP_MS, then "equal jitter" (half fixed, half random) so replicas and deliveries
 * that failed together do not retry together. `random` is in [0, 1).
 */
export function fetchRetryDelayMs(
  attempt: number,
  baseMs: number,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(FETCH_BACKOFF_CAP_MS, baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}
