import type { Command } from 'commander';
import { assertValidSegment, compileSegment, explainSegment, type Segment } from '@smartseg/segment-engine';
import { parseAsOf, TenantSession } from '../cli-context';
import { readJsonFile } from '../segment-file.reader';
import { DIALECTS, parseDialect, parseIntOption } from './options';
import { printJson } from './print';

interface CommonOpts {
  tenant: string;
  asOf?: string;
  json?: boolean;
  pii?: boolean;
}

async function withSegment<T>(
  file: string,
  opts: CommonOpts,
  needWarehouse: boolean,
  run: (session: TenantSession, segment: Segment) => Promise<T>,
): Promise<T> {
  const asOf = parseAsOf(opts.asOf);
  const input = readJsonFile(file);
  const session = await TenantSession.open({ tenant: opts.tenant, asOf, pii: opts.pii }, needWarehouse);
  try {
    const segment = assertValidSegment(input, {
      catalog: session.catalog,
      permissions: session.permissions,
      asOf: session.asOf,
    });
    return await run(session, segment);
  } finally {
    await session.close();
  }
}

function common(cmd: Command): Command {
  return cmd
    .option('--tenant <id>', 'tenant id', 'demo')
    .option('--as-of <date>', "as-of date YYYY-MM-DD (default: the warehouse's)")
    .option('--json', 'machine-readable output')
    .option('--pii', 'act with the pii permission (personal-data facets allowed)');
}

export function registerSegmentCommands(program: Command): void {
  const seg = program.command('segment').description('validate, count, explain and compile a segment file');

  common(seg.command('validate <file>').description('check a segment file against the tenant catalog')).action(
    async (file: string, opts: CommonOpts) => {
      await withSegment(file, opts, false, async (session, segment) => {
        if (opts.json) printJson({ ok: true, segment });
        else process.stdout.write(`valid: ${explainSegment(segment, session.catalog).text}\n`);
      });
    },
  );

  common(seg.command('count <file>').description('count the audience in the warehouse')).action(
    async (file: string, opts: CommonOpts) => {
      await withSegment(file, opts, true, async (session, segment) => {
        const count = await session.audience.count(segment, { asOf: session.asOf });
        if (opts.json) printJson({ count, as_of: session.asOf });
        else process.stdout.write(`${count}\n`);
      });
    },
  );

  common(seg.command('ids <file>').description('list the customer ids of the audience'))
    .option('--limit <n>', 'at most this many ids')
    .action(async (file: string, opts: CommonOpts & { limit?: string }) => {
      const limit = opts.limit === undefined ? undefined : parseIntOption('--limit', opts.limit, 1, 100_000_000);
      await withSegment(file, opts, true, async (session, segment) => {
        const ids = await session.audience.ids(segment, { asOf: session.asOf, limit });
        if (opts.json) printJson({ customer_ids: ids, count: ids.length });
        else process.stdout.write(ids.map((id) => `${id}\n`).join(''));
      });
    });

  common(seg.command('sql <file>').description('compile the segment to SQL with bound parameters'))
    .option('--dialect <d>', `one of ${DIALECTS.join(', ')}`, 'duckdb')
    .option('--select <what>', 'ids or count', 'ids')
    .action(async (file: string, opts: CommonOpts & { dialect: string; select: string }) => {
      const dialect = parseDialect(opts.dialect);
      const select = opts.select === 'count' ? 'count' : 'ids';
      await withSegment(file, opts, false, async (session, segment) => {
        const compiled = compileSegment(segment, { dialect, catalog: session.catalog, select });
        const params = compiled.params.map((p, i) => (i === 0 && p === undefined ? session.asOf : p));
        if (opts.json) printJson({ ...compiled, params, as_of: session.asOf });
        else {
          process.stdout.write(`${compiled.sql}\n`);
          process.stdout.write(`-- parameters: ${JSON.stringify(params)}\n`);
        }
      });
    });

  common(seg.command('explain <file>').description('the segment in plain English')).action(
    async (file: string, opts: CommonOpts) => {
      await withSegment(file, opts, false, async (session, segment) => {
        const explanation = explainSegment(segment, session.catalog);
        if (opts.json) printJson(explanation);
        else process.stdout.write(`${explanation.text}\n`);
      });
    },
  );

  common(seg.command('waterfall <file>').description('audience size after each top-level condition')).action(
    async (file: string, opts: CommonOpts) => {
      await withSegment(file, opts, true, async (session, segment) => {
        const steps = await session.audience.waterfall(segment, { asOf: session.asOf });
        if (opts.json) printJson({ steps, as_of: session.asOf });
        else {
          for (const s of steps) process.stdout.write(`${String(s.count).padStart(10)}  ${s.label}\n`);
        }
      });
    },
  );

  common(seg.command('why <file> <customer>').description('which conditions hold for one customer')).action(
    async (file: string, customer: string, opts: CommonOpts) => {
      const customerId = parseIntOption('<customer>', customer, 0, Number.MAX_SAFE_INTEGER);
      await withSegment(file, opts, true, async (session, segment) => {
        const why = await session.audience.why(segment, customerId, { asOf: session.asOf });
        if (opts.json) printJson(why);
        else {
          process.stdout.write(`customer ${customerId} is ${why.matches ? 'IN' : 'OUT of'} the segment\n`);
          for (const c of why.conditions) {
            process.stdout.write(`  ${c.holds ? 'yes' : 'no '}  ${c.label}\n`);
          }
        }
      });
    },
  );
}
