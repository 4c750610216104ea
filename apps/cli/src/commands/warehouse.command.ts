import * as fs from 'node:fs';
import type { Command } from 'commander';
import { ErrorCode, SmartsegError, warehousePath } from '@smartseg/common';
import { DuckDbConnection, buildCustomerFacts, type CustomerFactsBuildStats } from '@smartseg/warehouse';
import { parseAsOf } from '../cli-context';

export interface WarehouseFactsOptions {
  tenant: string;
  asOf?: string;
  /** DuckDB memory_limit while building (e.g. '8GB'). */
  memoryLimit?: string;
}

/** (Re)builds a tenant's per-customer facts table in its embedded warehouse. */
export async function rebuildWarehouseFacts(options: WarehouseFactsOptions): Promise<CustomerFactsBuildStats> {
  const file = warehousePath(options.tenant);
  if (!fs.existsSync(file)) {
    throw new SmartsegError(
      ErrorCode.WarehouseMissing,
      `tenant "${options.tenant}" has no warehouse at ${file}; run "smartseg demo init" first`,
    );
  }
  const conn = await DuckDbConnection.open({
    path: file,
    poolSize: 1,
    ...(options.memoryLimit ? { memoryLimit: options.memoryLimit } : {}),
  });
  try {
    return await buildCustomerFacts(conn, options.asOf !== undefined ? { asOf: options.asOf } : {});
  } finally {
    await conn.close();
  }
}

export function registerWarehouseCommands(program: Command): void {
  const wh = program.command('warehouse').description("the tenant's embedded warehouse");
  wh.command('facts')
    .description("(re)build the per-customer facts table for an as-of date (default: the warehouse's)")
    .option('--as-of <date>', "as-of date YYYY-MM-DD (default: the warehouse's as_of)")
    .option('--tenant <id>', 'tenant id', 'demo')
    .option('--memory-limit <size>', "DuckDB memory limit while building, e.g. '8GB' (default: DuckDB's)")
    .option('--json', 'machine-readable output')
    .action(async (opts: { asOf?: string; tenant: string; json?: boolean; memoryLimit?: string }) => {
      const asOf = parseAsOf(opts.asOf);
      if (opts.memoryLimit !== undefined && !/^\d+(\.\d+)?\s*(MB|GB|MiB|GiB)$/i.test(opts.memoryLimit)) {
        throw new SmartsegError(ErrorCode.BadInput, `--memory-limit: "${opts.memoryLimit}" is not a size such as 8GB`, [
          { path: '--memory-limit', message: 'expected a size such as 8GB' },
        ]);
      }
      const stats = await rebuildWarehouseFacts({
        tenant: opts.tenant,
        ...(asOf !== undefined ? { asOf } : {}),
        ...(opts.memoryLimit !== undefined ? { memoryLimit: opts.memoryLimit } : {}),
      });
      const rssMb = Math.round(process.resourceUsage().maxRSS / 1024);
      const summary = {
        tenant: opts.tenant,
        asOf: stats.asOf,
        customers: stats.customers,
        columns: stats.columns,
        seconds: Number((stats.elapsedMs / 1000).toFixed(1)),
        peakRssMb: rssMb,
      };
      if (opts.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else
        process.stdout.write(
          `customer facts of "${summary.tenant}" as of ${summary.asOf}: ${summary.customers} customers, ` +
            `${summary.columns} columns, built in ${summary.seconds} s (peak RSS ${summary.peakRssMb} MB)\n`,
        );
    });
}
