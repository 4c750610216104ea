import fc from 'fast-check';
import type { Catalog } from '../../model/catalog.model';
import type {
  AttributeCondition,
  BirthdayCondition,
  EventCondition,
  ItemFilter,
  ModelCondition,
  OrderFilter,
  PurchaseCondition,
  RuleCondition,
  Segment,
  SegmentNode,
  Threshold,
  Window,
} from '../../model/segment.model';

/**
 * fast-check arbitraries for tests: segments that are valid for a catalog (as-of 2026-06-30
 * or later), and near-miss garbage that looks like segments. Test-only (excluded from the build).
 */

const subset = <T>(items: readonly T[], max = 3): fc.Arbitrary<T[]> =>
  fc.uniqueArray(fc.constantFrom(...items), { minLength: 1, maxLength: Math.min(max, items.length) });

const isoDate = (from: Date, to: Date): fc.Arbitrary<string> =>
  fc.date({ min: from, max: to, noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

export function windowArb(): fc.Arbitrary<Window> {
  const unit = fc.constantFrom('day' as const, 'week' as const, 'month' as const, 'year' as const);
  const past = isoDate(new Date('2020-01-01'), new Date('2026-06-30'));
  return fc.oneof(
    fc.record({ type: fc.constant('last' as const), n: fc.integer({ min: 1, max: 24 }), unit }),
    fc.record({
      type: fc.constant('this' as const),
      unit: fc.constantFrom('month' as const, 'quarter' as const, 'year' as const),
    }),
    fc.record({ type: fc.constant('year' as const), year: fc.integer({ min: 2020, max: 2026 }) }),
    fc.record({
      type: fc.constant('month' as const),
      year: fc.integer({ min: 2020, max: 2025 }),
      month: fc.integer({ min: 1, max: 12 }),
    }),
    fc.record({ type: fc.constant('before' as const), date: past }),
    fc.record({ type: fc.constant('since' as const), date: past }),
    fc.tuple(past, past).map(([a, b]) => ({ type: 'between' as const, from: a < b ? a : b, to: a < b ? b : a })),
    fc.record({ type: fc.constant('older_than' as const), n: fc.integer({ min: 1, max: 24 }), unit }),
  );
}

function thresholdArb(value: fc.Arbitrary<number>): fc.Arbitrary<Threshold> {
  return fc.oneof(
    fc.record({
      op: fc.constantFrom('gt' as const, 'gte' as const, 'lt' as const, 'lte' as const, 'eq' as const, 'neq' as const),
      value,
    }),
    fc.tuple(value, value).map(([a, b]) => ({ op: 'between' as const, min: Math.min(a, b), max: Math.max(a, b) })),
  );
}

const countArb = fc.integer({ min: 0, max: 50 });
const moneyArb = fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.double({ min: 0, max: 5000, noNaN: true }));

export function attributeArb(catalog: Catalog): fc.Arbitrary<AttributeCondition> {
  const options: fc.Arbitrary<AttributeCondition>[] = [];
  for (const f of catalog.facets.filter((x) => !x.pii)) {
    const has = (op: string): boolean => f.operators.includes(op as never);
    const presence = fc.constantFrom(...f.operators.filter((o) => o === 'is_known' || o === 'is_unknown'));
    if (f.operators.some((o) => o === 'is_known' || o === 'is_unknown')) {
      options.push(presence.map((op) => ({ kind: 'attribute', facet: f.name, op })));
    }
    if (f.values?.length && (f.type === 'enum' || f.type === 'string' || f.type === 'boolean')) {
      const values = f.values.map((v) => v.value);
      if (has('eq')) {
        options.push(
          fc
            .record({ op: fc.constantFrom(...(['eq', 'neq'] as const).filter(has)), value: fc.constantFrom(...values) })
            .map(({ op, value }) => ({ kind: 'attribute', facet: f.name, op, value })),
        );
      }
      if (has('in')) {
        options.push(
          fc
            .record({ op: fc.constantFrom(...(['in', 'not_in'] as const).filter(has)), values: subset(values) })
            .map(({ op, values: vs }) => ({ kind: 'attribute', facet: f.name, op, values: vs })),
        );
      }
    }
    if (f.type === 'number') {
      const n = fc.integer({ min: f.min ?? 0, max: f.max ?? 1000 });
      const cmp = (['eq', 'neq', 'gt', 'gte', 'lt', 'lte'] as const).filter(has);
      if (cmp.length) {
        options.push(
          fc
            .record({ op: fc.constantFrom(...cmp), value: n })
            .map(({ op, value }) => ({ kind: 'attribute', facet: f.name, op, value })),
        );
      }
      if (has('between')) {
        options.push(
          fc.tuple(n, n).map(([a, b]) => ({
            kind: 'attribute',
            facet: f.name,
            op: 'between',
            min: Math.min(a, b),
            max: Math.max(a, b),
          })),
        );
      }
      if (has('in')) {
        options.push(
          subset([1, 2, 3, 4, 5, 6]).map((values) => ({ kind: 'attribute', facet: f.name, op: 'in', values })),
        );
      }
    }
    if (f.type === 'date') {
      const d = isoDate(new Date('2015-01-01'), new Date('2026-06-30'));
      options.push(
        fc
          .record({
            op: fc.constantFrom('eq' as const, 'gt' as const, 'gte' as const, 'lt' as const, 'lte' as const),
            value: d,
          })
          .map(({ op, value }) => ({ kind: 'attribute', facet: f.name, op, value })),
      );
      options.push(
        fc.tuple(d, d).map(([a, b]) => ({
          kind: 'attribute',
          facet: f.name,
          op: 'between',
          min: a < b ? a : b,
          max: a < b ? b : a,
        })),
      );
    }
  }
  return fc.oneof(...options);
}

export function itemArb(catalog: Catalog): fc.Arbitrary<ItemFilter> {
  const department = fc.constantFrom(...catalog.departments);
  return fc.oneof(
    department.chain((d) =>
      fc.record(
        {
          department: fc.constant<string[]>([d.name]),
          category: subset(d.categories, 2),
          private_label: fc.boolean(),
          organic: fc.boolean(),
        },
        { requiredKeys: ['department'] },
      ),
    ),
    fc.record({
      category: subset(
        catalog.departments.flatMap((d) => d.categories),
        2,
      ),
    }),
    fc.record({
      brand: subset(
        catalog.brands.map((b) => b.name),
        2,
      ),
    }),
    fc.record({ product_id: fc.uniqueArray(fc.integer({ min: 1, max: 100000 }), { minLength: 1, maxLength: 3 }) }),
  );
}

export function orderArb(): fc.Arbitrary<OrderFilter> {
  return fc.record(
    {
      channel: subset(['store', 'web', 'app'] as const),
      fulfillment: subset(['in_store', 'pickup', 'delivery', 'ship'] as const),
      coupon_used: fc.boolean(),
      payment_method: subset(['credit_card', 'debit_card', 'cash', 'paypal', 'gift_card', 'ebt'] as const),
      status: fc.constantFrom('completed' as const, 'returned' as const, 'cancelled' as const),
      store_id: fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 2 }),
    },
    { requiredKeys: [] },
  );
}

