import type { RawWebhook } from './aggregator-adapter';

/** The first non-empty value among the given (lower-case) header names. */
export function header(webhook: Pick<RawWebhook, 'headers'>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = webhook.headers[name.toLowerCase()];
    if (value !== undefined && value.trim() !== '') return value.trim();
  }
  return undefined;
}

/** Best-effort JSON read of a body that has not been verified yet, for finding the store only. */
export function peekJson(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** `peekJson(...)` then a property path, as a string; undefined on any mismatch. */
export function peekString(value: unknown, ...path: string[]): string | undefined {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  if (typeof current === 'string' && current.trim() !== '') return current.trim();
  if (typeof current === 'number' && Number.isFinite(current)) return String(current);
  return undefined;
}
