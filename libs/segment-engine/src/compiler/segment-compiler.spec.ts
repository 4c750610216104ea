import { ErrorCode, SmartsegError } from '@smartseg/common';
import { referenceRetailTestCatalog } from '@smartseg/knowledge-store';
import type { Segment, SegmentNode } from '../model/segment.model';
import { DIALECTS, type CompiledSql, type Dialect } from './compiler.types';
import { compilePredicate } from './predicate.compiler';
import { compileSegment, createCompileContext } from './segment-compiler';

const catalog = referenceRetailTestCatalog('2026-06-30');
const seg = (where: SegmentNode): Segment => ({ version: 1, where });

/** A dozen representative segments: every kind of condition, the windows, the zero-count forms. */
const REPRESENTATIVE: Record<string, Segment> = {
  'women in Texas or California': seg({
    kind: 'and',
    children: [
      { kind: 'attribute', facet: 'gender', op: 'eq', value: 'female' },
      { kind: 'attribute', facet: 'state', op: 'in', values: ['TX', 'CA'] },
    ],
  }),
  'aged 25-34 with known income': seg({
    kind: 'and',
    children: [
      { kind: 'attribute', facet: 'age', op: 'between', min: 25, max: 34 },
      { kind: 'attribute', facet: 'income_band', op: 'is_known' },
    ],
  }),
  'lapsed VIPs': seg({
    kind: 'and',
    children: [
      { kind: 'rule', rule: 'lapsed_customer' },
      { kind: 'rule', rule: 'vip' },
    ],
  }),
  'bought Baby in the last 3 months': seg({
    kind: 'purchase',
    item: { department: ['Baby'] },
    window: { type: 'last', n: 3, unit: 'month' },
  }),
  'spent less than $100 this year': seg({
    kind: 'purchase',
    measure: 'spend',
    threshold: { op: 'lt', value: 100 },
    window: { type: 'this', unit: 'year' },
  }),
  'average order over $75 online with a coupon': seg({
    kind: 'purchase',
    measure: 'avg_order_value',
    threshold: { op: 'gt', value: 75 },
    order: { channel: ['web', 'app'], coupon_used: true },
  }),
  'has not bought organic private label in 2025': seg({
    kind: 'not',
    child: { kind: 'purchase', item: { organic: true, private_label: true }, window: { type: 'year', year: 2025 } },
  }),
  'returned something older than 6 months, 2+ pickups in March 2026': seg({
    kind: 'or',
    children: [
      { kind: 'purchase', order: { status: 'returned' }, window: { type: 'older_than', n: 6, unit: 'month' } },
      {
        kind: 'purchase',
        order: { fulfillment: ['pickup'] },
        window: { type: 'month', year: 2026, month: 3 },
        threshold: { op: 'gte', value: 2 },
      },
    ],
  }),
  'viewed Electronics 3+ times in the last 2 weeks': seg({
    kind: 'event',
    event_type: ['product_view'],
    item: { department: ['Electronics'] },
    window: { type: 'last', n: 2, unit: 'week' },
    threshold: { op: 'gte', value: 3 },
  }),
  'top 10% churn risk or bottom decile propensity': seg({
    kind: 'or',
    children: [
      { kind: 'model', model: 'churn_risk', top_percent: 10 },
      { kind: 'model', model: 'purchase_propensity_30d', decile: { op: 'eq', value: 1 } },
    ],
  }),
  'birthday in the next 7 days, reachable by push': seg({
    kind: 'and',
    children: [
      { kind: 'birthday', when: 'next_days', days: 7 },
      { kind: 'rule', rule: 'reachable_push' },
    ],
  }),
  'recency 30-60 days, bought since 2026-01-01, between dates, before a date': seg({
    kind: 'and',
    children: [
      { kind: 'attribute', facet: 'days_since_last_purchase', op: 'between', min: 30, max: 60 },
      { kind: 'purchase', window: { type: 'since', date: '2026-01-01' } },
      {
        kind: 'purchase',
        measure: 'quantity',
        window: { type: 'between', from: '2025-11-01', to: '2025-12-31' },
        threshold: { op: 'lte', value: 3 },
      },
      { kind: 'event', event_type: ['email_open'], window: { type: 'before', date: '2026-01-01' } },
    ],
  }),
  'birthday next month, never opened an email in the last year': seg({
    kind: 'and',
    children: [
      { kind: 'birthday', when: 'next_month' },
      {
        kind: 'event',
        event_type: ['email_open'],
        window: { type: 'last', n: 1, unit: 'year' },
        threshold: { op: 'eq', value: 0 },
      },
    ],
  }),
};

