import { BaseSqlDialect, type TruncUnit } from './sql-dialect';

/**
 * BigQuery (GoogleSQL). Named `@name` parameters, backtick identifiers. Tables are written
 * unqualified: run with the tenant's dataset as the default dataset. DATE_ADD / DATE_SUB with
 * MONTH clamp to the month's last day.
 */
export class BigQueryDialect extends BaseSqlDialect {
  readonly name = 'bigquery' as const;
  readonly paramStyle = 'named' as const;

  placeholder(_index: number, name: string): string {
    return `@${name}`;
  }
  override quoteIdent(name: string): string {
    return `\`${name}\``;
  }
  override castInt(param: string): string {
    return `CAST(${param} AS INT64)`;
  }
  override castFraction(param: string): string {
    return `CAST(${param} AS FLOAT64)`;
  }
  override month(date: string): string {
    return `EXTRACT(MONTH FROM ${date})`;
  }
  override dayOfMonth(date: string): string {
    return `EXTRACT(DAY FROM ${date})`;
  }
  addDays(date: string, n: string): string {
    return `DATE_ADD(${date}, INTERVAL ${n} DAY)`;
  }
  subDays(date: string, n: string): string {
    return `DATE_SUB(${date}, INTERVAL ${n} DAY)`;
  }
  addMonths(date: string, n: string): string {
    return `DATE_ADD(${date}, INTERVAL ${n} MONTH)`;
  }
  subMonths(date: string, n: string): string {
    return `DATE_SUB(${date}, INTERVAL ${n} MONTH)`;
  }
  truncDate(unit: TruncUnit, date: string): string {
    return `DATE_TRUNC(${date}, ${unit.toUpperCase()})`;
  }
  dayDiff(from: string, to: string): string {
    return `DATE_DIFF(${to}, ${from}, DAY)`;
  }
  /** PERCENTILE_CONT is an analytic function in BigQuery: exact, computed over the model's rows. */
  override percentileCont(valueColumn: string, fraction: string, fromWhere: string): string {
    return `(SELECT MAX(pc) FROM (SELECT PERCENTILE_CONT(${valueColumn}, ${fraction}) OVER () AS pc ${fromWhere}))`;
  }
}
