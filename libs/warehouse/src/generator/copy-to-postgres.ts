import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { ErrorCode, SmartsegError } from '@smartseg/common';
import type { DuckDbConnection } from '../adapters/duckdb-connection.adapter';
import { pgCopyFrom, quotePgIdentifier } from '../adapters/postgres-connection.adapter';
import {
  checkCustomerFactsColumns,
  customerFactsStatements,
  planCustomerFactsLayout,
  readCustomerFactsInfo,
} from '../facts/customer-facts.builder';
import type { WarehouseRow } from '../ports/warehouse-connection.port';
import { RETAIL_TABLES, retailDdl, retailIndexes } from '../schema/retail-schema';
import { META_TABLE } from './retail-generator';

export interface CopyToPostgresOptions {
  /** Target schema (created if missing); default 'public'. */
  schema?: string;
  /** Drop the retail tables already in the schema first (default true); otherwise they must not exist. */
  replace?: boolean;
  /** Rows per CSV part streamed into COPY (default 2,000,000). */
  rowsPerPart?: number;
  /** Directory for the CSV parts (default: the OS temp directory). */
  tmpDir?: string;
  /** Called per part: (table, rows copied so far, rows in the table). */
  onProgress?: (table: string, done: number, total: number) => void;
  /**
   * Build the per-customer facts table in PostgreSQL (default true), for the as-of date of the
   * source's facts, else the generator's as_of; nothing when the source has neither.
   */
  facts?: boolean;
}

export interface CopyToPostgresStats {
  schema: string;
  /** Rows copied per table. */
  rows: Record<string, number>;
  /** The as-of date of the facts built in PostgreSQL, if any. */
  factsAsOf?: string;
  elapsedMs: number;
}

/** Column the parts of each table are cut on (ranges of it; dense ids make even parts). */
const PART_KEY: Readonly<Record<string, string>> = {
  customers: 'customer_id',
  stores: 'store_id',
  products: 'product_id',
  orders: 'order_id',
  order_items: 'order_id',
  events: 'customer_id',
  model_scores: 'customer_id',
  [META_TABLE]: '',
};

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/**
 * Loads a DuckDB retail warehouse into PostgreSQL: creates the tables with
 * retailDdl('postgres') in the schema (in one transaction, so a failure leaves nothing
 * half-loaded), streams each table as CSV parts that DuckDB writes (COPY TO) into
 * PostgreSQL's COPY FROM STDIN, then creates retailIndexes('postgres') and runs ANALYZE.
 */
