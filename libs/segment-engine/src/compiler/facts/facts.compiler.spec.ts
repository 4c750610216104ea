import { referenceRetailTestCatalog } from '@smartseg/knowledge-store';
import type { Segment, SegmentNode, Window } from '../../model/segment.model';
import type { Dialect } from '../compiler.types';
import { compileSegment } from '../segment-compiler';
import {
  CUSTOMER_FACTS_VERSION,
  EVENT_COUNT_WINDOWS,
  FACT_WINDOWS,
  resolveWindowRange,
  type CustomerFactsInfo,
} from './customer-facts.layout';

const AS_OF = '2026-06-30';
const catalog = referenceRetailTestCatalog(AS_OF);

/** A layout as buildCustomerFacts writes it for the reference tenant (a few departments, events, models). */
function factsFor(asOf: string): CustomerFactsInfo {
  const ev = (name: string) => ({
    name,
    lastDate: `last_ev_${name}`,
    counts: Object.fromEntries(EVENT_COUNT_WINDOWS.map((w) => [w, `n_ev_${name}_${w}`])),
  });
  return {
    asOf,
    layout: {
      version: CUSTOMER_FACTS_VERSION,
      windows: FACT_WINDOWS.map((w) => w.key),
      departments: [
        { name: 'Baby', lastDate: 'last_dept_baby' },
        { name: 'Electronics', lastDate: 'last_dept_electronics' },
      ],
      events: ['email_open', 'email_click', 'app_open', 'unsubscribe'].map(ev),
      models: [{ name: 'churn_risk', score: 'model_churn_risk_score', decile: 'model_churn_risk_decile' }],
      lines: 'purchase_lines',
    },
  };
}
const facts = factsFor(AS_OF);

function compile(where: SegmentNode, opts: { dialect?: Dialect; asOf?: string; info?: CustomerFactsInfo } = {}) {
  const segment: Segment = { version: 1, where };
  return compileSegment(segment, {
    dialect: opts.dialect ?? 'duckdb',
    catalog,
    select: 'count',
    asOf: opts.asOf ?? AS_OF,
    facts: opts.info ?? facts,
  });
}
const usesFacts = (where: SegmentNode, opts?: Parameters<typeof compile>[1]) =>
  compile(where, opts).sql.includes('customer_facts');

describe('resolveWindowRange: a window as dates at D (cut at D)', () => {
  const r = (w: Window | undefined, asOf = '2026-03-31') => resolveWindowRange(w, asOf);
  it('resolves relative windows with calendar months clamped to the month end', () => {
    expect(r(undefined)).toEqual({ lo: null, hi: '2026-03-31' });
    expect(r({ type: 'last', n: 1, unit: 'month' })).toEqual({ lo: '2026-02-28', hi: '2026-03-31' });
    expect(r({ type: 'last', n: 1, unit: 'year' }, '2024-02-29')).toEqual({ lo: '2023-02-28', hi: '2024-02-29' });
    expect(r({ type: 'last', n: 2, unit: 'week' })).toEqual({ lo: '2026-03-17', hi: '2026-03-31' });
    expect(r({ type: 'this', unit: 'quarter' }, '2026-06-30')).toEqual({ lo: '2026-04-01', hi: '2026-06-30' });
  });
  it('makes strict bounds inclusive and cuts at D', () => {
    expect(r({ type: 'older_than', n: 6, unit: 'month' })).toEqual({ lo: null, hi: '2025-09-29' });
    expect(r({ type: 'before', date: '2026-01-01' })).toEqual({ lo: null, hi: '2025-12-31' });
    expect(r({ type: 'year', year: 2026 })).toEqual({ lo: '2026-01-01', hi: '2026-03-31' });
    expect(r({ type: 'between', from: '2025-01-01', to: '2027-01-01' })).toEqual({
      lo: '2025-01-01',
      hi: '2026-03-31',
    });
  });
  it('is empty for windows after D and null when dates leave years 1-9999', () => {
    expect(r({ type: 'since', date: '2026-04-01' })).toBe('empty');
    expect(r({ type: 'year', year: 2027 })).toBe('empty');
    expect(r({ type: 'last', n: 365_000, unit: 'month' })).toBeNull();
  });
});

