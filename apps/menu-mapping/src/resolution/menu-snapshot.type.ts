/**
 * A venue's menu as validation sees it: the brand's items, modifiers and combos with this venue's
 * overrides (price, station) and availability applied. Built by MenuRepository.snapshot(); pure data.
 */
export interface SnapshotGroup {
  id: string;
  code: string;
  name: string;
  min: number;
  max: number;
  modifierIds: string[];
}

export interface SnapshotModifier {
  id: string;
  code: string;
  name: string;
  groupId: string;
  /** minor units */
  price: number;
  isDefault: boolean;
  available: boolean;
}

export interface SnapshotComponent {
  id: string;
  code: string;
  name: string;
  /** how many choices the component takes */
  quantity: number;
  defaultItemId: string | null;
  /** option item id → upcharge in minor units */
  options: ReadonlyMap<string, number>;
}

export interface SnapshotItem {
  id: string;
  code: string;
  kind: 'item' | 'combo';
  name: string;
  /** this venue's price (its override, else the brand price), minor units */
  price: number;
  currency: string;
  /** this venue's station (its override, else the brand station) */
  station: string;
  available: boolean;
  /** when an 86 with an end time is in force */
  unavailableUntil: string | null;
  plu: string | null;
  sku: string | null;
  groupIds: string[];
  components: SnapshotComponent[];
}

export interface MenuSnapshot {
  venueId: string;
  /** null when the venue is not registered (no brand, so no menu) */
  brandId: string | null;
  items: ReadonlyMap<string, SnapshotItem>;
  itemsByCode: ReadonlyMap<string, SnapshotItem>;
  modifiers: ReadonlyMap<string, SnapshotModifier>;
  modifiersByCode: ReadonlyMap<string, SnapshotModifier>;
  groups: ReadonlyMap<string, SnapshotGroup>;
}

export interface PriceTolerance {
  /** absolute, minor units */
  minor: number;
  /** of the venue price */
  percent: number;
}

/** Builds the lookup maps of a snapshot from its lists. */
export function buildSnapshot(
  venueId: string,
  brandId: string | null,
  items: SnapshotItem[],
  modifiers: SnapshotModifier[],
  groups: SnapshotGroup[],
): MenuSnapshot {
  return {
    venueId,
    brandId,
    items: new Map(items.map((i) => [i.id, i])),
    itemsByCode: new Map(items.map((i) => [i.code, i])),
    modifiers: new Map(modifiers.map((m) => [m.id, m])),
    modifiersByCode: new Map(modifiers.map((m) => [m.code, m])),
    groups: new Map(groups.map((g) => [g.id, g])),
  };
}
