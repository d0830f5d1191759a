import type { PayloadReader } from '../core/payload-reader.util';

/**
 * Field paths of the declarative mapping: dotted keys with `[n]` indexes and `[*]` for "every
 * element" (`order.items[0].price`, `orders[*]`). `$` alone is the current value (the order, the
 * item); a leading `$.` starts from the body's root instead.
 *
 * Hand-written rather than jsonpath-plus or lodash `get`: this grammar is all the mapping needs, the
 * walk goes through PayloadReader so a wrong type fails with a MalformedPayloadError naming the full
 * path (never a TypeError), and neither library is a declared dependency of the workspace.
 */
export type PathSegment = string | number | '*';

export interface ParsedPath {
  /** starts at the body's root (`$.`) rather than at the current value */
  fromRoot: boolean;
  segments: PathSegment[];
}

const KEY = /^[^.[\]\s]+/;
const INDEX = /^\[(\d{1,6}|\*)\]/;

/** Parses a path; the error message says where and why it is not a valid path. */
export function parsePath(text: string): ParsedPath {
  if (typeof text !== 'string' || text.trim() === '') throw new Error('must be a non-empty path');
  if (text !== text.trim()) throw new Error(`"${text}" has leading or trailing spaces`);
  let rest = text;
  let fromRoot = false;
  if (rest === '$') return { fromRoot: false, segments: [] };
  if (rest.startsWith('$.') || rest.startsWith('$[')) {
    fromRoot = true;
    rest = rest.startsWith('$.') ? rest.slice(2) : rest.slice(1);
  }
  const segments: PathSegment[] = [];
  let expectKey = !rest.startsWith('[');
  while (rest !== '') {
    const at = text.length - rest.length;
    if (expectKey) {
      const key = KEY.exec(rest);
      if (!key) throw new Error(`"${text}" is not a valid path: expected a field name at position ${at}`);
      segments.push(key[0]);
      rest = rest.slice(key[0].length);
    }
    while (rest.startsWith('[')) {
      const index = INDEX.exec(rest);
      if (!index) {
        throw new Error(
          `"${text}" is not a valid path: expected [n] or [*] at position ${text.length - rest.length}`,
        );
      }
      segments.push(index[1] === '*' ? '*' : Number(index[1]));
      rest = rest.slice(index[0].length);
    }
    if (rest === '') break;
    if (!rest.startsWith('.') || rest.length === 1) {
      throw new Error(
        `"${text}" is not a valid path: unexpected "${rest[0]}" at position ${text.length - rest.length}`,
      );
    }
    rest = rest.slice(1);
    expectKey = true;
  }
  return { fromRoot, segments };
}

/**
 * Every value a path reaches from `current` (or from `root` for `$.` paths). Without `[*]` that is
 * one reader (possibly missing); each `[*]` expands an array (a missing array expands to nothing).
 */
export function resolveAll(path: string, current: PayloadReader, root: PayloadReader): PayloadReader[] {
  const parsed = parsePath(path);
  let readers = [parsed.fromRoot ? root : current];
  for (const segment of parsed.segments) {
    readers =
      segment === '*' ? readers.flatMap((reader) => reader.optArray()) : readers.map((r) => r.at(segment));
  }
  return readers;
}

/** The one value a path reaches; a `[*]` reads the first element. */
export function resolveOne(path: string, current: PayloadReader, root: PayloadReader): PayloadReader {
  const parsed = parsePath(path);
  return parsed.segments.reduce<PayloadReader>(
    (reader, segment) => reader.at(segment === '*' ? 0 : segment),
    parsed.fromRoot ? root : current,
  );
}
