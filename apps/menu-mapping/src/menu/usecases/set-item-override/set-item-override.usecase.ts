import { NotFoundException, Injectable } from '@nestjs/common';
import { EventTransaction } from '@hub/messaging';
import type { MenuItemDto, SetItemOverrideDto } from '../../dto/menu-item.dto';
import { MenuRepository } from '../../menu.repository';

/** Sets (or clears, with null) a venue's own price and station for an item of its brand. */
@Injectable()
export class SetItemOverrideUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly menu: MenuRepository,
  ) {}

  async execute(venueId: string, code: string, body: SetItemOverrideDto): Promise<MenuItemDto> {
    const outcome = await this.tx.run(async ({ manager }) => {
      const venue = await this.menu.findVenue(venueId, manager);
      if (!venue) throw new NotFoundException(`venue ${venueId} has no menu`);
      const item = await this.menu.findItemByCode(venue.brandId, code, manager);
      if (!item) throw new NotFoundException(`item ${code} is not on the menu of ${venueId}`);
      await this.menu.setOverride(manager, venueId, item.id, body.price, body.station);
      const [view] = (await this.menu.venueItems(venueId, venue.brandId, manager)).filter(
        (i) => i.id === item.id,
      );
      return {
        id: view.id,
        venueId,
        code: view.code,
        name: view.name,
        price: view.price,
        currency: view.currency,
        station: view.station,
        available: view.available,
      };
    });
    if (outcome.duplicate) throw new Error('unreachable: no inbox key given');
    return outcome.result;
  }
}