describe('compileSegment with facts: which conditions read the facts table', () => {
  const mapped: [string, SegmentNode][] = [
    ['bought ever', { kind: 'purchase' }],
    ['never bought', { kind: 'not', child: { kind: 'purchase' } }],
    [
      '3+ orders in the last 90 days',
      { kind: 'purchase', window: { type: 'last', n: 90, unit: 'day' }, threshold: { op: 'gte', value: 3 } },
    ],
    [
      'spent over $1000 this year',
      {
        kind: 'purchase',
        measure: 'spend',
        threshold: { op: 'gt', value: 1000 },
        window: { type: 'this', unit: 'year' },
      },
    ],
    [
      'spent at most $50 in 2025 (previous year)',
      { kind: 'purchase', measure: 'spend', threshold: { op: 'lte', value: 50 }, window: { type: 'year', year: 2025 } },
    ],
    [
      'AOV over $60 in the last 6 months',
      {
        kind: 'purchase',
        measure: 'avg_order_value',
        threshold: { op: 'gt', value: 60 },
        window: { type: 'last', n: 6, unit: 'month' },
      },
    ],
    [
      'since 2026-01-01 = this year',
      { kind: 'purchase', window: { type: 'since', date: '2026-01-01' }, threshold: { op: 'eq', value: 1 } },
    ],
    [
      'last 1 year = last 12 months',
      { kind: 'purchase', window: { type: 'last', n: 1, unit: 'year' }, threshold: { op: 'eq', value: 1 } },
    ],
    ['coupon orders', { kind: 'purchase', order: { coupon_used: true }, threshold: { op: 'gte', value: 2 } }],
    [
      'returned in the last 12 months',
      { kind: 'purchase', order: { status: 'returned' }, window: { type: 'last', n: 12, unit: 'month' } },
    ],
    [
      'online orders this quarter',
      {
        kind: 'purchase',
        order: { channel: ['app', 'web'] },
        window: { type: 'this', unit: 'quarter' },
        threshold: { op: 'between', min: 3, max: 10 },
      },
    ],
    ['store orders', { kind: 'purchase', order: { channel: ['store'] } }],
    [
      'bought in the last 2 weeks (last order date)',
      { kind: 'purchase', window: { type: 'last', n: 2, unit: 'week' } },
    ],
    [
      'bought more than 18 months ago (first order date)',
      { kind: 'purchase', window: { type: 'older_than', n: 18, unit: 'month' } },
    ],
    [
      'bought Baby in the last 90 days',
      { kind: 'purchase', item: { department: ['Baby'] }, window: { type: 'last', n: 90, unit: 'day' } },
    ],
    [
      'not bought Electronics or Baby in 30 days',
      {
        kind: 'not',
        child: {
          kind: 'purchase',
          item: { department: ['Electronics', 'Baby'] },
          window: { type: 'last', n: 30, unit: 'day' },
        },
      },
    ],
    ['opened or clicked an email in the last 90 days', { kind: 'rule', rule: 'engaged_with_email' }],
    [
      'fewer than 3 app opens in 30 days',
      {
        kind: 'event',
        event_type: ['app_open'],
        window: { type: 'last', n: 30, unit: 'day' },
        threshold: { op: 'lt', value: 3 },
      },
    ],
    ['never unsubscribed', { kind: 'not', child: { kind: 'event', event_type: ['unsubscribe'] } }],
    [
      'email open in the last 10 days (last event date)',
      { kind: 'event', event_type: ['email_open'], window: { type: 'last', n: 10, unit: 'day' } },
    ],
    ['lapsed (recency)', { kind: 'rule', rule: 'lapsed_customer' }],
    ['new customer (first order)', { kind: 'rule', rule: 'new_customer' }],
    ['recency unknown', { kind: 'attribute', facet: 'days_since_last_purchase', op: 'is_unknown' }],
    ['churn risk high', { kind: 'rule', rule: 'likely_to_churn' }],
    ['churn risk top 10%', { kind: 'model', model: 'churn_risk', top_percent: 10 }],
    ['churn risk score', { kind: 'model', model: 'churn_risk', score: { op: 'gt', value: 0.5 } }],
  ];
  it.each(mapped)('%s: reads facts', (_name, where) => {
    expect(usesFacts(where)).toBe(true);
  });

  const raw: [string, SegmentNode][] = [
    ['an item filter other than department', { kind: 'purchase', item: { organic: true } }],
    [
      'department with a count threshold',
      { kind: 'purchase', item: { department: ['Baby'] }, threshold: { op: 'gte', value: 2 } },
    ],
    [
      'department in a window not ending at D',
      { kind: 'purchase', item: { department: ['Baby'] }, window: { type: 'year', year: 2025 } },
    ],
    ['quantity', { kind: 'purchase', measure: 'quantity', threshold: { op: 'gte', value: 10 } }],
    [
      'two-sided window, 2+ orders',
      {
        kind: 'purchase',
        window: { type: 'between', from: '2025-11-15', to: '2025-12-31' },
        threshold: { op: 'gte', value: 2 },
      },
    ],
    ['a month window, at least one order', { kind: 'purchase', window: { type: 'month', year: 2025, month: 12 } }],
    [
      '2+ orders in the last 45 days (no such window)',
      { kind: 'purchase', window: { type: 'last', n: 45, unit: 'day' }, threshold: { op: 'gte', value: 2 } },
    ],
    ['app orders (no such variant)', { kind: 'purchase', order: { channel: ['app'] } }],
    ['coupon not used', { kind: 'purchase', order: { coupon_used: false } }],
    [
      'spend on returned orders',
      { kind: 'purchase', order: { status: 'returned' }, measure: 'spend', threshold: { op: 'gt', value: 10 } },
    ],
    ['cancelled orders', { kind: 'purchase', order: { status: 'cancelled' } }],
    ['event with an item', { kind: 'event', event_type: ['app_open'], item: { department: ['Baby'] } }],
    ['event type not in the layout', { kind: 'event', event_type: ['web_visit'] }],
    [
      '3+ email opens in 10 days',
      {
        kind: 'event',
        event_type: ['email_open'],
        window: { type: 'last', n: 10, unit: 'day' },
        threshold: { op: 'gte', value: 3 },
      },
    ],
    ['model not in the layout', { kind: 'model', model: 'predicted_clv_12m', level: 'high' }],
    ['demographics', { kind: 'attribute', facet: 'state', op: 'eq', value: 'TX' }],
    ['birthday', { kind: 'birthday', when: 'this_month' }],
  ];
  it.each(raw)('%s: stays on the raw tables', (_name, where) => {
    expect(usesFacts(where)).toBe(false);
  });

  const lapsed: SegmentNode = { kind: 'rule', rule: 'lapsed_customer' };
  it('uses facts only for the same as-of date, version, and duckdb / postgres', () => {
    expect(usesFacts(lapsed, { asOf: '2026-06-29' })).toBe(false);
    expect(usesFacts(lapsed, { info: factsFor('2026-06-29') })).toBe(false);
    expect(
      usesFacts(lapsed, { info: { ...facts, layout: { ...facts.layout, version: CUSTOMER_FACTS_VERSION + 1 } } }),
    ).toBe(false);
    expect(usesFacts(lapsed, { dialect: 'postgres' })).toBe(true);
    for (const dialect of ['bigquery', 'snowflake', 'spark', 'trino'] as const)
      expect(usesFacts(lapsed, { dialect })).toBe(false);
    const predicate = compileSegment(
      { version: 1, where: lapsed },
      { dialect: 'duckdb', catalog, select: 'predicate', facts },
    );
    expect(predicate.sql).not.toContain('last_order_date');
  });

  it('reads a purchase of items from the purchase lines (one table, no join) when the facts are there', () => {
    const brand: SegmentNode = {
      kind: 'purchase',
      item: { brand: ['Pampers'], organic: false },
      order: { channel: ['store'], coupon_used: true },
      window: { type: 'last', n: 90, unit: 'day' },
      measure: 'spend',
      threshold: { op: 'gt', value: 50 },
    };
    const lines = compile(brand);
    expect(lines.sql).toContain('FROM "purchase_lines" l WHERE l.status = ');
    expect(lines.sql).toMatch(/l\.order_date >= .*l\.channel IN .*l\.coupon_used = .*l\.brand IN .*l\.is_organic = /);
    expect(lines.sql).toContain('GROUP BY l.customer_id HAVING COALESCE(SUM(l.line_amount), 0) > ');
    expect(lines.sql).not.toMatch(/JOIN|order_items|products/);
    const raw = compile(brand, { asOf: '2026-06-29' });
    expect(raw.sql).toContain('JOIN order_items oi ON oi.order_id = o.order_id JOIN products p');
    expect(raw.sql).not.toContain('purchase_lines');
    // quantity needs the items too; orders count distinct orders of the lines
    expect(compile({ kind: 'purchase', measure: 'quantity', threshold: { op: 'gte', value: 3 } }).sql).toContain(
      'COALESCE(SUM(l.quantity), 0)',
    );
    expect(
      compile({ kind: 'purchase', item: { department: ['Baby'] }, threshold: { op: 'gte', value: 2 } }).sql,
    ).toContain('COUNT(DISTINCT l.order_id)');
    // without items a purchase stays on orders (or a fact)
    expect(compile({ kind: 'purchase', order: { channel: ['app'] } }).sql).not.toContain('purchase_lines');
    // an item filter naming no field is no item filter: orders that have no items still count
    expect(compile({ kind: 'purchase', item: {}, order: { channel: ['app'] } }).sql).not.toContain('purchase_lines');
  });

  it("reads customer_facts (which holds the customers' columns) instead of customers, only when a condition reads a fact", () => {
    const both = compile({
      kind: 'and',
      children: [
        lapsed,
        { kind: 'rule', rule: 'likely_to_churn' },
        { kind: 'attribute', facet: 'state', op: 'eq', value: 'TX' },
      ],
    });
    expect(both.sql.match(/customer_facts/g)).toHaveLength(1);
    expect(both.sql).toMatch(/^SELECT COUNT\(\*\) AS n FROM customer_facts c WHERE .*c\."state" = /);
    expect(both.sql).not.toContain('FROM customers');
    expect(compile({ kind: 'attribute', facet: 'state', op: 'eq', value: 'TX' }).sql).toContain(
      'FROM customers c WHERE',
    );
  });

  it('keeps every value bound (window bounds resolved at D are bound dates)', () => {
    const c = compile({
      kind: 'purchase',
      item: { department: ['Baby'] },
      window: { type: 'last', n: 90, unit: 'day' },
    });
    expect(c.sql).toContain('c."last_dept_baby" >= CAST($1 AS DATE)');
    expect(c.params).toEqual(['2026-04-01']);
    expect(c.sql).not.toContain('Baby');
    const lapsed = compile({ kind: 'rule', rule: 'lapsed_customer' });
    expect(lapsed.params).toEqual([AS_OF, 91, 365]);
    expect(lapsed.paramNames![0]).toBe('as_of');
  });

  it('a window that covers nothing up to D is a constant: 0 orders', () => {
    expect(compile({ kind: 'purchase', window: { type: 'since', date: '2026-07-01' } }).sql).toBe(
      'SELECT COUNT(*) AS n FROM customers c WHERE FALSE',
    );
    expect(
      compile({ kind: 'purchase', window: { type: 'since', date: '2026-07-01' }, threshold: { op: 'lt', value: 1 } })
        .sql,
    ).toBe('SELECT COUNT(*) AS n FROM customers c WHERE TRUE');
    expect(
      compile({
        kind: 'purchase',
        measure: 'avg_order_value',
        window: { type: 'year', year: 2027 },
        threshold: { op: 'lt', value: 5 },
      }).sql,
    ).toBe('SELECT COUNT(*) AS n FROM customers c WHERE FALSE');
  });

  it("still refuses invalid conditions with the raw compiler's errors", () => {
    expect(() => compile({ kind: 'purchase', order: { status: 'completed', bogus: 1 } as never })).toThrow(
      /unknown filter 'bogus'/,
    );
    expect(() => compile({ kind: 'model', model: 'churn_risk', top_percent: 120 })).toThrow(/percentage/);
  });

  it.each(['duckdb', 'postgres'] as const)('SQL with facts (%s)', (dialect) => {
    const segments: SegmentNode[] = [
      {
        kind: 'and',
        children: [lapsed, { kind: 'rule', rule: 'vip' }, { kind: 'attribute', facet: 'state', op: 'eq', value: 'TX' }],
      },
      {
        kind: 'purchase',
        measure: 'avg_order_value',
        threshold: { op: 'gt', value: 60 },
        window: { type: 'last', n: 6, unit: 'month' },
      },
      {
        kind: 'and',
        children: [
          { kind: 'model', model: 'churn_risk', top_percent: 10 },
          { kind: 'rule', rule: 'engaged_with_email' },
        ],
      },
      {
        kind: 'and',
        children: [
          { kind: 'purchase', window: { type: 'older_than', n: 18, unit: 'month' } },
          { kind: 'not', child: { kind: 'purchase', window: { type: 'last', n: 12, unit: 'month' } } },
        ],
      },
    ];
    expect(segments.map((where) => compile(where, { dialect }))).toMatchSnapshot();
  });
});
