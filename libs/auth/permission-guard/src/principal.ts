import { VENUE_ID_PATTERN, STATION_PATTERN } from '@hub/order-model';

export enum Role {
  HEAD_OFFICE = 'head_office',
  MANAGER = 'manager',
  STAFF = 'staff',
  STATION = 'station',
}

export const ROLES: readonly string[] = Object.values(Role);

/** Who a verified token says the caller is. */
export interface Principal {
  sub: string;
  role: Role;
  /** venue ids, or '*' (head office: every venue) */
  venues: string[] | '*';
  station?: string;
}

export class InvalidTokenError extends Error {}

/** Checks the claims of a verified JWT and returns the principal, or says what is wrong. */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const { sub, role, venues, station } = claims;
  if (typeof sub !== 'string' || sub.length === 0) throw new InvalidTokenError('token has no sub claim');
  if (typeof role !== 'string' || !ROLES.includes(role))
    throw new InvalidTokenError(`token role must be one of ${ROLES.join(', ')}`);
  const allVenues = venues === '*' || (Array.isArray(venues) && venues.length === 1 && venues[0] === '*');
  if (allVenues && role !== Role.HEAD_OFFICE)
    throw new InvalidTokenError("only a head_office token may hold venues '*'");
  if (
    !allVenues &&
    !(
      Array.isArray(venues) &&
      venues.length > 0 &&
      venues.every((v) => typeof v === 'string' && VENUE_ID_PATTERN.test(v))
    )
  ) {
    throw new InvalidTokenError('token venues must be a list of venue ids, or "*" for head office');
  }
  if (station !== undefined && (typeof station !== 'string' || !STATION_PATTERN.test(station))) {
    throw new InvalidTokenError('token station must be a station name');
  }
  if (role === Role.STATION && station === undefined)
    throw new InvalidTokenError('a station token must name its station');
  return {
    sub,
    role: role as Role,
    venues: allVenues ? '*' : (venues as string[]),
    station: station as string | undefined,
  };
}

export function canAccessVenue(principal: Principal, venueId: string): boolean {
  return principal.venues === '*' || principal.venues.includes(venueId);
}
