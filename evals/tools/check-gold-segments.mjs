#!/usr/bin/env node
// Checks that every case's gold_segment selects exactly the customers its gold_sql selects.
//
// For every case with both gold_sql and gold_segment:
//   1. verifySegment(segment, {catalog, permissions: {pii: false}, asOf}) must be ok;
//   2. compileSegment(segment, {dialect: 'duckdb', catalog, select: 'ids', asOf}) -> {sql, params};
//   3. both run on the warehouse: gold SQL with {{as_of}} = DATE '<as-of>', the compiled SQL with its
//      params bound as given (the compiler binds D itself, as $1, from the `asOf` option);
//   4. the two id sets are compared: counts, |gold \ segment|, |segment \ gold|, a few example ids.
//
// The product code is used as compiled JavaScript (it is TypeScript):
//   cd /work/main && npx tsc -p tsconfig.build.json --outDir /tmp/evalbuild && npx tsc-alias -p tsconfig.build.json --outDir /tmp/evalbuild
// The warehouse: --warehouse PATH, else $SMARTSEG_HOME/warehouses/demo.duckdb (opened read-only), else one
// generated with the product's generator into --scratch (default /tmp/smartseg-goldcheck/demo-<N>.duckdb,
// seed 7, --customers N, default 20000; reused when it already exists).
// The catalog: --catalog PATH (JSON), else $SMARTSEG_HOME/catalogs/demo.json, else referenceRetailTestCatalog(asOf).
//
// Usage: node evals/tools/check-gold-segments.mjs [--build /tmp/evalbuild] [--warehouse PATH] [--catalog PATH]
//          [--customers 20000] [--as-of 2026-06-30] [--split dev|test] [--ids id1,id2] [--examples 5] [--verbose]
//          [--scratch DIR] [--fresh (regenerate the scratch warehouse, e.g. after a generator change)]
// Writes evals/reports/gold-segment-check.json. Exit code 0 when every checked case matches, 1 otherwise.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const evalsDir = path.resolve(here, '..');
const repoRoot = path.resolve(evalsDir, '..');
const require = createRequire(path.join(repoRoot, 'package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');
// The compiled code lives outside the repository: let it resolve packages from the repository's node_modules.
process.env.NODE_PATH = [path.join(repoRoot, 'node_modules'), process.env.NODE_PATH].filter(Boolean).join(path.delimiter);
require('node:module').Module._initPaths();

// ------------------------------------------------------------------ args
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  return v && !v.startsWith('--') ? v : true;
};
const AS_OF = opt('--as-of') ?? '2026-06-30';
const BUILD = path.resolve(typeof opt('--build') === 'string' ? opt('--build') : '/tmp/evalbuild');
const CUSTOMERS = Number(opt('--customers') ?? 20000);
const SPLIT = opt('--split');
const IDS = typeof opt('--ids') === 'string' ? new Set(opt('--ids').split(',')) : null;
const EXAMPLES = Number(opt('--examples') ?? 5);
const VERBOSE = !!opt('--verbose');
const smartsegHome = process.env.SMARTSEG_HOME ? path.resolve(process.env.SMARTSEG_HOME) : path.join(repoRoot, '.smartseg');

// ------------------------------------------------------------------ product code (compiled)
function load(rel, names) {
  const file = path.join(BUILD, rel);
  if (!fs.existsSync(file)) {
    console.error(`missing ${file}: compile the project first (see the header of this file)`);
    process.exit(2);
  }
  const mod = require(file);
  for (const n of names) {
    if (typeof mod[n] !== 'function') {
      console.error(`${file} does not export ${n}`);
      process.exit(2);
    }
  }
  return mod;
}
// Prefer the package index; fall back to the module files while the index does not export them yet.
function loadEither(candidates, name) {
  for (const rel of candidates) {
    const file = path.join(BUILD, rel);
    if (fs.existsSync(file)) {
      const mod = require(file);
      if (typeof mod[name] === 'function') return mod[name];
    }
  }
  console.error(`no compiled ${name} under ${BUILD} (looked in ${candidates.join(', ')})`);
  process.exit(2);
}
const SE = 'libs/segment-engine/src';
const verifySegment = loadEither([`${SE}/index.js`, `${SE}/verifier/segment-verifier.js`], 'verifySegment');
const compileSegment = loadEither([`${SE}/index.js`, `${SE}/compiler/index.js`], 'compileSegment');

