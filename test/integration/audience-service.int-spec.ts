import { ErrorCode, SmartsegError } from '@smartseg/common/server';
import { referenceRetailTestCatalog } from '@smartseg/knowledge-store';
import type { Segment, SegmentNode } from '@smartseg/segment-engine';
import { AudienceService, DuckDbConnection, retailIndexes, type WarehouseConnection } from '@smartseg/warehouse';
import { AS_OF } from './compiler-cases';
import { fixtureScript } from './compiler-fixture';
import { PgTestConnection } from './compiler-pg.connection';

/**
 * AudienceService over the hand-made fixture (compiler-fixture.ts), on DuckDB and, when
 * PG_TEST_URL is set, on PostgreSQL. Expected numbers are worked out by hand from the rows
 * (see compiler-cases.ts for the derived facts at 2026-03-31).
 */
const PG_URL = process.env['PG_TEST_URL'];
const seg = (where: SegmentNode): Segment => ({ version: 1, where });
const catalog = referenceRetailTestCatalog(AS_OF);
const opts = { asOf: AS_OF };

interface Backend {
  name: string;
  open(): Promise<{ conn: WarehouseConnection; cleanup(): Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'duckdb',
    async open() {
      const conn = await DuckDbConnection.open({ path: ':memory:', threads: 1 });
      await conn.exec(fixtureScript('duckdb'));
      return { conn, cleanup: () => conn.close() };
    },
  },
];
if (PG_URL) {
  backends.push({
    name: 'postgres',
    async open() {
      const schema = `smartseg_audience_${process.pid}_${Date.now().toString(36)}`;
      const conn = await PgTestConnection.open(PG_URL, schema);
      await conn.exec(fixtureScript('postgres'));
      await conn.exec(retailIndexes('postgres'));
      return {
        conn,
        cleanup: async () => {
          await conn.dropSchema(schema);
          await conn.close();
        },
      };
    },
  });
} else if (process.env['CI'] === 'true') {
  it('audience on PostgreSQL needs PG_TEST_URL in CI', () => {
    throw new Error('PG_TEST_URL is not set: the PostgreSQL audience tests must run in CI.');
  });
} else {
  console.warn('audience-service.int-spec: PostgreSQL part skipped because PG_TEST_URL is not set.');
}

