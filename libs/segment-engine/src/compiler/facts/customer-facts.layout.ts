import type { Window } from '../../model/segment.model';
import { isoDate, lastDayOfMonth, parseIsoDate } from '../compiler-validation';

/**
 * The per-customer facts table (`customer_facts`, one row per customer, computed for one as-of
 * date D) and what the compiler may read from it. The table holds every column of `customers`
 * (as of the build) plus the facts, so a statement that reads facts scans it alone, as
 * `customer_facts c`, instead of joining 10M rows to 10M rows. The warehouse builds the table
 * (`buildCustomerFacts` in @smartseg/warehouse) from these definitions; the compiler uses a
 * column only when a condition's meaning at D is exactly the column's (spec section 2).
 */

/** Bumped whenever the table's columns or their meanings change; a table of another version is ignored. */
export const CUSTOMER_FACTS_VERSION = 3;
export const CUSTOMER_FACTS_TABLE = 'customer_facts';
/**
 * The purchase lines built with the facts (version 3): one row per order item of an order with a
 * customer, up to D, carrying its order's date, status and filters and its product's fields, so a
 * purchase condition on items reads one table instead of joining orders, order_items and products.
 */
export const PURCHASE_LINES_TABLE = 'purchase_lines';
export const CUSTOMER_FACTS_META_TABLE = 'customer_facts_meta';

/**
 * A date range of a window at D, both ends inclusive and cut at D (nothing after D is known);
 * `lo: null` is unbounded below.
 */
export interface DateRange {
  lo: string | null;
  hi: string;
}

/** A window the facts table pre-aggregates, relative to D. */
export type FactWindowDef =
  | { key: string; kind: 'all' }
  | { key: string; kind: 'days'; n: number }
  | { key: string; kind: 'months'; n: number }
  | { key: string; kind: 'this'; unit: 'month' | 'quarter' | 'year' }
  | { key: string; kind: 'previous_year' };

/**
 * Order windows: all history, the last 30/60/90/180/365 days, the last 1/3/6/12 calendar months
 * (12 months = 1 year), this month / quarter / year, and the calendar year before D's.
 */
export const FACT_WINDOWS: readonly FactWindowDef[] = [
  { key: 'all', kind: 'all' },
  { key: 'd30', kind: 'days', n: 30 },
  { key: 'd60', kind: 'days', n: 60 },
  { key: 'd90', kind: 'days', n: 90 },
  { key: 'd180', kind: 'days', n: 180 },
  { key: 'd365', kind: 'days', n: 365 },
  { key: 'm1', kind: 'months', n: 1 },
  { key: 'm3', kind: 'months', n: 3 },
  { key: 'm6', kind: 'months', n: 6 },
  { key: 'm12', kind: 'months', n: 12 },
  { key: 'this_month', kind: 'this', unit: 'month' },
  { key: 'this_quarter', kind: 'this', unit: 'quarter' },
  { key: 'this_year', kind: 'this', unit: 'year' },
  { key: 'prev_year', kind: 'previous_year' },
];

/** Windows of the per-event-type counts. */
export const EVENT_COUNT_WINDOWS: readonly string[] = ['all', 'd30', 'd90'];

/**
 * Kinds of orders counted per window: completed orders (with spend), completed orders with a
 * coupon, returned orders, completed online (web or app) orders, completed store orders.
 */
export const ORDER_VARIANTS = ['completed', 'coupon', 'returned', 'online', 'store'] as const;
export type OrderVariant = (typeof ORDER_VARIANTS)[number];

/** Column names of the order facts. */
export const factColumns = {
  firstOrderDate: 'first_order_date',
  lastOrderDate: 'last_order_date',
  orders: (variant: OrderVariant, window: string) =>
    variant === 'completed' ? `orders_${window}` : `${variant}_orders_${window}`,
  spend: (window: string) => `spend_${window}`,
};

/**
 * What one built facts table holds beyond the fixed order columns: one column per department
 * (last completed purchase date), per event type (last event date, counts per window) and per
 * model (score, decile). Stored as JSON in customer_facts_meta.layout.
 */
export interface CustomerFactsLayout {
  version: number;
  /** Keys of FACT_WINDOWS with orders / spend / variant columns. */
  windows: string[];
  departments: { name: string; lastDate: string }[];
  events: { name: string; lastDate: string; counts: Record<string, string> }[];
  /** Only models with at most one score per customer (so a customer's row is its score). */
  models: { name: string; score: string; decile: string }[];
  /** The purchase lines table built with the facts (PURCHASE_LINES_TABLE). */
  lines: string;
}

/** Facts the compiler may use: the table's as-of date and layout (from customer_facts_meta). */
export interface CustomerFactsInfo {
  asOf: string;
  layout: CustomerFactsLayout;
}

