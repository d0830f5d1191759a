import { OrderStatus } from '@hub/order-model';
import { parsePath, type PathSegment } from './declarative-path';

/**
 * Outbound calls of a declarative platform (Zomato, Swiggy, DotPe ...), configured per integration in
 * its mapping's `callbacks` (validated with the rest of the mapping when intake saves the integration):
 * the method, the URL and the JSON body of each call are templates.
 *
 * A template string holds `{{path}}` placeholders, `path` in the same grammar as the mapping's field
 * paths (`declarative-path.ts`), read from the call's context (`CALLBACK_CONTEXT_ROOTS`). A JSON string
 * that is exactly one placeholder becomes the value with its own type (a number stays a number) and
 * its key is left out when the value is missing; a placeholder inside a longer string is interpolated
 * (missing: empty). In the URL every interpolated value is percent-encoded. A URL starting with `/` is
 * joined to the integration's `apiBaseUrl`.
 *
 * Hand-written rather than a templating library (Handlebars, Mustache): the only feature needed is
 * "value at a path", the paths are the ones the intake mapping already validates, and a JSON body must
 * keep numbers as numbers, which text templating would not.
 */
export interface CallbackTemplate {
  method: 'POST' | 'PUT' | 'PATCH';
  url: string;
  /** extra headers (content type is JSON already); values may hold placeholders */
  headers?: Record<string, string>;
  /** any JSON; omitted: no body */
  body?: unknown;
}

export interface StatusCallbackTemplate extends CallbackTemplate {
  /** canonical status → the platform's name for it (`{{platformStatus}}`); statuses not listed are not sent (unsupported). Absent: every status, named as ours. */
  values?: Partial<Record<OrderStatus, string>>;
}

export interface StoreControlsTemplate extends CallbackTemplate {
  /** which aspects the platform takes through this call; default both */
  aspects?: Array<'pause' | 'busy'>;
}

export interface DeclarativeCallbacks {
  /**
   * HMAC-SHA256 of the body bytes with the integration's secret in this header. Absent: the webhook's
   * own `hmac-sha256` auth settings (header, encoding, prefix) when the mapping uses that scheme, else
   * unsigned.
   */
  signature?: { header: string; encoding: 'hex' | 'base64'; prefix?: string };
  status?: StatusCallbackTemplate;
  prepTime?: CallbackTemplate;
  storeControls?: StoreControlsTemplate;
}

/**
 * What a placeholder can read. `order` {id (ours), externalId (the platform's), displayNumber,
 * orderType}, `status`, `platformStatus`, `reason`, `promisedAt`, `prepTimeMinutes`, `aspect` (pause,
 * busy), `paused` (boolean), `pausedUntil`, `busyExtraMinutes`, `changedAt`, `store` {ref, venueId},
 * `idempotencyKey`.
 */
export const CALLBACK_CONTEXT_ROOTS = [
  'order',
  'status',
  'platformStatus',
  'reason',
  'promisedAt',
  'prepTimeMinutes',
  'aspect',
  'paused',
  'pausedUntil',
  'busyExtraMinutes',
  'changedAt',
  'store',
  'idempotencyKey',
] as const;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const WHOLE = /^\{\{\s*([^{}]*?)\s*\}\}$/;
const METHODS = ['POST', 'PUT', 'PATCH'] as const;
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const STATUSES: readonly string[] = Object.values(OrderStatus);

type Obj = Record<string, unknown>;
const isObject = (value: unknown): value is Obj =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Every problem of the placeholders in one template string, each naming `at`. */
function placeholderProblems(text: string, at: string): string[] {
  const problems: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const path = match[1];
    try {
      const parsed = parsePath(path);
      const root = parsed.segments[0];
      if (
        parsed.fromRoot ||
        typeof root !== 'string' ||
        !(CALLBACK_CONTEXT_ROOTS as readonly string[]).includes(root)
      ) {
        problems.push(`${at}: "{{${path}}}" must start with one of ${CALLBACK_CONTEXT_ROOTS.join(', ')}`);
      }
    } catch (error) {
      problems.push(`${at}: ${(error as Error).message}`);
    }
  }
  const stray = text.replace(PLACEHOLDER, '');
  if (stray.includes('{{') || stray.includes('}}'))
    problems.push(`${at}: has an unclosed "{{" or a stray "}}"`);
  return problems;
}

function jsonProblems(value: unknown, at: string, depth = 0): string[] {
  if (depth > 10) return [`${at}: nests deeper than 10 levels`];
  if (typeof value === 'string') return placeholderProblems(value, at);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return [];
  if (Array.isArray(value)) return value.flatMap((entry, i) => jsonProblems(entry, `${at}[${i}]`, depth + 1));
  if (isObject(value))
    return Object.entries(value).flatMap(([k, v]) => jsonProblems(v, `${at}.${k}`, depth + 1));
  return [`${at}: must be JSON, got ${typeof value}`];
}

