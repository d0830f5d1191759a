import type { PriceTolerance } from '../resolution/menu-snapshot.type';

/** menu-mapping's settings from its validated environment; business code never reads process.env. */
export interface MenuSettings {
  /** the default; a venue may have its own */
  tolerance: PriceTolerance;
  recentOrdersPerVenue: number;
  availabilitySweepMs: number;
  /** venues whose menu snapshot a process keeps */
  snapshotCacheVenues: number;
}
