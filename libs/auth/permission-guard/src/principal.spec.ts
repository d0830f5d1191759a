import { canAccessVenue, principalFromClaims, Role } from './principal';

describe('principalFromClaims', () => {
  it('accepts a manager of listed venues', () => {
    const p = principalFromClaims({ sub: 'u1', role: 'manager', venues: ['blr-koramangala'] });
    expect(p).toEqual({ sub: 'u1', role: Role.MANAGER, venues: ['blr-koramangala'], station: undefined });
    expect(canAccessVenue(p, 'blr-koramangala')).toBe(true);
    expect(canAccessVenue(p, 'blr-indiranagar')).toBe(false);
  });

  it('lets head office hold every venue', () => {
    const p = principalFromClaims({ sub: 'ho', role: 'head_office', venues: '*' });
    expect(canAccessVenue(p, 'anything')).toBe(true);
  });

  it.each([
    [{ role: 'manager', venues: ['a'] }, 'no sub'],
    [{ sub: 'x', role: 'chef', venues: ['a'] }, 'role must be one of'],
    [{ sub: 'x', role: 'manager', venues: '*' }, "only a head_office token may hold venues '*'"],
    [{ sub: 'x', role: 'manager', venues: [] }, 'venues must be a list'],
    [{ sub: 'x', role: 'station', venues: ['a'] }, 'must name its station'],
    [{ sub: 'x', role: 'station', venues: ['a'], station: 'Bad Name' }, 'station must be a station name'],
  ])('refuses %j', (claims, message) => {
    expect(() => principalFromClaims(claims)).toThrow(message);
  });
});
