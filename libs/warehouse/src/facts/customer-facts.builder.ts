import { ErrorCode, SmartsegError } from '@smartseg/common';
import {
  CUSTOMER_FACTS_META_TABLE,
  CUSTOMER_FACTS_TABLE,
  CUSTOMER_FACTS_VERSION,
  EVENT_COUNT_WINDOWS,
  PURCHASE_LINES_TABLE,
  FACT_WINDOWS,
  factColumns,
  factWindowRange,
  type CustomerFactsInfo,
  type CustomerFactsLayout,
  type OrderVariant,
} from '@smartseg/segment-engine';
import { parseIsoDate } from '../generator/retail-calendar';
import type { RunnableDialect, WarehouseConnection, WarehouseRow } from '../ports/warehouse-connection.port';

/**
 * The per-customer facts table (architecture: "What this machine can do"): one row per customer
 * with every column of customers and what the compiler can read instead of aggregating the raw
 * tables at query time, computed for one as-of date D over the data up to D, with the spec's
 * meanings (section 2). A statement that reads facts scans this table alone (no 10M x 10M join):
 * - first_order_date / last_order_date: completed orders (NULL: never bought);
 * - per window of FACT_WINDOWS: completed orders and their spend (sum of total_amount, NULL when
 *   no amount), and counts of completed orders with a coupon, returned orders, completed online
 *   (web, app) and store orders - 0 for none;
 * - per department: the date of the last completed order with an item of it;
 * - per event type: the last event's date and counts over EVENT_COUNT_WINDOWS;
 * - per model with one score per customer: score and decile.
 * customer_facts_meta holds one row: as_of, version, built_at and the layout (JSON) naming the
 * department / event / model columns. Both are rebuilt together in one transaction.
 */

export interface BuildCustomerFactsOptions {
  /** D, YYYY-MM-DD; default: the generator's as_of (smartseg_meta). */
  asOf?: string;
  /** Customers (by id range) computed per statement; default 1,000,000. Does not change the result. */
  chunkCustomers?: number;
}

/** Every column the facts add to the customers' columns. */
export function customerFactsColumnNames(layout: CustomerFactsLayout): string[] {
  const out = [factColumns.firstOrderDate, factColumns.lastOrderDate];
  for (const w of layout.windows) {
    out.push(
      factColumns.spend(w),
      ...(Object.keys(VARIANT_TEST) as OrderVariant[]).map((v) => factColumns.orders(v, w)),
    );
  }
  out.push(...layout.departments.map((d) => d.lastDate));
  for (const e of layout.events) out.push(e.lastDate, ...Object.values(e.counts));
  for (const m of layout.models) out.push(m.score, m.decile);
  return out;
}

/** Refuses a layout whose columns would clash with a column of customers (the table holds both). */
export async function checkCustomerFactsColumns(query: QueryFn, layout: CustomerFactsLayout): Promise<void> {
  const rows = await query(
    "SELECT column_name AS v FROM information_schema.columns WHERE table_name = 'customers' AND table_schema = current_schema()",
  );
  const own = new Set(strings(rows, 'v').map((c) => c.toLowerCase()));
  const clash = customerFactsColumnNames(layout).filter((c) => own.has(c));
  if (clash.length > 0) {
    throw new SmartsegError(
      ErrorCode.WarehouseError,
      `customers already has columns named like customer facts (${clash.slice(0, 5).join(', ')}); the facts table cannot hold both`,
    );
  }
}

