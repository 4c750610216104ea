import { fieldPath } from '../model/segment-walk';
import { SEGMENT_LIMITS } from '../model/segment.schema';
import type { TimeUnit, Window } from '../model/segment.model';
import type { ProblemCollector } from './problem-collector';
import { describeType, isIsoDate, isPlainObject, show, type JsonObject } from './value-text.util';
import { nearestNames } from './name-similarity.util';

export const WINDOW_TYPES = ['last', 'this', 'year', 'month', 'before', 'since', 'between', 'older_than'] as const;
export const TIME_UNITS: readonly TimeUnit[] = ['day', 'week', 'month', 'year'];
const THIS_UNITS = ['month', 'quarter', 'year'] as const;

const WINDOW_FIELDS: Readonly<Record<(typeof WINDOW_TYPES)[number], readonly string[]>> = {
  last: ['n', 'unit'],
  this: ['unit'],
  year: ['year'],
  month: ['year', 'month'],
  before: ['date'],
  since: ['date'],
  between: ['from', 'to'],
  older_than: ['n', 'unit'],
};

const WINDOW_EXAMPLES: Readonly<Record<(typeof WINDOW_TYPES)[number], string>> = {
  last: '{"type": "last", "n": 90, "unit": "day"}',
  this: '{"type": "this", "unit": "year"}',
  year: '{"type": "year", "year": 2025}',
  month: '{"type": "month", "year": 2026, "month": 3}',
  before: '{"type": "before", "date": "2026-01-01"}',
  since: '{"type": "since", "date": "2026-03-01"}',
  between: '{"type": "between", "from": "2026-01-01", "to": "2026-03-31"}',
  older_than: '{"type": "older_than", "n": 6, "unit": "month"}',
};

const UNITS_PER_YEAR: Readonly<Record<TimeUnit, number>> = { day: 366, week: 53, month: 12, year: 1 };

/** Checks a time window; reports every problem; returns it typed when it is valid. */
export function checkWindow(value: unknown, path: string, out: ProblemCollector, asOf?: string): Window | undefined {
  const before = out.errorCount;
  if (!isPlainObject(value)) {
    out.error(
      path,
      'BAD_WINDOW',
      `a window must be an object like ${WINDOW_EXAMPLES.last}; got ${describeType(value)}`,
    );
    return undefined;
  }
  const type = value.type;
  if (typeof type !== 'string' || !(WINDOW_TYPES as readonly string[]).includes(type)) {
    const near =
      typeof type === 'string'
        ? nearestNames(
            type,
            WINDOW_TYPES.map((t) => ({ key: t, words: [t] })),
            { limit: 1 },
          )
        : [];
    out.error(
      fieldPath(path, 'type'),
      'BAD_WINDOW',
      type === undefined
        ? `a window needs a "type"; one of: ${WINDOW_TYPES.join(', ')}`
        : `unknown window type ${show(type)}; one of: ${WINDOW_TYPES.join(', ')}${near[0] ? `; did you mean "${near[0].key}"?` : ''}`,
      `e.g. ${WINDOW_EXAMPLES.last} for "in the last 90 days"`,
    );
    return undefined;
  }
  const t = type as (typeof WINDOW_TYPES)[number];
  const allowed = ['type', ...WINDOW_FIELDS[t]];
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      out.error(
        fieldPath(path, key),
        'BAD_WINDOW',
        `field "${key}" does not belong in a "${t}" window; it takes: ${WINDOW_FIELDS[t].join(', ')}`,
        `e.g. ${WINDOW_EXAMPLES[t]}`,
      );
    }
  }
  for (const key of WINDOW_FIELDS[t]) {
    if (value[key] === undefined) {
      out.error(fieldPath(path, key), 'BAD_WINDOW', `a "${t}" window needs "${key}"`, `e.g. ${WINDOW_EXAMPLES[t]}`);
    }
  }
  const D = isIsoDate(asOf) ? asOf : undefined;
  switch (t) {
    case 'last':
    case 'older_than':
      checkRelative(value, path, out);
      break;
    case 'this':
      if (value.unit !== undefined && !(THIS_UNITS as readonly unknown[]).includes(value.unit)) {
        out.error(
          fieldPath(path, 'unit'),
          'BAD_WINDOW',
          `a "this" window's unit is month, quarter or year; got ${show(value.unit)}`,
          value.unit === 'week' || value.unit === 'day'
            ? `for "this ${String(value.unit)}" use {"type": "last", "n": 1, "unit": "${String(value.unit)}"}`
            : undefined,
        );
      }
      break;
    case 'year':
      if (checkYear(value.year, fieldPath(path, 'year'), out) && D && (value.year as number) > Number(D.slice(0, 4))) {
        out.error(
          fieldPath(path, 'year'),
          'BAD_WINDOW',
          `the year ${String(value.year)} is entirely after the as-of date ${D}, so nothing can have happened in it`,
        );
      }
      break;
    case 'month': {
      const okYear = checkYear(value.year, fieldPath(path, 'year'), out);
      const okMonth = checkMonth(value.month, fieldPath(path, 'month'), out);
      if (okYear && okMonth && D) {
        const first = `${String(value.year)}-${String(value.month).padStart(2, '0')}-01`;
        if (first > D) {
          out.error(
            path,
            'BAD_WINDOW',
            `the month ${first.slice(0, 7)} is entirely after the as-of date ${D}, so nothing can have happened in it`,
          );
        }
      }
      break;
    }
    case 'before':
      checkDate(value.date, fieldPath(path, 'date'), out);
      break;
    case 'since':
      if (checkDate(value.date, fieldPath(path, 'date'), out) && D && (value.date as string) > D) {
        out.error(
          fieldPath(path, 'date'),
          'BAD_WINDOW',
          `since ${String(value.date)} starts after the as-of date ${D}, so nothing can have happened in it`,
        );
      }
      break;
    case 'between': {
      const okFrom = checkDate(value.from, fieldPath(path, 'from'), out);
      const okTo = checkDate(value.to, fieldPath(path, 'to'), out);
      if (okFrom && okTo) {
        const [from, to] = [value.from as string, value.to as string];
        if (from > to) {
          out.error(path, 'BAD_WINDOW', `the window starts (${from}) after it ends (${to})`, 'swap "from" and "to"');
        } else if (D && from > D) {
          out.error(
            fieldPath(path, 'from'),
            'BAD_WINDOW',
            `the window ${from} to ${to} is entirely after the as-of date ${D}, so nothing can have happened in it`,
          );
        }
      }
      break;
    }
  }
  return out.errorCount === before ? (value as unknown as Window) : undefined;
}

