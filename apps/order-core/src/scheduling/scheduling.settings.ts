/** Injection token of how scheduled orders are held. */
export const SCHEDULING_SETTINGS = Symbol('SCHEDULING_SETTINGS');

export interface SchedulingSettings {
  /** a scheduled order is released to the kitchen this long before its scheduled time */
  prepMinutes: number;
}