// ------------------------------------------------------------------ catalog
let catalog;
let catalogSource;
{
  const explicit = typeof opt('--catalog') === 'string' ? opt('--catalog') : null;
  const built = path.join(smartsegHome, 'catalogs', 'demo.json');
  if (explicit || fs.existsSync(built)) {
    catalogSource = explicit ?? built;
    catalog = JSON.parse(fs.readFileSync(catalogSource, 'utf8'));
  } else {
    const ks = load('libs/knowledge-store/src/index.js', ['referenceRetailTestCatalog']);
    catalog = ks.referenceRetailTestCatalog(AS_OF);
    catalogSource = 'referenceRetailTestCatalog()';
  }
}

// ------------------------------------------------------------------ warehouse
async function openWarehouse() {
  const explicit = typeof opt('--warehouse') === 'string' ? opt('--warehouse') : null;
  const demo = path.join(smartsegHome, 'warehouses', 'demo.duckdb');
  const file = explicit ?? (fs.existsSync(demo) ? demo : null);
  if (file) {
    const inst = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
    return { conn: await inst.connect(), source: file };
  }
  const scratchDir = typeof opt('--scratch') === 'string' ? opt('--scratch') : '/tmp/smartseg-goldcheck';
  const scratch = path.join(scratchDir, `demo-${CUSTOMERS}-${AS_OF}.duckdb`);
  if (opt('--fresh')) fs.rmSync(scratch, { force: true });
  if (!fs.existsSync(scratch)) {
    const wh = load('libs/warehouse/src/index.js', ['DuckDbConnection']);
    const gen = load('libs/warehouse/src/generator/retail-generator.js', ['generateRetailWarehouse']);
    fs.mkdirSync(scratchDir, { recursive: true });
    const tmp = `${scratch}.partial`;
    fs.rmSync(tmp, { force: true });
    console.log(`generating ${CUSTOMERS} customers (seed 7, as-of ${AS_OF}) into ${scratch} ...`);
    const c = await wh.DuckDbConnection.open({ path: tmp });
    const stats = await gen.generateRetailWarehouse(c, { customers: CUSTOMERS, seed: 7, asOf: AS_OF });
    await c.close();
    fs.renameSync(tmp, scratch);
    if (fs.existsSync(`${tmp}.wal`)) fs.renameSync(`${tmp}.wal`, `${scratch}.wal`);
    console.log(`generated: ${JSON.stringify(stats).slice(0, 300)}`);
  }
  const inst = await DuckDBInstance.create(scratch, { access_mode: 'READ_ONLY' });
  return { conn: await inst.connect(), source: `${scratch} (generated, seed 7, ${CUSTOMERS} customers)` };
}

// ------------------------------------------------------------------ cases
const cases = [];
for (const split of ['dev', 'test']) {
  if (SPLIT && SPLIT !== split) continue;
  const file = path.join(evalsDir, 'cases', `${split}.jsonl`);
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const c = JSON.parse(line);
    if (IDS && !IDS.has(c.id)) continue;
    cases.push({ ...c, split });
  }
}
const withBoth = cases.filter((c) => c.expect === 'segment' && c.gold_sql && c.gold_segment);
const noSegment = cases.filter((c) => c.expect === 'segment' && !c.gold_segment).map((c) => c.id);

const ids = async (conn, sql, params) => {
  const reader = await conn.runAndReadAll(sql, params);
  return reader.getRows().map((r) => Number(r[0]));
};

const { conn, source } = await openWarehouse();
const [{ n: population }] = (await conn.runAndReadAll('SELECT count(*)::INTEGER AS n FROM customers')).getRowObjectsJS();
console.log(`warehouse: ${source} (${population} customers); catalog: ${catalogSource}; as-of ${AS_OF}`);
console.log(`cases: ${withBoth.length} with gold_sql and gold_segment; ${noSegment.length} segment cases without gold_segment\n`);

