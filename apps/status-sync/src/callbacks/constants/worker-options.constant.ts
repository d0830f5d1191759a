/** Injection token of the callback worker's settings (from StatusSyncEnv). */
export const WORKER_OPTIONS = Symbol('WORKER_OPTIONS');
