import { ErrorCode, SmartsegError } from '@smartseg/common';
import { CUSTOMER_FACTS_META_TABLE, CUSTOMER_FACTS_TABLE } from '@smartseg/segment-engine';
import { buildCustomerFacts } from '../facts/customer-facts.builder';
import type { WarehouseConnection } from '../ports/warehouse-connection.port';
import { RETAIL_TABLES, retailDdl } from '../schema/retail-schema';
import { buildRetailCalendar, parseIsoDate } from './retail-calendar';
import { buildRetailProducts, buildRetailStores } from './retail-dimensions.data';
import { buildLookupSql } from './retail-lookups.builder';
import {
  MODEL_INPUTS_DDL,
  MODEL_INPUTS_INSERT_SQL,
  customerAggSql,
  customerChunkSql,
  customersInsertSql,
  eventsChunkSql,
  itemsInsertSql,
  modelScoresSql,
  offsetsChunkSql,
  ordersInsertSql,
  randomMacroSql,
} from './retail-sql.builder';

/**
 * The reference retail warehouse generator (spec: reference-retail.md, section 1).
 *
 * Everything big is generated inside DuckDB with set-based SQL: customers come from
 * range(), orders and events from unnest(range(n)) per customer, and every random draw is a
 * hash of (seed, entity key, salt) mapped to [0, 1) - no random(), no row loops in JS - so the
 * same seed, customer count and as-of date give the same rows. Customers are processed in
 * chunks (ids lo..hi) so memory stays bounded at 10M customers; order and event ids are
 * dense running totals carried from chunk to chunk, so the chunk size never changes the data.
 */

export const GENERATOR_VERSION = '1.0.0';
export const MIN_CUSTOMERS = 1;
export const MAX_CUSTOMERS = 10_000_000;
/** Customers per chunk: ~6M orders, ~15M items and ~30M events per chunk at the default mix. */
export const DEFAULT_CHUNK_CUSTOMERS = 500_000;
/** Key/value table holding seed, customers, as_of, generated_at, generator_version. */
export const META_TABLE = 'smartseg_meta';

/** Steps reported through onProgress, in order. */
export const GENERATION_STEPS = [
  'schema',
  'dimensions',
  'customers',
  'orders',
  'order_items',
  'events',
  'model_scores',
  'facts',
  'finalize',
] as const;
export type GenerationStep = (typeof GENERATION_STEPS)[number];
export type GenerationProgress = (step: string, done: number, total: number) => void;

export interface GenerateRetailOptions {
  /** Number of customers (1 .. 10,000,000; the spec's range is 1,000 .. 10,000,000). */
  customers: number;
  seed: number;
  /** The as-of date, YYYY-MM-DD: history covers the 730 days ending on it. */
  asOf: string;
  /** Called as each step starts and as chunks finish: (step, done, total). */
  onProgress?: GenerationProgress;
  /** Customers generated per chunk (default 500,000). Does not change the output. */
  chunkCustomers?: number;
  /** DuckDB memory_limit while generating (e.g. '12GB'); the instance's own setting if unset. */
  memoryLimit?: string;
  /** Build the per-customer facts table for asOf at the end (buildCustomerFacts); default true. */
  facts?: boolean;
}

export interface GenerationStats {
  customers: number;
  stores: number;
  products: number;
  orders: number;
  orderItems: number;
  events: number;
  modelScores: number;
  seed: number;
  asOf: string;
  generatorVersion: string;
  elapsedMs: number;
  /** Milliseconds spent per step. */
  stepMs: Record<string, number>;
}

function validate(opts: GenerateRetailOptions): void {
  const problems: { path: string; message: string }[] = [];
  if (!Number.isInteger(opts.customers) || opts.customers < MIN_CUSTOMERS || opts.customers > MAX_CUSTOMERS) {
    problems.push({ path: 'customers', message: `must be a whole number from ${MIN_CUSTOMERS} to ${MAX_CUSTOMERS}` });
  }
  if (!Number.isSafeInteger(opts.seed)) problems.push({ path: 'seed', message: 'must be a whole number' });
  if (typeof opts.asOf !== 'string' || parseIsoDate(opts.asOf) === null) {
    problems.push({ path: 'asOf', message: 'must be a date YYYY-MM-DD' });
  }
  if (opts.chunkCustomers !== undefined && (!Number.isInteger(opts.chunkCustomers) || opts.chunkCustomers < 1)) {
    problems.push({ path: 'chunkCustomers', message: 'must be a positive whole number' });
  }
  if (opts.memoryLimit !== undefined && !/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(opts.memoryLimit)) {
    problems.push({ path: 'memoryLimit', message: "must be a size such as '8GB'" });
  }
  if (problems.length > 0) {
    throw new SmartsegError(
      ErrorCode.BadInput,
      `invalid generation options: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
      problems,
    );
  }
}

/** Multi-row INSERT with bound parameters (the small dimension tables). */
async function insertRows(
  conn: WarehouseConnection,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  batch = 200,
): Promise<void> {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += batch) {
    const part = rows.slice(i, i + batch);
    await conn.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${part.map(() => tuple).join(', ')}`,
      part.flat(),
    );
  }
}

