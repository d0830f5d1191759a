import type { AttentionReasonDto, OrderDraftDto, OrderItemDto, OrderModifierDto } from '@hub/contracts';
import { AttentionCode } from './constants/attention-code.constant';
import type { MenuSnapshot, PriceTolerance, SnapshotItem, SnapshotModifier } from './menu-snapshot.type';
import { codeKey, nameKey, normaliseName, PlatformMapping } from './platform-mapping';

export interface ValidationOptions {
  tolerance: PriceTolerance;
  /** lineId → internal item code a person chose instead of what the channel sent */
  substitutions?: ReadonlyMap<string, string>;
  /** a person accepted the channel's prices; a zero price or a zero total is never accepted */
  acceptPriceMismatch?: boolean;
}

/** A code the channel sent that resolves to nothing: what a person maps. */
export interface UnresolvedCode {
  kind: 'item' | 'modifier';
  /** the channel's code, when it sent one */
  code: string | null;
  name: string;
}

export type ValidationResult =
  | { ok: true; order: OrderDraftDto }
  | { ok: false; reasons: AttentionReasonDto[]; unresolved: UnresolvedCode[] };

interface LineCheck {
  venueId: string;
  snapshot: MenuSnapshot;
  mapping: PlatformMapping;
  options: ValidationOptions;
  reasons: AttentionReasonDto[];
  unresolved: UnresolvedCode[];
}

/**
 * The item a line means: the platform mapping (by code, then by name), else the internal code.
 * A mapping that points at an item no longer on the menu falls through to the internal code.
 */
export function resolveItem(
  line: { externalCode?: string; name: string },
  snapshot: MenuSnapshot,
  mapping: PlatformMapping,
): SnapshotItem | undefined {
  const mappedId =
    (line.externalCode ? mapping.items.get(codeKey(line.externalCode)) : undefined) ??
    mapping.items.get(nameKey(line.name));
  const mapped = mappedId ? snapshot.items.get(mappedId) : undefined;
  return mapped ?? (line.externalCode ? snapshot.itemsByCode.get(line.externalCode) : undefined);
}

/**
 * The modifier a line's modifier means: the platform mapping (code, then name), the internal code,
 * else a modifier of the item's own groups with the same name.
 */
export function resolveModifier(
  modifier: OrderModifierDto,
  item: SnapshotItem,
  snapshot: MenuSnapshot,
  mapping: PlatformMapping,
): SnapshotModifier | undefined {
  const mappedId =
    (modifier.externalCode ? mapping.modifiers.get(codeKey(modifier.externalCode)) : undefined) ??
    mapping.modifiers.get(nameKey(modifier.name));
  const found =
    (mappedId ? snapshot.modifiers.get(mappedId) : undefined) ??
    (modifier.externalCode ? snapshot.modifiersByCode.get(modifier.externalCode) : undefined);
  if (found) return found;
  const wanted = normaliseName(modifier.name);
  for (const groupId of item.groupIds) {
    for (const id of snapshot.groups.get(groupId)?.modifierIds ?? []) {
      const candidate = snapshot.modifiers.get(id);
      if (candidate && normaliseName(candidate.name) === wanted) return candidate;
    }
  }
  return undefined;
}

/** A combo's modifier that names one of its components' options (an item). */
function resolveComponentChoice(
  modifier: OrderModifierDto,
  combo: SnapshotItem,
  snapshot: MenuSnapshot,
  mapping: PlatformMapping,
): { componentId: string; item: SnapshotItem; upcharge: number } | undefined {
  const named = resolveItem({ externalCode: modifier.externalCode, name: modifier.name }, snapshot, mapping);
  const wanted = normaliseName(modifier.name);
  for (const component of combo.components) {
    for (const [itemId, upcharge] of component.options) {
      const option = snapshot.items.get(itemId);
      if (!option) continue;
      if (named?.id === itemId || normaliseName(option.name) === wanted) {
        return { componentId: component.id, item: option, upcharge };
      }
    }
  }
  return undefined;
}

function allowedDifference(expected: number, tolerance: PriceTolerance): number {
  return Math.max(tolerance.minor, Math.floor((expected * tolerance.percent) / 100));
}

function reason(check: LineCheck, code: AttentionCode, message: string, lineId?: string): void {
  check.reasons.push(lineId === undefined ? { code, message } : { code, lineId, message });
}

