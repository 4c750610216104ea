import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import type { Catalog, CustomerFactsInfo, Segment, SegmentNode, TimeUnit, Window } from '@smartseg/segment-engine';
import { compileSegment } from '@smartseg/segment-engine';
import type { WarehouseConnection } from '@smartseg/warehouse';
import { conditionArb, segmentArb, thresholdArb } from './compiler-segment.arbitrary';

/**
 * Shared by facts-duckdb / facts-postgres: counts of a segment compiled with and without the
 * per-customer facts table must be the same. Random segments mix the general arbitrary with
 * conditions drawn to land on facts (standard windows, order kinds, departments, event types,
 * models, recency), so that both the mapped and the fall-back paths are exercised.
 */

export const EXAMPLES_DIR = path.resolve(__dirname, '../../examples');

export function exampleSegments(): { name: string; segment: Segment }[] {
  return fs
    .readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.segment.json'))
    .sort()
    .map((f) => ({ name: f, segment: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, f), 'utf8')) as Segment }));
}

export async function countOf(
  conn: WarehouseConnection,
  segment: Segment,
  catalog: Catalog,
  asOf: string,
  facts?: CustomerFactsInfo,
): Promise<{ n: number; usesFacts: boolean }> {
  const c = compileSegment(segment, {
    dialect: conn.dialect,
    catalog,
    select: 'count',
    asOf,
    ...(facts ? { facts } : {}),
  });
  const [row] = await conn.query(c.sql, c.params);
  return { n: Number(row!['n']), usesFacts: c.sql.includes('customer_facts') };
}

/** Count with facts === count without; returns whether the facts were read. */
export async function expectSameCount(
  conn: WarehouseConnection,
  segment: Segment,
  catalog: Catalog,
  asOf: string,
  facts: CustomerFactsInfo,
): Promise<boolean> {
  const raw = await countOf(conn, segment, catalog, asOf);
  const withFacts = await countOf(conn, segment, catalog, asOf, facts);
  if (raw.n !== withFacts.n) {
    throw new Error(`at ${asOf}: raw ${raw.n} != with facts ${withFacts.n} for ${JSON.stringify(segment.where)}`);
  }
  return withFacts.usesFacts;
}

const unit = fc.constantFrom<TimeUnit>('day', 'week', 'month', 'year');
/** Windows near the facts' own: standard lengths, this / previous year, open ends, empty ones. */
const factWindowArb: fc.Arbitrary<Window | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.record({ type: fc.constant('last' as const), n: fc.constantFrom(1, 3, 6, 12, 30, 60, 90, 180, 365), unit }),
  fc.record({ type: fc.constant('last' as const), n: fc.constantFrom(0, 1, 2, 4), unit }),
  fc.record({
    type: fc.constant('this' as const),
    unit: fc.constantFrom('month' as const, 'quarter' as const, 'year' as const),
  }),
  fc.record({ type: fc.constant('year' as const), year: fc.constantFrom(2024, 2025, 2026, 2027) }),
  fc.record({ type: fc.constant('older_than' as const), n: fc.integer({ min: 0, max: 30 }), unit }),
  fc.record({ type: fc.constant('since' as const), date: fc.constantFrom('2026-01-01', '2025-12-31', '2026-07-01') }),
  fc.record({ type: fc.constant('before' as const), date: fc.constantFrom('2025-07-01', '2026-07-01', '2024-01-01') }),
);

function withOptional<T extends object>(base: T, extra: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries({ ...base, ...extra }).filter(([, v]) => v !== undefined)) as unknown as T;
}

