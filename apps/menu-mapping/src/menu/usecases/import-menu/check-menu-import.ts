import type { MenuImportDto } from '../../import/menu-import.dto';

/** What the brand already has, by code, for references the import does not define itself. */
export interface ExistingCodes {
  categories: ReadonlySet<string>;
  groups: ReadonlySet<string>;
  /** code → kind */
  items: ReadonlyMap<string, string>;
}

/**
 * The cross-references class-validator cannot see: unique codes, known categories, groups and combo
 * options, min ≤ max, defaults within max. Every problem, named by its path in the import.
 */
export function checkMenuImport(body: MenuImportDto, existing: ExistingCodes): string[] {
  const problems: string[] = [];
  const duplicates = (what: string, codes: string[]) => {
    const seen = new Set<string>();
    for (const code of codes) {
      if (seen.has(code)) problems.push(`${what}: code ${code} appears more than once`);
      seen.add(code);
    }
  };
  const groups = body.modifierGroups ?? [];
  const combos = body.combos ?? [];
  duplicates(
    'categories',
    (body.categories ?? []).map((c) => c.code),
  );
  duplicates(
    'modifierGroups',
    groups.map((g) => g.code),
  );
  duplicates(
    'modifiers',
    groups.flatMap((g) => g.modifiers.map((m) => m.code)),
  );
  duplicates('items and combos', [...body.items.map((i) => i.code), ...combos.map((c) => c.code)]);

  const categories = new Set([...existing.categories, ...(body.categories ?? []).map((c) => c.code)]);
  const groupCodes = new Set([...existing.groups, ...groups.map((g) => g.code)]);
  const plainItems = new Set([
    ...[...existing.items].filter(([, kind]) => kind === 'item').map(([code]) => code),
    ...body.items.map((i) => i.code),
  ]);

  groups.forEach((group, g) => {
    if (group.min > group.max)
      problems.push(`modifierGroups.${g}.min: ${group.min} is more than max ${group.max}`);
    const defaults = group.modifiers.filter((m) => m.default).length;
    if (defaults > group.max) {
      problems.push(`modifierGroups.${g}.modifiers: ${defaults} defaults but at most ${group.max} choice(s)`);
    }
  });
  const checkItem = (path: string, item: MenuImportDto['items'][number]) => {
    if (item.category && !categories.has(item.category)) {
      problems.push(`${path}.category: unknown category ${item.category}`);
    }
    (item.modifierGroups ?? []).forEach((code, i) => {
      if (!groupCodes.has(code)) problems.push(`${path}.modifierGroups.${i}: unknown modifier group ${code}`);
    });
  };
  body.items.forEach((item, i) => checkItem(`items.${i}`, item));
  combos.forEach((combo, c) => {
    checkItem(`combos.${c}`, combo);
    const components = new Set<string>();
    combo.components.forEach((component, k) => {
      const path = `combos.${c}.components.${k}`;
      if (components.has(component.code))
        problems.push(`${path}.code: ${component.code} appears more than once`);
      components.add(component.code);
      component.options.forEach((option, o) => {
        if (!plainItems.has(option.item)) {
          problems.push(
            `${path}.options.${o}.item: ${option.item} is not an item of the brand (combos cannot nest)`,
          );
        }
      });
      if (component.default && !component.options.some((o) => o.item === component.default)) {
        problems.push(`${path}.default: ${component.default} is not one of the component's options`);
      }
    });
  });
  return problems;
}