const results = [];
for (const c of withBoth) {
  const r = { id: c.id, split: c.split };
  const v = verifySegment(c.gold_segment, { catalog, permissions: { pii: false }, asOf: AS_OF });
  if (!v.ok) {
    r.status = 'verify_failed';
    r.problems = v.problems;
    results.push(r);
    continue;
  }
  if (v.warnings?.length) r.warnings = v.warnings.map((w) => `${w.path}: ${w.code} ${w.message}`);
  let compiled;
  try {
    compiled = compileSegment(c.gold_segment, { dialect: 'duckdb', catalog, select: 'ids', asOf: AS_OF });
  } catch (e) {
    r.status = 'compile_failed';
    r.error = e instanceof Error ? e.message : String(e);
    results.push(r);
    continue;
  }
  let gold;
  let seg;
  try {
    gold = new Set(await ids(conn, c.gold_sql.replaceAll('{{as_of}}', `DATE '${AS_OF}'`), []));
  } catch (e) {
    r.status = 'gold_sql_failed';
    r.error = e instanceof Error ? e.message : String(e);
    results.push(r);
    continue;
  }
  try {
    seg = new Set(await ids(conn, compiled.sql, compiled.params));
  } catch (e) {
    r.status = 'segment_sql_failed';
    r.error = e instanceof Error ? e.message : String(e);
    r.sql = compiled.sql;
    r.params = compiled.params;
    results.push(r);
    continue;
  }
  const onlyGold = [...gold].filter((x) => !seg.has(x)).sort((a, b) => a - b);
  const onlySeg = [...seg].filter((x) => !gold.has(x)).sort((a, b) => a - b);
  Object.assign(r, {
    gold: gold.size,
    segment: seg.size,
    only_gold: onlyGold.length,
    only_segment: onlySeg.length,
    symmetric_difference: onlyGold.length + onlySeg.length,
  });
  r.status = r.symmetric_difference === 0 ? 'equal' : 'mismatch';
  if (r.status === 'mismatch') {
    r.only_gold_examples = onlyGold.slice(0, EXAMPLES);
    r.only_segment_examples = onlySeg.slice(0, EXAMPLES);
    if (VERBOSE) {
      r.sql = compiled.sql;
      r.params = compiled.params;
    }
  }
  results.push(r);
}

// ------------------------------------------------------------------ report
const by = (s) => results.filter((r) => r.status === s);
for (const r of results) {
  if (r.status === 'equal') {
    if (VERBOSE) console.log(`  ok        ${r.id.padEnd(10)} ${String(r.gold).padStart(7)}`);
    continue;
  }
  if (r.status === 'mismatch') {
    console.log(
      `  MISMATCH  ${r.id.padEnd(10)} gold ${r.gold}, segment ${r.segment}, symmetric difference ${r.symmetric_difference}` +
        ` (only gold ${r.only_gold} e.g. [${r.only_gold_examples.join(', ')}]; only segment ${r.only_segment} e.g. [${r.only_segment_examples.join(', ')}])`,
    );
    if (VERBOSE) console.log(`            ${r.sql}\n            params ${JSON.stringify(r.params)}`);
  } else if (r.status === 'verify_failed') {
    console.log(`  VERIFY    ${r.id.padEnd(10)} ${r.problems.map((p) => `${p.path}: ${p.code} ${p.message}`).join('; ')}`);
  } else {
    console.log(`  ${r.status.toUpperCase().padEnd(9)} ${r.id.padEnd(10)} ${r.error}`);
  }
}
const warned = results.filter((r) => r.warnings?.length);
if (VERBOSE) for (const r of warned) console.log(`  warning   ${r.id.padEnd(10)} ${r.warnings.join('; ')}`);
console.log(
  `\n${results.length} checked: ${by('equal').length} equal, ${by('mismatch').length} mismatch, ` +
    `${by('verify_failed').length} verify failed, ${by('compile_failed').length} compile failed, ` +
    `${by('gold_sql_failed').length + by('segment_sql_failed').length} SQL errors; ${warned.length} with verifier warnings` +
    ` (--verbose lists them)`,
);
if (noSegment.length) console.log(`without gold_segment (model cannot express): ${noSegment.join(', ')}`);

const reportsDir = path.join(evalsDir, 'reports');
fs.mkdirSync(reportsDir, { recursive: true });
fs.writeFileSync(
  path.join(reportsDir, 'gold-segment-check.json'),
  JSON.stringify({ as_of: AS_OF, warehouse: source, population, catalog: catalogSource, no_gold_segment: noSegment, results }, null, 2) + '\n',
);
process.exit(results.every((r) => r.status === 'equal') ? 0 : 1);
