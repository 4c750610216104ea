import * as fc from 'fast-check';
import { ErrorCode, SmartsegError } from '@smartseg/common/server';
import { referenceRetailTestCatalog } from '@smartseg/knowledge-store';
import { compileSegment, DIALECTS, type Catalog, type Segment } from '@smartseg/segment-engine';
import { DuckDbConnection } from '@smartseg/warehouse';
import { AS_OF, HAND_CASES } from './compiler-cases';
import { fixtureScript } from './compiler-fixture';
import { segmentArb } from './compiler-segment.arbitrary';

/**
 * The compiler against a tiny hand-made DuckDB warehouse: every business meaning of spec
 * section 2 is checked against customer ids reasoned by hand (compiler-cases.ts), then random
 * segments are compiled in every dialect and run on DuckDB.
 */
describe('segment compiler on DuckDB (hand-reasoned fixture)', () => {
  const catalog = referenceRetailTestCatalog(AS_OF);
  let db: DuckDbConnection;

  beforeAll(async () => {
    db = await DuckDbConnection.open({ path: ':memory:', threads: 1 });
    await db.exec(fixtureScript('duckdb'));
  });
  afterAll(async () => {
    await db?.close();
  });

  async function ids(segment: Segment, asOf: string, cat: Catalog = catalog): Promise<number[]> {
    const compiled = compileSegment(segment, { dialect: 'duckdb', catalog: cat, select: 'ids', asOf });
    const rows = await db.query(compiled.sql, compiled.params);
    return rows.map((r) => Number(r['customer_id']));
  }

  it.each(HAND_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const segment: Segment = { version: 1, where: c.where };
    const asOf = c.asOf ?? AS_OF;
    expect(await ids(segment, asOf)).toEqual([...c.expected].sort((a, b) => a - b));
    const count = compileSegment(segment, { dialect: 'duckdb', catalog, select: 'count', asOf });
    const [row] = await db.query(count.sql, count.params);
    expect(Number(row!['n'])).toBe(c.expected.length);
  });

  it('uses the as-of date it is given, never the wall clock (D defaults to the catalog as_of)', async () => {
    const segment: Segment = { version: 1, where: { kind: 'purchase', window: { type: 'last', n: 30, unit: 'day' } } };
    const compiled = compileSegment(segment, { dialect: 'duckdb', catalog, select: 'ids' });
    expect(compiled.params[0]).toBe(AS_OF);
    expect(compiled.paramNames?.[0]).toBe('as_of');
    const rows = await db.query(compiled.sql, compiled.params);
    expect(rows.map((r) => Number(r['customer_id']))).toEqual([1, 12, 17, 26, 27, 28]);
  });

  it('refuses a rule that refers to itself', () => {
    const looped: Catalog = {
      ...catalog,
      rules: [
        ...catalog.rules,
        {
          id: 'a',
          label: 'a',
          description: '',
          synonyms: [],
          definition: { kind: 'and', children: [{ kind: 'rule', rule: 'b' }] },
        },
        {
          id: 'b',
          label: 'b',
          description: '',
          synonyms: [],
          definition: { kind: 'not', child: { kind: 'rule', rule: 'a' } },
        },
      ],
    };
    const segment: Segment = {
      version: 1,
      where: {
        kind: 'or',
        children: [
          { kind: 'rule', rule: 'vip' },
          { kind: 'rule', rule: 'a' },
        ],
      },
    };
    expect(() => compileSegment(segment, { dialect: 'duckdb', catalog: looped, select: 'count' })).toThrow(
      /refers to itself \(a -> b -> a\)/,
    );
    try {
      compileSegment(segment, { dialect: 'duckdb', catalog: looped, select: 'count' });
    } catch (err) {
      expect(err).toBeInstanceOf(SmartsegError);
      expect((err as SmartsegError).code).toBe(ErrorCode.InvalidSegment);
      expect((err as SmartsegError).details).toEqual([expect.objectContaining({ path: 'where.children[1]' })]);
    }
  });

  it('random valid segments compile in all six dialects and run on DuckDB', async () => {
    await fc.assert(
      fc.asyncProperty(segmentArb(catalog), async (segment) => {
        for (const dialect of DIALECTS) {
          const compiled = compileSegment(segment, { dialect, catalog, select: 'count', asOf: AS_OF });
          expect(compiled.sql.length).toBeGreaterThan(0);
        }
        const compiled = compileSegment(segment, { dialect: 'duckdb', catalog, select: 'count', asOf: AS_OF });
        const [row] = await db.query(compiled.sql, compiled.params);
        const n = Number(row!['n']);
        expect(n).toBeGreaterThanOrEqual(0);
        expect(n).toBeLessThanOrEqual(30);
        // NOT is the complement, whatever NULLs the predicate meets.
        const negated = compileSegment(
          { version: 1, where: { kind: 'not', child: segment.where } },
          { dialect: 'duckdb', catalog, select: 'count', asOf: AS_OF },
        );
        const [neg] = await db.query(negated.sql, negated.params);
        expect(n + Number(neg!['n'])).toBe(30);
      }),
      { numRuns: 300, seed: 20260331 },
    );
  });
});