function checkRelative(value: JsonObject, path: string, out: ProblemCollector): void {
  const unit = value.unit;
  const unitOk = typeof unit === 'string' && (TIME_UNITS as readonly string[]).includes(unit);
  if (unit !== undefined && !unitOk) {
    const hint =
      unit === 'days' || unit === 'weeks' || unit === 'months' || unit === 'years'
        ? `use the singular: "${unit.slice(0, -1)}"`
        : unit === 'quarter'
          ? 'a quarter is 3 months: {"n": 3, "unit": "month"}'
          : undefined;
    out.error(
      fieldPath(path, 'unit'),
      'BAD_WINDOW',
      `unit must be one of ${TIME_UNITS.join(', ')}; got ${show(unit)}`,
      hint,
    );
  }
  const n = value.n;
  if (n === undefined) return;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    out.error(fieldPath(path, 'n'), 'BAD_WINDOW', `n must be a positive whole number; got ${describeType(n)}`);
    return;
  }
  if (unitOk) {
    const max = UNITS_PER_YEAR[unit as TimeUnit] * SEGMENT_LIMITS.maxWindowYears;
    if (n > max) {
      out.error(
        fieldPath(path, 'n'),
        'BAD_WINDOW',
        `${n} ${unit}s is more than ${SEGMENT_LIMITS.maxWindowYears} years; the longest allowed is ${max} ${unit}s`,
        'omit the window to mean all history',
      );
    }
  }
}

function checkYear(value: unknown, path: string, out: ProblemCollector): boolean {
  if (value === undefined) return false;
  const { minYear, maxYear } = SEGMENT_LIMITS;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    out.error(path, 'BAD_WINDOW', `year must be a whole number like 2025; got ${describeType(value)}`);
    return false;
  }
  if (value < minYear || value > maxYear) {
    out.error(path, 'BAD_WINDOW', `year ${value} is outside ${minYear}-${maxYear}`);
    return false;
  }
  return true;
}

function checkMonth(value: unknown, path: string, out: ProblemCollector): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 12) {
    out.error(
      path,
      'BAD_WINDOW',
      `month must be a whole number from 1 (January) to 12 (December); got ${describeType(value)}`,
    );
    return false;
  }
  return true;
}

function checkDate(value: unknown, path: string, out: ProblemCollector): boolean {
  if (value === undefined) return false;
  if (!isIsoDate(value)) {
    out.error(path, 'BAD_WINDOW', `expected a calendar date written YYYY-MM-DD; got ${describeType(value)}`);
    return false;
  }
  const year = Number(value.slice(0, 4));
  if (year < SEGMENT_LIMITS.minYear || year > SEGMENT_LIMITS.maxYear) {
    out.error(
      path,
      'BAD_WINDOW',
      `the date ${value} is outside the years ${SEGMENT_LIMITS.minYear}-${SEGMENT_LIMITS.maxYear}`,
    );
    return false;
  }
  return true;
}
