import { ErrorCode, SmartsegError } from '@smartseg/common';
import type { Threshold } from '../model/segment.model';

/**
 * Checks the compiler makes on its own: it never trusts that the verifier ran, and refuses
 * anything it cannot compile exactly (rather than guessing) with INVALID_SEGMENT and a path.
 */

export function invalid(path: string, message: string, code = ErrorCode.InvalidSegment): never {
  throw new SmartsegError(code, `${path}: ${message}`, [{ path, message }]);
}

export function fieldPath(base: string, key: string): string {
  return `${base}.${key}`;
}

export function indexPath(base: string, index: number): string {
  return `${base}[${index}]`;
}

export interface IsoDate {
  year: number;
  month: number;
  day: number;
}

/** Parses a real calendar date written YYYY-MM-DD; anything else is null. */
export function parseIsoDate(value: unknown): IsoDate | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > lastDayOfMonth(year, month)) return null;
  return { year, month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function lastDayOfMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function requireIsoDate(value: unknown, path: string): string {
  if (!parseIsoDate(value)) invalid(path, `expected a date written YYYY-MM-DD, got ${describe(value)}`);
  return value as string;
}

export function requireNumber(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) invalid(path, `expected a number, got ${describe(value)}`);
  return value;
}

export function requireInteger(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    invalid(path, `expected a whole number from ${min} to ${max}, got ${describe(value)}`);
  }
  return value;
}

export function requireString(value: unknown, path: string): string {
  if (typeof value !== 'string') invalid(path, `expected a string, got ${describe(value)}`);
  return value;
}

export function requireBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') invalid(path, `expected true or false, got ${describe(value)}`);
  return value;
}

/** A non-empty array whose items each pass `item`. */
export function requireList<T>(value: unknown, path: string, item: (v: unknown, p: string) => T): T[] {
  if (!Array.isArray(value) || value.length === 0) invalid(path, `expected a non-empty list, got ${describe(value)}`);
  return value.map((v, i) => item(v, indexPath(path, i)));
}

export function requireThreshold(value: unknown, path: string): Threshold {
  if (!value || typeof value !== 'object')
    invalid(path, `expected a threshold {op, value} or {op:'between', min, max}`);
  const t = value as Record<string, unknown>;
  switch (t['op']) {
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
    case 'eq':
    case 'neq':
      return { op: t['op'], value: requireNumber(t['value'], fieldPath(path, 'value')) };
    case 'between':
      return {
        op: 'between',
        min: requireNumber(t['min'], fieldPath(path, 'min')),
        max: requireNumber(t['max'], fieldPath(path, 'max')),
      };
    default:
      return invalid(fieldPath(path, 'op'), `unknown threshold operator ${describe(t['op'])}`);
  }
}

/** Whether a count or sum of 0 (a customer with nothing matching) satisfies the threshold. */
export function zeroSatisfies(t: Threshold): boolean {
  switch (t.op) {
    case 'gt':
      return 0 > t.value;
    case 'gte':
      return 0 >= t.value;
    case 'lt':
      return 0 < t.value;
    case 'lte':
      return 0 <= t.value;
    case 'eq':
      return t.value === 0;
    case 'neq':
      return t.value !== 0;
    case 'between':
      return t.min <= 0 && 0 <= t.max;
  }
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  try {
    const s = JSON.stringify(value);
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return String(value);
  }
}
