import type { Catalog } from '../model/catalog.model';
import type { CustomerFactsInfo } from './facts/customer-facts.layout';

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
  /**
   * The warehouse's per-customer facts table (as-of date and layout). Conditions whose meaning
   * maps exactly onto a fact read it (the statement then reads `customer_facts c`), when the
   * facts are for the same D; everything else, and every statement without it, reads the raw tables.
   */
  facts?: CustomerFactsInfo;
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