export function purchaseArb(catalog: Catalog): fc.Arbitrary<PurchaseCondition> {
  const countMeasure = fc.record(
    {
      measure: fc.constantFrom('orders' as const, 'quantity' as const),
      threshold: thresholdArb(countArb),
    },
    { requiredKeys: [] },
  );
  const moneyMeasure = fc.record({
    measure: fc.constantFrom('spend' as const, 'avg_order_value' as const),
    threshold: thresholdArb(moneyArb),
  });
  return fc
    .tuple(
      fc.record({ item: itemArb(catalog), order: orderArb(), window: windowArb() }, { requiredKeys: [] }),
      fc.oneof(countMeasure, moneyMeasure),
    )
    .map(([filters, measure]) => ({ kind: 'purchase', ...filters, ...measure }));
}

export function eventArb(catalog: Catalog): fc.Arbitrary<EventCondition> {
  const product = catalog.event_types.filter((e) => e.about_product).map((e) => e.name);
  const all = catalog.event_types.map((e) => e.name);
  return fc
    .oneof(
      fc.record(
        { event_type: subset(all), window: windowArb(), threshold: thresholdArb(countArb) },
        { requiredKeys: ['event_type'] },
      ),
      fc.record(
        { event_type: subset(product), item: itemArb(catalog), window: windowArb() },
        { requiredKeys: ['event_type', 'item'] },
      ),
    )
    .map((e) => ({ kind: 'event', ...e }));
}

