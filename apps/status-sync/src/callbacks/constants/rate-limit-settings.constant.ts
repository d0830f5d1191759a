/** Injection token of the shared rate limit's settings (from StatusSyncEnv). */
export const RATE_LIMIT_SETTINGS = Symbol('RATE_LIMIT_SETTINGS');
