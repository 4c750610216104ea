import { BaseSqlDialect, type TruncUnit } from './sql-dialect';

/**
 * PostgreSQL. `$1..$n` parameters; numbers are cast to NUMERIC so that a fractional value
 * compared with an INTEGER column is not coerced to an integer. `date - integer` is a date;
 * `date - interval` a timestamp (cast back), month intervals clamp to the month's last day.
 */
export class PostgresDialect extends BaseSqlDialect {
  readonly name = 'postgres' as const;
  readonly paramStyle = 'numbered' as const;

  placeholder(index: number): string {
    return `$${index}`;
  }
  override castNumber(param: string): string {
    return `CAST(${param} AS NUMERIC)`;
  }
  override castFraction(param: string): string {
    return `CAST(${param} AS DOUBLE PRECISION)`;
  }
  override castId(param: string): string {
    return `CAST(${param} AS BIGINT)`;
  }
  addDays(date: string, n: string): string {
    return `(${date} + ${n})`;
  }
  subDays(date: string, n: string): string {
    return `(${date} - ${n})`;
  }
  addMonths(date: string, n: string): string {
    return `CAST(${date} + make_interval(months => ${n}) AS DATE)`;
  }
  subMonths(date: string, n: string): string {
    return `CAST(${date} - make_interval(months => ${n}) AS DATE)`;
  }
  truncDate(unit: TruncUnit, date: string): string {
    return `CAST(date_trunc('${unit}', ${date}) AS DATE)`;
  }
  dayDiff(from: string, to: string): string {
    return `(${to} - ${from})`;
  }
  /**
   * `EXISTS` over the subquery as a derived table rather than `IN` / `NOT IN`: PostgreSQL turns
   * a top-level `[NOT] EXISTS` into a hash semi/anti join, and elsewhere (under OR / NOT) runs it
   * as a per-customer lookup on orders(customer_id); a `NOT IN (subquery)` that does not fit in
   * work_mem degrades to a nested scan. The semantics are the same: the subquery's
   * customer_id is never NULL.
   */
  override inSubquery(outer: string, subquery: string, negated: boolean): string {
    return `${negated ? 'NOT ' : ''}EXISTS (SELECT 1 FROM (${subquery}) s WHERE s.customer_id = ${outer})`;
  }
}
