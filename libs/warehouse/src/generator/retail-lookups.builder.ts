import { DAY_BUCKETS, HISTORY_DAYS, type RetailCalendar } from './retail-calendar';
import type { RetailProduct, RetailStore } from './retail-dimensions.data';
import { DEPARTMENTS, REGIONS, US_CITIES, US_STATES } from './retail-taxonomy.data';

/**
 * Small lookup tables the generator's SQL joins against (geography, stores, calendar, the
 * product pick table). They are TEMP tables: DuckDB indexes a large constant list per row at
 * a cost that grows with the list, while a hash join against a small table is cheap.
 */

/** Buckets per product-pick segment (a product's share of a segment is quantized to 1/PICK_SIZE). */
export const PICK_SIZE = 8192;
/** Segments of the pick table: which basket a draw comes from. */
export const PICK_SEGMENT = {
  /** The store-wide department mix. */
  default: 0,
  /** The same mix for organic-minded shoppers (organic items where a department has them). */
  organic: 1,
  baby: 2,
  babyOrganic: 3,
  pets: 4,
  toys: 5,
} as const;

/** Department mix of a basket (share of items) in the store-wide segments. */
const DEPARTMENT_ITEM_WEIGHT: Readonly<Record<string, number>> = {
  Electronics: 3.5,
  Grocery: 38,
  Baby: 0.4,
  Home: 9,
  Apparel: 8.5,
  Beauty: 7,
  Pets: 0.8,
  Toys: 3,
  'Sports & Outdoors': 3,
  'Health & Wellness': 8.5,
  Automotive: 2.2,
  Garden: 2.4,
  Office: 3.2,
  'Books & Media': 2.5,
  Jewelry: 1,
};
/** Departments whose items are bought several at a time. */
const CONSUMABLE_DEPARTMENTS = new Set(['Grocery', 'Baby', 'Pets', 'Health & Wellness', 'Beauty']);
/** Share of organic items in a department's picks, for ordinary and organic-minded shoppers. */
const ORGANIC_SHARE = { ordinary: 0.05, organicMinded: 0.6 };

/** Expands weights into a pick table of `size` entries (entry i = index of the item covering (i+0.5)/size). */
export function pickTable(weights: readonly number[], size: number): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  let idx = 0;
  let bound = (weights[0] ?? 0) / total;
  for (let i = 0; i < size; i++) {
    const target = (i + 0.5) / size;
    while (idx < weights.length - 1 && bound < target) {
      idx++;
      bound += (weights[idx] ?? 0) / total;
    }
    out.push(idx);
  }
  return out;
}

type ColumnType = 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'VARCHAR' | 'BOOLEAN';
interface Column {
  type: ColumnType;
  values: readonly (string | number | boolean | null)[];
}

function literal(v: string | number | boolean | null, type: ColumnType): string {
  if (v === null) return 'NULL';
  if (type === 'VARCHAR') return `'${String(v).replace(/'/g, "''")}'`;
  if (type === 'BOOLEAN') return v ? 'true' : 'false';
  if (type === 'DOUBLE') return Number.isFinite(v as number) ? String(v) : '0';
  return String(Math.trunc(v as number));
}

/** CREATE TEMP TABLE from parallel columns (unnested side by side, so building is linear). */
function tableSql(name: string, columns: Readonly<Record<string, Column>>): string {
  const cols = Object.entries(columns).map(
    ([col, c]) => `unnest([${c.values.map((v) => literal(v, c.type)).join(',')}]::${c.type}[]) AS ${col}`,
  );
  return `CREATE OR REPLACE TEMP TABLE ${name} AS SELECT ${cols.join(', ')}`;
}

/**
 * CREATE TEMP TABLE (b -> columns) from per-bucket rows given as runs of equal rows, expanded
 * in SQL: a pick table of thousands of buckets is a few hundred runs, and a short statement.
 */
