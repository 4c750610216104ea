import { BaseSqlDialect, type TruncUnit } from './sql-dialect';

/**
 * Snowflake. Positional `?` parameters (D repeats at each use). Snowflake folds unquoted
 * identifiers to upper case, so a quoted catalog identifier is written in upper case to name
 * the column created by the (unquoted) DDL. DATEADD with month clamps to the month's last day
 * (ADD_MONTHS is not used: it keeps month-end dates at month end, which the spec does not).
 */
export class SnowflakeDialect extends BaseSqlDialect {
  readonly name = 'snowflake' as const;
  readonly paramStyle = 'positional' as const;

  placeholder(): string {
    return '?';
  }
  override quoteIdent(name: string): string {
    return `"${name.toUpperCase()}"`;
  }
  override castFraction(param: string): string {
    return `CAST(${param} AS DOUBLE)`;
  }
  addDays(date: string, n: string): string {
    return `DATEADD(day, ${n}, ${date})`;
  }
  subDays(date: string, n: string): string {
    return `DATEADD(day, -(${n}), ${date})`;
  }
  addMonths(date: string, n: string): string {
    return `DATEADD(month, ${n}, ${date})`;
  }
  subMonths(date: string, n: string): string {
    return `DATEADD(month, -(${n}), ${date})`;
  }
  truncDate(unit: TruncUnit, date: string): string {
    return `DATE_TRUNC('${unit}', ${date})`;
  }
  dayDiff(from: string, to: string): string {
    return `DATEDIFF(day, ${from}, ${to})`;
  }
}
