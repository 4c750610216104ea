import * as fc from 'fast-check';
import type {
  Catalog,
  FacetDef,
  ItemFilter,
  OrderFilter,
  Segment,
  SegmentNode,
  Threshold,
  TimeUnit,
  Window,
} from '@smartseg/segment-engine';

/**
 * Random valid segments over the segment model, with values taken from a catalog (the
 * reference test catalog): every kind of condition, window, threshold, measure and group.
 * Strings include hostile ones (quotes, semicolons, SQL keywords) that must only ever be bound.
 */

export const HOSTILE_STRINGS = [
  "'; DROP TABLE customers; --",
  "O'Brien",
  'x" OR "1"="1',
  '); DELETE FROM orders; --',
  'SELECT * FROM customers',
  "\\'; --",
  '$1 ? @p1 :p1',
];

const money = fc.oneof(
  fc.integer({ min: 0, max: 2000 }),
  fc.integer({ min: 0, max: 4000 }).map((n) => n / 2),
);
const smallCount = fc.integer({ min: 0, max: 6 });

export function thresholdArb(value: fc.Arbitrary<number>): fc.Arbitrary<Threshold> {
  return fc.oneof(
    fc.record({
      op: fc.constantFrom('gt', 'gte', 'lt', 'lte', 'eq', 'neq') as fc.Arbitrary<
        'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq'
      >,
      value,
    }),
    fc.tuple(value, value).map(([a, b]): Threshold => ({ op: 'between', min: Math.min(a, b), max: Math.max(a, b) })),
  );
}

const isoDate = fc
  .date({ min: new Date('2023-06-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const unit = fc.constantFrom<TimeUnit>('day', 'week', 'month', 'year');

export const windowArb: fc.Arbitrary<Window> = fc.oneof(
  fc.record({ type: fc.constant('last' as const), n: fc.integer({ min: 0, max: 400 }), unit }),
  fc.record({
    type: fc.constant('this' as const),
    unit: fc.constantFrom('month' as const, 'quarter' as const, 'year' as const),
  }),
  fc.record({ type: fc.constant('year' as const), year: fc.integer({ min: 2023, max: 2026 }) }),
  fc.record({
    type: fc.constant('month' as const),
    year: fc.integer({ min: 2024, max: 2026 }),
    month: fc.integer({ min: 1, max: 12 }),
  }),
  fc.record({ type: fc.constant('before' as const), date: isoDate }),
  fc.record({ type: fc.constant('since' as const), date: isoDate }),
  fc.tuple(isoDate, isoDate).map(([a, b]): Window => ({ type: 'between', from: a < b ? a : b, to: a < b ? b : a })),
  fc.record({ type: fc.constant('older_than' as const), n: fc.integer({ min: 0, max: 36 }), unit }),
);

function sub<T>(values: readonly T[], max = 3): fc.Arbitrary<T[]> {
  return fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: Math.min(max, values.length) });
}

function itemArb(catalog: Catalog): fc.Arbitrary<ItemFilter> {
  const departments = catalog.departments.map((d) => d.name);
  const categories = catalog.departments.flatMap((d) => d.categories);
  const brands = catalog.brands.map((b) => b.name);
  return fc
    .record(
      {
        department: sub(departments),
        category: sub(categories),
        brand: sub([...brands, ...HOSTILE_STRINGS]),
        product_id: fc.uniqueArray(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 3 }),
        private_label: fc.boolean(),
        organic: fc.boolean(),
      },
      { requiredKeys: [] },
    )
    .filter((i) => Object.keys(i).length > 0);
}

const orderArb: fc.Arbitrary<OrderFilter> = fc.record(
  {
    channel: sub(['store', 'web', 'app'] as const),
    fulfillment: sub(['in_store', 'pickup', 'delivery', 'ship'] as const),
    coupon_used: fc.boolean(),
    payment_method: sub(['credit_card', 'debit_card', 'cash', 'paypal', 'gift_card', 'ebt'] as const),
    status: fc.constantFrom('completed' as const, 'returned' as const, 'cancelled' as const),
    store_id: fc.uniqueArray(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 2 }),
  },
  { requiredKeys: [] },
);

