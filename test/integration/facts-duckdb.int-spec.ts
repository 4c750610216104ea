import * as fc from 'fast-check';
import { referenceRetailTestCatalog } from '@smartseg/knowledge-store';
import { compileSegment, type CustomerFactsInfo, type Segment } from '@smartseg/segment-engine';
import {
  AudienceService,
  DuckDbConnection,
  buildCustomerFacts,
  generateRetailWarehouse,
  readCustomerFactsInfo,
} from '@smartseg/warehouse';
import { checkGrid, countOf, exampleSegments, expectSameCount, factsSegmentArb } from './facts-equal-counts.helper';

/**
 * The per-customer facts table on DuckDB: a generated warehouse (3,000 customers, built with its
 * facts for the generator's as-of date) counts every example and a few hundred random segments
 * the same with and without facts; then the facts are rebuilt for a month-end as-of date and the
 * random segments run again; a segment at another as-of date never reads the facts.
 */
const GENERATED_AS_OF = '2026-06-30';
const MONTH_END_AS_OF = '2026-03-31';

describe('customer facts on DuckDB: same counts with and without facts', () => {
  let db: DuckDbConnection;
  let facts: CustomerFactsInfo;

  beforeAll(async () => {
    db = await DuckDbConnection.open({ path: ':memory:' });
    await generateRetailWarehouse(db, { customers: 3000, seed: 7, asOf: GENERATED_AS_OF });
    const info = await readCustomerFactsInfo(db);
    if (!info) throw new Error('generation did not build the customer facts');
    facts = info;
  }, 300_000);
  afterAll(async () => {
    await db?.close();
  });

  it('generation builds facts for its as-of date, one row per customer, with the catalog vocabulary', async () => {
    expect(facts.asOf).toBe(GENERATED_AS_OF);
    const [row] = await db.query(
      'SELECT (SELECT COUNT(*) FROM customer_facts) AS f, (SELECT COUNT(*) FROM customers) AS c, (SELECT COUNT(DISTINCT customer_id) FROM customer_facts) AS d',
    );
    expect(Number(row!['f'])).toBe(3000);
    expect(Number(row!['c'])).toBe(3000);
    expect(Number(row!['d'])).toBe(3000);
    expect(facts.layout.departments.map((d) => d.name)).toEqual(
      expect.arrayContaining(['Baby', 'Electronics', 'Sports & Outdoors']),
    );
    expect(facts.layout.events.map((e) => e.name)).toEqual(
      expect.arrayContaining(['app_open', 'email_open', 'unsubscribe']),
    );
    expect(facts.layout.models.map((m) => m.name).sort()).toEqual(
      ['churn_risk', 'discount_sensitivity', 'email_engagement', 'predicted_clv_12m', 'purchase_propensity_30d'].sort(),
    );
  });

  it('generation builds the purchase lines: every item of a customer order up to D, with its order and product', async () => {
    expect(facts.layout.lines).toBe('purchase_lines');
    const [row] = await db.query(
      `SELECT (SELECT COUNT(*) FROM purchase_lines) AS l,
              (SELECT COUNT(*) FROM orders o JOIN order_items oi ON oi.order_id = o.order_id
                WHERE o.customer_id IS NOT NULL AND CAST(o.order_ts AS DATE) <= DATE '${GENERATED_AS_OF}') AS i,
              (SELECT COUNT(*) FROM purchase_lines l JOIN products p ON p.product_id = l.product_id
                WHERE p.brand IS NOT DISTINCT FROM l.brand AND p.department = l.department) AS same`,
    );
    expect(Number(row!['l'])).toBeGreaterThan(3000);
    expect(Number(row!['l'])).toBe(Number(row!['i']));
    expect(Number(row!['same'])).toBe(Number(row!['l']));
  });

  it('a known customer: facts agree with hand-written aggregates', async () => {
    const [f] = await db.query(
      `SELECT f.customer_id, CAST(f.last_order_date AS VARCHAR) AS last, f.orders_all, f.orders_d90, f.spend_this_year
       FROM customer_facts f WHERE f.orders_all > 2 ORDER BY f.customer_id LIMIT 1`,
    );
    const id = Number(f!['customer_id']);
    const [h] = await db.query(
      `SELECT CAST(MAX(CAST(order_ts AS DATE)) AS VARCHAR) AS last, COUNT(*) AS n,
              COUNT(*) FILTER (WHERE CAST(order_ts AS DATE) >= DATE '${GENERATED_AS_OF}' - 90) AS n90,
              SUM(total_amount) FILTER (WHERE CAST(order_ts AS DATE) >= DATE '2026-01-01') AS ytd
       FROM orders WHERE customer_id = ${id} AND status = 'completed' AND CAST(order_ts AS DATE) <= DATE '${GENERATED_AS_OF}'`,
    );
    expect(f!['last']).toBe(h!['last']);
    expect(Number(f!['orders_all'])).toBe(Number(h!['n']));
    expect(Number(f!['orders_d90'])).toBe(Number(h!['n90']));
    expect(f!['spend_this_year']).toBe(h!['ytd']);
  });

  const examples = exampleSegments();
  it.each(examples.map((e) => [e.name, e.segment] as const))('example %s', async (_name, segment) => {
    await expectSameCount(db, segment, referenceRetailTestCatalog(GENERATED_AS_OF), GENERATED_AS_OF, facts);
  });

  it('most examples read the facts', async () => {
    const catalog = referenceRetailTestCatalog(GENERATED_AS_OF);
    const using = examples.filter((e) =>
      compileSegment(e.segment, { dialect: 'duckdb', catalog, select: 'count', facts }).sql.includes('customer_facts'),
    );
    expect(using.length).toBeGreaterThanOrEqual(14);
  });

  it('every window form x every mapped condition: same counts', async () => {
    const { total, usedFacts } = await checkGrid(
      db,
      referenceRetailTestCatalog(GENERATED_AS_OF),
      GENERATED_AS_OF,
      facts,
    );
    expect(usedFacts).toBeGreaterThan(total * 0.4);
  }, 300_000);

  it('~300 random segments: same count with and without facts', async () => {
    const catalog = referenceRetailTestCatalog(GENERATED_AS_OF);
    let used = 0;
    await fc.assert(
      fc.asyncProperty(factsSegmentArb(catalog), async (segment) => {
        if (await expectSameCount(db, segment, catalog, GENERATED_AS_OF, facts)) used++;
      }),
      { numRuns: 300 },
    );
    // The property is about the mapped conditions: a good share of draws must have read the facts.
    expect(used).toBeGreaterThan(90);
  }, 300_000);

  it("an as-of date other than the facts' falls back to the raw tables (same counts as without facts)", async () => {
    const asOf = '2026-06-29';
    const catalog = referenceRetailTestCatalog(asOf);
    for (const { segment } of examples) {
      const c = compileSegment(segment, { dialect: 'duckdb', catalog, select: 'count', asOf, facts });
      expect(c.sql).not.toContain('customer_facts');
    }
    const service = new AudienceService(db, catalog);
    expect(await service.factsFor(asOf)).toBeUndefined();
    expect((await service.factsFor(GENERATED_AS_OF))?.asOf).toBe(GENERATED_AS_OF);
    const seg: Segment = { version: 1, where: { kind: 'rule', rule: 'lapsed_customer' } };
    expect(await service.count(seg, { asOf })).toBe((await countOf(db, seg, catalog, asOf)).n);
  });

  it('AudienceService uses the facts (count, ids, breakdown, waterfall, why agree with facts off)', async () => {
    const catalog = referenceRetailTestCatalog(GENERATED_AS_OF);
    const on = new AudienceService(db, catalog);
    const off = new AudienceService(db, catalog, { facts: false });
    const opts = { asOf: GENERATED_AS_OF };
    for (const { segment } of examples.slice(0, 8)) {
      expect(await on.count(segment, opts)).toBe(await off.count(segment, opts));
      expect(await on.ids(segment, { ...opts, limit: 50 })).toEqual(await off.ids(segment, { ...opts, limit: 50 }));
      expect(await on.waterfall(segment, opts)).toEqual(await off.waterfall(segment, opts));
    }
    const seg: Segment = {
      version: 1,
      where: {
        kind: 'and',
        children: [
          { kind: 'rule', rule: 'active_customer' },
          { kind: 'model', model: 'churn_risk', level: 'low' },
        ],
      },
    };
    expect(await on.breakdown(seg, 'days_since_last_purchase', opts)).toEqual(
      await off.breakdown(seg, 'days_since_last_purchase', opts),
    );
    const [someone] = await on.ids(seg, { ...opts, limit: 1 });
    expect(someone).toBeDefined();
    const why = await on.why(seg, someone!, opts);
    expect(why.matches).toBe(true);
    expect(why).toEqual(await off.why(seg, someone!, opts));
    expect(await on.why(seg, 1, opts)).toEqual(await off.why(seg, 1, opts));
  });

  it('rebuilt for a month-end as-of date: ~200 random segments agree there too', async () => {
    const stats = await buildCustomerFacts(db, { asOf: MONTH_END_AS_OF });
    expect(stats.customers).toBe(3000);
    const monthEnd = (await readCustomerFactsInfo(db))!;
    expect(monthEnd.asOf).toBe(MONTH_END_AS_OF);
    const catalog = referenceRetailTestCatalog(MONTH_END_AS_OF);
    for (const { segment } of examples) await expectSameCount(db, segment, catalog, MONTH_END_AS_OF, monthEnd);
    await checkGrid(db, catalog, MONTH_END_AS_OF, monthEnd);
    await fc.assert(
      fc.asyncProperty(factsSegmentArb(catalog), async (segment) => {
        await expectSameCount(db, segment, catalog, MONTH_END_AS_OF, monthEnd);
      }),
      { numRuns: 200 },
    );
    // The old as-of date no longer has facts.
    const old = compileSegment(examples[0]!.segment, {
      dialect: 'duckdb',
      catalog: referenceRetailTestCatalog(GENERATED_AS_OF),
      select: 'count',
      asOf: GENERATED_AS_OF,
      facts: monthEnd,
    });
    expect(old.sql).not.toContain('customer_facts');
  }, 300_000);
});
