import { Injectable, NotFoundException } from '@nestjs/common';
import type { MenuViewDto } from '../../dto/menu-item.dto';
import { MenuRepository } from '../../menu.repository';

/** A venue's menu as it sells it now, or the brand's own (brand prices and stations, nothing 86d). */
@Injectable()
export class GetMenuUseCase {
  constructor(private readonly menu: MenuRepository) {}

  async forVenue(venueId: string): Promise<MenuViewDto> {
    const venue = await this.menu.findVenue(venueId);
    if (!venue) throw new NotFoundException(`venue ${venueId} has no menu`);
    return this.view(venue.brandId, venueId);
  }

  async forBrand(brandId: string): Promise<MenuViewDto> {
    return this.view(brandId, null);
  }

  private async view(brandId: string, venueId: string | null): Promise<MenuViewDto> {
    const brand = await this.menu.findBrand(brandId);
    if (!brand) throw new NotFoundException(`brand ${brandId} not found`);
    const items = await this.menu.venueItems(venueId, brandId);
    return {
      brandId,
      venueId,
      currency: brand.currency,
      categories: await this.menu.categories(brandId),
      items: items.map((item) => ({ ...item, venueId: venueId ?? '' })),
      modifierGroups: await this.menu.groups(brandId, venueId),
      comboComponents: await this.menu.components(brandId),
    };
  }
}
