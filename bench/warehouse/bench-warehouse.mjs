#!/usr/bin/env node
// bench/warehouse: generation time and peak RSS at 1M customers; the per-customer facts build
// (time, peak RSS); median count time of the examples on DuckDB with the facts and on the raw
// tables, at 1M (and 10M with --10m); compiled-SQL time / hand-written-SQL time on the same
// examples in the same run (the hand-written SQL over the raw tables is the baseline).
//   npm run bench:warehouse [-- --sizes 1000000,10000000] [--10m] [--runs 3] [--home DIR]
// --generate-only: generate and record the figures, count nothing (a long 10M generation ahead of time)
// --rebuild-facts: rebuild the facts of a reused warehouse even when they are there for its as-of date
// --no-raw: skip the raw-table counts (they take minutes at 10M)
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const require = createRequire(import.meta.url);
const dist = (p) => require(path.join(root, 'dist', p));
const { DuckDbConnection, readCatalogFacts, readCustomerFactsInfo, compileSegment } = {
  ...dist('libs/warehouse/src/index.js'),
  ...dist('libs/segment-engine/src/index.js'),
};
const { buildCatalog, REFERENCE_RETAIL_DEFINITION } = dist('libs/knowledge-store/src/index.js');

const argv = process.argv.slice(2);
const opt = (name, def) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : def);
const sizes = (argv.includes('--10m') ? '1000000,10000000' : opt('--sizes', '1000000')).split(',').map(Number);
const runs = Number(opt('--runs', '3'));
const keep = argv.includes('--keep');
const rebuildFacts = argv.includes('--rebuild-facts');
const withRaw = !argv.includes('--no-raw');
// --home DIR: use (or leave) the generated warehouses in DIR/<customers>/ instead of a temp dir
const reuseRoot = opt('--home', undefined);

const examplesDir = path.join(root, 'examples');
const handDir = path.join(examplesDir, 'hand-written');
const pairs = fs
  .readdirSync(handDir)
  .filter((f) => f.endsWith('.sql'))
  .map((f) => ({
    name: f.replace(/\.sql$/, ''),
    segment: JSON.parse(fs.readFileSync(path.join(examplesDir, f.replace(/\.sql$/, '.segment.json')), 'utf8')),
    hand: fs.readFileSync(path.join(handDir, f), 'utf8').trim().replace(/;\s*$/, ''),
  }));
const allExamples = fs.readdirSync(examplesDir).filter((f) => f.endsWith('.segment.json'));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
async function timeIt(fn) {
  const times = [];
  let value;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    value = await fn();
    times.push(performance.now() - t);
  }
  return { ms: median(times), value };
}

