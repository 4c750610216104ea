import { Readable } from 'node:stream';
import { SmartsegError } from '@smartseg/common';
import { POSTGRES_TYPE_PARSERS, PostgresConnection, pgCopyFrom, quotePgIdentifier } from './postgres-connection.adapter';

const parse = (oid: number, text: string): unknown => (POSTGRES_TYPE_PARSERS.getTypeParser(oid, 'text') as (v: string) => unknown)(text);

describe('PostgreSQL type parsers', () => {
  it('reads BIGINT and NUMERIC as numbers, DATE as YYYY-MM-DD, timestamps as the DuckDB adapter does', () => {
    expect(parse(20, '9007199254740991')).toBe(9007199254740991);
    expect(parse(1700, '1234.50')).toBe(1234.5);
    expect(parse(1082, '2026-06-30')).toBe('2026-06-30');
    expect(parse(1114, '2026-06-30 13:04:05.123456')).toBe('2026-06-30T13:04:05.123Z');
    expect(parse(1114, '2026-06-30 13:04:05')).toBe('2026-06-30T13:04:05.000Z');
    expect(parse(1114, '2026-06-30 00:00:00')).toBe('2026-06-30');
    expect(parse(1184, '2026-06-30 13:04:05+02')).toBe('2026-06-30T11:04:05.000Z');
    expect(parse(23, '42')).toBe(42);
    expect(parse(16, 't')).toBe(true);
  });

  it('quotes plain identifiers and refuses anything else', () => {
    expect(quotePgIdentifier('tenant_1')).toBe('"tenant_1"');
    expect(() => quotePgIdentifier('a"; DROP TABLE x; --')).toThrow(SmartsegError);
    expect(() => quotePgIdentifier('')).toThrow(SmartsegError);
  });
});

const PG_URL = process.env['PG_TEST_URL'];
const live = PG_URL ? describe : describe.skip;

live('PostgresConnection (live, PG_TEST_URL)', () => {
  const schema = `smartseg_adapter_${process.pid}_${Date.now().toString(36)}`;
  let pg: PostgresConnection;

  beforeAll(async () => {
    const admin = await PostgresConnection.open({ url: PG_URL! });
    await admin.exec(`CREATE SCHEMA "${schema}"`);
    await admin.close();
    pg = await PostgresConnection.open({ url: PG_URL!, schema });
  });
  afterAll(async () => {
    await pg.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pg.close();
  });

  it('runs scripts in its schema and binds $n parameters', async () => {
    expect(pg.dialect).toBe('postgres');
    await pg.exec(`
      CREATE TABLE t (id BIGINT PRIMARY KEY, d DATE, ts TIMESTAMP, amount DECIMAL(10,2), score DOUBLE PRECISION, ok BOOLEAN, name VARCHAR);
      INSERT INTO t VALUES (1, '2026-06-30', '2026-06-30 10:11:12.5', 12.30, 0.25, true, 'x'), (2, NULL, NULL, NULL, NULL, NULL, NULL);`);
    const rows = await pg.query('SELECT * FROM t WHERE id >= $1 ORDER BY id', [1]);
    expect(rows).toEqual([
      { id: 1, d: '2026-06-30', ts: '2026-06-30T10:11:12.500Z', amount: 12.3, score: 0.25, ok: true, name: 'x' },
      { id: 2, d: null, ts: null, amount: null, score: null, ok: null, name: null },
    ]);
    const [agg] = await pg.query('SELECT count(*) AS n, sum(id) AS s, avg(amount) AS a FROM t');
    expect(agg).toEqual({ n: 2, s: 3, a: 12.3 });
    const [where] = await pg.query<{ s: string }>('SELECT current_schema() AS s');
    expect(where?.s).toBe(schema);
  });

  it('leaves pg global type parsers alone', async () => {
    const { Client, types } = await import('pg');
    expect(types.getTypeParser(20, 'text')('12')).toBe('12');
    const c = new Client({ connectionString: PG_URL! });
    await c.connect();
    try {
      const r = await c.query('SELECT 12::BIGINT AS n');
      expect(r.rows[0].n).toBe('12');
    } finally {
      await c.end();
    }
  });

  it('streams COPY FROM STDIN and reports bad data as an error, keeping the client usable', async () => {
    await pg.exec('CREATE TABLE c (id BIGINT, name VARCHAR)');
    const n = await pg.withClient((client) =>
      pgCopyFrom(client, 'COPY c (id, name) FROM STDIN WITH (FORMAT csv)', Readable.from(['1,"a"\n2,"b, c"\n', '3,\n'])),
    );
    expect(n).toBe(3);
    expect(await pg.query('SELECT id, name FROM c ORDER BY id')).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b, c' },
      { id: 3, name: null },
    ]);
    await expect(
      pg.withClient((client) => pgCopyFrom(client, 'COPY c (id, name) FROM STDIN WITH (FORMAT csv)', Readable.from(['x,"a"\n']))),
    ).rejects.toThrow(/invalid input syntax/);
    await expect(
      pg.withClient(async (client) => {
        const failing = new Readable({
          read() {
            this.destroy(new Error('source broke'));
          },
        });
        return pgCopyFrom(client, 'COPY c (id, name) FROM STDIN WITH (FORMAT csv)', failing);
      }),
    ).rejects.toThrow(/source broke/);
    const [after] = await pg.query('SELECT count(*) AS n FROM c');
    expect(after).toEqual({ n: 3 });
  });

  it('reports an unreachable server as a warehouse error', async () => {
    await expect(PostgresConnection.open({ url: 'postgres://nobody@127.0.0.1:1/none' })).rejects.toBeInstanceOf(SmartsegError);
  });
});