/** Conditions drawn to map onto facts (and their near misses). */
export function factsConditionArb(catalog: Catalog): fc.Arbitrary<SegmentNode> {
  const count = fc.integer({ min: 0, max: 5 });
  const money = fc.integer({ min: 0, max: 3000 });
  const order = fc.constantFrom(
    undefined,
    { status: 'completed' as const },
    { coupon_used: true },
    { coupon_used: false },
    { status: 'returned' as const },
    { status: 'cancelled' as const },
    { channel: ['web' as const, 'app' as const] },
    { channel: ['app' as const, 'web' as const, 'app' as const] },
    { channel: ['store' as const] },
    { channel: ['app' as const] },
    { channel: ['store' as const], coupon_used: true },
    { fulfillment: ['pickup' as const, 'delivery' as const] },
  );
  const departments = catalog.departments.map((d) => d.name);
  const categories = catalog.departments.flatMap((d) => d.categories).slice(0, 40);
  const brands = catalog.brands.map((b) => b.name).slice(0, 40);
  // Item filters beyond departments (read from the purchase lines when the facts are built).
  const otherItem = fc.option(
    fc.oneof(
      fc.record({ category: fc.uniqueArray(fc.constantFrom(...categories), { minLength: 1, maxLength: 2 }) }),
      fc.record({ brand: fc.uniqueArray(fc.constantFrom(...brands), { minLength: 1, maxLength: 3 }) }),
      fc.constant({ organic: true }),
      fc.constant({ private_label: true }),
      fc.record({ department: fc.constant([departments[0]!]), private_label: fc.boolean() }),
    ),
    { nil: undefined },
  );
  const purchase = fc
    .record({
      order,
      window: factWindowArb,
      measure: fc.constantFrom(
        undefined,
        'orders' as const,
        'spend' as const,
        'avg_order_value' as const,
        'quantity' as const,
      ),
      dept: fc.option(fc.uniqueArray(fc.constantFrom(...departments), { minLength: 1, maxLength: 2 }), {
        nil: undefined,
      }),
      other: otherItem,
      threshold: fc.option(thresholdArb(count), { nil: undefined }),
      moneyThreshold: thresholdArb(money),
    })
    .map(({ order: o, window, measure, dept, other, threshold, moneyThreshold }): SegmentNode => {
      const t = measure === 'spend' || measure === 'avg_order_value' ? moneyThreshold : threshold;
      const item = other ?? (dept ? { department: dept } : undefined);
      return withOptional({ kind: 'purchase' as const }, { order: o, window, measure, threshold: t, item });
    });
  const events = catalog.event_types.map((e) => e.name);
  const event = fc
    .record({
      event_type: fc.uniqueArray(fc.constantFrom(...events), { minLength: 1, maxLength: 2 }),
      window: factWindowArb,
      threshold: fc.option(thresholdArb(count), { nil: undefined }),
    })
    .map((e): SegmentNode => withOptional({ kind: 'event' as const, event_type: e.event_type }, e));
  const models = catalog.models.map((m) => m.name);
  const model = fc
    .oneof(
      fc.record({ model: fc.constantFrom(...models), decile: thresholdArb(fc.integer({ min: 0, max: 11 })) }),
      fc.record({
        model: fc.constantFrom(...models),
        level: fc.constantFrom('high' as const, 'medium' as const, 'low' as const),
      }),
      fc.record({ model: fc.constantFrom(...models), top_percent: fc.integer({ min: 0, max: 100 }) }),
      fc.record({ model: fc.constantFrom(...models), bottom_percent: fc.integer({ min: 0, max: 100 }) }),
      fc.record({
        model: fc.constantFrom(...models),
        score: thresholdArb(fc.integer({ min: 0, max: 20 }).map((n) => n / 20)),
      }),
    )
    .map((m): SegmentNode => ({ kind: 'model', ...m }));
  const recency = fc
    .record({
      facet: fc.constantFrom('days_since_last_purchase', 'days_since_first_purchase'),
      op: fc.constantFrom(
        'lte' as const,
        'gt' as const,
        'between' as const,
        'is_known' as const,
        'is_unknown' as const,
      ),
      a: fc.integer({ min: 0, max: 800 }),
      b: fc.integer({ min: 0, max: 800 }),
    })
    .map(({ facet, op, a, b }): SegmentNode => {
      if (op === 'between') return { kind: 'attribute', facet, op, min: Math.min(a, b), max: Math.max(a, b) };
      if (op === 'is_known' || op === 'is_unknown') return { kind: 'attribute', facet, op };
      return { kind: 'attribute', facet, op, value: a };
    })
    .filter((n) => catalog.facets.some((f) => f.name === (n as { facet: string }).facet));
  return fc.oneof(
    { weight: 4, arbitrary: purchase },
    { weight: 2, arbitrary: event },
    { weight: 2, arbitrary: model },
    { weight: 1, arbitrary: recency },
    { weight: 1, arbitrary: conditionArb(catalog) },
  );
}

/** Segments of facts-leaning conditions under and / or / not, plus the general arbitrary. */
export function factsSegmentArb(catalog: Catalog): fc.Arbitrary<Segment> {
  const leaf = factsConditionArb(catalog);
  const tree: fc.Arbitrary<SegmentNode> = fc.oneof(
    leaf,
    fc.record({
      kind: fc.constantFrom('and' as const, 'or' as const),
      children: fc.array(leaf, { minLength: 1, maxLength: 3 }),
    }),
    fc.record({ kind: fc.constant('not' as const), child: leaf }),
  );
  return fc.oneof(
    { weight: 3, arbitrary: tree.map((where): Segment => ({ version: 1, where })) },
    { weight: 1, arbitrary: segmentArb(catalog) },
  );
}

