/**
 * A platform's codes for one venue, as validation uses them: match key → internal id, for items and
 * for modifiers. Keys are `code:<platform code>` (PLU, SKU or variation id: whatever the channel puts
 * in externalCode) and `name:<normalised name>`.
 */
export interface PlatformMapping {
  items: ReadonlyMap<string, string>;
  modifiers: ReadonlyMap<string, string>;
}

export type MappingTargetKind = 'item' | 'modifier';
export type MappingMatchType = 'plu' | 'sku' | 'variation' | 'name';
export const MAPPING_MATCH_TYPES: readonly MappingMatchType[] = ['plu', 'sku', 'variation', 'name'];
export const MAPPING_TARGET_KINDS: readonly MappingTargetKind[] = ['item', 'modifier'];

export interface MappingEntryRef {
  kind: MappingTargetKind;
  matchType: MappingMatchType;
  platformCode: string;
  targetId: string;
}

export const EMPTY_MAPPING: PlatformMapping = { items: new Map(), modifiers: new Map() };

/** Lowercase, accents and punctuation removed, single spaces: "Paneer  Tikka!" → "paneer tikka". */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function codeKey(code: string): string {
  return `code:${code}`;
}

export function nameKey(name: string): string {
  return `name:${normaliseName(name)}`;
}

/** The key an entry is stored and looked up under: codes as sent, names normalised. */
export function matchKey(matchType: MappingMatchType, platformCode: string): string {
  return matchType === 'name' ? nameKey(platformCode) : codeKey(platformCode);
}

/** One lookup from entry lists; later lists win (brand-wide first, then the venue's own). */
export function mergeMappings(...layers: MappingEntryRef[][]): PlatformMapping {
  const items = new Map<string, string>();
  const modifiers = new Map<string, string>();
  for (const layer of layers) {
    for (const entry of layer) {
      (entry.kind === 'item' ? items : modifiers).set(
        matchKey(entry.matchType, entry.platformCode),
        entry.targetId,
      );
    }
  }
  return { items, modifiers };
}
