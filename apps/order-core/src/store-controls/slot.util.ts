/** Capacity is counted per slot of this many minutes. */
export const SLOT_MINUTES = 15;
const SLOT_MS = SLOT_MINUTES * 60_000;

/**
 * The start of the 15-minute slot a time falls in. Every time zone's offset is a multiple of 15
 * minutes, so UTC slots are the venue's local slots too.
 */
export function slotStart(at: Date): Date {
  return new Date(Math.floor(at.getTime() / SLOT_MS) * SLOT_MS);
}

export function nextSlot(slot: Date, after = 1): Date {
  return new Date(slot.getTime() + after * SLOT_MS);
}

/** `10:15–10:30 UTC`, for reasons on the timeline. */
export function describeSlot(slot: Date): string {
  const hhmm = (d: Date) => d.toISOString().slice(11, 16);
  return `${hhmm(slot)}–${hhmm(nextSlot(slot))} UTC`;
}
