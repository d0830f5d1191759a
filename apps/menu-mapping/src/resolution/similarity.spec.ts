import { nameSimilarity, suggestTargets, SuggestionCandidate, wordSimilarity } from './similarity';

const candidates: SuggestionCandidate[] = [
  { id: 'i1', code: 'PANEER-TIKKA', name: 'Paneer Tikka', plu: '101', sku: 'SKU-PT' },
  { id: 'i2', code: 'CHICKEN-TIKKA', name: 'Chicken Tikka', plu: '102', sku: 'SKU-CT' },
  { id: 'i3', code: 'MANGO-LASSI', name: 'Mango Lassi', plu: '201', sku: null },
  { id: 'i4', code: 'KULFI', name: 'Kulfi', plu: null, sku: '101' },
];

describe('name similarity', () => {
  it('ignores case, punctuation and word order', () => {
    expect(nameSimilarity('PANEER-TIKKA!', 'paneer tikka')).toBe(1);
    expect(wordSimilarity('Tikka Paneer', 'Paneer Tikka')).toBe(1);
  });

  it('scores a misspelling above an unrelated name', () => {
    expect(nameSimilarity('Panner Tika', 'Paneer Tikka')).toBeGreaterThan(0.8);
    expect(nameSimilarity('Panner Tika', 'Mango Lassi')).toBeLessThan(0.4);
  });
});

describe('suggestTargets', () => {
  it('puts an exact PLU first, then an exact SKU, then names', () => {
    const suggestions = suggestTargets({ code: '101', name: 'Paneer Tika' }, candidates);
    expect(suggestions.map((s) => [s.code, s.basis, s.score])).toEqual([
      ['PANEER-TIKKA', 'plu', 1],
      ['KULFI', 'sku', 1],
      ['CHICKEN-TIKKA', 'name', expect.any(Number)],
    ]);
  });

  it('ranks by name similarity when no code matches, and leaves out poor matches', () => {
    const suggestions = suggestTargets({ code: 'ZX-9', name: 'Chiken Tikka (Half)' }, candidates);
    expect(suggestions[0]).toMatchObject({ id: 'i2', basis: 'name' });
    expect(suggestions[0].score).toBeGreaterThan(suggestions[1]?.score ?? 0);
    expect(suggestions.map((s) => s.code)).not.toContain('MANGO-LASSI');
    expect(suggestions.every((s) => s.score >= 0.4 && s.score < 1)).toBe(true);
  });

  it('matches an internal code exactly, case-insensitively', () => {
    expect(suggestTargets({ code: 'mango-lassi' }, candidates)).toEqual([
      { id: 'i3', code: 'MANGO-LASSI', name: 'Mango Lassi', score: 1, basis: 'code' },
    ]);
  });
});
