import { ForbiddenException } from '@nestjs/common';
import { Principal, Role } from '@hub/auth';
import type { VenueRow } from './menu.repository';

/**
 * Brand-level changes (the brand menu, its imports and brand-wide mappings) belong to head office:
 * a head-office token for every venue, or for every venue of the brand.
 */
export function assertBrandAccess(principal: Principal, brandId: string, venueIds: string[]): void {
  if (principal.role !== Role.HEAD_OFFICE) {
    throw new ForbiddenException(`only head office may change brand ${brandId}`);
  }
  const missing = principal.venues === '*' ? [] : venueIds.filter((id) => !principal.venues.includes(id));
  if (missing.length > 0) {
    throw new ForbiddenException(
      `this token is not scoped to every venue of brand ${brandId} (${missing.join(', ')})`,
    );
  }
}

/**
 * Whether the caller may change the brand definitions behind a venue's menu: head office, or the
 * venue's own manager when the venue is a brand of its own (a venue registered on first use).
 */
export function canEditBrandOf(principal: Principal, venue: VenueRow): boolean {
  return principal.role === Role.HEAD_OFFICE || venue.brandId === venue.id;
}
