import { distance } from 'fastest-levenshtein';
import { normaliseName } from './platform-mapping';

/** Something a platform code could map to: an item or a modifier of the brand. */
export interface SuggestionCandidate {
  id: string;
  code: string;
  name: string;
  plu?: string | null;
  sku?: string | null;
}

export type SuggestionBasis = 'plu' | 'sku' | 'code' | 'name';

export interface Suggestion {
  id: string;
  code: string;
  name: string;
  /** 1 for an exact PLU, SKU or code; else the name similarity, 0..1 */
  score: number;
  basis: SuggestionBasis;
}

/** Names below this similarity are not suggested. */
export const MIN_NAME_SCORE = 0.4;

/** 1 − edit distance / longer length, on normalised names. */
export function editSimilarity(a: string, b: string): number {
  const x = normaliseName(a);
  const y = normaliseName(b);
  const longest = Math.max(x.length, y.length);
  if (longest === 0) return 0;
  return 1 - distance(x, y) / longest;
}

/** Dice coefficient of the words, order-free: "Tikka Paneer" and "paneer tikka" score 1. */
export function wordSimilarity(a: string, b: string): number {
  const x = new Set(normaliseName(a).split(' ').filter(Boolean));
  const y = new Set(normaliseName(b).split(' ').filter(Boolean));
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const word of x) if (y.has(word)) shared += 1;
  return (2 * shared) / (x.size + y.size);
}

/** How alike two names are, 0..1: the better of edit and word similarity. */
export function nameSimilarity(a: string, b: string): number {
  return Math.round(Math.max(editSimilarity(a, b), wordSimilarity(a, b)) * 1000) / 1000;
}

function same(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * Candidates for an unmapped platform code, best first: exact PLU, then SKU, then internal code
 * (score 1), then by name similarity (score 0..1, at least MIN_NAME_SCORE). A person confirms one.
 */
export function suggestTargets(
  query: { code?: string | null; name?: string | null },
  candidates: SuggestionCandidate[],
  limit = 5,
): Suggestion[] {
  const exact: Suggestion[] = [];
  const byName: Suggestion[] = [];
  for (const candidate of candidates) {
    const basis: SuggestionBasis | undefined = same(query.code, candidate.plu)
      ? 'plu'
      : same(query.code, candidate.sku)
        ? 'sku'
        : same(query.code, candidate.code)
          ? 'code'
          : undefined;
    const base = { id: candidate.id, code: candidate.code, name: candidate.name };
    if (basis) {
      exact.push({ ...base, score: 1, basis });
      continue;
    }
    if (!query.name) continue;
    const score = nameSimilarity(query.name, candidate.name);
    if (score >= MIN_NAME_SCORE) byName.push({ ...base, score, basis: 'name' });
  }
  const rank: Record<SuggestionBasis, number> = { plu: 0, sku: 1, code: 2, name: 3 };
  exact.sort((a, b) => rank[a.basis] - rank[b.basis] || a.code.localeCompare(b.code));
  byName.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  return [...exact, ...byName].slice(0, limit);
}
