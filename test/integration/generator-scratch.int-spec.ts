import { DuckDbConnection, WarehouseConnection, type WarehouseRow } from '@smartseg/warehouse';
import { generateRetailWarehouse } from '../../libs/warehouse/src/generator/retail-generator';
import * as fs from 'node:fs';

class Timed extends WarehouseConnection {
  readonly dialect = 'duckdb' as const;
  constructor(private readonly c: DuckDbConnection) { super(); }
  async query<T extends WarehouseRow = WarehouseRow>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    if (process.env['GEN_DUMP'] && /^\s*(INSERT|CREATE)/.test(sql)) {
      let i = 0;
      const lit = (v: unknown) => v === null || v === undefined ? 'NULL' : typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : String(v);
      fs.appendFileSync(process.env['GEN_DUMP'], sql.replace(/\?/g, () => lit((params ?? [])[i++])) + ';\n\n');
    }
    const t = Date.now(); const r = await this.c.query<T>(sql, params); const ms = Date.now() - t;
    if (ms > 50) console.error(ms, 'ms Q', sql.replace(/\s+/g, ' ').slice(0, 100)); return r;
  }
  async exec(sql: string): Promise<void> {
    const t = Date.now(); await this.c.exec(sql); const ms = Date.now() - t;
    if (ms > 50) console.error(ms, 'ms E', sql.replace(/\s+/g, ' ').slice(0, 100));
    if (process.env['GEN_DUMP']) fs.appendFileSync(process.env['GEN_DUMP'], sql + ';\n\n');
  }
  async close() { await this.c.close(); }
}

jest.setTimeout(3_600_000);
test('scratch', async () => {
  const n = Number(process.env['GEN_N'] ?? 20000);
  const path = process.env['GEN_PATH'] ?? ':memory:';
  if (path !== ':memory:') fs.rmSync(path, { force: true });
  const raw = await DuckDbConnection.open({ path });
  const conn = new Timed(raw);
  const stats = await generateRetailWarehouse(conn, { customers: n, seed: 7, asOf: '2026-06-30' });
  console.log(JSON.stringify(stats));
  const q = async (sql: string) => console.log(sql.slice(0, 100), JSON.stringify(await raw.query(sql)));
  if (process.env['GEN_ANALYZE']) {
    for (const sql of fs.readFileSync(process.env['GEN_ANALYZE'], 'utf8').split(';;')) if (sql.trim()) await q(sql);
  }
  await conn.close();
});
