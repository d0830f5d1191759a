import { CURRENCY_PATTERN, OrderStatus, OrderType } from '@hub/order-model';
import type {
  IntegrationSettings,
  OrderDraft,
  PlatformStatusUpdate,
  RawWebhook,
} from '../core/aggregator-adapter';
import { finalizeDraft, linesSubtotal, personName } from '../core/draft.util';
import type { PayloadReader } from '../core/payload-reader.util';
import type { DeclarativeMapping, PlatformStatusMeaning } from './declarative-mapping';
import { resolveAll, resolveOne } from './declarative-path';

type DraftItem = OrderDraft['items'][number];
type DraftModifier = DraftItem['modifiers'][number];

/** What a platform's status name means, in the canonical vocabulary intake turns into updates. */
export const MEANING_TO_STATUS: Readonly<Record<PlatformStatusMeaning, OrderStatus>> = {
  cancelled: OrderStatus.CANCELLED,
  picked_up: OrderStatus.DISPATCHED,
  delivered: OrderStatus.COMPLETED,
};

/** Unix milliseconds from here on; smaller numbers are Unix seconds. */
const MILLIS_FROM = 100_000_000_000;

interface Context {
  platform: string;
  mapping: DeclarativeMapping;
  root: PayloadReader;
}

/** The elements a list path reaches: `[*]` expansions, or the array at the path; missing → none. */
export function listAt(path: string, current: PayloadReader, root: PayloadReader): PayloadReader[] {
  const readers = resolveAll(path, current, root);
  if (readers.length === 1 && !path.includes('[*]')) {
    const [only] = readers;
    return Array.isArray(only.value) ? only.optArray() : only.isMissing ? [] : [only];
  }
  return readers.filter((reader) => !reader.isMissing);
}

/** A time as ISO 8601 UTC: ISO text, or a number of Unix seconds or milliseconds. */
export function timeOf(reader: PayloadReader): string | undefined {
  const value = reader.value;
  const epoch =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d{9,13}$/.test(value.trim())
        ? Number(value)
        : undefined;
  if (epoch === undefined) return reader.optIsoTime();
  const date = new Date(epoch >= MILLIS_FROM ? epoch : epoch * 1000);
  if (Number.isNaN(date.getTime())) reader.fail(`expected a time, got ${epoch}`);
  return date.toISOString();
}

function amount(ctx: Context, reader: PayloadReader, currency: string): number | undefined {
  return ctx.mapping.money === 'minor' ? reader.optMinorUnits() : reader.optMoney(currency);
}

function wholeQuantity(reader: PayloadReader | undefined): number {
  if (!reader) return 1;
  const quantity = reader.optNumber();
  if (quantity === undefined) return 1;
  if (!Number.isInteger(quantity) || quantity < 1)
    reader.fail(`expected a whole quantity of at least 1, got ${quantity}`);
  return quantity;
}

function currencyOf(ctx: Context, order: PayloadReader, integration: IntegrationSettings): string {
  const configured = ctx.mapping.currency;
  if (typeof configured === 'string') return configured;
  if (configured) {
    const reader = resolveOne(configured.path, order, ctx.root);
    const code = reader.text()?.toUpperCase();
    if (code !== undefined) {
      if (!CURRENCY_PATTERN.test(code)) reader.fail(`expected an ISO 4217 currency code, got "${code}"`);
      return code;
    }
  }
  return integration.currency ?? 'INR';
}

function orderTypeOf(ctx: Context, order: PayloadReader): OrderType {
  const config = ctx.mapping.order.orderType;
  if (!config) return OrderType.DELIVERY;
  if (config.path) {
    const reader = resolveOne(config.path, order, ctx.root);
    const value = reader.text()?.toLowerCase();
    if (value !== undefined) {
      const map = Object.fromEntries(
        Object.entries(config.map ?? {}).map(([name, type]) => [name.toLowerCase(), type]),
      );
      const mapped =
        map[value] ??
        ((Object.values(OrderType) as string[]).includes(value) ? (value as OrderType) : undefined);
      if (mapped) return mapped;
      if (!config.default)
        reader.fail(`"${value}" is not a mapped order type (${Object.keys(map).join(', ')})`);
    }
  }
  if (!config.default) return resolveOne(config.path ?? '$', order, ctx.root).fail('is required');
  return config.default;
}

