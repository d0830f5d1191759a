import type { IntegrationSettings, OrderDraft, PlatformApi } from './aggregator-adapter';
import { MalformedPayloadError } from './adapter.errors';

/**
 * Polling: platforms that list their orders (POSist, Revel, Simphony, OpenTable) and webhook
 * platforms with an order list (GloriaFood, Square, Shopify: a catch-up for webhooks that never
 * came). Intake's scheduler keeps one opaque cursor per integration, asks for the orders since it,
 * stores each page's new orders and the page's `nextCursor` in one transaction, and asks again at
 * once while `more` is true.
 */

/** One order as the platform listed it, normalised. */
export interface PolledOrder {
  /** the platform's order id: the canonical `externalId`, and the dedupe key with platform and venue */
  externalId: string;
  /** the order's JSON exactly as the platform answered it, kept as evidence */
  raw: unknown;
  order: OrderDraft;
}

/** A listed order that authenticates (it came from the platform's API) but cannot be normalised: kept for attention. */
export interface PolledProblem {
  externalId?: string;
  raw: unknown;
  error: string;
}

export interface PollPage {
  orders: PolledOrder[];
  problems: PolledProblem[];
  /** where the next fetch starts; committed with this page's orders */
  nextCursor: string;
  /** the platform has more after this page: fetch again now rather than at the next interval */
  more: boolean;
}

export interface PollContext {
  api: PlatformApi;
  /** the scheduler's clock: where a first poll starts (now minus the look-back) */
  now: Date;
}

/** The polling capability of a platform, selected by `canHandle` like an adapter. */
export interface OrderPoller {
  readonly platform: string;
  canHandle(platform: string): boolean;

  /**
   * The orders changed or created since `cursor` (null: never polled; start at now minus the
   * integration's look-back), one page of them, normalised, with the cursor after this page.
   * Throws PlatformApiError when the platform does not answer, MalformedPayloadError when the
   * list itself is not what the platform documents (one bad order is a `problem`, not a throw).
   */
  fetchOrdersSince(
    cursor: string | null,
    integration: IntegrationSettings,
    ctx: PollContext,
  ): Promise<PollPage>;
}

export function isOrderPoller(value: object): value is OrderPoller {
  return typeof (value as Partial<OrderPoller>).fetchOrdersSince === 'function';
}

/** Default look-back of a first poll, minutes; `credentials.pollLookbackMinutes` overrides it. */
export const DEFAULT_POLL_LOOKBACK_MINUTES = 60;

/** Where a first poll starts: now minus the integration's look-back (`credentials.pollLookbackMinutes`). */
export function firstPollSince(integration: IntegrationSettings, now: Date): Date {
  const configured = Number(integration.credentials?.pollLookbackMinutes);
  const minutes = Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_POLL_LOOKBACK_MINUTES;
  return new Date(now.getTime() - minutes * 60_000);
}

/** A JSON cursor of a poller, or null when there is none yet; a cursor it cannot read starts over. */
export function readCursor<T extends object>(cursor: string | null): Partial<T> | null {
  if (cursor === null || cursor === '') return null;
  try {
    const value = JSON.parse(cursor) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as T) : null;
  } catch {
    return null;
  }
}

/** Normalises each listed order on its own: one the mapper refuses is a problem, the others go on. */
export function normaliseEach(
  platform: string,
  listed: readonly unknown[],
  map: (raw: unknown, index: number) => PolledOrder,
  idOf: (raw: unknown) => string | undefined,
): Pick<PollPage, 'orders' | 'problems'> {
  const orders: PolledOrder[] = [];
  const problems: PolledProblem[] = [];
  listed.forEach((raw, index) => {
    try {
      orders.push(map(raw, index));
    } catch (error) {
      if (!(error instanceof MalformedPayloadError)) throw error;
      problems.push({ externalId: idOf(raw), raw, error: error.message });
    }
  });
  // a platform that lists an order twice in one page stores it once
  const seen = new Set<string>();
  return {
    orders: orders.filter((order) => !seen.has(order.externalId) && seen.add(order.externalId)),
    problems,
  };
}

/** The string id of a listed order (ids are often numbers), or undefined. */
export function idField(raw: unknown, ...keys: string[]): string | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  for (const key of keys) {
    let value: unknown = raw;
    for (const part of key.split('.')) {
      value =
        value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    }
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  }
  return undefined;
}
