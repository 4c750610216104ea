import * as fs from 'node:fs';
import * as path from 'node:path';
import { ErrorCode, SmartsegError, warehousePath } from '@smartseg/common';
import { DuckDbConnection } from '../adapters/duckdb-connection.adapter';
import { generateRetailWarehouse, type GenerationProgress, type GenerationStats } from './retail-generator';

/** The spec's `smartseg demo init` defaults (reference-retail.md, section 3). */
export const DEMO_DEFAULTS = { tenant: 'demo', customers: 50_000, seed: 7, asOf: '2026-06-30' } as const;

export interface GenerateDemoOptions {
  /** Data home; default SMARTSEG_HOME (or ./.smartseg). */
  home?: string;
  tenant?: string;
  customers?: number;
  seed?: number;
  asOf?: string;
  onProgress?: GenerationProgress;
  /** Passed to the generator (see GenerateRetailOptions). */
  chunkCustomers?: number;
  memoryLimit?: string;
}

export interface GenerateDemoResult {
  /** $SMARTSEG_HOME/warehouses/<tenant>.duckdb */
  path: string;
  stats: GenerationStats;
}

const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

function removeDatabaseFiles(file: string): void {
  for (const f of [file, `${file}.wal`]) fs.rmSync(f, { force: true });
  fs.rmSync(`${file}.tmp`, { recursive: true, force: true });
}

/**
 * (Re)generates a tenant's embedded warehouse at $SMARTSEG_HOME/warehouses/<tenant>.duckdb.
 * The data is written to a temporary file in the same directory and renamed over the old
 * warehouse only when complete, so a failed or interrupted run never leaves a half-written one.
 */
export async function generateDemoWarehouse(opts: GenerateDemoOptions = {}): Promise<GenerateDemoResult> {
  const tenant = opts.tenant ?? DEMO_DEFAULTS.tenant;
  if (!TENANT_ID.test(tenant)) {
    throw new SmartsegError(ErrorCode.BadInput, `tenant must be letters, digits, '-' or '_', got ${JSON.stringify(tenant)}`, [
      { path: 'tenant', message: 'letters, digits, - or _' },
    ]);
  }
  const target = opts.home !== undefined ? warehousePath(tenant, { SMARTSEG_HOME: opts.home }) : warehousePath(tenant);
  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${tenant}.duckdb.${process.pid}.${Date.now()}.partial`);

  let conn: DuckDbConnection | null = null;
  try {
    conn = await DuckDbConnection.open({ path: tmp, ...(opts.memoryLimit ? { memoryLimit: opts.memoryLimit } : {}) });
    const stats = await generateRetailWarehouse(conn, {
      customers: opts.customers ?? DEMO_DEFAULTS.customers,
      seed: opts.seed ?? DEMO_DEFAULTS.seed,
      asOf: opts.asOf ?? DEMO_DEFAULTS.asOf,
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      ...(opts.chunkCustomers ? { chunkCustomers: opts.chunkCustomers } : {}),
    });
    await conn.close();
    conn = null;
    // A write-ahead log left by an earlier crash belongs to the old file; it must not replay onto the new one.
    fs.rmSync(`${target}.wal`, { force: true });
    fs.renameSync(tmp, target);
    removeDatabaseFiles(tmp);
    return { path: target, stats };
  } catch (err) {
    if (conn) await conn.close().catch(() => undefined);
    removeDatabaseFiles(tmp);
    throw err;
  }
}