function checkPrice(
  check: LineCheck,
  lineId: string,
  what: string,
  charged: number,
  expected: number,
  currency: string,
): void {
  const allowed = allowedDifference(expected, check.options.tolerance);
  if (check.options.acceptPriceMismatch || Math.abs(charged - expected) <= allowed) return;
  reason(
    check,
    AttentionCode.PRICE_MISMATCH,
    `${what}: the order charges ${charged} but the venue price is ${expected} (${currency} minor units, tolerance ${allowed})`,
    lineId,
  );
}

/** Resolves a line's modifiers and combo choices, applies defaults, checks min/max and prices. */
function checkModifiers(
  check: LineCheck,
  line: OrderItemDto,
  item: SnapshotItem,
  currency: string,
): { modifiers: OrderModifierDto[]; menuValue: number } {
  const { snapshot, mapping, venueId } = check;
  const modifiers: OrderModifierDto[] = [];
  const groupCounts = new Map<string, number>();
  const componentCounts = new Map<string, number>();
  let menuValue = 0;
  for (const sent of line.modifiers) {
    const label = sent.externalCode ? `${sent.externalCode} (${sent.name})` : sent.name;
    const modifier = resolveModifier(sent, item, snapshot, mapping);
    if (modifier && item.groupIds.includes(modifier.groupId)) {
      if (!modifier.available) {
        reason(
          check,
          AttentionCode.MODIFIER_UNAVAILABLE,
          `${modifier.name} (${modifier.code}) on ${item.name} is marked unavailable at ${venueId}`,
          line.lineId,
        );
      }
      groupCounts.set(modifier.groupId, (groupCounts.get(modifier.groupId) ?? 0) + sent.quantity);
      checkPrice(
        check,
        line.lineId,
        `${item.name}: ${modifier.name}`,
        sent.unitPrice,
        modifier.price,
        currency,
      );
      menuValue += modifier.price * sent.quantity;
      modifiers.push({ ...sent, menuModifierId: modifier.id, name: modifier.name });
      continue;
    }
    const choice = item.kind === 'combo' ? resolveComponentChoice(sent, item, snapshot, mapping) : undefined;
    if (choice) {
      if (!choice.item.available) {
        reason(
          check,
          AttentionCode.COMPONENT_UNAVAILABLE,
          `${choice.item.name} (${choice.item.code}) in ${item.name} is marked unavailable at ${venueId}`,
          line.lineId,
        );
      }
      componentCounts.set(choice.componentId, (componentCounts.get(choice.componentId) ?? 0) + sent.quantity);
      checkPrice(
        check,
        line.lineId,
        `${item.name}: ${choice.item.name}`,
        sent.unitPrice,
        choice.upcharge,
        currency,
      );
      menuValue += choice.upcharge * sent.quantity;
      modifiers.push({ ...sent, menuModifierId: choice.item.id, name: choice.item.name });
      continue;
    }
    if (modifier) {
      reason(
        check,
        AttentionCode.MODIFIER_NOT_ALLOWED,
        `${modifier.name} (${modifier.code}) is not a choice for ${item.name}`,
        line.lineId,
      );
    } else {
      check.unresolved.push({ kind: 'modifier', code: sent.externalCode ?? null, name: sent.name });
      reason(
        check,
        AttentionCode.UNMAPPED_MODIFIER,
        `modifier ${label} of ${item.name} is not on the menu of ${venueId}`,
        line.lineId,
      );
    }
    modifiers.push(sent);
  }

  for (const groupId of item.groupIds) {
    const group = snapshot.groups.get(groupId);
    if (!group) continue;
    let count = groupCounts.get(groupId) ?? 0;
    if (count === 0) {
      for (const id of group.modifierIds) {
        const fallback = snapshot.modifiers.get(id);
        if (!fallback?.isDefault || !fallback.available) continue;
        // a default the channel did not send is included at no charge, so the kitchen sees it
        modifiers.push({
          externalCode: fallback.code,
          menuModifierId: fallback.id,
          name: fallback.name,
          quantity: 1,
          unitPrice: 0,
        });
        count += 1;
      }
    }
    if (count < group.min) {
      reason(
        check,
        AttentionCode.MODIFIER_MIN,
        `${item.name}: ${group.name} needs at least ${group.min} choice(s), got ${count}`,
        line.lineId,
      );
    }
    if (count > group.max) {
      reason(
        check,
        AttentionCode.MODIFIER_MAX,
        `${item.name}: ${group.name} allows at most ${group.max} choice(s), got ${count}`,
        line.lineId,
      );
    }
  }

  for (const component of item.components) {
    let count = componentCounts.get(component.id) ?? 0;
    const fallback = component.defaultItemId ? snapshot.items.get(component.defaultItemId) : undefined;
    if (count === 0 && fallback) {
      if (!fallback.available) {
        reason(
          check,
          AttentionCode.COMPONENT_UNAVAILABLE,
          `${fallback.name} (${fallback.code}), the default ${component.name} of ${item.name}, is marked unavailable at ${venueId}`,
          line.lineId,
        );
      }
      modifiers.push({
        externalCode: fallback.code,
        menuModifierId: fallback.id,
        name: fallback.name,
        quantity: component.quantity,
        unitPrice: 0,
      });
      count = component.quantity;
    }
    if (count < component.quantity) {
      reason(
        check,
        AttentionCode.COMPONENT_MIN,
        `${item.name}: ${component.name} needs ${component.quantity} choice(s), got ${count}`,
        line.lineId,
      );
    } else if (count > component.quantity) {
      reason(
        check,
        AttentionCode.COMPONENT_MAX,
        `${item.name}: ${component.name} takes ${component.quantity} choice(s), got ${count}`,
        line.lineId,
      );
    }
  }
  return { modifiers, menuValue };
}

