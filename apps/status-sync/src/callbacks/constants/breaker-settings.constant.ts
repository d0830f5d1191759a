/** Injection token of the shared circuit breakers' settings (from StatusSyncEnv). */
export const BREAKER_SETTINGS = Symbol('BREAKER_SETTINGS');
