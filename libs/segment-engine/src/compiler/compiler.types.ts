import type { Catalog } from '../model/catalog.model';

/** The SQL dialects the compiler targets (only duckdb and postgres are executed by the product today). */
export type Dialect = 'duckdb' | 'postgres' | 'bigquery' | 'snowflake' | 'spark' | 'trino';

export const DIALECTS: readonly Dialect[] = ['duckdb', 'postgres', 'bigquery', 'snowflake', 'spark', 'trino'];

/** What the statement returns: the audience size, the ordered ids, or only the WHERE predicate. */
export type CompileSelect = 'count' | 'ids' | 'predicate';

export interface CompileOptions {
  dialect: Dialect;
  catalog: Catalog;
  select: CompileSelect;
  /**
   * The as-of date D (YYYY-MM-DD); defaults to `catalog.as_of`. Never the wall clock. D is always
   * a bound parameter of the statement, never text in it.
   */
  asOf?: string;
}

/**
 * A compiled statement. `params` are in the order the dialect binds them:
 * - duckdb / postgres: `$1..$n` (D is `$1` whenever the statement uses it);
 * - bigquery (`@name`) / spark (`:name`): named markers, `params[i]` is the value of `paramNames[i]`
 *   (D is named `as_of`);
 * - snowflake / trino: positional `?`, one value per marker in text order (D repeats, named `as_of`).
 */
export interface CompiledSql {
  sql: string;
  params: unknown[];
  /** The name of each parameter (`as_of` for D, `p1..pn` for the segment's values), aligned with `params`. */
  paramNames?: string[];
  dialect: Dialect;
}