describe.each(backends.map((b) => [b.name, b] as const))('AudienceService on %s', (_name, backend) => {
  let conn: WarehouseConnection;
  let cleanup: () => Promise<void>;
  let audience: AudienceService;

  beforeAll(async () => {
    ({ conn, cleanup } = await backend.open());
    audience = new AudienceService(conn, catalog);
  });
  afterAll(async () => {
    await cleanup?.();
  });

  it('count and ids (with a limit)', async () => {
    expect(await audience.count(seg({ kind: 'rule', rule: 'vip' }), opts)).toBe(3);
    expect(await audience.ids(seg({ kind: 'rule', rule: 'vip' }), opts)).toEqual([2, 15, 24]);
    expect(await audience.ids(seg({ kind: 'rule', rule: 'prospect' }), { ...opts, limit: 3 })).toEqual([4, 6, 14]);
    await expect(audience.ids(seg({ kind: 'rule', rule: 'prospect' }), { ...opts, limit: -1 })).rejects.toThrow(
      SmartsegError,
    );
  });

  it('breakdown by an enum facet: counts, labels, zero values, NULL as unknown (last)', async () => {
    const b = await audience.breakdown(seg({ kind: 'and', children: [] }), 'state', opts);
    expect(b.total).toBe(30);
    expect(b.buckets.slice(0, 8).map((x) => [x.key, x.count])).toEqual([
      ['TX', 20],
      ['CA', 2],
      ['NY', 2],
      ['FL', 1],
      ['GA', 1],
      ['IL', 1],
      ['OH', 1],
      ['WA', 1],
    ]);
    expect(b.buckets[0]!.label).toBe('Texas');
    expect(b.buckets.find((x) => x.key === 'AK')).toEqual({ key: 'AK', label: 'Alaska', count: 0 });
    expect(b.buckets[b.buckets.length - 1]).toEqual({ key: 'unknown', label: 'unknown', count: 1 });
    expect(b.buckets.reduce((s, x) => s + x.count, 0)).toBe(30);
  });

  it('breakdown of a segment by a boolean facet', async () => {
    const b = await audience.breakdown(seg({ kind: 'rule', rule: 'active_customer' }), 'has_children', opts);
    expect(b.total).toBe(11);
    expect(b.buckets.map((x) => [x.key, x.count])).toEqual([
      ['false', 9],
      ['true', 2],
    ]);
  });

  it('breakdown by age in bands', async () => {
    const b = await audience.breakdown(seg({ kind: 'and', children: [] }), 'age', opts);
    expect(b.buckets.map((x) => [x.key, x.count])).toEqual([
      ['under 18', 1],
      ['18-24', 3],
      ['25-34', 9],
      ['35-44', 8],
      ['45-54', 3],
      ['55-64', 3],
      ['65+', 2],
      ['unknown', 1],
    ]);
    expect(b.total).toBe(30);
  });

  it('breakdown by recency in day bands (never-buyers unknown)', async () => {
    const b = await audience.breakdown(seg({ kind: 'and', children: [] }), 'days_since_last_purchase', opts);
    expect(b.buckets.map((x) => [x.key, x.count])).toEqual([
      ['0-30', 6],
      ['31-90', 5],
      ['91-180', 3],
      ['181-365', 1],
      ['366+', 2],
      ['unknown', 13],
    ]);
  });

  it('breakdown by birth month, sign-up year, household size and loyalty points', async () => {
    const all = seg({ kind: 'and', children: [] });
    const months = await audience.breakdown(all, 'birth_month', opts);
    expect(months.buckets.map((x) => x.count)).toEqual([3, 3, 6, 4, 1, 1, 2, 1, 1, 2, 2, 3, 1]);
    expect(months.buckets[2]).toEqual({ key: '3', label: 'March', count: 6 });
    const years = await audience.breakdown(all, 'signup_date', opts);
    expect(years.buckets.map((x) => [x.key, x.count])).toEqual([
      ['2024', 26],
      ['2020', 1],
      ['2025', 1],
      ['2026', 1],
      ['unknown', 1],
    ]);
    const household = await audience.breakdown(all, 'household_size', opts);
    expect(household.buckets.map((x) => [x.key, x.count])).toEqual([
      ['2', 27],
      ['3', 1],
      ['4', 1],
      ['5', 1],
    ]);
    const points = await audience.breakdown(all, 'loyalty_points', opts);
    expect(points.buckets.filter((x) => x.count > 0).map((x) => [x.key, x.count])).toEqual([
      ['under 10000', 29],
      ['unknown', 1],
    ]);
  });

  it('breakdown refuses unknown facets and PII without permission', async () => {
    const all = seg({ kind: 'and', children: [] });
    await expect(audience.breakdown(all, 'shoe_size', opts)).rejects.toMatchObject({ code: ErrorCode.UnknownFacet });
    await expect(audience.breakdown(all, 'birth_date', opts)).rejects.toMatchObject({
      code: ErrorCode.PiiNotPermitted,
    });
    const b = await audience.breakdown(all, 'birth_date', { ...opts, permissions: { pii: true } });
    expect(b.total).toBe(30);
  });

  it('waterfall: cumulative counts after each top-level condition, labelled in plain words', async () => {
    const segment = seg({
      kind: 'and',
      children: [
        { kind: 'attribute', facet: 'state', op: 'eq', value: 'TX' },
        { kind: 'rule', rule: 'active_customer' },
        { kind: 'attribute', facet: 'has_children', op: 'eq', value: false },
      ],
    });
    expect(await audience.waterfall(segment, opts)).toEqual([
      { path: 'where.children[0]', label: 'live in Texas', count: 20, removed: 10 },
      { path: 'where.children[1]', label: expect.stringMatching(/^are active customers/), count: 8, removed: 12 },
      { path: 'where.children[2]', label: expect.stringMatching(/children/), count: 6, removed: 2 },
    ]);
    expect(await audience.waterfall(seg({ kind: 'rule', rule: 'vip' }), opts)).toEqual([
      { path: 'where', label: expect.stringMatching(/^are VIPs/), count: 3, removed: 27 },
    ]);
    expect(await audience.waterfall(seg({ kind: 'and', children: [] }), opts)).toEqual([]);
  });

  it('waterfall labels come from the phrase function when one is given', async () => {
    const phrased = new AudienceService(conn, catalog, { phrase: (node) => `<${node.kind}>` });
    const steps = await phrased.waterfall(
      seg({
        kind: 'and',
        children: [
          { kind: 'rule', rule: 'vip' },
          { kind: 'birthday', when: 'this_month' },
        ],
      }),
      opts,
    );
    expect(steps.map((s) => [s.label, s.count])).toEqual([
      ['<rule>', 3],
      ['<birthday>', 1],
    ]);
  });

  it('why: each leaf condition and the whole segment for one customer', async () => {
    const segment = seg({
      kind: 'and',
      children: [
        { kind: 'attribute', facet: 'state', op: 'eq', value: 'TX' },
        {
          kind: 'or',
          children: [
            { kind: 'rule', rule: 'lapsed_customer' },
            { kind: 'rule', rule: 'churned_customer' },
          ],
        },
        { kind: 'not', child: { kind: 'attribute', facet: 'age', op: 'lt', value: 18 } },
      ],
    });
    const eleven = await audience.why(segment, 11, opts);
    expect(eleven.matches).toBe(true);
    expect(eleven.conditions.map((c) => [c.path, c.holds])).toEqual([
      ['where.children[0]', true],
      ['where.children[1].children[0]', false],
      ['where.children[1].children[1]', true],
      ['where.children[2].child', false],
    ]);
    const four = await audience.why(segment, 4, opts);
    expect(four.matches).toBe(false);
    expect(four.conditions.map((c) => c.holds)).toEqual([false, false, false, false]);
    await expect(audience.why(segment, 999, opts)).rejects.toMatchObject({ code: ErrorCode.NotFound });
  });
});
