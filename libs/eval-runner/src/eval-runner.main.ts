import * as fs from 'node:fs';
import * as path from 'node:path';
import { warehousePath } from '@smartseg/common';
import { CatalogFileStore } from '@smartseg/knowledge-store';
import { verifySegment, type Segment } from '@smartseg/segment-engine';
import { UnderstandingEngine } from '@smartseg/understanding';
import { AudienceService, DuckDbConnection } from '@smartseg/warehouse';
import type { CaseResult, EvalReport } from './eval-case.model';
import { checkGates, computeMetrics, type Gates } from './eval-metrics';
import { renderReport } from './eval-report';
import { loadCases, runCase, type EvalSubject } from './eval-runner';

interface Args {
  /** dev, test, all (= dev + test), or the name of any other <name>.jsonl in the cases folder. */
  split: string;
  gate: boolean;
  tenant: string;
  casesDir: string;
  reportDir: string;
  verbose: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    split: 'dev',
    gate: false,
    tenant: 'demo',
    casesDir: path.resolve('evals/cases'),
    reportDir: path.resolve('evals/reports'),
    verbose: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--split') {
      const v = next();
      if (!/^[a-z0-9_-]+$/i.test(v)) throw new Error('--split must be dev, test, all or the name of a cases file');
      args.split = v;
    } else if (a === '--gate') args.gate = true;
    else if (a === '--tenant') args.tenant = next();
    else if (a === '--cases') args.casesDir = path.resolve(next());
    else if (a === '--report-dir') args.reportDir = path.resolve(next());
    else if (a === '--verbose' || a === '-v') args.verbose = true;
    else throw new Error(`unknown option ${a}`);
  }
  return args;
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`BAD_INPUT: ${(e as Error).message}\n`);
    return 2;
  }
  const catalog = new CatalogFileStore().load(args.tenant);
  const conn = await DuckDbConnection.open({ path: warehousePath(args.tenant), readOnly: true });
  const [{ n }] = (await conn.query<{ n: number }>('SELECT COUNT(*) AS n FROM customers')) as [{ n: number }];
  const asOf = catalog.as_of;
  const audience = new AudienceService(conn, catalog);
  const engine = new UnderstandingEngine(catalog);
  const permissions = { pii: false };
  const subject: EvalSubject = {
    catalog,
    async answer(turns) {
      let current: Segment | undefined;
      // the conversation's earlier segments, oldest first ("undo that" goes back to them)
      const previous: Segment[] = [];
      let last: { status: 'segment' | 'clarify' | 'refuse' | 'error'; segment?: Segment } = { status: 'error' };
      for (const text of turns) {
        const r = await engine.understand(text, {
          asOf,
          permissions,
          ...(current ? { current, previous: [...previous] } : {}),
        });
        last = r.status === 'segment' ? { status: 'segment', segment: r.segment } : { status: r.status };
        if (r.status === 'segment') {
          if (current) previous.push(current);
          current = r.segment;
        }
      }
      return last;
    },
    isValid: (segment) => verifySegment(segment, { catalog, permissions, asOf }).ok,
    segmentIds: (segment) => audience.ids(segment, { asOf }),
    async goldIds(sql) {
      const rows = await conn.query<{ customer_id: number }>(
        `SELECT DISTINCT customer_id FROM (${sql.replaceAll('{{as_of}}', `DATE '${asOf}'`)}) gold`,
      );
      return rows.map((r) => Number(r.customer_id));
    },
  };
  const gateFile = JSON.parse(fs.readFileSync(path.join(args.casesDir, '..', 'gates.json'), 'utf8')) as {
    enforce?: boolean;
  } & Record<string, Gates | boolean | string>;
  const gates = gateFile as Record<string, Gates>;
  const splits = args.split === 'all' ? ['dev', 'test'] : [args.split];
  for (const split of splits) {
    if (!fs.existsSync(path.join(args.casesDir, `${split}.jsonl`))) {
      process.stderr.write(`BAD_INPUT: no cases file ${split}.jsonl in ${args.casesDir}\n`);
      return 2;
    }
  }
  let failed = false;
  fs.mkdirSync(args.reportDir, { recursive: true });
  for (const split of splits) {
    const cases = loadCases(path.join(args.casesDir, `${split}.jsonl`));
    const results: CaseResult[] = [];
    for (const c of cases) results.push(await runCase(c, split, subject));
    const byCategory: Record<string, CaseResult[]> = {};
    for (const r of results) (byCategory[r.category] ??= []).push(r);
    const report: EvalReport = {
      split,
      as_of: asOf,
      customers: Number(n),
      generated_at: new Date().toISOString(),
      overall: computeMetrics(results),
      by_category: Object.fromEntries(Object.entries(byCategory).map(([k, v]) => [k, computeMetrics(v)])),
      failures: results.filter((r) => !r.statusOk || r.executionOk === false || !r.schemaValid || r.hallucinated),
    };
    if (args.gate && gates[split]) {
      const failures = checkGates(report.overall, gates[split]!);
      report.gate = { passed: failures.length === 0, failures };
      if (failures.length && gateFile.enforce === true) failed = true;
    }
    fs.writeFileSync(path.join(args.reportDir, `${split}.json`), JSON.stringify(report, null, 2));
    process.stdout.write(`${renderReport(report)}\n`);
    if (args.verbose) {
      for (const f of report.failures) {
        const c = cases.find((x) => x.id === f.id)!;
        process.stdout.write(
          `  ${f.id} [${f.category}] expect=${f.expect} got=${f.status} exec=${f.executionOk} pred=${f.predictedCount} gold=${f.goldCount} :: ${c.text ?? c.turns?.join(' | ')}\n`,
        );
      }
    }
    process.stdout.write(`report: ${path.join(args.reportDir, `${split}.json`)}\n\n`);
  }
  await conn.close();
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`INTERNAL: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
