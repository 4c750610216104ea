/** The SQL dialects a connection executes (the compiler targets more; only these run here). */
export type RunnableDialect = 'duckdb' | 'postgres';

/** A plain row: numbers (BIGINT and DECIMAL narrowed to number), strings (dates as YYYY-MM-DD), booleans, nulls. */
export type WarehouseRow = Record<string, string | number | boolean | null>;

/**
 * The warehouse port: one tenant's customer data behind a SQL connection. Adapters:
 * DuckDB (embedded file, the default) and PostgreSQL. Values are always bound, never spliced.
 */
export abstract class WarehouseConnection {
  abstract readonly dialect: RunnableDialect;
  /** Runs one statement with positional parameters (`?` for DuckDB, `$n` for PostgreSQL). */
  abstract query<T extends WarehouseRow = WarehouseRow>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of statements with no parameters (DDL, generation). */
  abstract exec(sql: string): Promise<void>;
  abstract close(): Promise<void>;
}
