import type { VersionedSnapshot } from '../menu/menu.repository';
import { buildSnapshot, SnapshotItem } from '../resolution/menu-snapshot.type';
import { MenuSnapshotCache } from './menu-snapshot-cache';

const item = (id: string): SnapshotItem => ({
  id,
  code: id.toUpperCase(),
  kind: 'combo',
  name: id,
  price: 100,
  currency: 'INR',
  station: 'curry',
  available: true,
  unavailableUntil: null,
  plu: null,
  sku: null,
  groupIds: ['g'],
  components: [
    { id: 'c', code: 'C', name: 'C', quantity: 1, defaultItemId: null, options: new Map([['x', 5]]) },
  ],
});

const entry = (venueId: string, version: string): VersionedSnapshot => ({
  snapshot: {
    ...buildSnapshot(
      venueId,
      'brand',
      [item('a')],
      [],
      [{ id: 'g', code: 'G', name: 'G', min: 0, max: 1, modifierIds: [] }],
    ),
    venue: {
      id: venueId,
      brandId: 'brand',
      name: null,
      priceToleranceMinor: null,
      priceTolerancePercent: null,
    },
  },
  version,
  builtAt: '2026-11-22 18:00:00+00',
  expiresAt: null,
});

describe('MenuSnapshotCache', () => {
  it('freezes what it keeps all the way down, maps included', () => {
    const cache = new MenuSnapshotCache();
    cache.set('v1', entry('v1', '1'));
    const { snapshot } = cache.get('v1')!;
    const cached = snapshot.items.get('a')!;
    expect(() => {
      cached.price = 0;
    }).toThrow(TypeError);
    expect(() => cached.groupIds.push('h')).toThrow(TypeError);
    expect(() => (cached.components[0].options as Map<string, number>).set('y', 0)).toThrow(TypeError);
    expect(() => (snapshot.items as Map<string, SnapshotItem>).delete('a')).toThrow(TypeError);
    expect(() => (snapshot.groups as Map<string, unknown>).clear()).toThrow(TypeError);
    expect(() => {
      snapshot.venue!.priceToleranceMinor = 5;
    }).toThrow(TypeError);
    expect(snapshot.items.get('a')).toMatchObject({ price: 100, groupIds: ['g'] });
    expect(snapshot.items.get('a')!.components[0].options.get('x')).toBe(5);
  });

  it('keeps one version per venue, never going back to an older one', () => {
    const cache = new MenuSnapshotCache();
    cache.set('v1', entry('v1', '10'));
    cache.set('v1', entry('v1', '9'));
    expect(cache.get('v1')?.version).toBe('10');
    cache.set('v1', entry('v1', '11'));
    expect(cache.get('v1')?.version).toBe('11');
    expect(cache.size).toBe(1);
  });

  it('holds at most its number of venues, dropping the least recently used', () => {
    const cache = new MenuSnapshotCache(2);
    cache.set('a', entry('a', '1'));
    cache.set('b', entry('b', '1'));
    cache.get('a');
    cache.set('c', entry('c', '1'));
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
  });
});
