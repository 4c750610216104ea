import { SmartsegError } from '@smartseg/common';
import { DuckDbConnection } from '../adapters/duckdb-connection.adapter';
import { RETAIL_TABLES } from '../schema/retail-schema';
import { ONLINE_STORE_ID } from './retail-dimensions.data';
import {
  GENERATOR_VERSION,
  generateRetailWarehouse,
  readWarehouseMeta,
  type GenerationStats,
} from './retail-generator';
import { duckdbRowChecksums, warehouseChecksums } from './warehouse-checksums';
import {
  CAMPAIGN_EVENT_TYPES,
  DEVICE_OS,
  EVENT_TYPES,
  FULFILLMENTS,
  GENDERS,
  INCOME_BANDS,
  LOYALTY_TIERS,
  MODEL_NAMES,
  NAMED_CITIES,
  ORDER_CHANNELS,
  ORDER_STATUSES,
  PAYMENT_METHODS,
  PRIVATE_LABEL_BRAND,
  PRIVATE_LABEL_DEPARTMENTS,
  PRODUCT_EVENT_TYPES,
  REGION_BY_STATE,
  REGIONS,
  RETAIL_TAXONOMY,
  SIGNUP_CHANNELS,
  STORE_FORMATS,
  US_CITIES,
  US_STATES,
} from './retail-taxonomy.data';

jest.setTimeout(120_000);

const AS_OF = '2026-06-30';
const CUSTOMERS = 2_000;

async function generate(
  seed: number,
  chunkCustomers?: number,
): Promise<{ conn: DuckDbConnection; stats: GenerationStats }> {
  const conn = await DuckDbConnection.open({ path: ':memory:' });
  const stats = await generateRetailWarehouse(conn, {
    customers: CUSTOMERS,
    seed,
    asOf: AS_OF,
    ...(chunkCustomers ? { chunkCustomers } : {}),
  });
  return { conn, stats };
}