export async function copyWarehouseToPostgres(
  src: DuckDbConnection,
  pgUrl: string,
  opts: CopyToPostgresOptions = {},
): Promise<CopyToPostgresStats> {
  const started = Date.now();
  const schema = opts.schema ?? 'public';
  const qSchema = quotePgIdentifier(schema);
  const rowsPerPart = Math.max(1, Math.trunc(opts.rowsPerPart ?? 2_000_000));
  const sourceTables = new Set(
    (
      await src.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main'",
      )
    ).map((r) => r.name),
  );
  const missing = RETAIL_TABLES.filter((t) => !sourceTables.has(t));
  if (missing.length > 0) {
    throw new SmartsegError(ErrorCode.WarehouseMissing, `the DuckDB warehouse lacks tables: ${missing.join(', ')}`);
  }
  const tables = [...RETAIL_TABLES, ...(sourceTables.has(META_TABLE) ? [META_TABLE] : [])];

  const tmp = fs.mkdtempSync(path.join(opts.tmpDir ?? os.tmpdir(), 'smartseg-pgcopy-'));
  const client = new Client({ connectionString: pgUrl, application_name: 'smartseg-copy' });
  client.on('error', () => undefined);
  await client.connect();
  const rows: Record<string, number> = {};
  let inTransaction = false;
  try {
    await client.query('BEGIN');
    inTransaction = true;
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${qSchema}`);
    await client.query(`SET LOCAL search_path TO ${qSchema}`);
    if (opts.replace !== false) {
      for (const t of tables) await client.query(`DROP TABLE IF EXISTS ${qSchema}.${t} CASCADE`);
    }
    await client.query(retailDdl('postgres'));
    if (tables.includes(META_TABLE))
      await client.query(`CREATE TABLE ${META_TABLE} (key VARCHAR PRIMARY KEY, value VARCHAR)`);

    for (const table of tables) {
      const columns = await src.query<{ name: string; type: string }>(
        `SELECT column_name AS name, data_type AS type FROM information_schema.columns
         WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position`,
        [table],
      );
      const colList = columns.map((c) => c.name).join(', ');
      const quoted = columns.filter((c) => c.type === 'VARCHAR').map((c) => c.name);
      const key = PART_KEY[table] ?? '';
      const stats = (
        await src.query<{ n: number; lo: number | null; hi: number | null }>(
          key
            ? `SELECT count(*) AS n, min(${key}) AS lo, max(${key}) AS hi FROM ${table}`
            : `SELECT count(*) AS n, 0 AS lo, 0 AS hi FROM ${table}`,
        )
      )[0] ?? { n: 0, lo: null, hi: null };
      const total = Number(stats.n);
      rows[table] = 0;
      if (total === 0) continue;
      const lo = Number(stats.lo ?? 0);
      const hi = Number(stats.hi ?? 0);
      const parts = key ? Math.max(1, Math.ceil(total / rowsPerPart)) : 1;
      const step = Math.ceil((hi - lo + 1) / parts);
      const ranges = Array.from(
        { length: parts },
        (_, i) => [lo + i * step, Math.min(hi + 1, lo + (i + 1) * step)] as const,
      );

      // DuckDB writes part i+1 while PostgreSQL reads part i.
      const exportPart = async (i: number): Promise<string> => {
        const [a, b] = ranges[i]!;
        const file = path.join(tmp, `${table}-${i}.csv`);
        const where = key ? ` WHERE ${key} >= ${a} AND ${key} < ${b}` : '';
        const force = quoted.length > 0 ? `, FORCE_QUOTE (${quoted.join(', ')})` : '';
        await src.exec(
          `COPY (SELECT ${colList} FROM ${table}${where}) TO ${sqlString(file)} (FORMAT csv, HEADER false${force})`,
        );
        return file;
      };
      let next: Promise<string> = exportPart(0);
      for (let i = 0; i < parts; i++) {
        const file = await next;
        if (i + 1 < parts) {
          next = exportPart(i + 1);
          next.catch(() => undefined); // awaited on the next turn; never an unhandled rejection
        }
        try {
          const copied = await pgCopyFrom(
            client,
            `COPY ${table} (${colList}) FROM STDIN WITH (FORMAT csv)`,
            fs.createReadStream(file, { highWaterMark: 1 << 20 }),
          );
          rows[table] += copied;
        } finally {
          fs.rmSync(file, { force: true });
        }
        opts.onProgress?.(table, rows[table], total);
      }
      if (rows[table] !== total) {
        throw new SmartsegError(ErrorCode.WarehouseError, `copied ${rows[table]} of ${total} rows of ${table}`);
      }
    }

    await client.query(retailIndexes('postgres'));
    for (const t of tables) await client.query(`ANALYZE ${t}`);

    // The facts are computed in PostgreSQL from the copied tables (same statements as buildCustomerFacts).
    let factsAsOf: string | undefined;
    if (opts.facts !== false) {
      const meta = sourceTables.has(META_TABLE)
        ? await src.query<{ value: string }>(`SELECT value FROM ${META_TABLE} WHERE key = 'as_of'`)
        : [];
      factsAsOf = (await readCustomerFactsInfo(src))?.asOf ?? meta[0]?.value;
      if (factsAsOf !== undefined) {
        const query = async (sql: string) => (await client.query(sql)).rows as WarehouseRow[];
        const layout = await planCustomerFactsLayout(query);
        await checkCustomerFactsColumns(query, layout);
        for (const stmt of customerFactsStatements('postgres', factsAsOf, layout)) await client.query(stmt);
        await client.query('ANALYZE customer_facts');
        await client.query(`ANALYZE ${layout.lines}`);
      }
    }
    await client.query('COMMIT');
    inTransaction = false;
    return { schema, rows, ...(factsAsOf !== undefined ? { factsAsOf } : {}), elapsedMs: Date.now() - started };
  } catch (err) {
    if (inTransaction) await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end().catch(() => undefined);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
