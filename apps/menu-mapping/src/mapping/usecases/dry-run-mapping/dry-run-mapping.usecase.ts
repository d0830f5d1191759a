import { ConflictException, Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MenuRepository } from '../../../menu/menu.repository';
import type { MenuSnapshot, PriceTolerance } from '../../../resolution/menu-snapshot.type';
import { MappingEntryRef, mergeMappings } from '../../../resolution/platform-mapping';
import { validateOrder } from '../../../resolution/validate-order';
import { MENU_SETTINGS } from '../../../settings/constants/menu-settings.constant';
import type { MenuSettings } from '../../../settings/menu-settings';
import type { DryRunOrderDto, DryRunReportDto } from '../../dto/mapping.dto';
import { MappingScope, MappingsRepository } from '../../mappings.repository';
import { SeenOrdersRepository } from '../../seen-orders.repository';

/** How many recent orders a dry run tries at most. */
export const DRY_RUN_ORDERS = 1000;

/**
 * Tries the draft of a mapping set on the recent real orders of its venue (or of every venue of the
 * brand, for a brand-wide set) against today's menu, next to the version in force, and reports the
 * orders that pass today and would fail under the draft, and those it would fix.
 */
@Injectable()
export class DryRunMappingUseCase {
  constructor(
    private readonly mappings: MappingsRepository,
    private readonly menu: MenuRepository,
    private readonly seen: SeenOrdersRepository,
    @Inject(MENU_SETTINGS) private readonly settings: MenuSettings,
  ) {}

  async execute(scope: MappingScope, manager?: EntityManager): Promise<DryRunReportDto> {
    const set = await this.mappings.findSet(scope, manager);
    const draft = set ? await this.mappings.draft(set.id, manager) : null;
    if (!set || !draft)
      throw new ConflictException(`there is no draft of the ${scope.platform} mapping to try`);
    const versions = await this.mappings.versions(set.id, manager);
    const proposed = await this.mappings.entries(draft.id, manager);
    const current = set.activeVersionId ? await this.mappings.entries(set.activeVersionId, manager) : [];
    const venueIds = scope.venueId
      ? [scope.venueId]
      : (await this.menu.venuesOfBrand(scope.brandId, manager)).map((v) => v.id);
    const orders = await this.seen.recent(venueIds, scope.platform, DRY_RUN_ORDERS, manager);

    const venues = new Map<
      string,
      {
        snapshot: MenuSnapshot;
        tolerance: PriceTolerance;
        brand: MappingEntryRef[];
        venue: MappingEntryRef[];
      }
    >();
    const report: DryRunReportDto = {
      platform: scope.platform,
      venueId: scope.venueId,
      fromVersion: versions.find((v) => v.id === set.activeVersionId)?.number ?? null,
      toVersion: draft.number,
      checked: orders.length,
      nowFailing: [],
      nowPassing: [],
      stillFailing: 0,
    };
    for (const row of orders) {
      let context = venues.get(row.venueId);
      if (!context) {
        const snapshot = await this.menu.snapshot(row.venueId, manager);
        const layers = await this.mappings.activeLayers(scope.brandId, scope.platform, row.venueId, manager);
        context = {
          snapshot,
          tolerance: this.menu.tolerance(snapshot.venue, this.settings.tolerance),
          ...layers,
        };
        venues.set(row.venueId, context);
      }
      // the set's own layer is swapped: the version in force, then the draft
      const layered = (own: MappingEntryRef[]) =>
        scope.venueId ? mergeMappings(context.brand, own) : mergeMappings(own, context.venue);
      const options = { tolerance: context.tolerance };
      const before = validateOrder(row.order, context.snapshot, layered(current), options);
      const after = validateOrder(row.order, context.snapshot, layered(proposed), options);
      const entry = (reasons: DryRunOrderDto['reasons']): DryRunOrderDto => ({
        venueId: row.venueId,
        channel: row.channel,
        externalId: row.externalId,
        receivedAt: row.receivedAt,
        reasons,
      });
      if (before.ok && !after.ok) report.nowFailing.push(entry(after.reasons));
      else if (!before.ok && after.ok) report.nowPassing.push(entry([]));
      else if (!before.ok && !after.ok) report.stillFailing += 1;
    }
    return report;
  }
}