function itemsOf(ctx: Context, order: PayloadReader, currency: string): DraftItem[] {
  const config = ctx.mapping.order.items;
  const lines = listAt(config.path, order, ctx.root);
  if (lines.length === 0) resolveOne(config.path, order, ctx.root).fail('no order lines found');
  const opt = (path: string | undefined, item: PayloadReader) =>
    path === undefined ? undefined : resolveOne(path, item, ctx.root);
  return lines.map((item, index) => {
    const name = resolveOne(config.name, item, ctx.root).nonEmpty();
    const code = opt(config.code, item)?.text() ?? name;
    const modifierConfig = config.modifiers;
    const modifiers: DraftModifier[] = modifierConfig
      ? listAt(modifierConfig.path, item, ctx.root).map((modifier) => ({
          externalCode: opt(modifierConfig.code, modifier)?.text(),
          name: resolveOne(modifierConfig.name, modifier, ctx.root).nonEmpty(),
          quantity: wholeQuantity(opt(modifierConfig.quantity, modifier)),
          unitPrice:
            (modifierConfig.price &&
              amount(ctx, resolveOne(modifierConfig.price, modifier, ctx.root), currency)) ||
            0,
        }))
      : [];
    const unitPrice: PayloadReader = resolveOne(config.unitPrice, item, ctx.root);
    const price = amount(ctx, unitPrice, currency);
    if (price === undefined) unitPrice.fail('is required');
    if (price < 0) unitPrice.fail(`must not be negative, got ${String(unitPrice.value)}`);
    return {
      lineId: `${index + 1}:${code}`,
      externalCode: code,
      name,
      quantity: wholeQuantity(opt(config.quantity, item)),
      unitPrice: price,
      modifiers,
      notes: opt(config.notes, item)?.text(),
    };
  });
}

/** One order of the payload → the canonical draft. */
export function mapDeclarativeOrder(
  ctx: Context,
  order: PayloadReader,
  integration: IntegrationSettings,
  webhook: RawWebhook,
): OrderDraft {
  const fields = ctx.mapping.order;
  const at = (path: string) => resolveOne(path, order, ctx.root);
  const opt = (path: string | undefined) => (path === undefined ? undefined : at(path));
  order.object();
  const currency = currencyOf(ctx, order, integration);
  const items = itemsOf(ctx, order, currency);
  const money = (path: string | undefined) => {
    const reader = opt(path);
    return reader ? amount(ctx, reader, currency) : undefined;
  };
  const total = money(fields.totals.total);
  if (total === undefined) at(fields.totals.total).fail('is required');
  const names = fields.customerName === undefined ? [] : [fields.customerName].flat();
  const nonNegative = (value: number | undefined, path: string | undefined): number => {
    if (value !== undefined && value < 0 && path) at(path).fail(`must not be negative, got ${value}`);
    return value ?? 0;
  };
  return finalizeDraft({
    venueId: integration.venueId,
    channel: ctx.platform,
    externalId: at(fields.externalId).nonEmpty(),
    displayNumber: opt(fields.displayNumber)?.text(),
    orderType: orderTypeOf(ctx, order),
    placedAt: (fields.placedAt && timeOf(at(fields.placedAt))) || webhook.receivedAt.toISOString(),
    scheduledFor: fields.scheduledFor ? timeOf(at(fields.scheduledFor)) : undefined,
    customer: {
      name: personName(...names.map((path) => at(path).text())),
      phone: opt(fields.customerPhone)?.text(),
    },
    items,
    totals: {
      subtotal: nonNegative(money(fields.totals.subtotal), fields.totals.subtotal) || linesSubtotal(items),
      tax: nonNegative(money(fields.totals.tax), fields.totals.tax),
      // platforms send a discount as a positive amount or as a negative adjustment
      discount: Math.abs(money(fields.totals.discount) ?? 0),
      deliveryFee: nonNegative(money(fields.totals.deliveryFee), fields.totals.deliveryFee),
      tip: nonNegative(money(fields.totals.tip), fields.totals.tip),
      total: nonNegative(total, fields.totals.total),
      currency,
    },
    notes: opt(fields.notes)?.text(),
    source: { platform: ctx.platform, storeRef: integration.storeRef },
  });
}

/** A status update body → the update; names outside `values` pass on with no canonical meaning. */
export function mapDeclarativeStatus(
  ctx: Context,
  config: NonNullable<DeclarativeMapping['status']>,
  webhook: RawWebhook,
): PlatformStatusUpdate {
  const at = (path: string) => resolveOne(path, ctx.root, ctx.root);
  const platformStatus = at(config.path).nonEmpty();
  const meanings = new Map(
    Object.entries(config.values).map(([name, meaning]) => [name.trim().toLowerCase(), meaning]),
  );
  const meaning = meanings.get(platformStatus.toLowerCase());
  return {
    externalId: at(config.externalId).nonEmpty(),
    platformStatus,
    status: meaning ? MEANING_TO_STATUS[meaning] : undefined,
    occurredAt: (config.occurredAt && timeOf(at(config.occurredAt))) || webhook.receivedAt.toISOString(),
    reason: config.reason ? at(config.reason).text() : undefined,
  };
}

export type { Context as DeclarativeContext };