// ---- date arithmetic on ISO dates (the dialects' semantics: months clamp to the month's end) ----

const MS_PER_DAY = 86_400_000;

function toDay(iso: string): number {
  const d = parseIsoDate(iso)!;
  const t = new Date(0);
  t.setUTCFullYear(d.year, d.month - 1, d.day);
  return Math.round(t.getTime() / MS_PER_DAY);
}

function fromDay(day: number): string | null {
  const t = new Date(day * MS_PER_DAY);
  const y = t.getUTCFullYear();
  if (y < 1 || y > 9999) return null;
  return isoDate(y, t.getUTCMonth() + 1, t.getUTCDate());
}

export function addDaysIso(iso: string, n: number): string | null {
  return fromDay(toDay(iso) + n);
}

/** `iso` minus n calendar months, clamped to the month's last day. */
export function subMonthsIso(iso: string, n: number): string | null {
  const d = parseIsoDate(iso)!;
  const total = d.year * 12 + (d.month - 1) - n;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  if (y < 1 || y > 9999) return null;
  return isoDate(y, m, Math.min(d.day, lastDayOfMonth(y, m)));
}

function truncIso(iso: string, unit: 'month' | 'quarter' | 'year'): string {
  const d = parseIsoDate(iso)!;
  const month = unit === 'year' ? 1 : unit === 'quarter' ? Math.floor((d.month - 1) / 3) * 3 + 1 : d.month;
  return isoDate(d.year, month, 1);
}

const minIso = (a: string, b: string) => (a < b ? a : b);

/** The date range of a facts window at D. */
export function factWindowRange(def: FactWindowDef, asOf: string): DateRange | null {
  switch (def.kind) {
    case 'all':
      return { lo: null, hi: asOf };
    case 'days': {
      const lo = addDaysIso(asOf, -def.n);
      return lo ? { lo, hi: asOf } : null;
    }
    case 'months': {
      const lo = subMonthsIso(asOf, def.n);
      return lo ? { lo, hi: asOf } : null;
    }
    case 'this':
      return { lo: truncIso(asOf, def.unit), hi: asOf };
    case 'previous_year': {
      const y = parseIsoDate(asOf)!.year - 1;
      return y < 1 ? null : { lo: isoDate(y, 1, 1), hi: isoDate(y, 12, 31) };
    }
  }
}

/** D minus n units, as the window compiler computes it; null outside years 1-9999. */
function unitsBackIso(asOf: string, n: number, unit: unknown): string | null {
  switch (unit) {
    case 'day':
      return addDaysIso(asOf, -n);
    case 'week':
      return addDaysIso(asOf, -7 * n);
    case 'month':
      return subMonthsIso(asOf, n);
    case 'year':
      return subMonthsIso(asOf, 12 * n);
    default:
      return null;
  }
}

/**
 * The dates a (valid) window covers at D, cut at D: `{lo, hi}`, 'empty' when it covers no date
 * up to D, or null when it cannot be resolved here (dates outside years 1-9999); the caller then
 * keeps the raw SQL. The same arithmetic as window.compiler.ts.
 */
export function resolveWindowRange(window: Window | undefined, asOf: string): DateRange | 'empty' | null {
  let lo: string | null = null;
  let hi: string | null = asOf;
  if (window !== undefined) {
    switch (window.type) {
      case 'last':
        lo = unitsBackIso(asOf, window.n, window.unit);
        if (lo === null) return null;
        break;
      case 'older_than': {
        const bound = unitsBackIso(asOf, window.n, window.unit);
        hi = bound === null ? null : addDaysIso(bound, -1);
        if (hi === null) return null;
        break;
      }
      case 'this':
        lo = truncIso(asOf, window.unit);
        break;
      case 'year':
        lo = isoDate(window.year, 1, 1);
        hi = isoDate(window.year, 12, 31);
        break;
      case 'month':
        lo = isoDate(window.year, window.month, 1);
        hi = isoDate(window.year, window.month, lastDayOfMonth(window.year, window.month));
        break;
      case 'before':
        hi = addDaysIso(window.date, -1);
        if (hi === null) return null;
        break;
      case 'since':
        lo = window.date;
        break;
      case 'between':
        lo = window.from;
        hi = window.to;
        break;
      default:
        return null;
    }
  }
  hi = minIso(hi, asOf);
  if (lo !== null && lo > hi) return 'empty';
  return { lo, hi };
}

/** The key of the facts window (present in `keys`) whose range at D equals `range`, if any. */
export function matchFactWindow(range: DateRange, asOf: string, keys: readonly string[]): string | undefined {
  for (const def of FACT_WINDOWS) {
    if (!keys.includes(def.key)) continue;
    const r = factWindowRange(def, asOf);
    if (r && r.lo === range.lo && r.hi === range.hi) return def.key;
  }
  return undefined;
}