function facetValueArb(facet: FacetDef): fc.Arbitrary<string | number | boolean> {
  switch (facet.type) {
    case 'boolean':
      return fc.boolean();
    case 'number': {
      const min = facet.min ?? 0;
      const max = facet.max ?? 100;
      return fc.oneof(
        fc.integer({ min, max }),
        fc.integer({ min: min * 2, max: max * 2 }).map((n) => n / 2),
      );
    }
    case 'date':
      return fc
        .date({ min: new Date('1940-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    default: {
      const known = (facet.values ?? []).map((v) => v.value).filter((v): v is string => typeof v === 'string');
      return fc.constantFrom(...(known.length ? known : ['a']), ...HOSTILE_STRINGS);
    }
  }
}

function attributeArb(catalog: Catalog): fc.Arbitrary<SegmentNode> {
  return fc.constantFrom(...catalog.facets).chain((facet) =>
    fc.constantFrom(...facet.operators).chain((op): fc.Arbitrary<SegmentNode> => {
      const value = facetValueArb(facet);
      const base = { kind: 'attribute' as const, facet: facet.name, op };
      switch (op) {
        case 'in':
        case 'not_in':
          return fc.array(value, { minLength: 1, maxLength: 3 }).map((values) => ({ ...base, values }));
        case 'between':
          return fc.tuple(value, value).map(([a, b]) => {
            const [min, max] = (a as number | string) <= (b as number | string) ? [a, b] : [b, a];
            return { ...base, min: min as number | string, max: max as number | string };
          });
        case 'is_known':
        case 'is_unknown':
          return fc.constant(base);
        default:
          return value.map((v) => ({ ...base, value: v }));
      }
    }),
  );
}

function purchaseArb(catalog: Catalog): fc.Arbitrary<SegmentNode> {
  return fc
    .record(
      {
        item: itemArb(catalog),
        order: orderArb,
        window: windowArb,
        measure: fc.constantFrom('orders' as const, 'spend' as const, 'avg_order_value' as const, 'quantity' as const),
        threshold: fc.constant(null),
      },
      { requiredKeys: [] },
    )
    .chain((p) => {
      const measure = p.measure ?? 'orders';
      const value = measure === 'spend' || measure === 'avg_order_value' ? money : smallCount;
      return fc.option(thresholdArb(value), { nil: undefined }).map((threshold): SegmentNode => {
        const { threshold: _ignored, ...rest } = p;
        return threshold ? { kind: 'purchase', ...rest, threshold } : { kind: 'purchase', ...rest };
      });
    });
}

function eventArb(catalog: Catalog): fc.Arbitrary<SegmentNode> {
  return fc
    .record(
      {
        event_type: sub(catalog.event_types.map((e) => e.name)),
        item: itemArb(catalog),
        window: windowArb,
        threshold: thresholdArb(smallCount),
      },
      { requiredKeys: ['event_type'] },
    )
    .map((e): SegmentNode => ({ kind: 'event', ...e }));
}

function modelArb(catalog: Catalog): fc.Arbitrary<SegmentNode> {
  const model = fc.constantFrom(...catalog.models.map((m) => m.name));
  return fc
    .oneof(
      fc.record({
        model,
        score: thresholdArb(
          fc.oneof(
            fc.integer({ min: 0, max: 20 }).map((n) => n / 20),
            fc.integer({ min: 0, max: 3000 }),
          ),
        ),
      }),
      fc.record({ model, decile: thresholdArb(fc.integer({ min: 1, max: 10 })) }),
      fc.record({ model, top_percent: fc.integer({ min: 0, max: 100 }) }),
      fc.record({ model, bottom_percent: fc.integer({ min: 0, max: 100 }) }),
      fc.record({ model, level: fc.constantFrom('high' as const, 'medium' as const, 'low' as const) }),
    )
    .map((m): SegmentNode => ({ kind: 'model', ...m }));
}

const birthdayArb: fc.Arbitrary<SegmentNode> = fc.oneof(
  fc
    .constantFrom('today' as const, 'this_month' as const, 'next_month' as const)
    .map((when): SegmentNode => ({ kind: 'birthday', when })),
  fc.integer({ min: 0, max: 400 }).map((days): SegmentNode => ({ kind: 'birthday', when: 'next_days', days })),
);

/** Any condition (leaf). */
export function conditionArb(catalog: Catalog): fc.Arbitrary<SegmentNode> {
  return fc.oneof(
    { weight: 4, arbitrary: attributeArb(catalog) },
    { weight: 4, arbitrary: purchaseArb(catalog) },
    { weight: 2, arbitrary: eventArb(catalog) },
    { weight: 2, arbitrary: modelArb(catalog) },
    { weight: 1, arbitrary: birthdayArb },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...catalog.rules.map((r) => r.id))
        .map((rule): SegmentNode => ({ kind: 'rule', rule })),
    },
  );
}

/** A segment tree up to `depth` groups deep. */
export function segmentArb(catalog: Catalog, depth = 3): fc.Arbitrary<Segment> {
  const { node } = fc.letrec<{ node: SegmentNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      conditionArb(catalog),
      fc.record({
        kind: fc.constantFrom('and' as const, 'or' as const),
        children: fc.array(tie('node'), { maxLength: 3 }),
      }),
      fc.record({ kind: fc.constant('not' as const), child: tie('node') }),
    ),
  }));
  return fc
    .record({ where: node as fc.Arbitrary<SegmentNode> })
    .filter((s) => nodeDepth(s.where) <= depth + 1)
    .map((s): Segment => ({ version: 1, where: s.where }));
}

function nodeDepth(node: SegmentNode): number {
  if (node.kind === 'and' || node.kind === 'or') return 1 + Math.max(0, ...node.children.map(nodeDepth));
  if (node.kind === 'not') return 1 + nodeDepth(node.child);
  return 1;
}