/** Splits a DDL script into statements (the scripts here hold no ';' inside literals). */
export function splitStatements(script: string): string[] {
  return script
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const CHUNK_TEMP_TABLES = ['_gen_cc', '_gen_off', '_gen_ca'];

/**
 * Creates the spec's tables (dropping earlier ones of the same names) in a DuckDB warehouse
 * and fills them for `customers` customers over the 730 days ending at `asOf`, plus the
 * smartseg_meta table. Deterministic for the same seed, customer count and as-of date.
 */
export async function generateRetailWarehouse(
  conn: WarehouseConnection,
  opts: GenerateRetailOptions,
): Promise<GenerationStats> {
  validate(opts);
  if (conn.dialect !== 'duckdb') {
    throw new SmartsegError(
      ErrorCode.BadInput,
      'the retail generator runs inside DuckDB; load PostgreSQL from a generated warehouse with copyWarehouseToPostgres',
    );
  }
  const started = Date.now();
  const stepMs: Record<string, number> = {};
  const N = opts.customers;
  const chunk = opts.chunkCustomers ?? DEFAULT_CHUNK_CUSTOMERS;
  const progress: GenerationProgress = opts.onProgress ?? (() => undefined);
  const timed = async <T>(step: GenerationStep, fn: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    try {
      return await fn();
    } finally {
      stepMs[step] = (stepMs[step] ?? 0) + (Date.now() - t0);
    }
  };

  const cal = buildRetailCalendar(opts.asOf);
  const products = buildRetailProducts();
  const stores = buildRetailStores();
  const lookups = buildLookupSql(products, stores, cal);
  const tempTables = [...CHUNK_TEMP_TABLES, '_gen_mi', ...lookups.tables];

  const previous = await conn.query<{ pio: string; ml: string }>(
    "SELECT current_setting('preserve_insertion_order')::VARCHAR AS pio, current_setting('memory_limit')::VARCHAR AS ml",
  );
  await conn.exec('SET preserve_insertion_order = false');
  if (opts.memoryLimit) await conn.exec(`SET memory_limit = '${opts.memoryLimit}'`);

  try {
    await timed('schema', async () => {
      progress('schema', 0, 1);
      for (const t of [...RETAIL_TABLES, META_TABLE, CUSTOMER_FACTS_TABLE, CUSTOMER_FACTS_META_TABLE])
        await conn.exec(`DROP TABLE IF EXISTS ${t}`);
      for (const stmt of splitStatements(retailDdl('duckdb'))) await conn.exec(stmt);
      await conn.exec(`CREATE TABLE ${META_TABLE} (key VARCHAR PRIMARY KEY, value VARCHAR)`);
      await conn.exec(randomMacroSql(opts.seed));
      progress('schema', 1, 1);
    });

    await timed('dimensions', async () => {
      progress('dimensions', 0, 2);
      await insertRows(
        conn,
        'stores',
        ['store_id', 'name', 'city', 'state', 'region', 'format'],
        stores.map((s) => [s.store_id, s.name, s.city, s.state, s.region, s.format]),
      );
      await insertRows(
        conn,
        'products',
        ['product_id', 'name', 'department', 'category', 'brand', 'unit_price', 'is_private_label', 'is_organic'],
        products.map((p) => [
          p.product_id,
          p.name,
          p.department,
          p.category,
          p.brand,
          p.unit_price.toFixed(2),
          p.is_private_label,
          p.is_organic,
        ]),
      );
      progress('dimensions', 1, 2);
      for (const stmt of lookups.statements) await conn.exec(stmt);
      await conn.exec(MODEL_INPUTS_DDL);
      progress('dimensions', 2, 2);
    });

    let orderBase = 0;
    let eventBase = 0;
    const ordersSql = ordersInsertSql(cal);
    const eventSql = eventsChunkSql(cal);
    for (let lo = 1; lo <= N; lo += chunk) {
      const hi = Math.min(N, lo + chunk - 1);
      const done = lo - 1;
      const firstOrderId = orderBase + 1;
      await timed('customers', async () => {
        progress('customers', done, N);
        await conn.exec(customerChunkSql(lo, hi));
        await conn.exec(offsetsChunkSql(orderBase, eventBase));
        const sums = await conn.query<{ o: number; e: number }>(
          'SELECT coalesce(sum(n_orders), 0)::BIGINT AS o, coalesce(sum(slot_total), 0)::BIGINT AS e FROM _gen_cc',
        );
        orderBase += Number(sums[0]?.o ?? 0);
        eventBase += Number(sums[0]?.e ?? 0);
      });
      await timed('orders', async () => {
        progress('orders', done, N);
        await conn.exec(ordersSql);
      });
      await timed('order_items', async () => {
        progress('order_items', done, N);
        await conn.exec(itemsInsertSql(firstOrderId, orderBase));
      });
      await timed('customers', async () => {
        await conn.exec(customerAggSql(cal, lo, hi));
        await conn.exec(customersInsertSql(opts.asOf));
        await conn.exec(MODEL_INPUTS_INSERT_SQL);
      });
      await timed('events', async () => {
        progress('events', done, N);
        for (const sql of eventSql) await conn.exec(sql);
      });
      for (const t of CHUNK_TEMP_TABLES) await conn.exec(`DROP TABLE IF EXISTS ${t}`);
      for (const step of ['customers', 'orders', 'order_items', 'events'] as const) progress(step, hi, N);
    }

    await timed('model_scores', async () => {
      progress('model_scores', 0, N);
      await conn.exec(modelScoresSql(opts.asOf));
      progress('model_scores', N, N);
    });

    if (opts.facts !== false) {
      await timed('facts', async () => {
        progress('facts', 0, 1);
        await buildCustomerFacts(conn, { asOf: opts.asOf });
        progress('facts', 1, 1);
      });
    }

    const counts = await timed('finalize', async () => {
      progress('finalize', 0, 1);
      await insertRows(
        conn,
        META_TABLE,
        ['key', 'value'],
        [
          ['seed', String(opts.seed)],
          ['customers', String(N)],
          ['as_of', opts.asOf],
          ['generated_at', new Date().toISOString()],
          ['generator_version', GENERATOR_VERSION],
        ],
      );
      for (const t of tempTables) await conn.exec(`DROP TABLE IF EXISTS ${t}`);
      await conn.exec('DROP MACRO IF EXISTS _u');
      // A file warehouse is written out now; an in-memory one has nothing to persist.
      const db = await conn.query<{ path: string | null }>(
        'SELECT path FROM duckdb_databases() WHERE database_name = current_database()',
      );
      if (db[0]?.path) await conn.exec('CHECKPOINT');
      const rows = await conn.query<Record<string, number>>(
        `SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM stores) AS stores,
                (SELECT count(*) FROM products) AS products, (SELECT count(*) FROM orders) AS orders,
                (SELECT count(*) FROM order_items) AS order_items, (SELECT count(*) FROM events) AS events,
                (SELECT count(*) FROM model_scores) AS model_scores`,
      );
      progress('finalize', 1, 1);
      return rows[0] ?? {};
    });
    return {
      customers: Number(counts['customers'] ?? 0),
      stores: Number(counts['stores'] ?? 0),
      products: Number(counts['products'] ?? 0),
      orders: Number(counts['orders'] ?? 0),
      orderItems: Number(counts['order_items'] ?? 0),
      events: Number(counts['events'] ?? 0),
      modelScores: Number(counts['model_scores'] ?? 0),
      seed: opts.seed,
      asOf: opts.asOf,
      generatorVersion: GENERATOR_VERSION,
      elapsedMs: Date.now() - started,
      stepMs,
    };
  } catch (err) {
    for (const t of tempTables) await conn.exec(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
    throw err;
  } finally {
    const prev = previous[0];
    await conn
      .exec(`SET preserve_insertion_order = ${prev?.pio === 'false' ? 'false' : 'true'}`)
      .catch(() => undefined);
    if (opts.memoryLimit && prev?.ml) await conn.exec(`SET memory_limit = '${prev.ml}'`).catch(() => undefined);
  }
}

/** Reads the generator's metadata (seed, customers, as_of, ...) from a warehouse, or null when absent. */
export async function readWarehouseMeta(conn: WarehouseConnection): Promise<Record<string, string> | null> {
  try {
    const rows = await conn.query<{ key: string; value: string }>(`SELECT key, value FROM ${META_TABLE}`);
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  } catch {
    return null;
  }
}