function templateProblems(value: unknown, at: string, extra: readonly string[]): string[] {
  if (!isObject(value)) return [`${at}: must be an object with method, url and body`];
  const problems: string[] = [];
  for (const key of Object.keys(value)) {
    if (!['method', 'url', 'headers', 'body', ...extra].includes(key)) {
      problems.push(
        `${at}.${key}: is not a known field (known: method, url, headers, body${extra.map((e) => `, ${e}`).join('')})`,
      );
    }
  }
  if (typeof value.method !== 'string' || !(METHODS as readonly string[]).includes(value.method)) {
    problems.push(`${at}.method: must be one of ${METHODS.join(', ')}`);
  }
  if (typeof value.url !== 'string' || value.url.trim() === '') {
    problems.push(`${at}.url: is required (an http(s) URL, or a path starting with / joined to apiBaseUrl)`);
  } else {
    problems.push(...placeholderProblems(value.url, `${at}.url`));
    const literal = value.url.replace(PLACEHOLDER, 'x');
    if (!literal.startsWith('/')) {
      try {
        const url = new URL(literal);
        if (url.protocol !== 'https:' && url.protocol !== 'http:')
          problems.push(`${at}.url: must be http(s)`);
      } catch {
        problems.push(`${at}.url: "${value.url}" is neither an absolute URL nor a path starting with /`);
      }
    }
  }
  if (value.headers !== undefined) {
    if (!isObject(value.headers)) problems.push(`${at}.headers: must map header names to strings`);
    else {
      for (const [name, header] of Object.entries(value.headers)) {
        if (!HEADER_NAME.test(name)) problems.push(`${at}.headers: "${name}" is not a valid header name`);
        if (typeof header !== 'string') problems.push(`${at}.headers.${name}: must be a string`);
        else problems.push(...placeholderProblems(header, `${at}.headers.${name}`));
      }
    }
  }
  if (value.body !== undefined) problems.push(...jsonProblems(value.body, `${at}.body`));
  return problems;
}

/** Every problem of a mapping's `callbacks`, each naming its path (`mapping.callbacks.status.url: ...`). */
export function callbacksProblems(value: unknown, at = 'mapping.callbacks'): string[] {
  if (!isObject(value)) return [`${at}: must be an object (signature, status, prepTime, storeControls)`];
  const problems: string[] = [];
  for (const key of Object.keys(value)) {
    if (!['signature', 'status', 'prepTime', 'storeControls'].includes(key)) {
      problems.push(`${at}.${key}: is not a known field (known: signature, status, prepTime, storeControls)`);
    }
  }
  if (value.signature !== undefined) {
    const signature = value.signature;
    if (!isObject(signature)) problems.push(`${at}.signature: must be {header, encoding, prefix?}`);
    else {
      if (typeof signature.header !== 'string' || !HEADER_NAME.test(signature.header)) {
        problems.push(`${at}.signature.header: must be a header name`);
      }
      if (signature.encoding !== 'hex' && signature.encoding !== 'base64') {
        problems.push(`${at}.signature.encoding: must be one of hex, base64`);
      }
      if (signature.prefix !== undefined && typeof signature.prefix !== 'string') {
        problems.push(`${at}.signature.prefix: must be a string`);
      }
    }
  }
  if (value.status !== undefined) {
    problems.push(...templateProblems(value.status, `${at}.status`, ['values']));
    const values = isObject(value.status) ? value.status.values : undefined;
    if (values !== undefined) {
      if (!isObject(values))
        problems.push(`${at}.status.values: must map our statuses to the platform's names`);
      else {
        for (const [status, name] of Object.entries(values)) {
          if (!STATUSES.includes(status)) {
            problems.push(
              `${at}.status.values.${status}: is not one of our statuses (${STATUSES.join(', ')})`,
            );
          }
          if (typeof name !== 'string' || name === '')
            problems.push(`${at}.status.values.${status}: must be a name`);
        }
      }
    }
  }
  if (value.prepTime !== undefined) problems.push(...templateProblems(value.prepTime, `${at}.prepTime`, []));
  if (value.storeControls !== undefined) {
    problems.push(...templateProblems(value.storeControls, `${at}.storeControls`, ['aspects']));
    const aspects = isObject(value.storeControls) ? value.storeControls.aspects : undefined;
    if (
      aspects !== undefined &&
      (!Array.isArray(aspects) || aspects.length === 0 || aspects.some((a) => a !== 'pause' && a !== 'busy'))
    ) {
      problems.push(`${at}.storeControls.aspects: must list pause and/or busy`);
    }
  }
  return problems;
}

function valueAt(context: Obj, path: string): unknown {
  const segments: PathSegment[] = parsePath(path).segments;
  let current: unknown = context;
  for (const segment of segments) {
    if (segment === '*') return undefined;
    if (typeof segment === 'number') current = Array.isArray(current) ? current[segment] : undefined;
    else current = isObject(current) ? current[segment] : undefined;
    if (current === undefined || current === null) return undefined;
  }
  return current;
}

function interpolate(text: string, context: Obj, encode: (value: string) => string): string {
  return text.replace(PLACEHOLDER, (_match, path: string) => {
    const value = valueAt(context, path);
    if (value === undefined) return '';
    return encode(typeof value === 'string' ? value : JSON.stringify(value));
  });
}

/** The body with its placeholders replaced; a key whose whole value is a missing placeholder is left out. */
export function renderBody(value: unknown, context: Obj): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    return whole ? valueAt(context, whole[1]) : interpolate(value, context, (v) => v);
  }
  if (Array.isArray(value))
    return value.map((entry) => renderBody(entry, context)).filter((v) => v !== undefined);
  if (isObject(value)) {
    const out: Obj = {};
    for (const [key, entry] of Object.entries(value)) {
      const rendered = renderBody(entry, context);
      if (rendered !== undefined) out[key] = rendered;
    }
    return out;
  }
  return value;
}

/** The URL: placeholders percent-encoded; a path is joined to `apiBaseUrl` (undefined when there is none). */
export function renderUrl(
  template: string,
  context: Obj,
  apiBaseUrl: string | undefined,
): string | undefined {
  const url = interpolate(template, context, encodeURIComponent);
  if (!url.startsWith('/')) return url;
  return apiBaseUrl ? `${apiBaseUrl.replace(/\/+$/, '')}${url}` : undefined;
}

export function renderHeaders(
  headers: Record<string, string> | undefined,
  context: Obj,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([name, value]) => [
      name.toLowerCase(),
      interpolate(value, context, (v) => v),
    ]),
  );
}