function bucketTableSql(name: string, columns: Readonly<Record<string, Column>>): string[] {
  const entries = Object.entries(columns);
  const n = entries[0]?.[1].values.length ?? 0;
  const starts: number[] = [];
  const counts: number[] = [];
  const runCols: Record<string, Column> = {};
  for (const [col, c] of entries) runCols[col] = { type: c.type, values: [] };
  for (let i = 0; i < n; i++) {
    const same = i > 0 && entries.every(([, c]) => c.values[i] === c.values[i - 1]);
    if (same) {
      counts[counts.length - 1]! += 1;
      continue;
    }
    starts.push(i);
    counts.push(1);
    for (const [col, c] of entries) (runCols[col]!.values as (string | number | boolean | null)[]).push(c.values[i] ?? null);
  }
  const runs = `${name}_runs`;
  return [
    tableSql(runs, { run_start: { type: 'INTEGER', values: starts }, run_len: { type: 'INTEGER', values: counts }, ...runCols }),
    `CREATE OR REPLACE TEMP TABLE ${name} AS SELECT (run_start + unnest(range(run_len)))::INTEGER AS b, ${entries.map(([c]) => c).join(', ')} FROM ${runs}`,
    `DROP TABLE ${runs}`,
  ];
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** Flattens lists into one (b -> value) table plus per-list offsets and lengths. */
function flatten(lists: readonly (readonly number[])[]): { flat: number[]; off: number[]; len: number[] } {
  const flat: number[] = [];
  const off: number[] = [];
  const len: number[] = [];
  for (const l of lists) {
    off.push(flat.length);
    len.push(l.length);
    flat.push(...l);
  }
  return { flat, off, len };
}

export interface LookupInfo {
  /** TEMP tables to drop when done. */
  tables: readonly string[];
  /** Statements that create them. */
  statements: readonly string[];
}

/** Names of the lookup tables (all TEMP). */
export const LOOKUP = {
  state: '_gen_state',
  statePick: '_gen_state_pick',
  city: '_gen_city',
  cityPick: '_gen_city_pick',
  cityStore: '_gen_city_store',
  regionStore: '_gen_region_store',
  day: '_gen_day',
  dayBucket: '_gen_day_bucket',
  pick: '_gen_pick',
  fan: '_gen_fan',
} as const;

/** Most rows a small fan-out (items of an order, steps of a funnel) produces. */
export const SMALL_FANOUT = 8;

export function buildLookupSql(products: readonly RetailProduct[], stores: readonly RetailStore[], cal: RetailCalendar): LookupInfo {
  const statements: string[] = [];
  const stateIdx = new Map(US_STATES.map((s, i) => [s.code, i]));
  const regionIdx = (r: string | null): number => (r === null ? -1 : REGIONS.indexOf(r as (typeof REGIONS)[number]));

  // States and the population-weighted state pick (1000 buckets).
  statements.push(
    tableSql(LOOKUP.state, {
      state_idx: { type: 'INTEGER', values: range(US_STATES.length) },
      code: { type: 'VARCHAR', values: US_STATES.map((s) => s.code) },
      region_idx: { type: 'INTEGER', values: US_STATES.map((s) => regionIdx(s.region)) },
    }),
  );
  const statePick = pickTable(
    US_STATES.map((s) => s.population),
    1000,
  );
  statements.push(...bucketTableSql(LOOKUP.statePick, { state_idx: { type: 'INTEGER', values: statePick } }));

  // Physical stores near each city: in the city, else in the state, else in the region.
  const physical = stores.filter((s) => s.format !== 'online');
  const cityStores = flatten(
    US_CITIES.map((c) => {
      const sameCity = physical.filter((s) => s.city === c.city && s.state === c.state);
      if (sameCity.length > 0) return sameCity.map((s) => s.store_id);
      const sameState = physical.filter((s) => s.state === c.state);
      if (sameState.length > 0) return sameState.map((s) => s.store_id);
      const region = US_STATES[stateIdx.get(c.state) ?? 0]?.region;
      return physical.filter((s) => s.region === region).map((s) => s.store_id);
    }),
  );
  const regionStores = flatten(REGIONS.map((r) => physical.filter((s) => s.region === r).map((s) => s.store_id)));
  statements.push(
    tableSql(LOOKUP.city, {
      city_idx: { type: 'INTEGER', values: range(US_CITIES.length) },
      city: { type: 'VARCHAR', values: US_CITIES.map((c) => c.city) },
      zip3: { type: 'VARCHAR', values: US_CITIES.map((c) => c.zip3) },
      store_off: { type: 'INTEGER', values: cityStores.off },
      store_len: { type: 'INTEGER', values: cityStores.len },
      rstore_off: { type: 'INTEGER', values: US_CITIES.map((c) => regionStores.off[regionIdx(US_STATES[stateIdx.get(c.state) ?? 0]?.region ?? null)] ?? 0) },
      rstore_len: { type: 'INTEGER', values: US_CITIES.map((c) => regionStores.len[regionIdx(US_STATES[stateIdx.get(c.state) ?? 0]?.region ?? null)] ?? 0) },
    }),
  );
  const cityPick: number[] = [];
  for (const s of US_STATES) {
    const idx: number[] = [];
    const weights: number[] = [];
    US_CITIES.forEach((c, i) => {
      if (c.state === s.code) {
        idx.push(i);
        weights.push(c.weight);
      }
    });
    cityPick.push(...pickTable(weights, 100).map((k) => idx[k] ?? 0));
  }
  statements.push(...bucketTableSql(LOOKUP.cityPick, { city_idx: { type: 'INTEGER', values: cityPick } }));
  statements.push(
    tableSql(LOOKUP.cityStore, {
      b: { type: 'INTEGER', values: range(cityStores.flat.length) },
      store_id: { type: 'BIGINT', values: cityStores.flat },
    }),
  );
  statements.push(
    tableSql(LOOKUP.regionStore, {
      b: { type: 'INTEGER', values: range(regionStores.flat.length) },
      store_id: { type: 'BIGINT', values: regionStores.flat },
    }),
  );

  // Calendar: cumulative shopping weight per day and the inverse-CDF buckets.
  statements.push(
    tableSql(LOOKUP.day, {
      d: { type: 'INTEGER', values: range(HISTORY_DAYS) },
      cum_before: { type: 'DOUBLE', values: cal.cumBefore },
      cum_after: { type: 'DOUBLE', values: cal.cumAfter },
      month: { type: 'INTEGER', values: cal.month },
    }),
  );
  statements.push(...bucketTableSql(LOOKUP.dayBucket, { d: { type: 'INTEGER', values: cal.bucketDay.slice(0, DAY_BUCKETS) } }));

  // The product pick table: segment * PICK_SIZE + bucket -> product, price, consumable.
  const segmentWeights = (depts: readonly string[], organicShare: number): number[] =>
    products.map((p) => {
      if (!depts.includes(p.department)) return 0;
      const inDept = products.filter((q) => q.department === p.department);
      const org = inDept.filter((q) => q.is_organic).length;
      const deptWeight = depts.length === 1 ? 1 : (DEPARTMENT_ITEM_WEIGHT[p.department] ?? 1);
      if (org === 0) return deptWeight / inDept.length;
      return p.is_organic ? (deptWeight * organicShare) / org : (deptWeight * (1 - organicShare)) / (inDept.length - org);
    });
  const segments: number[][] = [];
  segments[PICK_SEGMENT.default] = pickTable(segmentWeights(DEPARTMENTS, ORGANIC_SHARE.ordinary), PICK_SIZE);
  segments[PICK_SEGMENT.organic] = pickTable(segmentWeights(DEPARTMENTS, ORGANIC_SHARE.organicMinded), PICK_SIZE);
  segments[PICK_SEGMENT.baby] = pickTable(segmentWeights(['Baby'], ORGANIC_SHARE.ordinary), PICK_SIZE);
  segments[PICK_SEGMENT.babyOrganic] = pickTable(segmentWeights(['Baby'], ORGANIC_SHARE.organicMinded), PICK_SIZE);
  segments[PICK_SEGMENT.pets] = pickTable(segmentWeights(['Pets'], 0), PICK_SIZE);
  segments[PICK_SEGMENT.toys] = pickTable(segmentWeights(['Toys'], 0), PICK_SIZE);
  const pick = segments.flat().map((i) => products[i]!);
  statements.push(
    ...bucketTableSql(LOOKUP.pick, {
      product_id: { type: 'BIGINT', values: pick.map((p) => p.product_id) },
      price_cents: { type: 'BIGINT', values: pick.map((p) => Math.round(p.unit_price * 100)) },
      consumable: { type: 'BOOLEAN', values: pick.map((p) => CONSUMABLE_DEPARTMENTS.has(p.department)) },
    }),
  );

  // Small fan-outs as an equality join: row (n, k) for every k < n <= SMALL_FANOUT.
  const fan = range(SMALL_FANOUT + 1).flatMap((n) => range(n).map((k) => [n, k] as const));
  statements.push(
    tableSql(LOOKUP.fan, {
      n: { type: 'INTEGER', values: fan.map(([n]) => n) },
      k: { type: 'INTEGER', values: fan.map(([, k]) => k) },
    }),
  );
  return { tables: Object.values(LOOKUP), statements };
}
