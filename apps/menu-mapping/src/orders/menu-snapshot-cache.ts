import type { VersionedSnapshot } from '../menu/menu.repository';

/** How many venues' snapshots one process keeps by default (least recently used go first). */
export const DEFAULT_SNAPSHOT_CACHE_VENUES = 256;

/**
 * Each venue's latest menu snapshot in this process, with the menu version and expiry it holds for
 * (OrderValidator decides whether it still does). One entry per venue, at most `maxVenues`, least
 * recently used dropped first, so memory stays flat. Cached snapshots are deeply frozen: whoever
 * reads one cannot change what the next order sees.
 */
export class MenuSnapshotCache {
  private readonly entries = new Map<string, VersionedSnapshot>();

  constructor(private readonly maxVenues = DEFAULT_SNAPSHOT_CACHE_VENUES) {}

  get size(): number {
    return this.entries.size;
  }

  get(venueId: string): VersionedSnapshot | undefined {
    const entry = this.entries.get(venueId);
    if (entry) {
      this.entries.delete(venueId);
      this.entries.set(venueId, entry);
    }
    return entry;
  }

  /**
   * Freezes `entry` and keeps it for its venue unless a newer version is kept already (a slower
   * concurrent load).
   */
  set(venueId: string, entry: VersionedSnapshot): void {
    deepFreeze(entry);
    const kept = this.entries.get(venueId);
    if (kept && BigInt(kept.version) > BigInt(entry.version)) return;
    this.entries.delete(venueId);
    this.entries.set(venueId, entry);
    while (this.entries.size > this.maxVenues) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}

function refuse(): never {
  throw new TypeError('a cached menu snapshot is read-only');
}

/** Freezes objects, arrays and Maps (whose set, delete and clear then throw) all the way down. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  if (value instanceof Map) {
    for (const [key, item] of value) {
      deepFreeze(key);
      deepFreeze(item);
    }
    Object.defineProperties(value, {
      set: { value: refuse },
      delete: { value: refuse },
      clear: { value: refuse },
    });
  } else {
    for (const item of Object.values(value as object)) deepFreeze(item);
  }
  return Object.freeze(value);
}
