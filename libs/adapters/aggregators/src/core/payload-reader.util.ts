import { TextDecoder } from 'node:util';
import { toMinorUnits } from '@hub/order-model';
import { MalformedPayloadError } from './adapter.errors';

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return value === '' ? 'an empty string' : `the string "${value.slice(0, 40)}"`;
  return `${typeof value} ${String(value)}`;
}

const ISO_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * Reads a platform payload without ever throwing a TypeError: every read names its path, and a
 * value of the wrong type fails with MalformedPayloadError saying where and what was found.
 * Missing (undefined or null) parents give missing children, so optional reads chain freely.
 */
export class PayloadReader {
  private constructor(
    private readonly platform: string,
    readonly value: unknown,
    readonly path: string,
  ) {}

  static of(platform: string, value: unknown, path = 'body'): PayloadReader {
    return new PayloadReader(platform, value, path);
  }

  /** Decodes and parses a raw JSON body (UTF-8, strict), naming the problem when it is not JSON. */
  static parseJson(platform: string, rawBody: Buffer, path = 'body'): PayloadReader {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(rawBody);
    } catch {
      throw new MalformedPayloadError(platform, [`${path}: is not valid UTF-8`]);
    }
    try {
      return new PayloadReader(platform, JSON.parse(text), path);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new MalformedPayloadError(platform, [`${path}: is not valid JSON (${reason})`]);
    }
  }

  get isMissing(): boolean {
    return this.value === undefined || this.value === null;
  }

  fail(message: string): never {
    throw new MalformedPayloadError(this.platform, [`${this.path}: ${message}`]);
  }

  /** The property `key` of an object, or the element `key` of an array. */
  at(key: string | number): PayloadReader {
    const path = typeof key === 'number' ? `${this.path}[${key}]` : `${this.path}.${key}`;
    if (this.isMissing) return new PayloadReader(this.platform, undefined, path);
    if (typeof key === 'number') {
      if (!Array.isArray(this.value)) this.fail(`expected an array, got ${describeType(this.value)}`);
      return new PayloadReader(this.platform, (this.value as unknown[])[key], path);
    }
    if (typeof this.value !== 'object' || Array.isArray(this.value)) {
      this.fail(`expected an object, got ${describeType(this.value)}`);
    }
    return new PayloadReader(this.platform, (this.value as Record<string, unknown>)[key], path);
  }

  /** Follows a dotted path: `r.get('payment.charges.total')`. */
  get(dotted: string): PayloadReader {
    return dotted.split('.').reduce<PayloadReader>((reader, key) => reader.at(key), this);
  }

  object(): PayloadReader {
    if (this.isMissing) this.fail('is required');
    if (typeof this.value !== 'object' || Array.isArray(this.value)) {
      this.fail(`expected an object, got ${describeType(this.value)}`);
    }
    return this;
  }

  /** A required string; a number is accepted as its decimal text (ids often come as numbers). */
  string(): string {
    const value = this.optString();
    if (value === undefined) this.fail('is required');
    return value;
  }

  /** A required string with something in it. */
  nonEmpty(): string {
    const value = this.string().trim();
    if (value === '') this.fail('must not be empty');
    return value;
  }

  optString(): string | undefined {
    if (this.isMissing) return undefined;
    if (typeof this.value === 'string') return this.value;
    if (typeof this.value === 'number' && Number.isFinite(this.value)) return String(this.value);
    if (typeof this.value === 'bigint') return this.value.toString();
    return this.fail(`expected a string, got ${describeType(this.value)}`);
  }

  /** An optional string, trimmed, with the empty string read as absent. */
  text(): string | undefined {
    const value = this.optString()?.trim();
    return value === '' ? undefined : value;
  }

  number(): number {
    const value = this.optNumber();
    if (value === undefined) this.fail('is required');
    return value;
  }

  /** A number, or a string holding one (platforms send "2" and "12.50"). */
  optNumber(): number | undefined {
    if (this.isMissing) return undefined;
    const value =
      typeof this.value === 'string' && this.value.trim() !== '' ? Number(this.value) : this.value;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return this.fail(`expected a number, got ${describeType(this.value)}`);
    }
    return value;
  }

  optBoolean(): boolean | undefined {
    if (this.isMissing) return undefined;
    if (typeof this.value === 'boolean') return this.value;
    if (this.value === 0 || this.value === 1) return this.value === 1;
    if (this.value === 'true' || this.value === 'false') return this.value === 'true';
    return this.fail(`expected a boolean, got ${describeType(this.value)}`);
  }

  /** A major-unit amount (12.5, "12.50") as integer minor units of `currency`. */
  money(currency: string): number {
    const value = this.optMoney(currency);
    if (value === undefined) this.fail('is required');
    return value;
  }

  optMoney(currency: string): number | undefined {
    const value = this.optNumber();
    return value === undefined ? undefined : toMinorUnits(value, currency);
  }

  /** An amount the platform already sends in minor units (Square, Uber Eats, Deliveroo). */
  minorUnits(): number {
    const value = this.number();
    if (!Number.isSafeInteger(value)) this.fail(`expected an integer amount of minor units, got ${value}`);
    return value;
  }

  optMinorUnits(): number | undefined {
    return this.isMissing ? undefined : this.minorUnits();
  }

  array(): PayloadReader[] {
    if (this.isMissing) this.fail('is required');
    return this.optArray();
  }

  /** The elements of an array; a missing array reads as empty. */
  optArray(): PayloadReader[] {
    if (this.isMissing) return [];
    if (!Array.isArray(this.value)) return this.fail(`expected an array, got ${describeType(this.value)}`);
    return this.value.map((_, index) => this.at(index));
  }

  /** A required timestamp as ISO 8601 UTC. A time without a zone is read as UTC. */
  isoTime(): string {
    const value = this.optIsoTime();
    if (value === undefined) this.fail('is required');
    return value;
  }

  optIsoTime(): string | undefined {
    const text = this.text();
    if (text === undefined) return undefined;
    const millis = Date.parse(ISO_WITHOUT_ZONE.test(text) ? `${text}Z` : text);
    if (Number.isNaN(millis)) return this.fail(`expected an ISO 8601 time, got ${describeType(text)}`);
    return new Date(millis).toISOString();
  }

  /** Seconds since the Unix epoch as ISO 8601 UTC. */
  unixSeconds(): string {
    const seconds = this.number();
    const date = new Date(seconds * 1000);
    if (Number.isNaN(date.getTime())) this.fail(`expected Unix seconds, got ${seconds}`);
    return date.toISOString();
  }
}