function markerCount(c: CompiledSql): number {
  switch (c.dialect) {
    case 'snowflake':
    case 'trino':
      return (c.sql.match(/\?/g) ?? []).length;
    case 'duckdb':
    case 'postgres':
      return new Set(c.sql.match(/\$\d+/g) ?? []).size;
    case 'bigquery':
      return new Set(c.sql.match(/@\w+/g) ?? []).size;
    case 'spark':
      return new Set(c.sql.match(/:[a-z_]\w*/g) ?? []).size;
  }
}

describe('compileSegment: SQL per dialect', () => {
  for (const dialect of DIALECTS) {
    describe(dialect, () => {
      it.each(Object.entries(REPRESENTATIVE))('%s', (_name, segment) => {
        const count = compileSegment(segment, { dialect, catalog, select: 'count' });
        expect(count).toMatchSnapshot();
        expect(count.dialect).toBe(dialect);
        expect(count.params).toHaveLength(count.paramNames!.length);
        expect(markerCount(count)).toBe(count.params.length);
      });
    });
  }
});

describe('compileSegment: statement shapes', () => {
  const segment = seg({ kind: 'attribute', facet: 'state', op: 'eq', value: 'TX' });

  it('count, ids and predicate', () => {
    expect(compileSegment(segment, { dialect: 'duckdb', catalog, select: 'count' }).sql).toBe(
      'SELECT COUNT(*) AS n FROM customers c WHERE COALESCE((c."state" = $1), FALSE)',
    );
    expect(compileSegment(segment, { dialect: 'duckdb', catalog, select: 'ids' }).sql).toBe(
      'SELECT c.customer_id FROM customers c WHERE COALESCE((c."state" = $1), FALSE) ORDER BY c.customer_id',
    );
    const pred = compileSegment(segment, { dialect: 'postgres', catalog, select: 'predicate' });
    expect(pred).toEqual({
      sql: 'COALESCE((c."state" = $1), FALSE)',
      params: ['TX'],
      paramNames: ['p1'],
      dialect: 'postgres',
    });
  });

  it('quotes catalog identifiers per dialect', () => {
    const sql = (d: Dialect) => compileSegment(segment, { dialect: d, catalog, select: 'predicate' }).sql;
    expect(sql('bigquery')).toContain('c.`state` = @p1');
    expect(sql('spark')).toContain('c.`state` = :p1');
    expect(sql('snowflake')).toContain('c."STATE" = ?');
    expect(sql('trino')).toContain('c."state" = ?');
  });

  it('binds D first ($1 / as_of), once in numbered and named dialects, at each use in positional ones', () => {
    const s = seg({
      kind: 'and',
      children: [
        { kind: 'attribute', facet: 'state', op: 'eq', value: 'TX' },
        { kind: 'rule', rule: 'active_customer' },
      ],
    });
    const duck = compileSegment(s, { dialect: 'duckdb', catalog, select: 'count', asOf: '2026-01-31' });
    expect(duck.params[0]).toBe('2026-01-31');
    expect(duck.paramNames![0]).toBe('as_of');
    expect(duck.sql).toContain('CAST($1 AS DATE)');
    const bq = compileSegment(s, { dialect: 'bigquery', catalog, select: 'count', asOf: '2026-01-31' });
    expect(bq.sql).toContain('CAST(@as_of AS DATE)');
    expect(bq.params[bq.paramNames!.indexOf('as_of')]).toBe('2026-01-31');
    const trino = compileSegment(s, { dialect: 'trino', catalog, select: 'count', asOf: '2026-01-31' });
    const asOfPositions = trino.paramNames!.flatMap((n, i) => (n === 'as_of' ? [i] : []));
    expect(asOfPositions.length).toBeGreaterThan(1);
    for (const i of asOfPositions) expect(trino.params[i]).toBe('2026-01-31');
  });

  it('never reads the wall clock: same input, same statement', () => {
    const s = REPRESENTATIVE['bought Baby in the last 3 months']!;
    const a = compileSegment(s, { dialect: 'postgres', catalog, select: 'count' });
    const b = compileSegment(s, { dialect: 'postgres', catalog, select: 'count' });
    expect(a).toEqual(b);
    expect(a.params[0]).toBe(catalog.as_of);
  });

  it('uses the IN form when zero does not satisfy the threshold and NOT IN when it does', () => {
    const at = (threshold: object) =>
      compileSegment(seg({ kind: 'purchase', threshold } as SegmentNode), {
        dialect: 'duckdb',
        catalog,
        select: 'predicate',
      }).sql;
    expect(at({ op: 'gte', value: 2 })).toMatch(/^c\.customer_id IN \(.* HAVING COUNT\(\*\) >= \$\d+\)$/);
    expect(at({ op: 'lt', value: 2 })).toMatch(/^c\.customer_id NOT IN \(.* HAVING NOT \(COUNT\(\*\) < \$\d+\)\)$/);
    // "at least one" and "none" need no aggregation: plain (anti-)membership
    expect(at({ op: 'gte', value: 1 })).toMatch(/^c\.customer_id IN \(SELECT o\.customer_id FROM orders o WHERE .*\)$/);
    expect(at({ op: 'gte', value: 1 })).not.toMatch(/GROUP BY/);
    expect(at({ op: 'eq', value: 0 })).toMatch(
      /^c\.customer_id NOT IN \(SELECT o\.customer_id FROM orders o WHERE .*\)$/,
    );
    expect(at({ op: 'eq', value: 0 })).not.toMatch(/GROUP BY/);
    expect(at({ op: 'between', min: 0, max: 3 })).toMatch(/NOT IN/);
    expect(at({ op: 'neq', value: 0 })).not.toMatch(/NOT IN/);
    const aov = compileSegment(
      seg({ kind: 'purchase', measure: 'avg_order_value', threshold: { op: 'lt', value: 50 } }),
      {
        dialect: 'duckdb',
        catalog,
        select: 'predicate',
      },
    ).sql;
    expect(aov).not.toMatch(/NOT IN/);
  });

  it('compilePredicate composes with a shared context (values bound once)', () => {
    const ctx = createCompileContext({ dialect: 'postgres', catalog, asOf: '2026-06-30' });
    const a = compilePredicate({ kind: 'attribute', facet: 'state', op: 'eq', value: 'TX' }, ctx);
    const b = compilePredicate({ kind: 'rule', rule: 'active_customer' }, ctx);
    const out = ctx.finish(
      `SELECT SUM(CASE WHEN ${a} THEN 1 ELSE 0 END) AS a, SUM(CASE WHEN ${a} AND ${b} THEN 1 ELSE 0 END) AS ab FROM customers c`,
    );
    expect(out.params).toEqual(['2026-06-30', 'TX', 'completed', 90]);
    expect(out.sql.match(/\$2/g)).toHaveLength(2);
  });
});