/**
 * Validates a received order against a venue's menu and a platform's mapping. Either every line
 * resolves cleanly (the order comes back with menuItemId, the menu's name and the venue's station on
 * each line, and menuModifierId on each modifier) or every problem is listed, by line.
 */
export function validateOrder(
  order: OrderDraftDto,
  snapshot: MenuSnapshot,
  mapping: PlatformMapping,
  options: ValidationOptions,
): ValidationResult {
  const venueId = order.venueId;
  const currency = order.totals.currency;
  const check: LineCheck = { venueId, snapshot, mapping, options, reasons: [], unresolved: [] };
  let menuValue = 0;
  const items = order.items.map((line): OrderItemDto => {
    const substitute = options.substitutions?.get(line.lineId);
    const item =
      substitute !== undefined ? snapshot.itemsByCode.get(substitute) : resolveItem(line, snapshot, mapping);
    if (!item) {
      if (substitute === undefined)
        check.unresolved.push({ kind: 'item', code: line.externalCode, name: line.name });
      reason(
        check,
        AttentionCode.UNMAPPED_ITEM,
        substitute === undefined
          ? `item code ${line.externalCode} (${line.name}) is not on the menu of ${venueId}`
          : `substitute item code ${substitute} for ${line.name} is not on the menu of ${venueId}`,
        line.lineId,
      );
      return line;
    }
    if (!item.available) {
      reason(
        check,
        AttentionCode.ITEM_UNAVAILABLE,
        `${item.name} (${item.code}) is marked unavailable at ${venueId}` +
          (item.unavailableUntil ? ` until ${item.unavailableUntil}` : ''),
        line.lineId,
      );
    }
    if (item.currency !== currency) {
      reason(
        check,
        AttentionCode.CURRENCY_MISMATCH,
        `${item.name} is priced in ${item.currency}, the order in ${currency}`,
        line.lineId,
      );
    }
    if (line.unitPrice === 0 && item.price > 0) {
      reason(
        check,
        AttentionCode.ZERO_PRICE,
        `${item.name}: the order charges 0 but the venue price is ${item.price} (${currency} minor units)`,
        line.lineId,
      );
    } else {
      checkPrice(check, line.lineId, item.name, line.unitPrice, item.price, currency);
    }
    const resolved = checkModifiers(check, line, item, currency);
    menuValue += (item.price + resolved.menuValue) * line.quantity;
    return {
      ...line,
      menuItemId: item.id,
      name: item.name,
      station: item.station,
      modifiers: resolved.modifiers,
    };
  });
  if (order.totals.total === 0 && menuValue > 0) {
    reason(
      check,
      AttentionCode.ZERO_TOTAL,
      `the order total is 0 but its items are worth ${menuValue} (${currency} minor units) at ${venueId}`,
    );
  }
  if (check.reasons.length > 0) return { ok: false, reasons: check.reasons, unresolved: check.unresolved };
  return { ok: true, order: { ...order, items } };
}
