import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DuckDbConnection } from '@smartseg/warehouse';
import { generateDemoWarehouse, readWarehouseMeta } from '../../libs/warehouse/src/generator';

jest.setTimeout(120_000);

describe('generateDemoWarehouse', () => {
  let home: string;
  beforeAll(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'smartseg-demo-'));
  });
  afterAll(() => {
    fs.rmSync(home, { recursive: true, force: true });
  });

  const files = (): string[] => fs.readdirSync(path.join(home, 'warehouses')).sort();

  it('writes $SMARTSEG_HOME/warehouses/<tenant>.duckdb and replaces it atomically', async () => {
    const steps: string[] = [];
    const first = await generateDemoWarehouse({ home, customers: 1_000, seed: 3, onProgress: (s) => steps.push(s) });
    expect(first.path).toBe(path.join(home, 'warehouses', 'demo.duckdb'));
    expect(first.stats.customers).toBe(1_000);
    expect(steps).toContain('events');
    expect(files()).toEqual(['demo.duckdb']);

    const second = await generateDemoWarehouse({ home, customers: 1_200, seed: 3, asOf: '2026-03-31' });
    expect(second.path).toBe(first.path);
    expect(files()).toEqual(['demo.duckdb']);
    const conn = await DuckDbConnection.open({ path: second.path, readOnly: true });
    try {
      expect(await readWarehouseMeta(conn)).toEqual(expect.objectContaining({ customers: '1200', as_of: '2026-03-31', seed: '3' }));
      const [c] = await conn.query<{ n: number }>('SELECT count(*) AS n FROM customers');
      expect(c?.n).toBe(1_200);
    } finally {
      await conn.close();
    }
  });

  it('leaves the previous warehouse untouched when a run fails', async () => {
    const before = fs.statSync(path.join(home, 'warehouses', 'demo.duckdb'));
    await expect(generateDemoWarehouse({ home, customers: 1_000, asOf: 'not-a-date' })).rejects.toThrow(/asOf/);
    expect(files()).toEqual(['demo.duckdb']);
    const after = fs.statSync(path.join(home, 'warehouses', 'demo.duckdb'));
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(after.size).toBe(before.size);
  });

  it('refuses tenant ids that are not plain names', async () => {
    await expect(generateDemoWarehouse({ home, tenant: '../escape', customers: 1_000 })).rejects.toThrow(/tenant/);
  });
});
