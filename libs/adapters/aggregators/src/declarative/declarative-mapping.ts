import { OrderType } from '@hub/order-model';
import { callbacksProblems, type DeclarativeCallbacks } from './declarative-callback-template';
import { parsePath } from './declarative-path';

/**
 * The per-integration configuration of the declarative adapter (`IntegrationSettings.mapping`):
 * how a platform authenticates its webhook and where each canonical field sits in its JSON.
 *
 * Locations (`storeRef`, `dedupeKey`) are `header:<name>` or a body path from the root. Field paths
 * under `order` are relative to one order (a leading `$.` reads from the body's root); under
 * `items` relative to one item, under `modifiers` relative to one modifier. Grammar: see
 * `declarative-path.ts`.
 */
export type DeclarativeAuth =
  | { scheme: 'hmac-sha256'; header: string; encoding: 'hex' | 'base64'; prefix?: string }
  | { scheme: 'static-key'; header: string; prefix?: string }
  | { scheme: 'basic' };

export type PlatformStatusMeaning = 'cancelled' | 'picked_up' | 'delivered';

export interface DeclarativeMapping {
  auth: DeclarativeAuth;
  /** where the store reference is; the first location that holds a value wins */
  storeRef: string | string[];
  /** where the delivery's own id is; default: the order ids (status updates: id and status) */
  dedupeKey?: string | string[];
  /** path to the order or the list of orders; `$` when the body is the order */
  orders: string;
  /** 'major': floats or decimal strings (12.5, "12.50"); 'minor': integer paise/cents */
  money: 'major' | 'minor';
  /** fixed ISO 4217 code, or `{ path }` (falls back to the integration's currency, then INR) */
  currency?: string | { path: string };
  order: {
    externalId: string;
    displayNumber?: string;
    /** `path` read through `map` (case-insensitive); `default` when absent or unmapped */
    orderType?: { path?: string; map?: Record<string, OrderType>; default?: OrderType };
    /** ISO 8601 text, or Unix seconds / milliseconds; default: when the delivery arrived */
    placedAt?: string;
    scheduledFor?: string;
    /** one path, or several joined with a space (first name, last name) */
    customerName?: string | string[];
    customerPhone?: string;
    notes?: string;
    items: {
      path: string;
      code?: string;
      name: string;
      quantity?: string;
      unitPrice: string;
      notes?: string;
      modifiers?: { path: string; code?: string; name: string; quantity?: string; price?: string };
    };
    totals: {
      subtotal?: string;
      tax?: string;
      discount?: string;
      deliveryFee?: string;
      tip?: string;
      total: string;
    };
  };
  /**
   * Platform status updates: a body whose `path` (from the root) holds a value is a status update
   * of the order at `externalId`, not an order. `values` maps the platform's names (case-insensitive)
   * to what they mean; other names are passed on without a canonical meaning.
   */
  status?: {
    path: string;
    externalId: string;
    occurredAt?: string;
    reason?: string;
    values: Record<string, PlatformStatusMeaning>;
  };
  /** Outbound calls (status, prep time, store controls) as templates: `declarative-callback-template.ts`. */
  callbacks?: DeclarativeCallbacks;
}