/** Window forms: every facts window, near misses of each, open and empty ranges, month ends. */
export const GRID_WINDOWS: (Window | undefined)[] = [
  undefined,
  ...[0, 1, 2, 4, 7, 29, 30, 31, 60, 90, 91, 180, 365, 366].map((n): Window => ({ type: 'last', n, unit: 'day' })),
  ...[1, 4, 13, 52].map((n): Window => ({ type: 'last', n, unit: 'week' })),
  ...[1, 2, 3, 6, 12, 18].map((n): Window => ({ type: 'last', n, unit: 'month' })),
  ...[1, 2].map((n): Window => ({ type: 'last', n, unit: 'year' })),
  ...(['month', 'quarter', 'year'] as const).map((unit): Window => ({ type: 'this', unit })),
  ...[2024, 2025, 2026, 2027].map((year): Window => ({ type: 'year', year })),
  { type: 'month', year: 2025, month: 12 },
  ...[0, 1, 6, 18].map((n): Window => ({ type: 'older_than', n, unit: 'month' })),
  { type: 'older_than', n: 90, unit: 'day' },
  { type: 'before', date: '2025-07-01' },
  { type: 'before', date: '2027-01-01' },
  { type: 'since', date: '2026-01-01' },
  { type: 'since', date: '2025-12-31' },
  { type: 'since', date: '2027-01-01' },
  { type: 'between', from: '2025-11-15', to: '2025-12-31' },
  { type: 'between', from: '2025-07-01', to: '2027-01-01' },
];

/** Condition templates over a window: every mapped kind and a few that must stay raw. */
export function gridConditions(window: Window | undefined): SegmentNode[] {
  const w = window ? { window } : {};
  return [
    { kind: 'purchase', ...w },
    { kind: 'not', child: { kind: 'purchase', ...w } },
    { kind: 'purchase', ...w, threshold: { op: 'gte', value: 2 } },
    { kind: 'purchase', ...w, threshold: { op: 'lt', value: 3 } },
    { kind: 'purchase', ...w, measure: 'spend', threshold: { op: 'gt', value: 150 } },
    { kind: 'purchase', ...w, measure: 'spend', threshold: { op: 'lte', value: 100 } },
    { kind: 'purchase', ...w, measure: 'avg_order_value', threshold: { op: 'gte', value: 60 } },
    { kind: 'purchase', ...w, order: { coupon_used: true } },
    { kind: 'purchase', ...w, order: { status: 'returned' }, threshold: { op: 'eq', value: 0 } },
    { kind: 'purchase', ...w, order: { channel: ['web', 'app'] }, threshold: { op: 'between', min: 1, max: 3 } },
    { kind: 'purchase', ...w, order: { channel: ['store'] }, threshold: { op: 'gt', value: 1 } },
    { kind: 'purchase', ...w, order: { channel: ['app'] } },
    { kind: 'purchase', ...w, item: { department: ['Baby'] } },
    { kind: 'not', child: { kind: 'purchase', ...w, item: { department: ['Electronics', 'Pets'] } } },
    { kind: 'purchase', ...w, item: { department: ['Baby'] }, threshold: { op: 'gte', value: 2 } },
    { kind: 'event', event_type: ['email_open'], ...w },
    { kind: 'event', event_type: ['app_open', 'web_visit'], ...w, threshold: { op: 'gte', value: 3 } },
    { kind: 'event', event_type: ['unsubscribe'], ...w, threshold: { op: 'eq', value: 0 } },
  ];
}

/** Recency and model conditions (no window). */
export const GRID_OTHER: SegmentNode[] = [
  ...[0, 1, 30, 90, 91, 365, 366, 700].flatMap((value): SegmentNode[] => [
    { kind: 'attribute', facet: 'days_since_last_purchase', op: 'lte', value },
    { kind: 'attribute', facet: 'days_since_first_purchase', op: 'gt', value },
  ]),
  { kind: 'attribute', facet: 'days_since_last_purchase', op: 'between', min: 91, max: 365 },
  { kind: 'attribute', facet: 'days_since_last_purchase', op: 'is_unknown' },
  { kind: 'attribute', facet: 'days_since_first_purchase', op: 'is_known' },
  { kind: 'model', model: 'churn_risk', level: 'high' },
  { kind: 'model', model: 'predicted_clv_12m', decile: { op: 'eq', value: 10 } },
  { kind: 'model', model: 'discount_sensitivity', score: { op: 'gt', value: 0.7 } },
  { kind: 'model', model: 'churn_risk', top_percent: 10 },
  { kind: 'model', model: 'purchase_propensity_30d', bottom_percent: 20 },
];

/** Every grid condition at `asOf`: same counts with and without facts; returns how many read facts. */
export async function checkGrid(
  conn: WarehouseConnection,
  catalog: Catalog,
  asOf: string,
  facts: CustomerFactsInfo,
): Promise<{ total: number; usedFacts: number }> {
  const nodes = [...GRID_WINDOWS.flatMap(gridConditions), ...GRID_OTHER];
  let usedFacts = 0;
  for (const where of nodes) if (await expectSameCount(conn, { version: 1, where }, catalog, asOf, facts)) usedFacts++;
  return { total: nodes.length, usedFacts };
}
