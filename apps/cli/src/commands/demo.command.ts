import type { Command } from 'commander';
import { REFERENCE_RETAIL_DEFINITION, buildCatalog, CatalogFileStore } from '@smartseg/knowledge-store';
import { DuckDbConnection, generateDemoWarehouse, readCatalogFacts } from '@smartseg/warehouse';
import { parseAsOf } from '../cli-context';
import { parseIntOption } from './options';

export interface DemoInitOptions {
  customers: number;
  seed: number;
  asOf: string;
  tenant?: string;
  quiet?: boolean;
}

/** Generates the demo tenant's warehouse and catalog; returns the warehouse path. */
export async function demoInit(options: DemoInitOptions, log: (line: string) => void): Promise<string> {
  const tenant = options.tenant ?? 'demo';
  const started = Date.now();
  let lastStep = '';
  const { path } = await generateDemoWarehouse({
    tenant,
    customers: options.customers,
    seed: options.seed,
    asOf: options.asOf,
    onProgress: (step: string, done: number, total: number) => {
      if (step !== lastStep || done === total) {
        log(`  ${step} ${done}/${total} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
        lastStep = step;
      }
    },
  });
  const conn = await DuckDbConnection.open({ path, readOnly: true });
  try {
    const facts = await readCatalogFacts(conn);
    const catalog = buildCatalog({ ...REFERENCE_RETAIL_DEFINITION, tenant_id: tenant }, facts);
    const saved = new CatalogFileStore().save(catalog);
    log(`catalog v${saved.version} written to ${new CatalogFileStore().pathOf(tenant)}`);
  } finally {
    await conn.close();
  }
  log(`demo tenant "${tenant}" ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return path;
}

export function registerDemoCommands(program: Command): void {
  const demo = program.command('demo').description('the demo tenant (reference retail data)');
  demo
    .command('init')
    .description("(re)generate the demo tenant's warehouse and catalog and print the warehouse path")
    .option('--customers <n>', 'number of customers (1,000 to 10,000,000)', '50000')
    .option('--seed <s>', 'random seed', '7')
    .option('--as-of <date>', 'as-of date YYYY-MM-DD', '2026-06-30')
    .option('--tenant <id>', 'tenant id', 'demo')
    .action(async (opts: { customers: string; seed: string; asOf: string; tenant: string }) => {
      const customers = parseIntOption('--customers', opts.customers, 1000, 10_000_000);
      const seed = parseIntOption('--seed', opts.seed, 0, 2 ** 31 - 1);
      const asOf = parseAsOf(opts.asOf)!;
      const path = await demoInit({ customers, seed, asOf, tenant: opts.tenant }, (line) =>
        process.stderr.write(`${line}\n`),
      );
      process.stdout.write(`${path}\n`);
    });
}
