import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { EventTransaction } from '@hub/messaging';
import { MENU_SETTINGS } from '../../../settings/constants/menu-settings.constant';
import type { MenuSettings } from '../../../settings/menu-settings';
import type { SaveVenueSettingsDto, VenueSettingsDto } from '../../dto/brand.dto';
import { MenuRepository, VenueRow } from '../../menu.repository';

/** Registers a venue with its brand (or moves it to another) and sets its price tolerance. */
@Injectable()
export class SaveVenueUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly menu: MenuRepository,
    @Inject(MENU_SETTINGS) private readonly settings: MenuSettings,
  ) {}

  async execute(venueId: string, body: SaveVenueSettingsDto): Promise<VenueSettingsDto> {
    const outcome = await this.tx.run(async ({ manager }) => {
      if (!(await this.menu.findBrand(body.brandId, manager))) {
        throw new BadRequestException(
          `brandId: brand ${body.brandId} does not exist; create it with PUT /v1/brands/${body.brandId}`,
        );
      }
      const venue: VenueRow = {
        id: venueId,
        brandId: body.brandId,
        name: body.name ?? null,
        priceToleranceMinor: body.priceToleranceMinor ?? null,
        priceTolerancePercent: body.priceTolerancePercent ?? null,
      };
      await this.menu.saveVenue(manager, venue);
      return this.view(venue);
    });
    if (outcome.duplicate) throw new Error('unreachable: no inbox key given');
    return outcome.result;
  }

  view(venue: VenueRow): VenueSettingsDto {
    const tolerance = this.menu.tolerance(venue, this.settings.tolerance);
    return {
      venueId: venue.id,
      brandId: venue.brandId,
      name: venue.name,
      priceToleranceMinor: tolerance.minor,
      priceTolerancePercent: tolerance.percent,
    };
  }
}
