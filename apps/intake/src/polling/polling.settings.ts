/** Injection token of the polling settings (from the environment). */
export const POLL_SETTINGS = Symbol('POLL_SETTINGS');

export interface PollSettings {
  /** how often the scheduler looks for due polls, ms; 0 turns the scheduler off (manual sync still works) */
  tickMs: number;
  /** the first retry after a failed poll, seconds; each further failure doubles it */
  backoffBaseSeconds: number;
  /** the longest wait between retries of a failing poll, seconds */
  backoffMaxSeconds: number;
  /** pages one poll may fetch before it yields to the next integration (the rest waits for the next poll) */
  maxPages: number;
  /** how long a poll's lease lasts before another replica may take the integration over, ms */
  leaseMs: number;
}

/** The wait before retrying a poll after its `failures`-th failure in a row: doubling, capped. */
export function pollBackoffSeconds(failures: number, settings: PollSettings): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 20);
  return Math.min(settings.backoffBaseSeconds * 2 ** exponent, settings.backoffMaxSeconds);
}