export function modelArb(catalog: Catalog): fc.Arbitrary<ModelCondition> {
  return fc.constantFrom(...catalog.models).chain((m) => {
    const score = m.scale === 'probability' ? fc.double({ min: 0, max: 1, noNaN: true }) : moneyArb;
    const selector: fc.Arbitrary<Partial<ModelCondition>> = fc.oneof(
      thresholdArb(score).map((s) => ({ score: s })),
      thresholdArb(fc.integer({ min: 1, max: 10 })).map((d) => ({ decile: d })),
      fc.double({ min: 0.5, max: 100, noNaN: true }).map((p) => ({ top_percent: p })),
      fc.integer({ min: 1, max: 100 }).map((p) => ({ bottom_percent: p })),
      fc.constantFrom('high' as const, 'medium' as const, 'low' as const).map((level) => ({ level })),
    );
    return selector.map((s) => ({ kind: 'model' as const, model: m.name, ...s }));
  });
}

export function birthdayArb(): fc.Arbitrary<BirthdayCondition> {
  return fc.oneof(
    fc
      .constantFrom('today' as const, 'this_month' as const, 'next_month' as const)
      .map((when) => ({ kind: 'birthday' as const, when })),
    fc.integer({ min: 0, max: 366 }).map((days) => ({ kind: 'birthday' as const, when: 'next_days' as const, days })),
  );
}

export function ruleArb(catalog: Catalog): fc.Arbitrary<RuleCondition> {
  return fc.constantFrom(...catalog.rules.map((r) => r.id)).map((rule) => ({ kind: 'rule' as const, rule }));
}

/** A condition of any kind, valid for the catalog. */
export function conditionArb(catalog: Catalog): fc.Arbitrary<SegmentNode> {
  return fc.oneof(
    attributeArb(catalog),
    purchaseArb(catalog),
    eventArb(catalog),
    modelArb(catalog),
    birthdayArb(),
    ruleArb(catalog),
  );
}

/** A valid tree of up to `maxDepth` levels. Siblings may contradict each other (AND of age > 60 and age < 30). */
export function nodeArb(catalog: Catalog, maxDepth = 4): fc.Arbitrary<SegmentNode> {
  const { node } = fc.letrec<{ node: SegmentNode; group: SegmentNode }>((tie) => ({
    node: fc.oneof({ maxDepth, depthIdentifier: 'segment' }, conditionArb(catalog), tie('group')),
    group: fc.oneof(
      fc.record({
        kind: fc.constantFrom('and' as const, 'or' as const),
        children: fc.array(tie('node'), { minLength: 1, maxLength: 4 }),
      }),
      fc.record({ kind: fc.constant('not' as const), child: tie('node') }),
    ),
  }));
  return node;
}

export function segmentArb(catalog: Catalog, maxDepth = 4): fc.Arbitrary<Segment> {
  return fc.record(
    {
      version: fc.constant(1 as const),
      name: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== ''),
      where: nodeArb(catalog, maxDepth),
    },
    { requiredKeys: ['version', 'where'] },
  );
}

const FIELD_NAMES = [
  'kind',
  'facet',
  'op',
  'value',
  'values',
  'min',
  'max',
  'id',
  'children',
  'child',
  'item',
  'order',
  'window',
  'measure',
  'threshold',
  'event_type',
  'model',
  'score',
  'decile',
  'top_percent',
  'bottom_percent',
  'level',
  'when',
  'days',
  'rule',
  'type',
  'n',
  'unit',
  'year',
  'month',
  'date',
  'from',
  'to',
  'department',
  'category',
  'brand',
  'product_id',
  'channel',
  'status',
  'coupon_used',
];
const WORDS = [
  'and',
  'or',
  'not',
  'attribute',
  'purchase',
  'event',
  'model',
  'birthday',
  'rule',
  'eq',
  'in',
  'between',
  'gt',
  'is_unknown',
  'state',
  'age',
  'email',
  'CA',
  'Baby',
  'TVs',
  'last',
  'day',
  'year',
  'email_open',
  'churn_risk',
  'vip',
  'next_days',
  'spend',
  '2026-02-30',
  '2026-01-01',
  '',
];

/** JSON that looks like a segment but is wrong in arbitrary ways: for "never throws" properties. */
export function nearMissArb(): fc.Arbitrary<unknown> {
  const { value } = fc.letrec<{ value: unknown; obj: unknown }>((tie) => ({
    value: fc.oneof(
      { maxDepth: 6, depthIdentifier: 'near' },
      fc.constantFrom(...WORDS),
      fc.integer({ min: -5, max: 400 }),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.string(),
      tie('obj'),
      fc.array(tie('value'), { maxLength: 4 }),
    ),
    obj: fc.dictionary(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string()), tie('value'), { maxKeys: 6 }),
  }));
  return fc.record({ version: fc.oneof(fc.constant(1), value), where: value }, { requiredKeys: [] });
}