/** Inclusive customer-id ranges of about `size` ids each (none for an empty table). */
export async function customerRanges(query: QueryFn, size: number): Promise<CustomerRange[]> {
  const [row] = await query('SELECT MIN(customer_id) AS lo, MAX(customer_id) AS hi FROM customers');
  const lo = Number(row?.['lo']);
  const hi = Number(row?.['hi']);
  if (row?.['lo'] === null || row?.['lo'] === undefined || !Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  const step = Math.max(1, Math.trunc(size));
  const out: CustomerRange[] = [];
  for (let a = lo; a <= hi; a += step) out.push([a, Math.min(hi, a + step - 1)]);
  return out;
}

export interface CustomerFactsBuildStats {
  asOf: string;
  customers: number;
  /** Columns the facts add to the customers' (customer_id not counted twice). */
  columns: number;
  layout: CustomerFactsLayout;
  elapsedMs: number;
}

type QueryFn = (sql: string) => Promise<WarehouseRow[]>;

const DEFAULT_FACTS_CHUNK = 1_000_000;

function lit(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

const dateLit = (iso: string) => `DATE ${lit(iso)}`;

/** A column-name part from a data value: lower-case letters, digits and underscores. */
function slug(value: string): string {
  const s = value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return s.length > 0 ? s.slice(0, 40) : 'x';
}

/** Unique column names `prefix_slug` (a numeric suffix on collisions). */
function namer(): (prefix: string, value: string) => string {
  const used = new Set<string>();
  return (prefix, value) => {
    const base = `${prefix}_${slug(value)}`;
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}_${i}`;
    used.add(name);
    return name;
  };
}

function strings(rows: WarehouseRow[], key: string): string[] {
  return rows.map((r) => r[key]).filter((v): v is string => typeof v === 'string');
}

/**
 * Works out the layout from the data: departments of products, event types of events, and the
 * models with at most one score per customer (a customer with two scores of a model could match
 * on either; its row cannot hold both, so such a model stays on the raw table).
 */
export async function planCustomerFactsLayout(query: QueryFn): Promise<CustomerFactsLayout> {
  const name = namer();
  const departments = strings(
    await query('SELECT DISTINCT department AS v FROM products WHERE department IS NOT NULL ORDER BY 1'),
    'v',
  );
  const eventTypes = strings(
    await query('SELECT DISTINCT event_type AS v FROM events WHERE event_type IS NOT NULL ORDER BY 1'),
    'v',
  );
  const models = strings(
    await query(
      `SELECT model_name AS v FROM (SELECT model_name, customer_id, COUNT(*) AS n FROM model_scores
       WHERE model_name IS NOT NULL AND customer_id IS NOT NULL GROUP BY model_name, customer_id) s
       GROUP BY model_name HAVING MAX(n) = 1 ORDER BY 1`,
    ),
    'v',
  );
  return {
    version: CUSTOMER_FACTS_VERSION,
    windows: FACT_WINDOWS.map((w) => w.key),
    departments: departments.map((d) => ({ name: d, lastDate: name('last_dept', d) })),
    events: eventTypes.map((t) => {
      const base = name('ev', t);
      return {
        name: t,
        lastDate: `last_${base}`,
        counts: Object.fromEntries(EVENT_COUNT_WINDOWS.map((w) => [w, `n_${base}_${w}`])),
      };
    }),
    models: models.map((m) => {
      const base = name('model', m);
      return { name: m, score: `${base}_score`, decile: `${base}_decile` };
    }),
    lines: PURCHASE_LINES_TABLE,
  };
}

/** `d` (a DATE) inside a facts window at D, or TRUE for all history (rows are already cut at D). */
function windowTest(key: string, asOf: string, d: string): string {
  const def = FACT_WINDOWS.find((w) => w.key === key);
  const range = def ? factWindowRange(def, asOf) : null;
  if (!range) return 'FALSE';
  const parts: string[] = [];
  if (range.lo !== null) parts.push(`${d} >= ${dateLit(range.lo)}`);
  if (range.hi < asOf) parts.push(`${d} <= ${dateLit(range.hi)}`);
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

const VARIANT_TEST: Readonly<Record<OrderVariant, string>> = {
  completed: `status = 'completed'`,
  coupon: `status = 'completed' AND coupon_used = TRUE`,
  returned: `status = 'returned'`,
  online: `status = 'completed' AND channel IN ('web', 'app')`,
  store: `status = 'completed' AND channel = 'store'`,
};

/** The statements (no transaction control) that (re)create the facts and meta tables for D. */
export function customerFactsStatements(
  dialect: RunnableDialect,
  asOf: string,
  layout: CustomerFactsLayout,
  chunks: readonly CustomerRange[] = [],
): string[] {
  const parts = chunks.length > 0 ? chunks : [undefined];
  const selects = parts.map((range) => customerFactsSelect(asOf, layout, range));
  const lines = parts.map((range) => purchaseLinesSelect(asOf, range));
  const layoutJson = JSON.stringify(layout);
  const D = dateLit(asOf);
  return [
    `DROP TABLE IF EXISTS ${CUSTOMER_FACTS_META_TABLE}`,
    `DROP TABLE IF EXISTS ${CUSTOMER_FACTS_TABLE}`,
    `DROP TABLE IF EXISTS ${layout.lines}`,
    `CREATE TABLE ${CUSTOMER_FACTS_TABLE} AS ${selects[0]!}`,
    ...selects.slice(1).map((sql) => `INSERT INTO ${CUSTOMER_FACTS_TABLE} ${sql}`),
    ...(dialect === 'postgres' ? [`ALTER TABLE ${CUSTOMER_FACTS_TABLE} ADD PRIMARY KEY (customer_id)`] : []),
    `CREATE TABLE ${layout.lines} AS ${lines[0]!}`,
    ...lines.slice(1).map((sql) => `INSERT INTO ${layout.lines} ${sql}`),
    `CREATE TABLE ${CUSTOMER_FACTS_META_TABLE} (as_of DATE, version INTEGER, built_at VARCHAR, layout VARCHAR)`,
    `INSERT INTO ${CUSTOMER_FACTS_META_TABLE} VALUES (${D}, ${CUSTOMER_FACTS_VERSION}, ${lit(new Date().toISOString())}, ${lit(layoutJson)})`,
  ];
}

/**
 * The purchase lines of the customers in `range` (all when none): every order item of an order
 * with a customer dated up to D, with its order's date, status and filters and its product's
 * fields (NULL when the product is unknown, which no item filter matches, as with the inner join of
 * the raw SQL). Sorted by department, category, brand and date, so a scan for one department or
 * brand in a window reads few row groups.
 */
function purchaseLinesSelect(asOf: string, range: CustomerRange | undefined): string {
  const od = 'CAST(o.order_ts AS DATE)';
  const inRange = range
    ? ` AND o.customer_id >= ${Math.trunc(range[0])} AND o.customer_id <= ${Math.trunc(range[1])}`
    : '';
  return `SELECT o.order_id, o.customer_id, ${od} AS order_date, o.status, o.channel, o.fulfillment, o.payment_method,
  o.coupon_used, o.store_id, p.product_id, p.department, p.category, p.brand, p.is_private_label, p.is_organic,
  oi.quantity, oi.line_amount
FROM orders o JOIN order_items oi ON oi.order_id = o.order_id LEFT JOIN products p ON p.product_id = oi.product_id
WHERE o.customer_id IS NOT NULL AND ${od} <= ${dateLit(asOf)}${inRange}
ORDER BY p.department, p.category, p.brand, order_date`;
}

/** An inclusive range of customer ids built by one statement (bounded memory at 10M customers). */
export type CustomerRange = readonly [number, number];

/** The SELECT of the facts rows of the customers in `range` (all when none). */
function customerFactsSelect(asOf: string, layout: CustomerFactsLayout, range: CustomerRange | undefined): string {
  const inRange = (col: string) =>
    range ? ` AND ${col} >= ${Math.trunc(range[0])} AND ${col} <= ${Math.trunc(range[1])}` : '';
  const D = dateLit(asOf);
  const od = 'CAST(o.order_ts AS DATE)';
  // CASE inside the aggregate, not FILTER: DuckDB evaluates it far faster over many columns.
  const when = (test: string, value: string) => `CASE WHEN ${test} THEN ${value} END`;
  const countIf = (test: string) => `SUM(CASE WHEN ${test} THEN 1 ELSE 0 END)`;

  const orderCols: string[] = [
    `MIN(${when(VARIANT_TEST.completed, 'd')}) AS ${factColumns.firstOrderDate}`,
    `MAX(${when(VARIANT_TEST.completed, 'd')}) AS ${factColumns.lastOrderDate}`,
  ];
  const outer: string[] = [`oa.${factColumns.firstOrderDate}`, `oa.${factColumns.lastOrderDate}`];
  const bigint = (x: string) => `CAST(COALESCE(${x}, 0) AS BIGINT)`;
  for (const w of layout.windows) {
    const inWindow = windowTest(w, asOf, 'd');
    const spend = factColumns.spend(w);
    // DECIMAL(18,2) (an 8-byte integer of cents, exact to $90 trillion), not the SUM's DECIMAL(38,2): DuckDB
    // stores a 16-byte decimal uncompressed and scans it ~10x slower, and most spend conditions read one.
    orderCols.push(
      `CAST(SUM(${when(`${VARIANT_TEST.completed} AND ${inWindow}`, 'total_amount')}) AS DECIMAL(18,2)) AS ${spend}`,
    );
    for (const v of Object.keys(VARIANT_TEST) as OrderVariant[]) {
      const col = factColumns.orders(v, w);
      orderCols.push(`${countIf(`${VARIANT_TEST[v]} AND ${inWindow}`)} AS ${col}`);
      outer.push(`${bigint(`oa.${col}`)} AS ${col}`);
    }
    outer.push(`oa.${spend}`);
  }

  const ctes = [
    `oc AS (SELECT o.customer_id, ${od} AS d, o.status, o.total_amount, o.coupon_used, o.channel FROM orders o
      WHERE o.customer_id IS NOT NULL AND ${od} <= ${D}${inRange('o.customer_id')})`,
    `oa AS (SELECT customer_id, ${orderCols.join(',\n      ')} FROM oc GROUP BY customer_id)`,
  ];
  const joins = ['LEFT JOIN oa ON oa.customer_id = c.customer_id'];

  if (layout.departments.length > 0) {
    // Last completed order date per (customer, department), then one column per department.
    const cols = layout.departments.map((x) => `MAX(${when(`department = ${lit(x.name)}`, 'd')}) AS ${x.lastDate}`);
    ctes.push(
      `dl AS (SELECT o.customer_id, p.department, MAX(${od}) AS d FROM orders o
        JOIN order_items oi ON oi.order_id = o.order_id JOIN products p ON p.product_id = oi.product_id
        WHERE o.customer_id IS NOT NULL AND o.status = 'completed' AND ${od} <= ${D} AND p.department IS NOT NULL${inRange('o.customer_id')}
        GROUP BY o.customer_id, p.department)`,
      `dp AS (SELECT customer_id, ${cols.join(', ')} FROM dl GROUP BY customer_id)`,
    );
    joins.push('LEFT JOIN dp ON dp.customer_id = c.customer_id');
    outer.push(...layout.departments.map((x) => `dp.${x.lastDate}`));
  }

  if (layout.events.length > 0) {
    // Per (customer, event type): last date and counts per window; then one column each.
    const ed = 'CAST(e.event_ts AS DATE)';
    const windows = EVENT_COUNT_WINDOWS;
    const perType = windows.map((w, i) => `${countIf(windowTest(w, asOf, ed))} AS n${i}`);
    const cols: string[] = [];
    for (const t of layout.events) {
      const isType = `event_type = ${lit(t.name)}`;
      cols.push(`MAX(${when(isType, 'd')}) AS ${t.lastDate}`);
      windows.forEach((w, i) => {
        const col = t.counts[w];
        if (!col) return;
        cols.push(`SUM(${when(isType, `n${i}`)}) AS ${col}`);
        outer.push(`${bigint(`ev.${col}`)} AS ${col}`);
      });
      outer.push(`ev.${t.lastDate}`);
    }
    ctes.push(
      `et AS (SELECT e.customer_id, e.event_type, MAX(${ed}) AS d, ${perType.join(', ')} FROM events e
        WHERE e.customer_id IS NOT NULL AND e.event_type IS NOT NULL AND ${ed} <= ${D}${inRange('e.customer_id')}
        GROUP BY e.customer_id, e.event_type)`,
      `ev AS (SELECT customer_id, ${cols.join(',\n      ')} FROM et GROUP BY customer_id)`,
    );
    joins.push('LEFT JOIN ev ON ev.customer_id = c.customer_id');
  }

  if (layout.models.length > 0) {
    const cols = layout.models.flatMap((m) => [
      `MAX(${when(`model_name = ${lit(m.name)}`, 'score')}) AS ${m.score}`,
      `MAX(${when(`model_name = ${lit(m.name)}`, 'decile')}) AS ${m.decile}`,
    ]);
    ctes.push(
      `sc AS (SELECT customer_id, ${cols.join(', ')} FROM model_scores
        WHERE customer_id IS NOT NULL AND model_name IN (${layout.models.map((m) => lit(m.name)).join(', ')})${inRange('customer_id')}
        GROUP BY customer_id)`,
    );
    joins.push('LEFT JOIN sc ON sc.customer_id = c.customer_id');
    outer.push(...layout.models.flatMap((m) => [`sc.${m.score}`, `sc.${m.decile}`]));
  }

  // The customers' own columns first: a statement reading facts scans this table alone.
  return `WITH ${ctes.join(',\n')}
SELECT c.*, ${outer.join(',\n  ')}
FROM customers c ${joins.join(' ')}${range ? ` WHERE c.customer_id >= ${Math.trunc(range[0])} AND c.customer_id <= ${Math.trunc(range[1])}` : ''}`;
}

/** D for a build: the given date, else the generator's as_of. */
async function resolveAsOf(conn: WarehouseConnection, asOf: string | undefined): Promise<string> {
  const fromMeta = async () =>
    (await conn.query("SELECT value FROM smartseg_meta WHERE key = 'as_of'").catch(() => []))[0]?.['value'];
  const d = asOf ?? (await fromMeta());
  if (typeof d !== 'string' || parseIsoDate(d) === null) {
    throw new SmartsegError(
      ErrorCode.BadInput,
      asOf === undefined
        ? 'the warehouse has no as_of in smartseg_meta; give the as-of date of the facts (YYYY-MM-DD)'
        : `the as-of date of the facts must be YYYY-MM-DD, got ${JSON.stringify(asOf)}`,
      [{ path: 'asOf', message: 'expected YYYY-MM-DD' }],
    );
  }
  return d;
}

/** Per-connection cache of the facts a connection's warehouse holds (AudienceService reads it). */
const FACTS_CACHE_MS = 60_000;
const factsCache = new WeakMap<WarehouseConnection, { at: number; info: Promise<CustomerFactsInfo | null> }>();

/** Forgets what was read about a connection's facts (after a rebuild through another path). */
export function forgetCustomerFacts(conn: WarehouseConnection): void {
  factsCache.delete(conn);
}

/**
 * (Re)builds customer_facts and customer_facts_meta for D inside the connected warehouse (DuckDB
 * or PostgreSQL), in one transaction: readers see the old tables or the new ones.
 */
export async function buildCustomerFacts(
  conn: WarehouseConnection,
  opts: BuildCustomerFactsOptions = {},
): Promise<CustomerFactsBuildStats> {
  const started = Date.now();
  const asOf = await resolveAsOf(conn, opts.asOf);
  const query: QueryFn = (sql) => conn.query(sql);
  const layout = await planCustomerFactsLayout(query);
  await checkCustomerFactsColumns(query, layout);
  const chunks = await customerRanges(query, opts.chunkCustomers ?? DEFAULT_FACTS_CHUNK);
  const statements = customerFactsStatements(conn.dialect, asOf, layout, chunks);
  const duck = conn.dialect === 'duckdb';
  let restore: string | undefined;
  if (duck) {
    // Order does not matter here; not keeping it lets DuckDB aggregate in less memory.
    const [row] = await conn.query("SELECT current_setting('preserve_insertion_order')::VARCHAR AS pio");
    restore = `SET preserve_insertion_order = ${row?.['pio'] === 'false' ? 'false' : 'true'}`;
    await conn.exec('SET preserve_insertion_order = false');
  }
  try {
    // One script, so one connection: in DuckDB between BEGIN and COMMIT; in PostgreSQL a
    // multi-statement simple query is one transaction by itself. A failure changes nothing.
    const body = statements.join(';\n');
    await conn.exec(duck ? `BEGIN;\n${body};\nCOMMIT;` : `${body};`);
  } catch (err) {
    throw new SmartsegError(ErrorCode.WarehouseError, `building the customer facts failed: ${(err as Error).message}`);
  } finally {
    if (restore) await conn.exec(restore).catch(() => undefined);
  }
  factsCache.delete(conn);
  if (duck) {
    const db = await conn.query('SELECT path FROM duckdb_databases() WHERE database_name = current_database()');
    if (db[0]?.['path']) await conn.exec('CHECKPOINT');
  } else {
    await conn.exec(`ANALYZE ${CUSTOMER_FACTS_TABLE}`);
    await conn.exec(`ANALYZE ${layout.lines}`);
  }
  const [count] = await conn.query(`SELECT COUNT(*) AS n FROM ${CUSTOMER_FACTS_TABLE}`);
  const columns =
    3 + layout.windows.length * 6 + layout.departments.length + layout.events.length * 4 + layout.models.length * 2;
  return { asOf, customers: Number(count?.['n'] ?? 0), columns, layout, elapsedMs: Date.now() - started };
}

function parseInfo(row: WarehouseRow | undefined): CustomerFactsInfo | null {
  if (!row || typeof row['as_of'] !== 'string' || Number(row['version']) !== CUSTOMER_FACTS_VERSION) return null;
  try {
    const layout = JSON.parse(String(row['layout'])) as CustomerFactsLayout;
    if (
      layout?.version !== CUSTOMER_FACTS_VERSION ||
      !Array.isArray(layout.windows) ||
      typeof layout.lines !== 'string'
    )
      return null;
    return { asOf: row['as_of'].slice(0, 10), layout };
  } catch {
    return null;
  }
}

/** The facts the connected warehouse holds (as-of date and layout), or null when it has none of this version. */
export async function readCustomerFactsInfo(conn: WarehouseConnection): Promise<CustomerFactsInfo | null> {
  try {
    const rows = await conn.query(
      `SELECT CAST(as_of AS VARCHAR) AS as_of, version, layout FROM ${CUSTOMER_FACTS_META_TABLE}`,
    );
    return rows.length === 1 ? parseInfo(rows[0]) : null;
  } catch {
    return null;
  }
}

/** readCustomerFactsInfo, cached per connection for a minute (a rebuild through buildCustomerFacts clears it). */
export function cachedCustomerFactsInfo(conn: WarehouseConnection): Promise<CustomerFactsInfo | null> {
  const hit = factsCache.get(conn);
  if (hit && Date.now() - hit.at < FACTS_CACHE_MS) return hit.info;
  const info = readCustomerFactsInfo(conn);
  factsCache.set(conn, { at: Date.now(), info });
  return info;
}
