import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { describeValidationErrors } from '@hub/contracts';
import { EventTransaction } from '@hub/messaging';
import { CsvMenuError, csvToMenuImport } from '../../import/csv-menu.mapper';
import { ImportCountsDto, MenuImportDto, MenuImportResultDto } from '../../import/menu-import.dto';
import { MenuImportRepository } from '../../menu-import.repository';
import { MenuRepository } from '../../menu.repository';
import type { UpsertOutcome } from '../../upsert-row.util';
import { checkMenuImport } from './check-menu-import';

const counts = (): ImportCountsDto => ({ created: 0, updated: 0, unchanged: 0 });

/**
 * Imports a POS menu export into a brand, idempotently: every category, group, modifier, item and
 * combo is matched by its code and keeps its id; rows whose values did not change are not touched.
 * The whole import is one transaction: it applies completely or not at all.
 */
@Injectable()
export class ImportMenuUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly menu: MenuRepository,
    private readonly writes: MenuImportRepository,
  ) {}

  /** A CSV export: converted to the JSON shape, then validated as the JSON body would be. */
  executeCsv(brandId: string, csv: string): Promise<MenuImportResultDto> {
    let plain: Record<string, unknown>;
    try {
      plain = csvToMenuImport(csv);
    } catch (error) {
      if (error instanceof CsvMenuError) throw new BadRequestException(error.problems);
      throw error;
    }
    const body = plainToInstance(MenuImportDto, plain);
    const problems = describeValidationErrors(
      validateSync(body, { whitelist: true, forbidNonWhitelisted: true }),
    );
    if (problems.length > 0) throw new BadRequestException(problems);
    return this.execute(brandId, body);
  }

  async execute(brandId: string, body: MenuImportDto): Promise<MenuImportResultDto> {
    const outcome = await this.tx.run(async ({ manager }) => {
      const brand = await this.menu.findBrand(brandId, manager);
      if (!brand)
        throw new NotFoundException(`brand ${brandId} not found: create it with PUT /v1/brands/${brandId}`);
      if (body.currency && body.currency !== brand.currency) {
        throw new BadRequestException([
          `currency: the import is in ${body.currency}, brand ${brandId} in ${brand.currency}`,
        ]);
      }
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`menu-import:${brandId}`]);
      const categories = await this.writes.codeIds(manager, 'categories', brandId);
      const groups = await this.writes.codeIds(manager, 'modifier_groups', brandId);
      const items = await this.writes.codeIds(manager, 'menu_items', brandId);
      const problems = checkMenuImport(body, {
        categories: new Set(categories.keys()),
        groups: new Set(groups.keys()),
        items: new Map([...items].map(([code, row]) => [code, row.kind ?? 'item'])),
      });
      if (problems.length > 0) throw new BadRequestException(problems);
      return this.apply(manager, brandId, brand.currency, body);
    });
    if (outcome.duplicate) throw new Error('unreachable: no inbox key given');
    return outcome.result;
  }

  private async apply(
    manager: EntityManager,
    brandId: string,
    currency: string,
    body: MenuImportDto,
  ): Promise<MenuImportResultDto> {
    const result: MenuImportResultDto = {
      brandId,
      categories: counts(),
      modifierGroups: counts(),
      modifiers: counts(),
      items: counts(),
      linksChanged: 0,
      unchanged: true,
    };
    const tally = (into: ImportCountsDto, outcome: UpsertOutcome) => {
      into[outcome] += 1;
    };

    for (const [position, category] of (body.categories ?? []).entries()) {
      const row = await this.writes.upsertCategory(manager, brandId, {
        code: category.code,
        name: category.name,
        position: category.position ?? position,
      });
      tally(result.categories, row.outcome);
    }
    const categoryIds = await this.writes.codeIds(manager, 'categories', brandId);

    for (const [position, group] of (body.modifierGroups ?? []).entries()) {
      const row = await this.writes.upsertGroup(manager, brandId, { ...group, position });
      tally(result.modifierGroups, row.outcome);
      for (const [index, modifier] of group.modifiers.entries()) {
        const written = await this.writes.upsertModifier(manager, brandId, {
          code: modifier.code,
          groupId: row.id,
          name: modifier.name,
          price: modifier.price,
          isDefault: modifier.default ?? false,
          allergens: modifier.allergens ?? [],
          position: index,
        });
        tally(result.modifiers, written.outcome);
      }
    }
    const groupIds = await this.writes.codeIds(manager, 'modifier_groups', brandId);

    const definitions = [
      ...body.items.map((item) => ({ item, kind: 'item' as const, components: undefined })),
      ...(body.combos ?? []).map((combo) => ({
        item: combo,
        kind: 'combo' as const,
        components: combo.components,
      })),
    ];
    const itemIds = new Map<string, string>();
    for (const [position, { item, kind }] of definitions.entries()) {
      const row = await this.menu.upsertItem(manager, brandId, item.code, {
        kind,
        name: item.name,
        description: item.description ?? null,
        categoryId: item.category ? (categoryIds.get(item.category)?.id ?? null) : null,
        price: item.price,
        currency,
        station: item.station,
        prepTimeSeconds: item.prepTimeSeconds ?? null,
        allergens: item.allergens ?? [],
        plu: item.plu ?? null,
        sku: item.sku ?? null,
        position,
      });
      itemIds.set(item.code, row.id);
      tally(result.items, row.outcome);
      if (item.modifierGroups) {
        const ids = item.modifierGroups.map((code) => groupIds.get(code)!.id);
        if (await this.writes.replaceItemGroups(manager, row.id, ids)) result.linksChanged += 1;
      }
    }
    const allItems = await this.writes.codeIds(manager, 'menu_items', brandId);
    for (const { item, components } of definitions) {
      if (!components) continue;
      const changed = await this.writes.replaceComponents(
        manager,
        itemIds.get(item.code)!,
        components.map((component) => ({
          code: component.code,
          name: component.name,
          quantity: component.quantity ?? 1,
          defaultItemId: component.default ? allItems.get(component.default)!.id : null,
          options: component.options.map((o) => ({
            itemId: allItems.get(o.item)!.id,
            upcharge: o.upcharge ?? 0,
          })),
        })),
      );
      if (changed) result.linksChanged += 1;
    }
    result.unchanged =
      result.linksChanged === 0 &&
      [result.categories, result.modifierGroups, result.modifiers, result.items].every(
        (c) => c.created === 0 && c.updated === 0,
      );
    return result;
  }
}
