import { BaseSqlDialect, type TruncUnit } from './sql-dialect';

/**
 * Trino. Positional `?` parameters (D repeats at each use). `date_add('month', ...)` clamps to
 * the month's last day. DECIMAL division keeps the dividend's scale in Trino, so ratios are
 * computed in DOUBLE.
 */
export class TrinoDialect extends BaseSqlDialect {
  readonly name = 'trino' as const;
  readonly paramStyle = 'positional' as const;

  placeholder(): string {
    return '?';
  }
  override castFraction(param: string): string {
    return `CAST(${param} AS DOUBLE)`;
  }
  addDays(date: string, n: string): string {
    return `date_add('day', ${n}, ${date})`;
  }
  subDays(date: string, n: string): string {
    return `date_add('day', -(${n}), ${date})`;
  }
  addMonths(date: string, n: string): string {
    return `date_add('month', ${n}, ${date})`;
  }
  subMonths(date: string, n: string): string {
    return `date_add('month', -(${n}), ${date})`;
  }
  truncDate(unit: TruncUnit, date: string): string {
    return `date_trunc('${unit}', ${date})`;
  }
  dayDiff(from: string, to: string): string {
    return `date_diff('day', ${from}, ${to})`;
  }
  override ratio(a: string, b: string): string {
    return `CAST(${a} AS DOUBLE) / ${b}`;
  }
  /**
   * Trino has no exact continuous percentile: `approx_percentile` is approximate (t-digest),
   * so top/bottom N% can differ slightly from the exact dialects at the boundary.
   */
  override percentileCont(valueColumn: string, fraction: string, fromWhere: string): string {
    return `(SELECT approx_percentile(${valueColumn}, ${fraction}) ${fromWhere})`;
  }
}
