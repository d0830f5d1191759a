import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OrderDraftDto } from '@hub/contracts';
import { MappingsRepository } from '../mapping/mappings.repository';
import { MenuRepository, VenueSnapshot } from '../menu/menu.repository';
import { mergeMappings } from '../resolution/platform-mapping';
import { validateOrder, ValidationOptions, ValidationResult } from '../resolution/validate-order';
import { MENU_SETTINGS } from '../settings/constants/menu-settings.constant';
import type { MenuSettings } from '../settings/menu-settings';
import { MenuSnapshotCache } from './menu-snapshot-cache';

/**
 * Validates an order against its venue's menu as it is now and the platform mapping in force there
 * (the venue's own entries over the brand-wide ones), with the venue's price tolerance.
 *
 * The venue's menu snapshot is cached in this process: one statement reads the mapping with the
 * menu version (bumped by a trigger in every transaction that changes a menu table, whoever makes
 * it) and whether the database clock is still inside the cached snapshot's span (from the now() its
 * 86s were judged by to the earliest end of an 86 after it). The cached snapshot is used while both
 * hold; otherwise it is read again (with its version and span, in one statement) and cached.
 */
@Injectable()
export class OrderValidator {
  private readonly cache: MenuSnapshotCache;

  constructor(
    private readonly menu: MenuRepository,
    private readonly mappings: MappingsRepository,
    @Inject(MENU_SETTINGS) private readonly settings: MenuSettings,
  ) {
    this.cache = new MenuSnapshotCache(settings.snapshotCacheVenues);
  }

  async validate(
    order: OrderDraftDto,
    manager?: EntityManager,
    options: Omit<ValidationOptions, 'tolerance'> = {},
  ): Promise<ValidationResult> {
    const { venueId } = order;
    const platform = order.source.platform;
    const cached = this.cache.get(venueId);
    const read = await this.mappings.activeLayersWithMenuVersion(platform, venueId, cached ?? null, manager);
    let snapshot: VenueSnapshot;
    let layers = { brand: read.brand, venue: read.venue };
    if (cached && cached.version === read.menuVersion && read.inSpan) {
      snapshot = cached.snapshot;
    } else {
      const loaded = await this.menu.versionedSnapshot(venueId, manager);
      this.cache.set(venueId, loaded);
      snapshot = loaded.snapshot;
      // the venue moved to another brand (or was registered) between the two statements
      if (snapshot.brandId !== read.brandId) {
        layers = snapshot.brandId
          ? await this.mappings.activeLayers(snapshot.brandId, platform, venueId, manager)
          : { brand: [], venue: [] };
      }
    }
    return validateOrder(order, snapshot, mergeMappings(layers.brand, layers.venue), {
      ...options,
      tolerance: this.menu.tolerance(snapshot.venue, this.settings.tolerance),
    });
  }
}
