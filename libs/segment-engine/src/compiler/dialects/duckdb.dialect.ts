import { BaseSqlDialect, type TruncUnit } from './sql-dialect';

/**
 * DuckDB (the embedded warehouse). Numbered `$n` parameters so D is bound once as `$1`.
 * `DATE - INTEGER` is a DATE; `DATE - INTERVAL` is a TIMESTAMP, cast back; month intervals
 * clamp to the month's last day (2026-03-31 - 1 month = 2026-02-28).
 */
export class DuckDbDialect extends BaseSqlDialect {
  readonly name = 'duckdb' as const;
  readonly paramStyle = 'numbered' as const;

  placeholder(index: number): string {
    return `$${index}`;
  }
  override castFraction(param: string): string {
    return `CAST(${param} AS DOUBLE)`;
  }
  addDays(date: string, n: string): string {
    return `(${date} + ${n})`;
  }
  subDays(date: string, n: string): string {
    return `(${date} - ${n})`;
  }
  addMonths(date: string, n: string): string {
    return `CAST(${date} + to_months(${n}) AS DATE)`;
  }
  subMonths(date: string, n: string): string {
    return `CAST(${date} - to_months(${n}) AS DATE)`;
  }
  truncDate(unit: TruncUnit, date: string): string {
    return `CAST(date_trunc('${unit}', ${date}) AS DATE)`;
  }
  dayDiff(from: string, to: string): string {
    return `date_diff('day', ${from}, ${to})`;
  }
  override percentileCont(valueColumn: string, fraction: string, fromWhere: string): string {
    return `(SELECT quantile_cont(${valueColumn}, ${fraction}) ${fromWhere})`;
  }
}
