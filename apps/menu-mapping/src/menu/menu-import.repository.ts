import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { upsertRow, UpsertedRow } from './upsert-row.util';

/** Writes of brand menu definitions by code (POS import); each says whether it changed anything. */
@Injectable()
export class MenuImportRepository {
  async codeIds(
    manager: EntityManager,
    table: 'categories' | 'modifier_groups' | 'menu_items',
    brandId: string,
  ) {
    const rows: Array<{ id: string; code: string; kind?: string }> = await manager.query(
      `SELECT id, code${table === 'menu_items' ? ', kind' : ''} FROM ${table} WHERE brand_id = $1`,
      [brandId],
    );
    return new Map(rows.map((r) => [r.code, r]));
  }

  upsertCategory(
    manager: EntityManager,
    brandId: string,
    category: { code: string; name: string; position: number },
  ): Promise<UpsertedRow> {
    return upsertRow(
      manager,
      'categories',
      'categories_brand_code_uq',
      { brand_id: brandId, code: category.code },
      { name: category.name, position: category.position },
    );
  }

  upsertGroup(
    manager: EntityManager,
    brandId: string,
    group: { code: string; name: string; min: number; max: number; position: number },
  ): Promise<UpsertedRow> {
    return upsertRow(
      manager,
      'modifier_groups',
      'modifier_groups_brand_code_uq',
      { brand_id: brandId, code: group.code },
      { name: group.name, min_select: group.min, max_select: group.max, position: group.position },
    );
  }

  upsertModifier(
    manager: EntityManager,
    brandId: string,
    modifier: {
      code: string;
      groupId: string;
      name: string;
      price: number;
      isDefault: boolean;
      allergens: string[];
      position: number;
    },
  ): Promise<UpsertedRow> {
    return upsertRow(
      manager,
      'modifiers',
      'modifiers_brand_code_uq',
      { brand_id: brandId, code: modifier.code },
      {
        group_id: modifier.groupId,
        name: modifier.name,
        price: modifier.price,
        is_default: modifier.isDefault,
        allergens: modifier.allergens,
        position: modifier.position,
      },
    );
  }

  /** Makes the item's groups exactly these, in order; true when they were different. */
  async replaceItemGroups(manager: EntityManager, itemId: string, groupIds: string[]): Promise<boolean> {
    const current: Array<{ group_id: string }> = await manager.query(
      'SELECT group_id FROM item_modifier_groups WHERE item_id = $1 ORDER BY position',
      [itemId],
    );
    if (current.map((r) => r.group_id).join(',') === groupIds.join(',')) return false;
    await manager.query('DELETE FROM item_modifier_groups WHERE item_id = $1', [itemId]);
    if (groupIds.length > 0) {
      await manager.query(
        `INSERT INTO item_modifier_groups (item_id, group_id, position)
         SELECT $1, g, p - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS t (g, p)`,
        [itemId, groupIds],
      );
    }
    return true;
  }

  /**
   * Makes the combo's components exactly these (matched by code, ids kept); true when anything changed.
   */
  async replaceComponents(
    manager: EntityManager,
    comboId: string,
    components: Array<{
      code: string;
      name: string;
      quantity: number;
      defaultItemId: string | null;
      options: Array<{ itemId: string; upcharge: number }>;
    }>,
  ): Promise<boolean> {
    let changed = false;
    const keep: string[] = [];
    for (const [position, component] of components.entries()) {
      const row = await upsertRow(
        manager,
        'combo_components',
        'combo_components_combo_code_uq',
        { combo_id: comboId, code: component.code },
        {
          name: component.name,
          quantity: component.quantity,
          default_item_id: component.defaultItemId,
          position,
        },
        { touchUpdatedAt: false },
      );
      keep.push(row.id);
      if (row.outcome !== 'unchanged') changed = true;
      const current: Array<{ item_id: string; upcharge: number }> = await manager.query(
        'SELECT item_id, upcharge FROM combo_component_options WHERE component_id = $1 ORDER BY item_id',
        [row.id],
      );
      const wanted = [...component.options].sort((a, b) => a.itemId.localeCompare(b.itemId));
      const same =
        current.length === wanted.length &&
        current.every((c, i) => c.item_id === wanted[i].itemId && c.upcharge === wanted[i].upcharge);
      if (!same) {
        changed = true;
        await manager.query('DELETE FROM combo_component_options WHERE component_id = $1', [row.id]);
        await manager.query(
          `INSERT INTO combo_component_options (component_id, item_id, upcharge)
           SELECT $1, * FROM unnest($2::uuid[], $3::int[])`,
          [row.id, wanted.map((o) => o.itemId), wanted.map((o) => o.upcharge)],
        );
      }
    }
    const removed: [unknown[], number] = await manager.query(
      'DELETE FROM combo_components WHERE combo_id = $1 AND NOT (id = ANY ($2::uuid[]))',
      [comboId, keep],
    );
    return changed || removed[1] > 0;
  }
}
