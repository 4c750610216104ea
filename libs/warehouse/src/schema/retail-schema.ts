import type { RunnableDialect } from '../ports/warehouse-connection.port';

/**
 * The reference tenant's tables (spec section 1), column names exact. The same DDL serves
 * DuckDB and PostgreSQL; only the floating-point type name differs.
 */
export const RETAIL_TABLES = ['customers', 'stores', 'products', 'orders', 'order_items', 'events', 'model_scores'] as const;
export type RetailTable = (typeof RETAIL_TABLES)[number];

export function retailDdl(dialect: RunnableDialect): string {
  const dbl = dialect === 'postgres' ? 'DOUBLE PRECISION' : 'DOUBLE';
  return `
CREATE TABLE customers (
  customer_id BIGINT PRIMARY KEY,
  first_name VARCHAR, last_name VARCHAR, email VARCHAR, phone VARCHAR,
  birth_date DATE,
  gender VARCHAR, city VARCHAR, state VARCHAR, zip VARCHAR, region VARCHAR,
  signup_date DATE, signup_channel VARCHAR, loyalty_tier VARCHAR, loyalty_points INTEGER,
  email_opt_in BOOLEAN, sms_opt_in BOOLEAN, push_opt_in BOOLEAN,
  household_size INTEGER, has_children BOOLEAN, income_band VARCHAR, device_os VARCHAR,
  preferred_store_id BIGINT, is_employee BOOLEAN
);
CREATE TABLE stores (
  store_id BIGINT PRIMARY KEY, name VARCHAR, city VARCHAR, state VARCHAR, region VARCHAR, format VARCHAR
);
CREATE TABLE products (
  product_id BIGINT PRIMARY KEY, name VARCHAR, department VARCHAR, category VARCHAR, brand VARCHAR,
  unit_price DECIMAL(10,2), is_private_label BOOLEAN, is_organic BOOLEAN
);
CREATE TABLE orders (
  order_id BIGINT PRIMARY KEY, customer_id BIGINT, store_id BIGINT, order_ts TIMESTAMP,
  channel VARCHAR, fulfillment VARCHAR, total_amount DECIMAL(10,2), discount_amount DECIMAL(10,2),
  coupon_used BOOLEAN, payment_method VARCHAR, status VARCHAR
);
CREATE TABLE order_items (
  order_id BIGINT, product_id BIGINT, quantity INTEGER, unit_price DECIMAL(10,2), line_amount DECIMAL(10,2)
);
CREATE TABLE events (
  event_id BIGINT, customer_id BIGINT, event_type VARCHAR, event_ts TIMESTAMP, product_id BIGINT, campaign_id BIGINT
);
CREATE TABLE model_scores (
  customer_id BIGINT, model_name VARCHAR, score ${dbl}, decile INTEGER, scored_at DATE
);
`;
}

/** Secondary indexes that make PostgreSQL's plans sane (DuckDB needs none). */
export function retailIndexes(dialect: RunnableDialect): string {
  if (dialect !== 'postgres') return '';
  return `
CREATE INDEX orders_customer_idx ON orders (customer_id);
CREATE INDEX order_items_order_idx ON order_items (order_id);
CREATE INDEX events_customer_idx ON events (customer_id, event_type);
CREATE INDEX model_scores_idx ON model_scores (model_name, customer_id);
`;
}