describe('compileSegment: values never reach SQL text', () => {
  const NASTY = [
    "'; DROP TABLE customers; --",
    "O'Brien",
    'Robert"); DROP TABLE orders;--',
    'SELECT * FROM customers WHERE 1=1',
    'UNION ALL SELECT password FROM users',
    "\\'; DELETE FROM events; --",
  ];
  /** Values shaped like the dialects' own parameter markers: they must be bound like any other. */
  const MARKER_LIKE = ['$1', '@as_of', ':p1', '?'];
  const segments = (v: string): Segment[] => [
    seg({ kind: 'attribute', facet: 'city', op: 'eq', value: v }),
    seg({ kind: 'attribute', facet: 'state', op: 'in', values: ['TX', v] }),
    seg({ kind: 'attribute', facet: 'last_name', op: 'not_in', values: [v] }),
    seg({ kind: 'purchase', item: { brand: [v], category: [v], department: [v] } }),
    seg({ kind: 'purchase', order: { channel: [v as never], payment_method: [v as never], status: v as never } }),
    seg({ kind: 'event', event_type: ['search'], item: { brand: [v] } }),
    seg({ kind: 'not', child: { kind: 'attribute', facet: 'email', op: 'neq', value: v } }),
  ];

  for (const dialect of DIALECTS) {
    it(`${dialect}: every value is bound`, () => {
      for (const v of NASTY) {
        for (const s of segments(v)) {
          const compiled = compileSegment(s, { dialect, catalog, select: 'count' });
          expect(compiled.sql).not.toContain(v);
          expect(compiled.sql).not.toContain("'; DROP");
          expect(compiled.sql).not.toMatch(/DROP|DELETE|UNION|password|O'Brien/);
          expect(compiled.params).toContain(v);
        }
      }
      for (const v of MARKER_LIKE) {
        for (const s of segments(v)) {
          const compiled = compileSegment(s, { dialect, catalog, select: 'count' });
          expect(compiled.params).toContain(v);
          expect(compiled.sql).not.toContain(`'${v}'`);
        }
      }
    });
  }

  it('no string literal ever appears in the SQL, except fixed unit names', () => {
    for (const dialect of DIALECTS) {
      for (const s of Object.values(REPRESENTATIVE)) {
        const sql = compileSegment(s, { dialect, catalog, select: 'count' }).sql;
        const literals = sql.match(/'[^']*'/g) ?? [];
        for (const l of literals)
          expect(["'day'", "'month'", "'quarter'", "'year'", "'MONTH'", "'QUARTER'", "'YEAR'"]).toContain(l);
      }
    }
  });
});

describe('compileSegment: refuses what it cannot compile exactly', () => {
  const refuse = (where: unknown, code = ErrorCode.InvalidSegment): SmartsegError => {
    try {
      compileSegment({ version: 1, where } as Segment, { dialect: 'duckdb', catalog, select: 'count' });
    } catch (err) {
      expect(err).toBeInstanceOf(SmartsegError);
      expect((err as SmartsegError).code).toBe(code);
      return err as SmartsegError;
    }
    throw new Error('expected a refusal');
  };

  it('unknown facet, with its path', () => {
    const err = refuse(
      { kind: 'and', children: [{ kind: 'attribute', facet: 'shoe_size', op: 'eq', value: 9 }] },
      ErrorCode.UnknownFacet,
    );
    expect(err.details).toEqual([{ path: 'where.children[0].facet', message: "unknown facet 'shoe_size'" }]);
  });
  it('operator the facet does not take', () => {
    refuse({ kind: 'attribute', facet: 'gender', op: 'gt', value: 'female' });
  });
  it('value of the wrong type', () => {
    refuse({ kind: 'attribute', facet: 'loyalty_points', op: 'gt', value: '100; DROP TABLE x' });
    refuse({ kind: 'attribute', facet: 'signup_date', op: 'gt', value: '2026-02-30' });
  });
  it('unknown item / order filter keys (they would widen the audience)', () => {
    const err = refuse({ kind: 'purchase', item: { departmnet: ['Baby'] } });
    expect(err.details).toEqual([expect.objectContaining({ path: 'where.item.departmnet' })]);
    refuse({ kind: 'purchase', order: { chanel: ['web'] } });
  });
  it('empty value lists', () => {
    refuse({ kind: 'attribute', facet: 'state', op: 'in', values: [] });
    refuse({ kind: 'event', event_type: [] });
  });
  it('bad windows', () => {
    refuse({ kind: 'purchase', window: { type: 'last', n: -1, unit: 'day' } });
    refuse({ kind: 'purchase', window: { type: 'last', n: 1.5, unit: 'day' } });
    refuse({ kind: 'purchase', window: { type: 'last', n: 1, unit: 'fortnight' } });
    refuse({ kind: 'purchase', window: { type: 'month', year: 2025, month: 13 } });
    refuse({ kind: 'purchase', window: { type: 'since', date: 'yesterday' } });
  });
  it('unknown event type, model, rule; a model condition with two tests', () => {
    refuse({ kind: 'event', event_type: ['teleport'] });
    refuse({ kind: 'model', model: 'astrology', level: 'high' });
    refuse({ kind: 'model', model: 'churn_risk', level: 'high', top_percent: 10 });
    refuse({ kind: 'rule', rule: 'nope' });
  });
  it('an as-of date that is not a date', () => {
    expect(() =>
      compileSegment(seg({ kind: 'and', children: [] }), {
        dialect: 'duckdb',
        catalog,
        select: 'count',
        asOf: 'today',
      }),
    ).toThrow(SmartsegError);
  });
  it('a wrong version', () => {
    expect(() =>
      compileSegment({ version: 2, where: { kind: 'and', children: [] } } as unknown as Segment, {
        dialect: 'duckdb',
        catalog,
        select: 'count',
      }),
    ).toThrow(/version/);
  });
});