/** A mapping that does not validate; `problems` name each bad path (`mapping.auth.scheme: ...`). */
export class MappingConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid mapping: ${problems.slice(0, 10).join('; ')}`);
    this.name = 'MappingConfigError';
  }
}

const AUTH_SCHEMES = ['hmac-sha256', 'static-key', 'basic'] as const;
const ORDER_TYPES: readonly string[] = Object.values(OrderType);
const MEANINGS: readonly string[] = ['cancelled', 'picked_up', 'delivered'];
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const CURRENCY = /^[A-Z]{3}$/;

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

class Checker {
  readonly problems: string[] = [];

  add(at: string, message: string): void {
    this.problems.push(`${at}: ${message}`);
  }

  object(value: unknown, at: string, known: readonly string[]): Obj | undefined {
    if (!isObject(value)) {
      this.add(at, `must be an object, got ${show(value)}`);
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) this.add(`${at}.${key}`, `is not a known field (known: ${known.join(', ')})`);
    }
    return value;
  }

  path(value: unknown, at: string, required: boolean): void {
    if (value === undefined) {
      if (required) this.add(at, 'is required');
      return;
    }
    if (typeof value !== 'string') {
      this.add(at, `must be a path string, got ${show(value)}`);
      return;
    }
    try {
      parsePath(value);
    } catch (error) {
      this.add(at, (error as Error).message);
    }
  }

  paths(value: unknown, at: string, required: boolean): void {
    if (Array.isArray(value)) {
      if (value.length === 0) this.add(at, 'must list at least one path');
      value.forEach((entry, index) => this.path(entry, `${at}[${index}]`, true));
    } else this.path(value, at, required);
  }

  location(value: unknown, at: string): void {
    if (typeof value === 'string' && value.startsWith('header:')) {
      if (!HEADER_NAME.test(value.slice('header:'.length))) {
        this.add(at, `"${value}" does not name a valid header`);
      }
      return;
    }
    this.path(value, at, true);
  }

  locations(value: unknown, at: string, required: boolean): void {
    if (value === undefined) {
      if (required) this.add(at, 'is required');
    } else if (Array.isArray(value)) {
      if (value.length === 0) this.add(at, 'must list at least one location');
      value.forEach((entry, index) => this.location(entry, `${at}[${index}]`));
    } else this.location(value, at);
  }

  header(value: unknown, at: string): void {
    if (typeof value !== 'string' || !HEADER_NAME.test(value)) {
      this.add(at, `must be a header name, got ${show(value)}`);
    }
  }

  oneOf(value: unknown, at: string, allowed: readonly string[], required = true): void {
    if (value === undefined && !required) return;
    if (typeof value !== 'string' || !allowed.includes(value)) {
      this.add(at, `must be one of ${allowed.join(', ')}, got ${show(value)}`);
    }
  }

  optString(value: unknown, at: string): void {
    if (value !== undefined && typeof value !== 'string')
      this.add(at, `must be a string, got ${show(value)}`);
  }
}

function checkAuth(c: Checker, value: unknown): void {
  if (!isObject(value)) {
    c.add('mapping.auth', `must be an object with a scheme (${AUTH_SCHEMES.join(', ')}), got ${show(value)}`);
    return;
  }
  const scheme = value.scheme;
  if (scheme === 'hmac-sha256') {
    c.object(value, 'mapping.auth', ['scheme', 'header', 'encoding', 'prefix']);
    c.header(value.header, 'mapping.auth.header');
    c.oneOf(value.encoding, 'mapping.auth.encoding', ['hex', 'base64']);
    c.optString(value.prefix, 'mapping.auth.prefix');
  } else if (scheme === 'static-key') {
    c.object(value, 'mapping.auth', ['scheme', 'header', 'prefix']);
    c.header(value.header, 'mapping.auth.header');
    c.optString(value.prefix, 'mapping.auth.prefix');
  } else if (scheme === 'basic') {
    c.object(value, 'mapping.auth', ['scheme']);
  } else {
    c.oneOf(scheme, 'mapping.auth.scheme', AUTH_SCHEMES);
  }
}

function checkOrder(c: Checker, value: unknown): void {
  const order = c.object(value, 'mapping.order', [
    'externalId',
    'displayNumber',
    'orderType',
    'placedAt',
    'scheduledFor',
    'customerName',
    'customerPhone',
    'notes',
    'items',
    'totals',
  ]);
  if (!order) return;
  c.path(order.externalId, 'mapping.order.externalId', true);
  for (const key of ['displayNumber', 'placedAt', 'scheduledFor', 'customerPhone', 'notes']) {
    c.path(order[key], `mapping.order.${key}`, false);
  }
  c.paths(order.customerName, 'mapping.order.customerName', false);

  if (order.orderType !== undefined) {
    const type = c.object(order.orderType, 'mapping.order.orderType', ['path', 'map', 'default']);
    if (type) {
      c.path(type.path, 'mapping.order.orderType.path', false);
      c.oneOf(type.default, 'mapping.order.orderType.default', ORDER_TYPES, false);
      if (type.map !== undefined) {
        if (!isObject(type.map))
          c.add('mapping.order.orderType.map', `must be an object, got ${show(type.map)}`);
        else {
          for (const [name, meaning] of Object.entries(type.map)) {
            c.oneOf(meaning, `mapping.order.orderType.map.${name}`, ORDER_TYPES);
          }
        }
      }
      if (type.path === undefined && type.default === undefined) {
        c.add('mapping.order.orderType', 'needs a path or a default');
      }
    }
  }

  const items = c.object(order.items, 'mapping.order.items', [
    'path',
    'code',
    'name',
    'quantity',
    'unitPrice',
    'notes',
    'modifiers',
  ]);
  if (items) {
    c.path(items.path, 'mapping.order.items.path', true);
    c.path(items.name, 'mapping.order.items.name', true);
    c.path(items.unitPrice, 'mapping.order.items.unitPrice', true);
    for (const key of ['code', 'quantity', 'notes']) c.path(items[key], `mapping.order.items.${key}`, false);
    if (items.modifiers !== undefined) {
      const modifiers = c.object(items.modifiers, 'mapping.order.items.modifiers', [
        'path',
        'code',
        'name',
        'quantity',
        'price',
      ]);
      if (modifiers) {
        c.path(modifiers.path, 'mapping.order.items.modifiers.path', true);
        c.path(modifiers.name, 'mapping.order.items.modifiers.name', true);
        for (const key of ['code', 'quantity', 'price']) {
          c.path(modifiers[key], `mapping.order.items.modifiers.${key}`, false);
        }
      }
    }
  } else if (order.items === undefined) {
    c.add('mapping.order.items', 'is required');
  }

  const totals = c.object(order.totals, 'mapping.order.totals', [
    'subtotal',
    'tax',
    'discount',
    'deliveryFee',
    'tip',
    'total',
  ]);
  if (totals) {
    c.path(totals.total, 'mapping.order.totals.total', true);
    for (const key of ['subtotal', 'tax', 'discount', 'deliveryFee', 'tip']) {
      c.path(totals[key], `mapping.order.totals.${key}`, false);
    }
  }
}

function checkStatus(c: Checker, value: unknown): void {
  const status = c.object(value, 'mapping.status', ['path', 'externalId', 'occurredAt', 'reason', 'values']);
  if (!status) return;
  c.path(status.path, 'mapping.status.path', true);
  c.path(status.externalId, 'mapping.status.externalId', true);
  c.path(status.occurredAt, 'mapping.status.occurredAt', false);
  c.path(status.reason, 'mapping.status.reason', false);
  if (!isObject(status.values)) {
    c.add('mapping.status.values', `must map platform status names to ${MEANINGS.join(', ')}`);
    return;
  }
  for (const [name, meaning] of Object.entries(status.values)) {
    c.oneOf(meaning, `mapping.status.values.${name}`, MEANINGS);
  }
}

/** Every problem of a candidate mapping, each naming its path; empty when it is valid. */
export function mappingProblems(input: unknown): string[] {
  const c = new Checker();
  const mapping = c.object(input, 'mapping', [
    'auth',
    'storeRef',
    'dedupeKey',
    'orders',
    'money',
    'currency',
    'order',
    'status',
    'callbacks',
  ]);
  if (!mapping) return c.problems;
  checkAuth(c, mapping.auth);
  c.locations(mapping.storeRef, 'mapping.storeRef', true);
  c.locations(mapping.dedupeKey, 'mapping.dedupeKey', false);
  c.path(mapping.orders, 'mapping.orders', true);
  c.oneOf(mapping.money, 'mapping.money', ['major', 'minor']);
  if (typeof mapping.currency === 'string') {
    if (!CURRENCY.test(mapping.currency)) {
      c.add('mapping.currency', `must be an ISO 4217 code such as INR, got ${show(mapping.currency)}`);
    }
  } else if (mapping.currency !== undefined) {
    const currency = c.object(mapping.currency, 'mapping.currency', ['path']);
    if (currency) c.path(currency.path, 'mapping.currency.path', true);
  }
  if (mapping.order === undefined) c.add('mapping.order', 'is required');
  else checkOrder(c, mapping.order);
  if (mapping.status !== undefined) checkStatus(c, mapping.status);
  if (mapping.callbacks !== undefined) c.problems.push(...callbacksProblems(mapping.callbacks));
  return c.problems;
}

/** The mapping, typed, or MappingConfigError listing every problem. */
export function parseMapping(input: unknown): DeclarativeMapping {
  const problems = mappingProblems(input);
  if (problems.length > 0) throw new MappingConfigError(problems);
  return input as DeclarativeMapping;
}
