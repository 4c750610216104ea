import { BaseSqlDialect, type TruncUnit } from './sql-dialect';

/**
 * Spark SQL (3.4+ named parameter markers `:name`), backtick identifiers. `add_months` clamps
 * to the month's last day (Spark 3 no longer moves month-end dates to month end).
 * `percentile` is exact and interpolates (continuous).
 */
export class SparkDialect extends BaseSqlDialect {
  readonly name = 'spark' as const;
  readonly paramStyle = 'named' as const;

  placeholder(_index: number, name: string): string {
    return `:${name}`;
  }
  override quoteIdent(name: string): string {
    return `\`${name}\``;
  }
  override castInt(param: string): string {
    return `CAST(${param} AS INT)`;
  }
  override castFraction(param: string): string {
    return `CAST(${param} AS DOUBLE)`;
  }
  addDays(date: string, n: string): string {
    return `date_add(${date}, ${n})`;
  }
  subDays(date: string, n: string): string {
    return `date_sub(${date}, ${n})`;
  }
  addMonths(date: string, n: string): string {
    return `add_months(${date}, ${n})`;
  }
  subMonths(date: string, n: string): string {
    return `add_months(${date}, -(${n}))`;
  }
  truncDate(unit: TruncUnit, date: string): string {
    return `trunc(${date}, '${unit.toUpperCase()}')`;
  }
  dayDiff(from: string, to: string): string {
    return `datediff(${to}, ${from})`;
  }
  override percentileCont(valueColumn: string, fraction: string, fromWhere: string): string {
    return `(SELECT percentile(${valueColumn}, ${fraction}) ${fromWhere})`;
  }
}
