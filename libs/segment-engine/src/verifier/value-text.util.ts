/** Reading untrusted values safely and naming them in messages. */

export type JsonObject = Record<string, unknown>;

/** A plain object (`{...}` or `Object.create(null)`), not an array, class instance, Date... */
export function isPlainObject(value: unknown): value is JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'boolean' || isFiniteNumber(value);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD ("2026-02-30" is not one). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

const SHOWN_STRING_LENGTH = 60;

/** A short, safe rendering of any value for a message (never throws, never huge). */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    const cut = value.length > SHOWN_STRING_LENGTH ? `${value.slice(0, SHOWN_STRING_LENGTH)}...` : value;
    return JSON.stringify(cut);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** What kind of JSON value this is, for "expected X, got Y" messages. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text ${show(value)}`;
  if (typeof value === 'number')
    return Number.isFinite(value) ? `the number ${value}` : `the non-finite number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  if (isPlainObject(value)) return 'an object';
  if (typeof value === 'object') return 'a non-JSON object';
  return `a ${typeof value}`;
}

/** `a, b and 3 more` */
export function listText(items: readonly string[], max = 12): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

export function quoted(items: readonly string[]): string[] {
  return items.map((i) => JSON.stringify(i));
}