console.log(
  `bench/warehouse on ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; sizes ${sizes.join(', ')}; median of ${runs} runs`,
);
for (const customers of sizes) {
  const home = reuseRoot
    ? path.join(path.resolve(reuseRoot), String(customers))
    : fs.mkdtempSync(path.join(os.tmpdir(), 'smartseg-bench-'));
  console.log(`\n== ${customers.toLocaleString('en-US')} customers`);
  const existing = path.join(home, 'warehouses', 'demo.duckdb');
  const reused = reuseRoot && fs.existsSync(existing) && fs.existsSync(path.join(home, 'generation.json'));
  const out = reused
    ? fs.readFileSync(path.join(home, 'generation.json'), 'utf8')
    : execFileSync(process.execPath, [path.join(root, 'bench', 'warehouse', 'generate-child.mjs'), String(customers)], {
        env: { ...process.env, SMARTSEG_HOME: home },
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 1 << 20,
      }).toString();
  const gen = JSON.parse(out.trim().split('\n').pop());
  if (reuseRoot && !reused) fs.writeFileSync(path.join(home, 'generation.json'), JSON.stringify(gen));
  if (reused) console.log('(warehouse reused from an earlier run of this bench; its generation figures follow)');
  const bytes = fs.statSync(gen.file).size;
  console.log(
    `generation: ${gen.seconds.toFixed(1)} s, peak RSS ${(gen.maxRssMb / 1024).toFixed(2)} GiB, file ${(bytes / 2 ** 30).toFixed(2)} GiB`,
  );

  if (argv.includes('--generate-only')) continue;
  if (gen.stepMs?.facts !== undefined && !reused)
    console.log(`  of which the facts build: ${(gen.stepMs.facts / 1000).toFixed(1)} s`);

  // Facts for the warehouse's as-of date: built by generation; a reused (older) warehouse gets them
  // from the CLI command, timed in its own process (time and peak RSS).
  let conn = await DuckDbConnection.open({ path: gen.file, readOnly: true });
  const meta = await conn.query("SELECT value FROM smartseg_meta WHERE key = 'as_of'");
  let info = await readCustomerFactsInfo(conn);
  if (rebuildFacts || !info || info.asOf !== meta[0]?.value) {
    await conn.close();
    const out = execFileSync(
      process.execPath,
      [path.join(root, 'dist', 'apps', 'cli', 'src', 'main.js'), 'warehouse', 'facts', '--json'],
      {
        env: { ...process.env, SMARTSEG_HOME: home },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    ).toString();
    const built = JSON.parse(out.trim().split('\n').pop());
    console.log(
      `facts build (smartseg warehouse facts): ${built.seconds.toFixed(1)} s, peak RSS ${(built.peakRssMb / 1024).toFixed(2)} GiB, ${built.columns} columns`,
    );
    conn = await DuckDbConnection.open({ path: gen.file, readOnly: true });
    info = await readCustomerFactsInfo(conn);
  }
  const facts = info ?? undefined;
  const catalogFacts = await readCatalogFacts(conn);
  const catalog = buildCatalog(REFERENCE_RETAIL_DEFINITION, catalogFacts);
  const asOf = catalogFacts.as_of;
  console.log(`facts: ${facts ? `as of ${facts.asOf}` : 'none'}`);
  const compile = (segment, useFacts) =>
    compileSegment(segment, {
      dialect: 'duckdb',
      catalog,
      select: 'count',
      asOf,
      ...(useFacts && facts ? { facts } : {}),
    });

  const factTimes = [];
  const rawTimes = [];
  for (const f of allExamples) {
    const segment = JSON.parse(fs.readFileSync(path.join(examplesDir, f), 'utf8'));
    const c = compile(segment, true);
    await conn.query(c.sql, c.params); // warm
    const withFacts = await timeIt(() => conn.query(c.sql, c.params));
    factTimes.push(withFacts.ms);
    let line = `  ${f.replace('.segment.json', '').padEnd(42)} facts ${withFacts.ms.toFixed(0).padStart(6)} ms${c.sql.includes('customer_facts') ? '' : ' (raw SQL)'}`;
    if (withRaw) {
      const r = compile(segment, false);
      const raw = await timeIt(() => conn.query(r.sql, r.params));
      rawTimes.push(raw.ms);
      const same = Number(raw.value[0].n) === Number(withFacts.value[0].n);
      line += `  raw ${raw.ms.toFixed(0).padStart(6)} ms  ${same ? 'same count' : 'COUNTS DIFFER'}`;
    }
    console.log(line);
  }
  console.log(
    `count, all ${allExamples.length} examples, with facts: median ${median(factTimes).toFixed(0)} ms, max ${Math.max(...factTimes).toFixed(0)} ms   (goal at 10M: median <= 1000 ms)`,
  );
  if (withRaw)
    console.log(
      `count, all ${allExamples.length} examples, raw tables: median ${median(rawTimes).toFixed(0)} ms, max ${Math.max(...rawTimes).toFixed(0)} ms`,
    );

  let compiledTotal = 0;
  let handTotal = 0;
  const ratios = [];
  for (const p of pairs) {
    const c = compile(p.segment, true);
    const handSql = `SELECT COUNT(*) AS n FROM (${p.hand.replaceAll('{{as_of}}', `DATE '${asOf}'`)}) h`;
    await conn.query(handSql);
    const compiled = await timeIt(() => conn.query(c.sql, c.params));
    const hand = await timeIt(() => conn.query(handSql));
    const same = Number(compiled.value[0].n) === Number(hand.value[0].n);
    compiledTotal += compiled.ms;
    handTotal += hand.ms;
    ratios.push(compiled.ms / Math.max(hand.ms, 0.01));
    console.log(
      `  ${p.name.padEnd(42)} compiled ${compiled.ms.toFixed(0).padStart(6)} ms  hand ${hand.ms.toFixed(0).padStart(6)} ms  ${same ? 'same count' : 'COUNTS DIFFER'}`,
    );
  }
  console.log(
    `compiled (with facts) / hand-written (raw tables) time: ${(compiledTotal / handTotal).toFixed(2)} (sum over ${pairs.length} examples), median ratio ${median(ratios).toFixed(2)}   (goal <= 1.2)`,
  );
  await conn.close();
  if (!keep && !reuseRoot) fs.rmSync(home, { recursive: true, force: true });
  else console.log(`kept: ${home}`);
}
