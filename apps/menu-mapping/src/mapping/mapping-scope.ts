import { Injectable, NotFoundException } from '@nestjs/common';
import { Principal } from '@hub/auth';
import { assertBrandAccess } from '../menu/menu-access';
import { MenuRepository } from '../menu/menu.repository';
import type { MappingScope } from './mappings.repository';

/** Turns a route's venue or brand into the mapping set it edits, checking brand access for brand-wide sets. */
@Injectable()
export class MappingScopes {
  constructor(private readonly menu: MenuRepository) {}

  async ofVenue(venueId: string, platform: string): Promise<MappingScope> {
    const venue = await this.menu.findVenue(venueId);
    if (!venue) throw new NotFoundException(`venue ${venueId} has no menu`);
    return { brandId: venue.brandId, platform, venueId };
  }

  async ofBrand(brandId: string, platform: string, principal: Principal): Promise<MappingScope> {
    if (!(await this.menu.findBrand(brandId))) throw new NotFoundException(`brand ${brandId} not found`);
    const venues = await this.menu.venuesOfBrand(brandId);
    assertBrandAccess(
      principal,
      brandId,
      venues.map((v) => v.id),
    );
    return { brandId, platform, venueId: null };
  }
}
