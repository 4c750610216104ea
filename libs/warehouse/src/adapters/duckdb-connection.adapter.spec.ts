import { DuckDBConnection } from '@duckdb/node-api';
import { DuckDbConnection } from './duckdb-connection.adapter';

/** A query that keeps DuckDB busy for a while (hundreds of ms on one thread). */
const SLOW = 'SELECT COUNT(*) AS n FROM range(40000000) t(x) WHERE hash(x) % 7 = 1';
const LESS_SLOW = 'SELECT COUNT(*) AS n FROM range(4000000) t(x) WHERE hash(x) % 7 = 1';

async function timed(run: () => Promise<unknown>, t0: number): Promise<{ start: number; end: number }> {
  const start = performance.now() - t0;
  await run();
  return { start, end: performance.now() - t0 };
}

describe('DuckDbConnection: a pool of connections on one instance', () => {
  it('runs two slow queries at the same time (the shorter one started second ends first)', async () => {
    const db = await DuckDbConnection.open({ path: ':memory:', threads: 1 });
    try {
      const t0 = performance.now();
      const long = timed(() => db.query(SLOW), t0);
      await new Promise((r) => setTimeout(r, 20));
      const short = timed(() => db.query(LESS_SLOW), t0);
      const [a, b] = await Promise.all([long, short]);
      expect(b.start).toBeGreaterThan(a.start);
      // With one connection the second query would wait for the first and end after it.
      expect(b.end).toBeLessThan(a.end);
      expect(db.openConnections).toBe(2);
    } finally {
      await db.close();
    }
  });

  it('with poolSize 1, queries queue (the second ends after the first)', async () => {
    const db = await DuckDbConnection.open({ path: ':memory:', threads: 1, poolSize: 1 });
    try {
      const t0 = performance.now();
      const long = timed(() => db.query(SLOW), t0);
      await new Promise((r) => setTimeout(r, 20));
      const short = timed(() => db.query(LESS_SLOW), t0);
      const [a, b] = await Promise.all([long, short]);
      expect(b.end).toBeGreaterThanOrEqual(a.end);
      expect(db.openConnections).toBe(1);
    } finally {
      await db.close();
    }
  });

  it('never opens more than poolSize connections; every query gets its answer', async () => {
    const db = await DuckDbConnection.open({ path: ':memory:', poolSize: 3 });
    try {
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          db.query<{ v: number }>(`SELECT ${i} AS v, COUNT(*) AS n FROM range(200000)`),
        ),
      );
      expect(answers.map((r) => r[0]!.v)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(db.openConnections).toBeLessThanOrEqual(3);
    } finally {
      await db.close();
    }
  });

  it('calls one after another share one session (temp tables, settings, transactions)', async () => {
    const db = await DuckDbConnection.open({ path: ':memory:' });
    try {
      await Promise.all([db.query('SELECT 1'), db.query('SELECT 2')]); // opens a second connection
      await db.exec('CREATE TEMP TABLE t AS SELECT 42 AS x');
      expect(await db.query('SELECT x FROM t')).toEqual([{ x: 42 }]);
      await db.exec('BEGIN');
      await db.exec('CREATE TABLE u (y INTEGER)');
      await db.exec('ROLLBACK');
      expect(await db.query("SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name = 'u'")).toEqual([
        { n: 0 },
      ]);
    } finally {
      await db.close();
    }
  });

  it('a failed script is rolled back and leaves its connection usable', async () => {
    const db = await DuckDbConnection.open({ path: ':memory:' });
    try {
      await expect(
        db.exec('BEGIN; CREATE TABLE v (z INTEGER); SELECT * FROM no_such_table; COMMIT;'),
      ).rejects.toThrow();
      expect(await db.query("SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name = 'v'")).toEqual([
        { n: 0 },
      ]);
      await db.exec('CREATE TABLE w AS SELECT 1 AS z');
      expect(await db.query('SELECT z FROM w')).toEqual([{ z: 1 }]);
    } finally {
      await db.close();
    }
  });

  it('applies the memory limit, threads and allocator settings it is given', async () => {
    const db = await DuckDbConnection.open({
      path: ':memory:',
      threads: 1,
      memoryLimit: '128MB',
      allocatorFlushThreshold: '16MB',
      allocatorBackgroundThreads: true,
    });
    try {
      const rows = await db.query<{ name: string; value: string }>(
        `SELECT name, value FROM duckdb_settings() WHERE name IN ('memory_limit', 'threads', 'allocator_flush_threshold', 'allocator_bulk_deallocation_flush_threshold', 'allocator_background_threads') ORDER BY name`,
      );
      const settings = Object.fromEntries(rows.map((r) => [r.name, r.value]));
      expect(settings).toEqual({
        allocator_background_threads: 'true',
        allocator_bulk_deallocation_flush_threshold: expect.stringMatching(/^1[56]\.\d+ MiB$/),
        allocator_flush_threshold: expect.stringMatching(/^1[56]\.\d+ MiB$/),
        memory_limit: expect.stringMatching(/^12[12]\.\d+ MiB$/),
        threads: '1',
      });
    } finally {
      await db.close();
    }
  });

  it('refuses a pool size below 1', async () => {
    await expect(DuckDbConnection.open({ path: ':memory:', poolSize: 0 })).rejects.toThrow(/poolSize/);
  });
});

describe('DuckDbConnection.query with parameters', () => {
  it('prepares one statement directly (no split into statements first) and binds its values', async () => {
    const db = await DuckDbConnection.open({ path: ':memory:', threads: 1 });
    const split = jest.spyOn(DuckDBConnection.prototype, 'extractStatements');
    try {
      const rows = await db.query('SELECT ?::INTEGER + 1 AS n, ?::VARCHAR AS s, ? IS NULL AS missing', [41, 'x', null]);
      expect(rows).toEqual([{ n: 42, s: 'x', missing: true }]);
      expect(await db.query('SELECT 7 AS n')).toEqual([{ n: 7 }]);
      expect(split).not.toHaveBeenCalled();
      await expect(db.query('SELECT * FROM no_such_table WHERE x = ?', [1])).rejects.toThrow(/no_such_table/);
    } finally {
      split.mockRestore();
      await db.close();
    }
  });

  it('still runs a text of several statements (all but the last, then the last with the values)', async () => {
    const db = await DuckDbConnection.open({ path: ':memory:', threads: 1, poolSize: 1 });
    try {
      const rows = await db.query('CREATE TEMP TABLE t AS SELECT 5 AS v; SELECT v + ? AS n FROM t', [1]);
      expect(rows).toEqual([{ n: 6 }]);
    } finally {
      await db.close();
    }
  });
});
