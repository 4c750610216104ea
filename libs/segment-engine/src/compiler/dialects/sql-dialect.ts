import type { Dialect } from '../compiler.types';

/** How a dialect writes bound parameters. */
export type ParamStyle =
  /** `$1..$n`, reusable: a value bound once may be referenced many times. */
  | 'numbered'
  /** `@name` / `:name`, reusable. */
  | 'named'
  /** `?`, one value per occurrence, in text order. */
  | 'positional';

export type TruncUnit = 'month' | 'quarter' | 'year';

/**
 * Everything that differs between SQL dialects, in one small object per dialect. Arguments and
 * results are SQL expression texts; `date` arguments are DATE-typed expressions and every date
 * result is DATE-typed. Integer arguments (`n`) are INTEGER-typed expressions (usually a cast
 * bound parameter).
 */
export interface SqlDialect {
  readonly name: Dialect;
  readonly paramStyle: ParamStyle;
  /** The marker of parameter number `index` (1-based) called `name`. */
  placeholder(index: number, name: string): string;
  /** Quotes an identifier that came from the catalog (already checked to be a plain identifier). */
  quoteIdent(name: string): string;

  /** A bound value read as a DATE (the value is an ISO `YYYY-MM-DD` string). */
  castDate(param: string): string;
  /** A bound value read as an INTEGER (day and month counts). */
  castInt(param: string): string;
  /** A bound value read as a number to compare with INTEGER / DECIMAL / DOUBLE columns and aggregates. */
  castNumber(param: string): string;
  /** A bound value read as a double-precision fraction (percentiles). */
  castFraction(param: string): string;
  /** A bound value read as a BIGINT id. */
  castId(param: string): string;

  /** The calendar date of a TIMESTAMP expression. */
  timestampToDate(ts: string): string;
  addDays(date: string, n: string): string;
  subDays(date: string, n: string): string;
  /** Calendar months; a day that does not exist in the target month clamps to the month's last day. */
  addMonths(date: string, n: string): string;
  subMonths(date: string, n: string): string;
  /** First day of `date`'s month / quarter / year. */
  truncDate(unit: TruncUnit, date: string): string;
  /** Whole days from `from` to `to` (`to - from`). */
  dayDiff(from: string, to: string): string;
  /** Month (1-12) / day of month (1-31) of a DATE, as an INTEGER. */
  month(date: string): string;
  dayOfMonth(date: string): string;
  /** `a / b` as a non-truncating division (average order value). */
  ratio(a: string, b: string): string;
  /**
   * A scalar subquery: the continuous (interpolated) percentile `fraction` (0-1) of `valueColumn`
   * over the rows of `fromWhere` (a `FROM ... WHERE ...` text).
   */
  percentileCont(valueColumn: string, fraction: string, fromWhere: string): string;
  /**
   * Membership of the outer customer (`outer`, e.g. `c.customer_id`) in a subquery whose single
   * column is `customer_id` and never NULL. Never yields NULL.
   */
  inSubquery(outer: string, subquery: string, negated: boolean): string;
}

const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** True for identifiers that can be quoted safely in every dialect (letters, digits, underscores). */
export function isPlainIdentifier(name: string): boolean {
  return PLAIN_IDENTIFIER.test(name);
}

/** Shared defaults: ANSI forms that most dialects accept. */
export abstract class BaseSqlDialect implements SqlDialect {
  abstract readonly name: Dialect;
  abstract readonly paramStyle: ParamStyle;
  abstract placeholder(index: number, name: string): string;

  quoteIdent(name: string): string {
    return `"${name}"`;
  }
  castDate(param: string): string {
    return `CAST(${param} AS DATE)`;
  }
  castInt(param: string): string {
    return `CAST(${param} AS INTEGER)`;
  }
  castNumber(param: string): string {
    return param;
  }
  castFraction(param: string): string {
    return param;
  }
  castId(param: string): string {
    return param;
  }
  timestampToDate(ts: string): string {
    return `CAST(${ts} AS DATE)`;
  }
  abstract addDays(date: string, n: string): string;
  abstract subDays(date: string, n: string): string;
  abstract addMonths(date: string, n: string): string;
  abstract subMonths(date: string, n: string): string;
  abstract truncDate(unit: TruncUnit, date: string): string;
  abstract dayDiff(from: string, to: string): string;
  month(date: string): string {
    return `CAST(EXTRACT(MONTH FROM ${date}) AS INTEGER)`;
  }
  dayOfMonth(date: string): string {
    return `CAST(EXTRACT(DAY FROM ${date}) AS INTEGER)`;
  }
  ratio(a: string, b: string): string {
    return `${a} / ${b}`;
  }
  percentileCont(valueColumn: string, fraction: string, fromWhere: string): string {
    return `(SELECT percentile_cont(${fraction}) WITHIN GROUP (ORDER BY ${valueColumn}) ${fromWhere})`;
  }
  inSubquery(outer: string, subquery: string, negated: boolean): string {
    return `${outer} ${negated ? 'NOT IN' : 'IN'} (${subquery})`;
  }
}
