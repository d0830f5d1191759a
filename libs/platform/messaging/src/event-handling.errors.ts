/**
 * Thrown by a handler for an event that can never succeed (bad data, a rule it breaks): the
 * transport sends it straight to the dead letters with this reason instead of retrying.
 */
export class PermanentEventError extends Error {}
