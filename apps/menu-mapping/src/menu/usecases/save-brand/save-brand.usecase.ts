import { ConflictException, Injectable } from '@nestjs/common';
import { EventTransaction } from '@hub/messaging';
import type { BrandDto, SaveBrandDto } from '../../dto/brand.dto';
import { MenuRepository } from '../../menu.repository';

/** Creates a brand or renames it. Its currency cannot change once it has items. */
@Injectable()
export class SaveBrandUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly menu: MenuRepository,
  ) {}

  async execute(brandId: string, body: SaveBrandDto): Promise<BrandDto> {
    const outcome = await this.tx.run(async ({ manager }) => {
      const existing = await this.menu.findBrand(brandId, manager);
      if (
        existing &&
        existing.currency !== body.currency &&
        (await this.menu.countItems(brandId, manager)) > 0
      ) {
        throw new ConflictException(
          `brand ${brandId} has items priced in ${existing.currency}; its currency cannot change to ${body.currency}`,
        );
      }
      await this.menu.saveBrand(manager, { id: brandId, name: body.name, currency: body.currency });
      const venues = await this.menu.venuesOfBrand(brandId, manager);
      return { id: brandId, name: body.name, currency: body.currency, venues: venues.map((v) => v.id) };
    });
    if (outcome.duplicate) throw new Error('unreachable: no inbox key given');
    return outcome.result;
  }
}
