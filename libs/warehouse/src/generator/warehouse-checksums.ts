import type { WarehouseConnection } from '../ports/warehouse-connection.port';
import type { RetailTable } from '../schema/retail-schema';

/**
 * Checksums of the retail tables that come out the same in DuckDB and PostgreSQL: counts,
 * exact sums of integer and DECIMAL columns, lengths of strings, extremes of dates and
 * timestamps, and scores summed after rounding to 1e-6 (so the order of summation does not
 * matter). Two warehouses with equal checksums hold the same data for every practical test.
 */
const PORTABLE_CHECKSUM_SQL: Readonly<Record<RetailTable, string>> = {
  customers: `SELECT count(*) AS n, sum(customer_id) AS ids, sum(coalesce(loyalty_points, 0)) AS points,
      sum(household_size) AS hh, count(birth_date) AS births, min(birth_date) AS min_birth, max(birth_date) AS max_birth,
      min(signup_date) AS min_signup, max(signup_date) AS max_signup, sum(coalesce(preferred_store_id, 0)) AS stores,
      sum(length(first_name) + length(last_name) + length(email) + length(phone) + length(zip) + length(city) + length(state)) AS text,
      sum(length(gender) + length(region) + length(signup_channel) + length(loyalty_tier) + length(income_band) + length(device_os)) AS codes,
      sum(CASE WHEN has_children THEN 1 ELSE 0 END + CASE WHEN email_opt_in THEN 2 ELSE 0 END + CASE WHEN sms_opt_in THEN 4 ELSE 0 END
        + CASE WHEN push_opt_in THEN 8 ELSE 0 END + CASE WHEN is_employee THEN 16 ELSE 0 END) AS flags,
      count(DISTINCT email) AS emails
    FROM customers`,
  stores: `SELECT count(*) AS n, sum(store_id) AS ids, sum(length(name)) AS names, count(city) AS cities,
      sum(length(coalesce(region, '')) + length(format)) AS codes FROM stores`,
  products: `SELECT count(*) AS n, sum(product_id) AS ids, sum(unit_price) AS prices,
      sum(length(name) + length(department) + length(category) + length(brand)) AS text,
      sum(CASE WHEN is_private_label THEN 1 ELSE 0 END + CASE WHEN is_organic THEN 2 ELSE 0 END) AS flags FROM products`,
  orders: `SELECT count(*) AS n, sum(order_id) AS ids, sum(customer_id) AS customers, sum(coalesce(store_id, 0)) AS stores,
      sum(total_amount) AS totals, sum(discount_amount) AS discounts, min(order_ts) AS first_ts, max(order_ts) AS last_ts,
      sum(extract(day FROM order_ts) + extract(hour FROM order_ts) * 100 + extract(minute FROM order_ts) * 10000) AS times,
      sum(length(channel) + length(fulfillment) + length(payment_method) + length(status)) AS codes,
      sum(CASE WHEN coupon_used THEN 1 ELSE 0 END) AS coupons FROM orders`,
  order_items: `SELECT count(*) AS n, sum(order_id) AS orders, sum(product_id) AS products, sum(quantity) AS quantity,
      sum(unit_price) AS prices, sum(line_amount) AS lines FROM order_items`,
  events: `SELECT count(*) AS n, sum(event_id) AS ids, sum(customer_id) AS customers, sum(coalesce(product_id, 0)) AS products,
      sum(coalesce(campaign_id, 0)) AS campaigns, sum(length(event_type)) AS types, min(event_ts) AS first_ts, max(event_ts) AS last_ts,
      sum(extract(day FROM event_ts) + extract(hour FROM event_ts) * 100 + extract(minute FROM event_ts) * 10000) AS times FROM events`,
  model_scores: `SELECT count(*) AS n, sum(customer_id) AS customers, sum(decile) AS deciles,
      CAST(sum(round(score * 1000000)) AS BIGINT) AS scores, sum(length(model_name)) AS names,
      min(scored_at) AS first_day, max(scored_at) AS last_day FROM model_scores`,
};

export type WarehouseChecksums = Record<RetailTable, string>;

function normalize(row: Record<string, unknown> | undefined): string {
  if (!row) return '';
  return Object.entries(row)
    .map(([k, v]) => `${k}=${v === null || v === undefined ? 'null' : typeof v === 'number' ? String(Math.round(v * 100) / 100) : String(v)}`)
    .join(';');
}

/** Portable checksums of every retail table (same result in DuckDB and PostgreSQL for the same data). */
export async function warehouseChecksums(conn: WarehouseConnection): Promise<WarehouseChecksums> {
  const out = {} as WarehouseChecksums;
  for (const [table, sql] of Object.entries(PORTABLE_CHECKSUM_SQL) as [RetailTable, string][]) {
    out[table] = normalize((await conn.query(sql))[0]);
  }
  return out;
}

/** Row-exact checksums of every retail table in DuckDB: count and the sum of every row's hash. */
export async function duckdbRowChecksums(conn: WarehouseConnection): Promise<WarehouseChecksums> {
  const out = {} as WarehouseChecksums;
  for (const table of Object.keys(PORTABLE_CHECKSUM_SQL) as RetailTable[]) {
    const row = (await conn.query(`SELECT count(*) AS n, sum(hash(t) % 1000000007) AS h, bit_xor(hash(t)) AS x FROM ${table} t`))[0];
    out[table] = normalize(row);
  }
  return out;
}
