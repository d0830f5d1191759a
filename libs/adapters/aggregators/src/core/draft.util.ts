import { itemsSubtotal } from '@hub/order-model';
import type { OrderDraft } from './aggregator-adapter';

type DraftItem = OrderDraft['items'][number];
type DraftModifier = DraftItem['modifiers'][number];

/** Field lengths of OrderDraftDto: longer platform text is cut, never refused. */
const LIMITS = { code: 100, name: 200, itemNotes: 500, orderNotes: 1000, display: 20, phone: 40 } as const;

export function clip(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

function clipOptional(value: string | undefined, max: number): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? clip(trimmed, max) : undefined;
}

/** Joins the non-empty parts of a note. */
export function joinNotes(...parts: Array<string | undefined | null | false>): string | undefined {
  const text = parts
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .map((part) => part.trim())
    .join(' · ');
  return text === '' ? undefined : text;
}

/** Given name and family name as the one `customer.name`; empty when the platform withholds it. */
export function personName(...parts: Array<string | undefined>): string {
  return parts
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .map((part) => part.trim())
    .join(' ');
}

/**
 * The last step of every mapper: cuts text to the contract's lengths, makes line ids unique within
 * the order (platforms repeat them in published samples), and fills the subtotal from the lines
 * when the platform gave none.
 */
export function finalizeDraft(draft: OrderDraft): OrderDraft {
  const seen = new Map<string, number>();
  const items: DraftItem[] = draft.items.map((item) => {
    const base = clip(item.lineId, LIMITS.code - 4);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const modifiers: DraftModifier[] = item.modifiers.map((modifier) => ({
      ...modifier,
      name: clip(modifier.name, LIMITS.name),
      externalCode: clipOptional(modifier.externalCode, LIMITS.code),
    }));
    return {
      ...item,
      lineId: count === 1 ? base : `${base}#${count}`,
      externalCode: clip(item.externalCode, LIMITS.code),
      name: clip(item.name, LIMITS.name),
      notes: clipOptional(item.notes, LIMITS.itemNotes),
      modifiers,
    };
  });
  return {
    ...draft,
    displayNumber: clipOptional(draft.displayNumber, LIMITS.display),
    customer: {
      name: clip(draft.customer.name, LIMITS.name),
      phone: clipOptional(draft.customer.phone, LIMITS.phone),
    },
    notes: clipOptional(draft.notes, LIMITS.orderNotes),
    items,
  };
}

/** Sum of the lines with their modifiers, in minor units. */
export function linesSubtotal(
  items: ReadonlyArray<Pick<DraftItem, 'quantity' | 'unitPrice' | 'modifiers'>>,
): number {
  return itemsSubtotal(items);
}
