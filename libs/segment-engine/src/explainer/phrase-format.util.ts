import type { Threshold, TimeUnit, Window } from '../model/segment.model';

/** Formatting of numbers, money, dates, windows and lists for explanations (US English). */

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });
const MONEY_WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const MONEY_CENTS = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** 1000 -> "1,000"; 0.25 -> "0.25". */
export function formatNumber(n: number | string | undefined): string {
  if (typeof n !== 'number') return String(n);
  return Number.isFinite(n) ? NUMBER.format(n) : String(n);
}

/** 1000 -> "$1,000"; 99.5 -> "$99.50". */
export function formatMoney(n: number | undefined): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) return `$${String(n)}`;
  const abs = Math.round(Math.abs(n) * 100) / 100;
  const sign = n < 0 && abs > 0 ? '-' : '';
  return `${sign}$${Number.isInteger(abs) ? MONEY_WHOLE.format(abs) : MONEY_CENTS.format(abs)}`;
}

/** "2026-03-01" -> "1 Mar 2026" (anything else is returned as given). */
export function formatDate(iso: unknown): string {
  if (typeof iso !== 'string') return String(iso);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const month = MONTH_NAMES[Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month.slice(0, 3)} ${m[1]}` : iso;
}

export function monthName(month: unknown): string {
  return (typeof month === 'number' && MONTH_NAMES[month - 1]) || `month ${String(month)}`;
}

/** "1 day", "3 weeks". */
export function quantity(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(n)} ${n === 1 ? singular : plural}`;
}

/** ["a"] -> "a"; ["a","b"] -> "a or b"; ["a","b","c"] -> "a, b, or c". */
export function joinWords(items: readonly string[], conj: 'and' | 'or'): string {
  if (items.length <= 1) return items[0] ?? '';
  if (items.length === 2) return `${items[0]} ${conj} ${items[1]}`;
  return `${items.slice(0, -1).join(', ')}, ${conj} ${items[items.length - 1]}`;
}

/** Lower-cases the first letter unless the word looks like an acronym ("SMS", "ZIP"). */
export function lowerFirst(text: string): string {
  if (text.length > 1 && text[1] === text[1]!.toUpperCase() && /[A-Z]/.test(text[1]!)) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

const UNIT_WORDS: Readonly<Record<TimeUnit, string>> = { day: 'day', week: 'week', month: 'month', year: 'year' };

/** A window in words: "in the last 90 days", "this year", "in March 2026", "before 1 Jan 2026". */
export function windowText(w: Window | undefined): string {
  if (!w) return '';
  switch (w.type) {
    case 'last':
      return w.n === 1
        ? `in the last ${UNIT_WORDS[w.unit] ?? w.unit}`
        : `in the last ${quantity(w.n, UNIT_WORDS[w.unit] ?? w.unit)}`;
    case 'this':
      return `this ${w.unit}`;
    case 'year':
      return `in ${w.year}`;
    case 'month':
      return `in ${monthName(w.month)} ${w.year}`;
    case 'before':
      return `before ${formatDate(w.date)}`;
    case 'since':
      return `since ${formatDate(w.date)}`;
    case 'between':
      return `between ${formatDate(w.from)} and ${formatDate(w.to)}`;
    case 'older_than':
      return `more than ${quantity(w.n, UNIT_WORDS[w.unit] ?? w.unit)} ago`;
    default:
      return '';
  }
}

/** Words for each threshold operator in one style. */
export interface ComparisonWords {
  gt: string;
  gte: string;
  lt: string;
  lte: string;
  eq: string;
  neq: string;
}

/** "more than 3 orders", "at least 3 orders", "fewer than 3 orders", "between 2 and 5 orders". */
export const COUNT_WORDS: ComparisonWords = {
  gt: 'more than',
  gte: 'at least',
  lt: 'fewer than',
  lte: 'at most',
  eq: 'exactly',
  neq: 'other than',
};

/** "more than $500", "less than $500". */
export const AMOUNT_WORDS: ComparisonWords = {
  gt: 'more than',
  gte: 'at least',
  lt: 'less than',
  lte: 'at most',
  eq: 'exactly',
  neq: 'other than',
};

/** "an average order value over $100", "a churn risk score below 0.2". */
export const LEVEL_WORDS: ComparisonWords = {
  gt: 'over',
  gte: 'of at least',
  lt: 'under',
  lte: 'of at most',
  eq: 'of exactly',
  neq: 'other than',
};

/**
 * A threshold in words: `<words> <value>` or "between X and Y"; `noun` follows the number
 * ("3 orders"), singular when the number is 1.
 */
export function thresholdText(
  t: Threshold,
  words: ComparisonWords,
  format: (n: number) => string = formatNumber,
  noun?: [string, string],
): string {
  const unit = (n: number): string => (noun ? ` ${n === 1 ? noun[0] : noun[1]}` : '');
  if (t.op === 'between') return `between ${format(t.min)} and ${format(t.max)}${unit(t.max)}`;
  return `${words[t.op] ?? t.op} ${format(t.value)}${unit(t.value)}`;
}

/** How many times: "at least 3 times", "exactly once", "more than twice". */
export function timesText(t: Threshold): string {
  const times = (n: number): string => (n === 1 ? 'once' : n === 2 ? 'twice' : `${formatNumber(n)} times`);
  if (t.op === 'between') return `between ${formatNumber(t.min)} and ${formatNumber(t.max)} times`;
  return `${COUNT_WORDS[t.op] ?? t.op} ${times(t.value)}`;
}

/** True for the default threshold of purchases and events: at least 1. */
export function isDefaultThreshold(t: Threshold | undefined): boolean {
  return !t || (t.op === 'gte' && t.value === 1);
}
