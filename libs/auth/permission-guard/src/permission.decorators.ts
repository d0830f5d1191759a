import { SetMetadata } from '@nestjs/common';
import type { Role } from './principal';

export const PUBLIC_ENDPOINT = 'hub:public-endpoint';
export const ROLES_KEY = 'hub:roles';
export const VENUE_SCOPE_KEY = 'hub:venue-scope';

/** No token needed: health, metrics, docs, and webhooks (which platforms sign in their own way). */
export const PublicEndpoint = () => SetMetadata(PUBLIC_ENDPOINT, true);

/** Only these roles may call the route or send the event. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export interface VenueScope {
  /** where the venue id is: a route param, a body field, or a query field */
  from: 'param' | 'body' | 'query';
  key: string;
}

/**
 * The route acts on one venue, named in the request: the guard refuses it (403) unless the venue is
 * in the token's venues. Routes that learn the venue only from stored data (an order by id) check it
 * in the use case with assertVenueAccess and say so with `@VenueScoped({ from: 'record' })`.
 */
export const VenueScoped = (scope: VenueScope | { from: 'record' } = { from: 'param', key: 'venueId' }) =>
  SetMetadata(VENUE_SCOPE_KEY, scope);
