import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OrderDraftDto } from '@hub/contracts';
import { MappingsRepository } from '../mapping/mappings.repository';
import { MenuRepository } from '../menu/menu.repository';
import { mergeMappings } from '../resolution/platform-mapping';
import { validateOrder, ValidationOptions, ValidationResult } from '../resolution/validate-order';
import { MENU_SETTINGS } from '../settings/constants/menu-settings.constant';
import type { MenuSettings } from '../settings/menu-settings';

/**
 * Validates an order against its venue's menu as it is now and the platform mapping in force there
 * (the venue's own entries over the brand-wide ones), with the venue's price tolerance.
 */
@Injectable()
export class OrderValidator {
  constructor(
    private readonly menu: MenuRepository,
    private readonly mappings: MappingsRepository,
    @Inject(MENU_SETTINGS) private readonly settings: MenuSettings,
  ) {}

  async validate(
    order: OrderDraftDto,
    manager?: EntityManager,
    options: Omit<ValidationOptions, 'tolerance'> = {},
  ): Promise<ValidationResult> {
    const snapshot = await this.menu.snapshot(order.venueId, manager);
    const layers = snapshot.brandId
      ? await this.mappings.activeLayers(snapshot.brandId, order.source.platform, order.venueId, manager)
      : { brand: [], venue: [] };
    return validateOrder(order, snapshot, mergeMappings(layers.brand, layers.venue), {
      ...options,
      tolerance: this.menu.tolerance(snapshot.venue, this.settings.tolerance),
    });
  }
}
