import type { WarehouseConnection } from '../ports/warehouse-connection.port';

/** What the catalog needs from the warehouse: observed values with counts, ranges, taxonomy. */
export interface WarehouseCatalogFacts {
  as_of: string;
  facetValues: Record<string, { value: string | number | boolean; count: number }[]>;
  numericRanges: Record<string, { min: number; max: number }>;
  departments: { name: string; categories: string[] }[];
  brands: { name: string; departments: string[] }[];
  stores?: { id: number; name: string; city: string; state: string; format: string }[];
}

/** Customer columns whose values are listed in the catalog with their counts. */
const ENUM_COLUMNS = [
  'gender',
  'state',
  'region',
  'city',
  'signup_channel',
  'loyalty_tier',
  'income_band',
  'device_os',
  'email_opt_in',
  'sms_opt_in',
  'push_opt_in',
  'has_children',
  'is_employee',
] as const;

const RANGE_COLUMNS = ['loyalty_points', 'household_size'] as const;

/** Reads the as-of date the warehouse was generated for (smartseg_meta), or the latest order date. */
export async function readWarehouseAsOf(conn: WarehouseConnection): Promise<string> {
  try {
    const rows = await conn.query<{ value: string }>("SELECT value FROM smartseg_meta WHERE key = 'as_of'");
    if (rows[0]?.value) return String(rows[0].value);
  } catch {
    // no meta table: fall back to the data
  }
  const rows = await conn.query<{ d: string }>('SELECT CAST(MAX(order_ts) AS DATE) AS d FROM orders');
  return String(rows[0]?.d ?? new Date().toISOString().slice(0, 10));
}

/**
 * Reads the facts of the reference schema: value counts per enumerated column, numeric
 * ranges, the product taxonomy (department -> categories, brand -> departments).
 */
export async function readCatalogFacts(conn: WarehouseConnection): Promise<WarehouseCatalogFacts> {
  const as_of = await readWarehouseAsOf(conn);
  const facetValues: WarehouseCatalogFacts['facetValues'] = {};
  for (const column of ENUM_COLUMNS) {
    const rows = await conn.query<{ v: string | boolean; n: number }>(
      `SELECT ${column} AS v, COUNT(*) AS n FROM customers WHERE ${column} IS NOT NULL GROUP BY ${column} ORDER BY n DESC, v`,
    );
    facetValues[column] = rows.map((r) => ({ value: r.v, count: Number(r.n) }));
  }
  const numericRanges: WarehouseCatalogFacts['numericRanges'] = {};
  for (const column of RANGE_COLUMNS) {
    const [r] = await conn.query<{ lo: number; hi: number }>(
      `SELECT MIN(${column}) AS lo, MAX(${column}) AS hi FROM customers`,
    );
    if (r && r.lo !== null && r.hi !== null) numericRanges[column] = { min: Number(r.lo), max: Number(r.hi) };
  }
  numericRanges['age'] = { min: 0, max: 120 };
  numericRanges['birth_month'] = { min: 1, max: 12 };
  numericRanges['days_since_last_purchase'] = { min: 0, max: 3650 };
  numericRanges['days_since_first_purchase'] = { min: 0, max: 3650 };
  numericRanges['days_since_signup'] = { min: 0, max: 36500 };

  const taxonomy = await conn.query<{ department: string; category: string }>(
    'SELECT DISTINCT department, category FROM products ORDER BY department, category',
  );
  const byDept = new Map<string, string[]>();
  for (const { department, category } of taxonomy) {
    byDept.set(department, [...(byDept.get(department) ?? []), category]);
  }
  const brandRows = await conn.query<{ brand: string; department: string }>(
    'SELECT DISTINCT brand, department FROM products ORDER BY brand, department',
  );
  const byBrand = new Map<string, string[]>();
  for (const { brand, department } of brandRows) {
    byBrand.set(brand, [...(byBrand.get(brand) ?? []), department]);
  }
  let stores: WarehouseCatalogFacts['stores'];
  try {
    const rows = await conn.query<{ id: number; name: string; city: string; state: string; format: string }>(
      'SELECT store_id AS id, name, city, state, format FROM stores ORDER BY store_id',
    );
    stores = rows.map((r) => ({ id: Number(r.id), name: r.name, city: r.city, state: r.state, format: r.format }));
  } catch {
    stores = undefined; // a warehouse without a stores table
  }
  return {
    as_of,
    facetValues,
    numericRanges,
    departments: [...byDept.entries()].map(([name, categories]) => ({ name, categories })),
    brands: [...byBrand.entries()].map(([name, departments]) => ({ name, departments })),
    ...(stores ? { stores } : {}),
  };
}
