import type { DataSource } from 'typeorm';
import type { SpendStore } from './cost-ledger';

/** What DatabaseSpendStore needs of a connection (a TypeORM DataSource has it). */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export type SpendDialect = 'sqlite' | 'postgres';

/**
 * Monthly spend in the `llm_spend` table (LlmSpendEntity) of the state database, so that budgets
 * hold across processes, replicas and restarts. `add` is one upsert statement
 * (`INSERT … ON CONFLICT (key, month) DO UPDATE SET usd = llm_spend.usd + excluded.usd`), atomic on
 * SQLite (≥ 3.24) and PostgreSQL; `get` reads the row (0 when absent).
 */
export class DatabaseSpendStore implements SpendStore {
  private readonly upsert: string;
  private readonly select: string;

  constructor(
    private readonly db: SqlRunner,
    dialect: SpendDialect,
    private readonly clock: () => Date = () => new Date(),
  ) {
    const p = (i: number) => (dialect === 'postgres' ? `$${i}` : '?');
    this.upsert =
      `INSERT INTO "llm_spend" ("key", "month", "usd", "updated_at") VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}) ` +
      `ON CONFLICT ("key", "month") DO UPDATE SET "usd" = "llm_spend"."usd" + excluded."usd", "updated_at" = excluded."updated_at"`;
    this.select = `SELECT "usd" FROM "llm_spend" WHERE "key" = ${p(1)} AND "month" = ${p(2)}`;
  }

  /** The store of a TypeORM DataSource (better-sqlite3 / sqlite or postgres). */
  static fromDataSource(ds: DataSource, clock?: () => Date): DatabaseSpendStore {
    const type = ds.options.type;
    const dialect: SpendDialect | undefined =
      type === 'postgres' ? 'postgres' : type === 'better-sqlite3' || type === 'sqlite' ? 'sqlite' : undefined;
    if (!dialect) throw new Error(`DatabaseSpendStore supports SQLite and PostgreSQL, not ${type}`);
    return new DatabaseSpendStore(ds, dialect, clock);
  }

  async add(key: string, month: string, usd: number): Promise<void> {
    if (!Number.isFinite(usd) || usd === 0) return;
    await this.db.query(this.upsert, [key, month, usd, this.clock().toISOString()]);
  }

  async get(key: string, month: string): Promise<number> {
    const rows = (await this.db.query(this.select, [key, month])) as { usd: number | string }[];
    return rows.length ? Number(rows[0]!.usd) : 0;
  }
}
