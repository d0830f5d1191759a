import { parse } from 'csv-parse/sync';

/** The columns of a CSV menu export; `type` says what each row is. Unused cells stay empty. */
export const CSV_COLUMNS = [
  'type',
  'code',
  'name',
  'parent',
  'category',
  'price',
  'station',
  'prep_time_seconds',
  'allergens',
  'plu',
  'sku',
  'modifier_groups',
  'min',
  'max',
  'default',
  'quantity',
  'options',
  'description',
  'position',
] as const;

export const CSV_ROW_TYPES = [
  'category',
  'modifier_group',
  'modifier',
  'item',
  'combo',
  'combo_component',
] as const;

export class CsvMenuError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

type Row = Partial<Record<(typeof CSV_COLUMNS)[number], string>>;

/**
 * A CSV menu export as the JSON import body (MenuImportDto, validated after). One row per category,
 * modifier group, modifier (parent = its group), item, combo, and combo component (parent = its combo).
 * Lists inside a cell are separated by `|`; a combo option is `ITEM-CODE` or `ITEM-CODE:upcharge`.
 */
export function csvToMenuImport(csv: string): Record<string, unknown> {
  let rows: Row[];
  try {
    rows = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Row[];
  } catch (error) {
    throw new CsvMenuError([`not a readable CSV: ${(error as Error).message}`]);
  }
  const problems: string[] = [];
  const categories: Record<string, unknown>[] = [];
  const groups = new Map<string, Record<string, unknown> & { modifiers: unknown[] }>();
  const items: Record<string, unknown>[] = [];
  const combos = new Map<string, Record<string, unknown> & { components: unknown[] }>();
  const modifiers: Array<{ line: number; parent: string; modifier: Record<string, unknown> }> = [];
  const components: Array<{ line: number; parent: string; component: Record<string, unknown> }> = [];

  const list = (cell: string | undefined) =>
    (cell ?? '')
      .split('|')
      .map((v) => v.trim())
      .filter(Boolean);
  const optional = <T>(key: string, value: T | undefined) =>
    value === undefined || value === '' ? {} : { [key]: value };

  rows.forEach((row, index) => {
    const line = index + 2; // the header is line 1
    const number = (column: keyof Row): number | undefined => {
      const cell = row[column];
      if (cell === undefined || cell === '') return undefined;
      const value = Number(cell);
      if (!Number.isInteger(value))
        problems.push(`line ${line}: ${column} must be a whole number, got "${cell}"`);
      return value;
    };
    const flag = (cell: string | undefined) => /^(true|yes|y|1)$/i.test(cell ?? '');
    const item = () => ({
      code: row.code,
      name: row.name,
      price: number('price'),
      station: row.station,
      ...optional('category', row.category),
      ...optional('description', row.description),
      ...optional('prepTimeSeconds', number('prep_time_seconds')),
      allergens: list(row.allergens),
      ...optional('plu', row.plu),
      ...optional('sku', row.sku),
      modifierGroups: list(row.modifier_groups),
    });
    switch (row.type) {
      case 'category':
        categories.push({ code: row.code, name: row.name, ...optional('position', number('position')) });
        break;
      case 'modifier_group':
        groups.set(row.code ?? '', {
          code: row.code,
          name: row.name,
          min: number('min') ?? 0,
          max: number('max'),
          modifiers: [],
        });
        break;
      case 'modifier':
        modifiers.push({
          line,
          parent: row.parent ?? '',
          modifier: {
            code: row.code,
            name: row.name,
            price: number('price') ?? 0,
            default: flag(row.default),
            allergens: list(row.allergens),
          },
        });
        break;
      case 'item':
        items.push(item());
        break;
      case 'combo':
        combos.set(row.code ?? '', { ...item(), components: [] });
        break;
      case 'combo_component': {
        const options = list(row.options).map((option) => {
          const [code, upcharge] = option.split(':');
          const value = upcharge === undefined ? 0 : Number(upcharge);
          if (!Number.isInteger(value))
            problems.push(`line ${line}: option ${option} has no whole-number upcharge`);
          return { item: code, upcharge: value };
        });
        components.push({
          line,
          parent: row.parent ?? '',
          component: {
            code: row.code,
            name: row.name,
            quantity: number('quantity') ?? 1,
            ...optional('default', row.default),
            options,
          },
        });
        break;
      }
      default:
        problems.push(
          `line ${line}: type must be one of ${CSV_ROW_TYPES.join(', ')}, got "${row.type ?? ''}"`,
        );
    }
  });
  for (const { line, parent, modifier } of modifiers) {
    const group = groups.get(parent);
    if (group) group.modifiers.push(modifier);
    else problems.push(`line ${line}: parent must be a modifier_group of this file, got "${parent}"`);
  }
  for (const { line, parent, component } of components) {
    const combo = combos.get(parent);
    if (combo) combo.components.push(component);
    else problems.push(`line ${line}: parent must be a combo of this file, got "${parent}"`);
  }
  if (problems.length > 0) throw new CsvMenuError(problems);
  return { categories, modifierGroups: [...groups.values()], items, combos: [...combos.values()] };
}
