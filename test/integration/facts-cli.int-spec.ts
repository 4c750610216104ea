import * as fs from 'node:fs';
import * as path from 'node:path';
import { DuckDbConnection, readCustomerFactsInfo } from '@smartseg/warehouse';
import { smartseg, tempHome } from '../support/cli-runner';

/**
 * `smartseg demo init` leaves a warehouse with its facts; `smartseg warehouse facts [--as-of D]`
 * rebuilds them (the built CLI in dist/, as users run it).
 */
describe('smartseg warehouse facts', () => {
  const home = tempHome('smartseg-facts-cli-');
  const file = path.join(home, 'warehouses', 'demo.duckdb');
  const factsAsOf = async (): Promise<string | undefined> => {
    const db = await DuckDbConnection.open({ path: file, readOnly: true });
    try {
      return (await readCustomerFactsInfo(db))?.asOf;
    } finally {
      await db.close();
    }
  };

  beforeAll(() => {
    const r = smartseg(home, ['demo', 'init', '--customers', '1000', '--seed', '3']);
    if (r.code !== 0) throw new Error(`demo init failed: ${r.stderr}`);
  }, 300_000);
  afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

  it('demo init builds the facts for its as-of date', async () => {
    expect(await factsAsOf()).toBe('2026-06-30');
  });

  it("rebuilds them for another as-of date, and back for the warehouse's by default", async () => {
    const r = smartseg(home, ['warehouse', 'facts', '--as-of', '2026-05-31', '--json']);
    expect({ code: r.code, err: r.stderr }).toEqual({ code: 0, err: '' });
    const out = JSON.parse(r.stdout) as { asOf: string; customers: number; seconds: number; peakRssMb: number };
    expect(out).toEqual(expect.objectContaining({ asOf: '2026-05-31', customers: 1000 }));
    expect(out.peakRssMb).toBeGreaterThan(0);
    expect(await factsAsOf()).toBe('2026-05-31');

    const again = smartseg(home, ['warehouse', 'facts']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/as of 2026-06-30: 1000 customers/);
    expect(await factsAsOf()).toBe('2026-06-30');
  }, 120_000);

  it('refuses a bad date (exit 2) and a tenant without a warehouse', () => {
    const bad = smartseg(home, ['warehouse', 'facts', '--as-of', '2026-02-30']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--as-of/);
    const missing = smartseg(home, ['warehouse', 'facts', '--tenant', 'nobody']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/no warehouse/);
  });
});
