import { ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '@hub/auth';
import { EventTransaction } from '@hub/messaging';
import type { MenuItemDto, UpsertMenuItemDto } from '../../dto/menu-item.dto';
import { canEditBrandOf } from '../../menu-access';
import { MenuRepository, VenueRow } from '../../menu.repository';
import { SetAvailabilityUseCase } from '../set-availability/set-availability.usecase';

/**
 * The first menu API, kept: puts an item on the venue's brand menu by its code (its id stays stable)
 * and sets this venue's price and station. A venue not yet registered becomes a brand of its own
 * (brand id = venue id). On a shared brand, a manager may set the venue's price, station and
 * availability of an existing item only: its name and currency belong to head office.
 */
@Injectable()
export class UpsertVenueItemUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly menu: MenuRepository,
    private readonly availability: SetAvailabilityUseCase,
  ) {}

  async execute(
    venueId: string,
    code: string,
    body: UpsertMenuItemDto,
    principal: Principal,
  ): Promise<MenuItemDto> {
    const outcome = await this.tx.run(async ({ manager, emit }) => {
      const venue = await this.venueOf(manager, venueId, body.currency);
      const brand = (await this.menu.findBrand(venue.brandId, manager))!;
      if (brand.currency !== body.currency) {
        throw new ConflictException(`brand ${brand.id} prices in ${brand.currency}, not ${body.currency}`);
      }
      const existing = await this.menu.findItemByCode(brand.id, code, manager);
      let itemId: string;
      if (canEditBrandOf(principal, venue)) {
        const written = await this.menu.upsertItem(manager, brand.id, code, {
          kind: existing?.kind ?? 'item',
          name: body.name,
          description: null,
          categoryId: null,
          price: existing?.price ?? body.price,
          currency: body.currency,
          station: existing?.station ?? body.station,
          prepTimeSeconds: null,
          allergens: [],
          plu: null,
          sku: null,
          position: 0,
          ...(existing ? await this.keptDefinition(manager, existing.id) : {}),
        });
        itemId = written.id;
      } else {
        if (!existing) {
          throw new ForbiddenException(
            `${code} is not on the menu of brand ${brand.id}; head office adds items`,
          );
        }
        if (existing.name !== body.name) {
          throw new ForbiddenException(
            `the name of ${code} belongs to brand ${brand.id}; head office changes it`,
          );
        }
        itemId = existing.id;
      }
      await this.menu.setOverride(manager, venue.id, itemId, body.price, body.station);
      if (body.available !== undefined) {
        await this.availability.apply(manager, emit, {
          venueId: venue.id,
          kind: 'item',
          code,
          available: body.available,
          by: principal.sub,
        });
      }
      const [item] = (await this.menu.venueItems(venue.id, brand.id, manager)).filter((i) => i.id === itemId);
      return {
        id: item.id,
        venueId: venue.id,
        code: item.code,
        name: item.name,
        price: item.price,
        currency: item.currency,
        station: item.station,
        available: item.available,
      };
    });
    if (outcome.duplicate) throw new Error('unreachable: no inbox key given');
    return outcome.result;
  }

  private async venueOf(manager: EntityManager, venueId: string, currency: string): Promise<VenueRow> {
    const venue = await this.menu.findVenue(venueId, manager);
    if (venue) return venue;
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`venue:${venueId}`]);
    const again = await this.menu.findVenue(venueId, manager);
    if (again) return again;
    if (!(await this.menu.findBrand(venueId, manager))) {
      await this.menu.saveBrand(manager, { id: venueId, name: venueId, currency });
    }
    const registered: VenueRow = {
      id: venueId,
      brandId: venueId,
      name: null,
      priceToleranceMinor: null,
      priceTolerancePercent: null,
    };
    await this.menu.saveVenue(manager, registered);
    return registered;
  }

  /** What the legacy PUT does not carry, kept as the brand has it. */
  private async keptDefinition(manager: EntityManager, itemId: string) {
    const [row]: Array<{
      description: string | null;
      categoryId: string | null;
      prepTimeSeconds: number | null;
      allergens: string[];
      plu: string | null;
      sku: string | null;
      position: number;
    }> = await manager.query(
      `SELECT description, category_id AS "categoryId", prep_time_seconds AS "prepTimeSeconds", allergens, plu, sku, position
       FROM menu_items WHERE id = $1`,
      [itemId],
    );
    return row;
  }
}