describe('generateRetailWarehouse', () => {
  let a: DuckDbConnection;
  let stats: GenerationStats;
  const steps = new Set<string>();

  const one = async <T>(sql: string): Promise<T> => (await a.query(sql))[0] as T;
  const column = async (sql: string): Promise<unknown[]> => (await a.query(sql)).map((r) => Object.values(r)[0]);

  beforeAll(async () => {
    a = await DuckDbConnection.open({ path: ':memory:' });
    stats = await generateRetailWarehouse(a, {
      customers: CUSTOMERS,
      seed: 7,
      asOf: AS_OF,
      onProgress: (step) => steps.add(step),
    });
  });
  afterAll(async () => {
    await a.close();
  });

  it('reports counts at the spec scale and progress for every step', () => {
    expect(stats.customers).toBe(CUSTOMERS);
    expect(stats.orders / CUSTOMERS).toBeGreaterThan(9);
    expect(stats.orders / CUSTOMERS).toBeLessThan(15);
    expect(stats.events / CUSTOMERS).toBeGreaterThan(45);
    expect(stats.events / CUSTOMERS).toBeLessThan(75);
    expect(stats.modelScores).toBe(CUSTOMERS * MODEL_NAMES.length);
    expect([...steps]).toEqual([
      'schema',
      'dimensions',
      'customers',
      'orders',
      'order_items',
      'events',
      'model_scores',
      'facts',
      'finalize',
    ]);
  });

  it('is deterministic for a seed (whatever the chunk size) and changes with the seed', async () => {
    const base = await duckdbRowChecksums(a);
    const same = await generate(7, 700);
    const other = await generate(8);
    try {
      expect(await duckdbRowChecksums(same.conn)).toEqual(base);
      expect(await warehouseChecksums(same.conn)).toEqual(await warehouseChecksums(a));
      const changed = await duckdbRowChecksums(other.conn);
      for (const t of ['customers', 'orders', 'order_items', 'events', 'model_scores'] as const)
        expect(changed[t]).not.toEqual(base[t]);
      expect(changed['products']).toEqual(base['products']);
    } finally {
      await same.conn.close();
      await other.conn.close();
    }
  });

  it('creates every spec table and the metadata table', async () => {
    const tables = await column(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1",
    );
    for (const t of [...RETAIL_TABLES, 'smartseg_meta', 'customer_facts', 'customer_facts_meta'])
      expect(tables).toContain(t);
    expect(tables).not.toContain('_gen_cc');
    expect(await readWarehouseMeta(a)).toEqual(
      expect.objectContaining({
        seed: '7',
        customers: String(CUSTOMERS),
        as_of: AS_OF,
        generator_version: GENERATOR_VERSION,
      }),
    );
  });

  it('holds the exact taxonomy: departments, categories, brands, the private label, organic items', async () => {
    const rows = await a.query<{ department: string; category: string; brand: string }>(
      'SELECT DISTINCT department, category, brand FROM products',
    );
    for (const dept of RETAIL_TAXONOMY) {
      const inDept = rows.filter((r) => r.department === dept.name);
      expect(inDept.length).toBeGreaterThan(0);
      for (const cat of dept.categories) expect(inDept.some((r) => r.category === cat.name)).toBe(true);
      for (const brand of dept.brands)
        expect([dept.name, brand, inDept.some((r) => r.brand === brand)]).toEqual([dept.name, brand, true]);
    }
    const pl = await column(
      `SELECT DISTINCT department FROM products WHERE brand = '${PRIVATE_LABEL_BRAND}' ORDER BY 1`,
    );
    expect(pl).toEqual([...PRIVATE_LABEL_DEPARTMENTS].sort());
    expect(
      await one(`SELECT count(*) AS n FROM products WHERE is_private_label <> (brand = '${PRIVATE_LABEL_BRAND}')`),
    ).toEqual({ n: 0 });
    const organic = await a.query('SELECT DISTINCT department, category FROM products WHERE is_organic ORDER BY 1, 2');
    expect(organic.length).toBeGreaterThan(1);
    for (const r of organic) expect(r['department'] === 'Grocery' || r['category'] === 'Baby Food').toBe(true);
    const prices = await one<{ lo: number; bad: number }>(
      'SELECT min(unit_price) AS lo, count(*) FILTER (WHERE unit_price IS NULL) AS bad FROM products',
    );
    expect(prices.lo).toBeGreaterThan(0);
    expect(prices.bad).toBe(0);
  });

  it('uses only the spec values in every enumerated column (and all of them)', async () => {
    const domains: [string, string, readonly string[]][] = [
      ['customers', 'gender', GENDERS],
      ['customers', 'region', REGIONS],
      ['customers', 'signup_channel', SIGNUP_CHANNELS],
      ['customers', 'loyalty_tier', LOYALTY_TIERS],
      ['customers', 'income_band', INCOME_BANDS],
      ['customers', 'device_os', DEVICE_OS],
      ['stores', 'format', STORE_FORMATS],
      ['stores', 'region', REGIONS],
      ['orders', 'channel', ORDER_CHANNELS],
      ['orders', 'fulfillment', FULFILLMENTS],
      ['orders', 'payment_method', PAYMENT_METHODS],
      ['orders', 'status', ORDER_STATUSES],
      ['events', 'event_type', EVENT_TYPES],
      ['model_scores', 'model_name', MODEL_NAMES],
    ];
    for (const [table, col, values] of domains) {
      const seen = await column(`SELECT DISTINCT ${col} FROM ${table} WHERE ${col} IS NOT NULL ORDER BY 1`);
      expect([table, col, seen]).toEqual([table, col, [...values].sort()]);
    }
    const states = await column('SELECT DISTINCT state FROM customers ORDER BY 1');
    expect(states).toEqual(US_STATES.map((s) => s.code).sort());
    const nulls = await one<Record<string, number>>(
      `SELECT count(*) FILTER (WHERE gender IS NULL OR region IS NULL OR signup_channel IS NULL OR loyalty_tier IS NULL
         OR income_band IS NULL OR device_os IS NULL OR state IS NULL OR city IS NULL) AS n FROM customers`,
    );
    expect(nulls['n']).toBe(0);
  });

  it('places customers and stores in real cities of their states, with the spec regions', async () => {
    const stores = await a.query<{ city: string; state: string; region: string; format: string }>(
      'SELECT city, state, region, format FROM stores',
    );
    for (const [city, state] of NAMED_CITIES) {
      expect([city, state, stores.some((s) => s.city === city && s.state === state && s.format !== 'online')]).toEqual([
        city,
        state,
        true,
      ]);
    }
    expect(stores.filter((s) => s.format === 'online')).toEqual([
      { city: null, state: null, region: null, format: 'online' },
    ]);
    for (const s of stores.filter((x) => x.format !== 'online')) expect(REGION_BY_STATE[s.state]).toBe(s.region);
    const known = new Set(US_CITIES.map((c) => `${c.city}|${c.state}`));
    const pairs = await a.query<{ city: string; state: string; region: string }>(
      'SELECT DISTINCT city, state, region FROM customers',
    );
    for (const p of pairs) {
      expect(known.has(`${p.city}|${p.state}`)).toBe(true);
      expect(REGION_BY_STATE[p.state]).toBe(p.region);
    }
    const zips = await one<{ bad: number }>(
      "SELECT count(*) FILTER (WHERE NOT regexp_full_match(zip, '[0-9]{5}')) AS bad FROM customers",
    );
    expect(zips.bad).toBe(0);
    expect(US_STATES).toHaveLength(51);
    expect(new Set(US_CITIES.map((c) => c.city)).size).toBe(US_CITIES.length);
    for (const s of US_STATES) expect([s.code, US_CITIES.some((c) => c.state === s.code)]).toEqual([s.code, true]);
  });

  it('has about 5% unknown birth dates and adult ages', async () => {
    const r = await one<{ pct: number; lo: number; hi: number }>(
      `SELECT 100.0 * count(*) FILTER (WHERE birth_date IS NULL) / count(*) AS pct,
              min(date_diff('year', birth_date, DATE '${AS_OF}')) AS lo, max(date_diff('year', birth_date, DATE '${AS_OF}')) AS hi
       FROM customers`,
    );
    expect(r.pct).toBeGreaterThan(3);
    expect(r.pct).toBeLessThan(7);
    expect(r.lo).toBeGreaterThanOrEqual(18);
    expect(r.hi).toBeLessThanOrEqual(86);
    const sample = await one<{ birth_date: string }>(
      'SELECT birth_date FROM customers WHERE birth_date IS NOT NULL LIMIT 1',
    );
    expect(sample.birth_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('keeps orders, lines and totals consistent', async () => {
    const r = await one<Record<string, number>>(`
      WITH lines AS (SELECT order_id, sum(line_amount) AS s, count(*) AS n FROM order_items GROUP BY order_id)
      SELECT
        count(*) FILTER (WHERE l.order_id IS NULL) AS without_items,
        count(*) FILTER (WHERE o.total_amount <> l.s - o.discount_amount) AS bad_totals,
        count(*) FILTER (WHERE l.n NOT BETWEEN 1 AND 5) AS bad_item_count,
        count(*) FILTER (WHERE o.coupon_used AND o.discount_amount <= 0) AS coupon_without_discount,
        count(*) FILTER (WHERE NOT o.coupon_used AND o.discount_amount <> 0) AS discount_without_coupon,
        count(*) FILTER (WHERE o.channel = 'store' AND o.fulfillment <> 'in_store') AS bad_store_fulfillment,
        count(*) FILTER (WHERE o.channel <> 'store' AND o.fulfillment NOT IN ('pickup', 'delivery', 'ship')) AS bad_online_fulfillment,
        count(*) FILTER (WHERE (o.fulfillment IN ('in_store', 'pickup')) <> (o.store_id IS NOT NULL)) AS bad_store_id,
        count(*) FILTER (WHERE o.store_id = ${ONLINE_STORE_ID}) AS online_store_in_orders,
        count(*) FILTER (WHERE o.payment_method = 'cash' AND o.channel <> 'store') AS cash_online,
        count(*) FILTER (WHERE o.order_ts::DATE > DATE '${AS_OF}' OR o.order_ts::DATE < DATE '${AS_OF}' - 729) AS outside_history,
        count(*) FILTER (WHERE o.total_amount < 0) AS negative
      FROM orders o LEFT JOIN lines l ON l.order_id = o.order_id`);
    expect(r).toEqual({
      without_items: 0,
      bad_totals: 0,
      bad_item_count: 0,
      coupon_without_discount: 0,
      discount_without_coupon: 0,
      bad_store_fulfillment: 0,
      bad_online_fulfillment: 0,
      bad_store_id: 0,
      online_store_in_orders: 0,
      cash_online: 0,
      outside_history: 0,
      negative: 0,
    });
    const lines = await one<{ bad: number }>(
      'SELECT count(*) FILTER (WHERE line_amount <> quantity * unit_price OR quantity < 1) AS bad FROM order_items',
    );
    expect(lines.bad).toBe(0);
    const mix = await one<{ completed: number; returned: number; cancelled: number; coupons: number }>(
      `SELECT avg((status = 'completed')::INT) AS completed, avg((status = 'returned')::INT) AS returned,
              avg((status = 'cancelled')::INT) AS cancelled, avg(coupon_used::INT) AS coupons FROM orders`,
    );
    expect(mix.completed).toBeGreaterThan(0.85);
    expect(mix.completed).toBeLessThan(0.95);
    expect(mix.returned).toBeGreaterThan(0.03);
    expect(mix.returned).toBeLessThan(0.09);
    expect(mix.cancelled).toBeGreaterThan(0.01);
    expect(mix.coupons).toBeGreaterThan(0.05);
    const orphans = await one<{ n: number }>(
      'SELECT count(*) AS n FROM orders o LEFT JOIN customers c USING (customer_id) WHERE c.customer_id IS NULL OR o.order_ts::DATE < c.signup_date',
    );
    expect(orphans.n).toBe(0);
  });

  it('fills events by type: products on product events, campaigns on messages, unique ids, inside history', async () => {
    const rows = await a.query<{ event_type: string; n: number; with_product: number; with_campaign: number }>(
      'SELECT event_type, count(*) AS n, count(product_id) AS with_product, count(campaign_id) AS with_campaign FROM events GROUP BY 1',
    );
    for (const r of rows) {
      const wantsProduct = PRODUCT_EVENT_TYPES.includes(r.event_type as never);
      const wantsCampaign = CAMPAIGN_EVENT_TYPES.includes(r.event_type as never);
      expect([r.event_type, r.with_product]).toEqual([r.event_type, wantsProduct ? r.n : 0]);
      expect([r.event_type, r.with_campaign]).toEqual([r.event_type, wantsCampaign ? r.n : 0]);
    }
    const r = await one<Record<string, number>>(
      `SELECT count(*) - count(DISTINCT event_id) AS dup_ids,
              count(*) FILTER (WHERE event_ts::DATE > DATE '${AS_OF}' OR event_ts::DATE < DATE '${AS_OF}' - 729) AS outside,
              count(*) FILTER (WHERE e.product_id IS NOT NULL AND p.product_id IS NULL) AS unknown_products
       FROM events e LEFT JOIN products p USING (product_id)`,
    );
    expect(r).toEqual({ dup_ids: 0, outside: 0, unknown_products: 0 });
  });

  it('scores every customer once per model with deciles by ntile(10) and scored_at = as_of', async () => {
    const r = await a.query<{
      model_name: string;
      n: number;
      customers: number;
      lo: number;
      hi: number;
      dates: number;
      bad_order: number;
    }>(`
      WITH d AS (SELECT model_name, decile, min(score) AS lo, max(score) AS hi FROM model_scores GROUP BY 1, 2)
      SELECT m.model_name, count(*) AS n, count(DISTINCT customer_id) AS customers, min(m.decile) AS lo, max(m.decile) AS hi,
        count(DISTINCT scored_at) FILTER (WHERE scored_at = DATE '${AS_OF}') AS dates,
        (SELECT count(*) FROM d d1 JOIN d d2 ON d1.model_name = d2.model_name AND d2.decile = d1.decile + 1
           WHERE d1.model_name = m.model_name AND d1.hi > d2.lo) AS bad_order
      FROM model_scores m GROUP BY 1 ORDER BY 1`);
    expect(r.map((x) => x.model_name)).toEqual([...MODEL_NAMES].sort());
    for (const x of r)
      expect(x).toEqual({
        model_name: x.model_name,
        n: CUSTOMERS,
        customers: CUSTOMERS,
        lo: 1,
        hi: 10,
        dates: 1,
        bad_order: 0,
      });
    const probs = await one<{ bad: number }>(
      "SELECT count(*) FILTER (WHERE score < 0 OR score > 1) AS bad FROM model_scores WHERE model_name <> 'predicted_clv_12m'",
    );
    expect(probs.bad).toBe(0);
  });

  describe('behaves like a real retailer', () => {
    it('peaks in November-December', async () => {
      const r = await a.query<{ holiday: boolean; per_day: number }>(`
        SELECT month(d) IN (11, 12) AS holiday, avg(n) AS per_day
        FROM (SELECT order_ts::DATE AS d, count(*) AS n FROM orders GROUP BY 1) GROUP BY 1`);
      const perDay = Object.fromEntries(r.map((x) => [String(x.holiday), x.per_day]));
      expect(perDay['true']!).toBeGreaterThan(perDay['false']! * 1.2);
    });

    it('skews spend: the top 10% of buyers spend most', async () => {
      const r = await one<{ share: number }>(`
        WITH s AS (SELECT customer_id, sum(total_amount) AS spend FROM orders WHERE status = 'completed' GROUP BY 1)
        SELECT sum(spend) FILTER (WHERE rk <= (SELECT count(*) FROM s) / 10) / sum(spend) AS share
        FROM (SELECT spend, row_number() OVER (ORDER BY spend DESC) AS rk FROM s)`);
      expect(r.share).toBeGreaterThan(0.35);
    });

    it('has children drive Baby purchases', async () => {
      const r = await a.query<{ has_children: boolean; rate: number }>(`
        WITH b AS (SELECT DISTINCT o.customer_id FROM orders o JOIN order_items i USING (order_id) JOIN products p USING (product_id)
                   WHERE p.department = 'Baby' AND o.status = 'completed')
        SELECT c.has_children, avg((b.customer_id IS NOT NULL)::INT) AS rate FROM customers c LEFT JOIN b USING (customer_id) GROUP BY 1`);
      const rate = Object.fromEntries(r.map((x) => [String(x.has_children), x.rate]));
      expect(rate['true']!).toBeGreaterThan(rate['false']! * 3);
    });

    it('platinum members spend more than members without a tier', async () => {
      const r = await a.query<{ loyalty_tier: string; spend: number }>(`
        SELECT c.loyalty_tier, avg(coalesce(s.spend, 0)) AS spend FROM customers c
        LEFT JOIN (SELECT customer_id, sum(total_amount) AS spend FROM orders WHERE status = 'completed' GROUP BY 1) s USING (customer_id)
        GROUP BY 1`);
      const spend = Object.fromEntries(r.map((x) => [x.loyalty_tier, x.spend]));
      expect(spend['platinum']!).toBeGreaterThan(spend['gold']!);
      expect(spend['gold']!).toBeGreaterThan(spend['none']!);
    });

    it('app users are younger', async () => {
      const r = await a.query<{ app: boolean; age: number }>(`
        SELECT device_os <> 'none' AS app, avg(date_diff('year', birth_date, DATE '${AS_OF}')) AS age FROM customers GROUP BY 1`);
      const age = Object.fromEntries(r.map((x) => [String(x.app), x.age]));
      expect(age['true']!).toBeLessThan(age['false']! - 3);
    });

    it('churn_risk rises with days since the last purchase; predicted CLV follows spend', async () => {
      const r = await a.query<{ seg: string; churn: number }>(`
        WITH l AS (SELECT customer_id, DATE '${AS_OF}' - max(order_ts::DATE) AS rec FROM orders WHERE status = 'completed' GROUP BY 1)
        SELECT CASE WHEN rec <= 90 THEN 'active' WHEN rec <= 365 THEN 'lapsed' ELSE 'churned' END AS seg, avg(score) AS churn
        FROM l JOIN model_scores m USING (customer_id) WHERE model_name = 'churn_risk' GROUP BY 1`);
      const churn = Object.fromEntries(r.map((x) => [x.seg, x.churn]));
      expect(churn['lapsed']!).toBeGreaterThan(churn['active']!);
      expect(churn['churned']!).toBeGreaterThan(churn['lapsed']!);
      const clv = await one<{ c: number }>(`
        SELECT corr(m.score, s.spend) AS c FROM model_scores m
        JOIN (SELECT customer_id, sum(total_amount) AS spend FROM orders WHERE status = 'completed' GROUP BY 1) s USING (customer_id)
        WHERE m.model_name = 'predicted_clv_12m'`);
      expect(clv.c).toBeGreaterThan(0.5);
    });

    it('organic buyers have a higher average order value', async () => {
      const r = await a.query<{ organic: boolean; aov: number }>(`
        WITH org AS (SELECT DISTINCT o.customer_id FROM orders o JOIN order_items i USING (order_id) JOIN products p USING (product_id)
                     WHERE p.is_organic AND o.status = 'completed'),
             aov AS (SELECT customer_id, avg(total_amount) AS aov FROM orders WHERE status = 'completed' GROUP BY 1)
        SELECT org.customer_id IS NOT NULL AS organic, avg(aov) AS aov FROM aov LEFT JOIN org USING (customer_id) GROUP BY 1`);
      const aov = Object.fromEntries(r.map((x) => [String(x.organic), x.aov]));
      expect(aov['true']!).toBeGreaterThan(aov['false']!);
    });

    it('coupons go with more orders for discount-sensitive customers', async () => {
      const r = await a.query<{ high: boolean; orders: number; coupon_orders: number }>(`
        SELECT m.decile >= 8 AS high, avg(n) AS orders, avg(cp) AS coupon_orders
        FROM (SELECT customer_id, count(*) AS n, count(*) FILTER (WHERE coupon_used) AS cp FROM orders GROUP BY 1) c
        JOIN model_scores m USING (customer_id) WHERE m.model_name = 'discount_sensitivity' AND m.decile IN (1, 2, 3, 8, 9, 10) GROUP BY 1`);
      const by = Object.fromEntries(r.map((x) => [String(x.high), x]));
      expect(by['true']!.coupon_orders).toBeGreaterThan(by['false']!.coupon_orders * 2);
      expect(by['true']!.orders).toBeGreaterThan(by['false']!.orders);
    });

    it('populates every lifecycle segment and has about 1% employees', async () => {
      const r = await one<Record<string, number>>(`
        WITH l AS (SELECT customer_id, min(order_ts::DATE) AS first_day, max(order_ts::DATE) AS last_day FROM orders
                   WHERE status = 'completed' GROUP BY 1)
        SELECT count(*) FILTER (WHERE l.customer_id IS NULL) AS prospects,
               count(*) FILTER (WHERE DATE '${AS_OF}' - last_day <= 90) AS active,
               count(*) FILTER (WHERE DATE '${AS_OF}' - last_day BETWEEN 91 AND 365) AS lapsed,
               count(*) FILTER (WHERE DATE '${AS_OF}' - last_day > 365) AS churned,
               count(*) FILTER (WHERE DATE '${AS_OF}' - first_day <= 30) AS new_customers,
               count(*) FILTER (WHERE is_employee) AS employees
        FROM customers c LEFT JOIN l USING (customer_id)`);
      expect(r['prospects']!).toBeGreaterThan(CUSTOMERS * 0.01);
      expect(r['prospects']!).toBeLessThan(CUSTOMERS * 0.1);
      for (const k of ['active', 'lapsed', 'churned', 'new_customers']) expect([k, r[k]! > 0]).toEqual([k, true]);
      expect(r['employees']!).toBeGreaterThan(0);
      expect(r['employees']!).toBeLessThan(CUSTOMERS * 0.03);
    });
  });

  it('rejects bad options with a client error', async () => {
    const conn = await DuckDbConnection.open({ path: ':memory:' });
    try {
      await expect(generateRetailWarehouse(conn, { customers: 0, seed: 1, asOf: AS_OF })).rejects.toBeInstanceOf(
        SmartsegError,
      );
      await expect(generateRetailWarehouse(conn, { customers: 10, seed: 1, asOf: '2026-02-30' })).rejects.toThrow(
        /asOf/,
      );
      await expect(generateRetailWarehouse(conn, { customers: 10, seed: 1.5, asOf: AS_OF })).rejects.toThrow(/seed/);
    } finally {
      await conn.close();
    }
  });
});
