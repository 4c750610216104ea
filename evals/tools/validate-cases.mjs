#!/usr/bin/env node
// Validates evals/cases/{dev,test}.jsonl.
//
//  1. Structure: required fields per `expect`, unique ids, known categories / styles / facets,
//     `text` xor `turns`.
//  2. Every gold_sql, with {{as_of}} replaced by DATE '<as-of>', is run against an in-memory DuckDB
//     holding the spec's empty tables (DDL copied from libs/warehouse/src/schema/retail-schema.ts,
//     retailDdl('duckdb')): it must parse, bind, and return exactly one column named customer_id.
//  3. Data checks (gold set sizes): against the real demo warehouse when it exists
//     ($SMARTSEG_HOME/warehouses/demo.duckdb, default /work/main/.smartseg/...; or --warehouse PATH),
//     and/or against a rough synthetic warehouse with --synthetic [N customers]. Reports gold sets that
//     are empty, the whole population, or have duplicate ids. Per-case counts go to
//     evals/reports/gold-counts-<source>.json (gitignored).
//
// Usage: node evals/tools/validate-cases.mjs [--as-of 2026-06-30] [--warehouse PATH | --no-warehouse]
//                                            [--synthetic [N]] [--verbose]
// Exit code: 0 ok, 1 structural or SQL errors.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const evalsDir = path.resolve(here, '..');
const repoRoot = path.resolve(evalsDir, '..');
const require = createRequire(path.join(repoRoot, 'package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

// ------------------------------------------------------------------ args
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  return v && !v.startsWith('--') ? v : true;
};
const AS_OF = opt('--as-of') ?? '2026-06-30';
const VERBOSE = !!opt('--verbose');
const SYNTH = opt('--synthetic');
const smartsegHome = process.env.SMARTSEG_HOME ? path.resolve(process.env.SMARTSEG_HOME) : path.join(repoRoot, '.smartseg');
const WAREHOUSE = opt('--no-warehouse') ? null : (typeof opt('--warehouse') === 'string' ? opt('--warehouse') : path.join(smartsegHome, 'warehouses', 'demo.duckdb'));

// ------------------------------------------------------------------ vocabularies
const CATEGORIES = [
  'demographics', 'geography', 'purchases', 'spend_orders', 'lifecycle', 'channels_fulfillment', 'coupons_returns',
  'engagement', 'model_scores', 'business_rules', 'negation', 'or_nesting', 'multi_turn', 'clarify', 'refuse', 'birthdays',
];
const MIN_PER_CATEGORY = {
  demographics: 40, geography: 40, purchases: 60, spend_orders: 50, lifecycle: 40, channels_fulfillment: 25,
  coupons_returns: 25, engagement: 40, model_scores: 30, business_rules: 25, negation: 30, or_nesting: 30, multi_turn: 40,
  clarify: 25, refuse: 25, birthdays: 10,
};
const STYLES = ['terse', 'plain', 'chatty', 'long', 'typo', 'number_words'];
const EXPECTS = ['segment', 'clarify', 'refuse'];
const FACETS = new Set([
  // customer columns
  'gender', 'age', 'birth_month', 'state', 'city', 'region', 'zip', 'signup_date', 'signup_channel', 'loyalty_tier',
  'loyalty_points', 'email_opt_in', 'sms_opt_in', 'push_opt_in', 'household_size', 'has_children', 'income_band', 'device_os',
  'is_employee', 'preferred_store_id',
  // derived
  'days_since_last_purchase', 'days_since_first_purchase', 'days_since_signup',
  // behaviour
  'purchase', 'spend', 'order_count', 'avg_order_value', 'department', 'category', 'brand', 'private_label', 'organic',
  'channel', 'fulfillment', 'coupon', 'returns', 'payment_method',
  // events
  'email_sent', 'email_open', 'email_click', 'sms_sent', 'sms_click', 'push_sent', 'push_open', 'web_visit', 'app_open',
  'product_view', 'add_to_cart', 'cart_abandon', 'search', 'review', 'unsubscribe',
  // models
  'churn_risk', 'purchase_propensity_30d', 'predicted_clv_12m', 'discount_sensitivity', 'email_engagement',
  // business rules
  'new_customer', 'active_customer', 'lapsed_customer', 'churned_customer', 'prospect', 'one_time_buyer', 'repeat_customer',
  'vip', 'likely_to_churn', 'likely_to_buy', 'engaged_with_email', 'reachable_email', 'reachable_sms', 'reachable_push',
]);

// DDL: copied from retailDdl('duckdb') in libs/warehouse/src/schema/retail-schema.ts
const RETAIL_DDL = `
CREATE TABLE customers (
  customer_id BIGINT PRIMARY KEY,
  first_name VARCHAR, last_name VARCHAR, email VARCHAR, phone VARCHAR,
  birth_date DATE,
  gender VARCHAR, city VARCHAR, state VARCHAR, zip VARCHAR, region VARCHAR,
  signup_date DATE, signup_channel VARCHAR, loyalty_tier VARCHAR, loyalty_points INTEGER,
  email_opt_in BOOLEAN, sms_opt_in BOOLEAN, push_opt_in BOOLEAN,
  household_size INTEGER, has_children BOOLEAN, income_band VARCHAR, device_os VARCHAR,
  preferred_store_id BIGINT, is_employee BOOLEAN
);
CREATE TABLE stores (
  store_id BIGINT PRIMARY KEY, name VARCHAR, city VARCHAR, state VARCHAR, region VARCHAR, format VARCHAR
);
CREATE TABLE products (
  product_id BIGINT PRIMARY KEY, name VARCHAR, department VARCHAR, category VARCHAR, brand VARCHAR,
  unit_price DECIMAL(10,2), is_private_label BOOLEAN, is_organic BOOLEAN
);
CREATE TABLE orders (
  order_id BIGINT PRIMARY KEY, customer_id BIGINT, store_id BIGINT, order_ts TIMESTAMP,
  channel VARCHAR, fulfillment VARCHAR, total_amount DECIMAL(10,2), discount_amount DECIMAL(10,2),
  coupon_used BOOLEAN, payment_method VARCHAR, status VARCHAR
);
CREATE TABLE order_items (
  order_id BIGINT, product_id BIGINT, quantity INTEGER, unit_price DECIMAL(10,2), line_amount DECIMAL(10,2)
);
CREATE TABLE events (
  event_id BIGINT, customer_id BIGINT, event_type VARCHAR, event_ts TIMESTAMP, product_id BIGINT, campaign_id BIGINT
);
CREATE TABLE model_scores (
  customer_id BIGINT, model_name VARCHAR, score DOUBLE, decile INTEGER, scored_at DATE
);
`;

// ------------------------------------------------------------------ load + structural checks
const errors = [];
const warnings = [];
const cases = [];
for (const split of ['dev', 'test']) {
  const file = path.join(evalsDir, 'cases', `${split}.jsonl`);
  if (!fs.existsSync(file)) { errors.push(`missing ${file}`); continue; }
  fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let c;
    try { c = JSON.parse(line); } catch (e) { errors.push(`${split}.jsonl:${i + 1}: invalid JSON (${e.message})`); return; }
    cases.push({ ...c, _split: split, _line: i + 1 });
  });
}

const ids = new Map();
for (const c of cases) {
  const where = `${c._split}.jsonl:${c._line} (${c.id ?? 'no id'})`;
  const err = (m) => errors.push(`${where}: ${m}`);
  if (typeof c.id !== 'string' || !c.id) err('missing id');
  else if (ids.has(c.id)) err(`duplicate id (also ${ids.get(c.id)})`);
  else ids.set(c.id, `${c._split}.jsonl:${c._line}`);
  if (!CATEGORIES.includes(c.category)) err(`unknown category ${c.category}`);
  if (!STYLES.includes(c.style)) err(`unknown style ${c.style}`);
  if (!EXPECTS.includes(c.expect)) err(`unknown expect ${c.expect}`);
  const hasText = typeof c.text === 'string' && c.text.trim().length > 0;
  const hasTurns = Array.isArray(c.turns) && c.turns.length >= 2 && c.turns.every((t) => typeof t === 'string' && t.trim());
  if (hasText === hasTurns) err('needs exactly one of text (non-empty string) or turns (2+ non-empty strings)');
  if (c.category === 'multi_turn' && !hasTurns) err('multi_turn case without turns');
  if (c.expect === 'segment') {
    if (typeof c.gold_sql !== 'string' || !/^\s*SELECT\b/i.test(c.gold_sql)) err('segment case needs gold_sql (a SELECT)');
    if (!Array.isArray(c.gold_facets) || c.gold_facets.length === 0) err('segment case needs gold_facets');
    else for (const f of c.gold_facets) if (!FACETS.has(f)) err(`unknown facet ${f}`);
    if (typeof c.gold_sql === 'string' && /\{\{(?!as_of\}\})/.test(c.gold_sql)) err('unknown {{placeholder}} in gold_sql');
    if ('clarify_about' in c || 'missing' in c) err('segment case must not have clarify_about / missing');
    if ('gold_segment' in c) {
      const g = c.gold_segment;
      // shape only; tools/check-gold-segments.mjs verifies, compiles and runs it against gold_sql
      if (!g || typeof g !== 'object' || g.version !== 1 || !g.where || typeof g.where !== 'object' || typeof g.where.kind !== 'string') {
        err('gold_segment must be a segment {"version":1,"where":{...}}');
      }
    }
  } else {
    if ('gold_sql' in c || 'gold_facets' in c || 'gold_segment' in c) err(`${c.expect} case must not have gold_sql / gold_facets / gold_segment`);
    if (c.expect === 'clarify' && (typeof c.clarify_about !== 'string' || !c.clarify_about)) err('clarify case needs clarify_about');
    if (c.expect === 'refuse' && (typeof c.missing !== 'string' || !c.missing)) err('refuse case needs missing');
  }
  const allowed = new Set(['id', 'category', 'style', 'text', 'turns', 'expect', 'gold_sql', 'gold_facets', 'gold_segment', 'clarify_about', 'missing', '_split', '_line']);
  for (const k of Object.keys(c)) if (!allowed.has(k)) err(`unexpected field ${k}`);
}
// near-duplicate texts
const seenText = new Map();
for (const c of cases) {
  const key = (c.text ?? c.turns?.join(' || ') ?? '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  if (seenText.has(key)) warnings.push(`${c.id}: same wording as ${seenText.get(key)}`);
  else seenText.set(key, c.id);
}

// ------------------------------------------------------------------ counts
function table(title, rowsKey, colsKey, rowOrder, colOrder) {
  const m = new Map();
  for (const c of cases) {
    const r = rowsKey(c); const k = colsKey(c);
    if (!m.has(r)) m.set(r, new Map());
    m.get(r).set(k, (m.get(r).get(k) ?? 0) + 1);
  }
  const rows = rowOrder.filter((r) => m.has(r)).concat([...m.keys()].filter((r) => !rowOrder.includes(r)));
  const w = Math.max(12, ...rows.map((r) => String(r).length));
  console.log(`\n${title}`);
  console.log(`  ${''.padEnd(w)} ${colOrder.map((c) => c.padStart(12)).join(' ')} ${'total'.padStart(7)}`);
  const colTotals = colOrder.map(() => 0);
  for (const r of rows) {
    const vals = colOrder.map((c, i) => { const v = m.get(r).get(c) ?? 0; colTotals[i] += v; return v; });
    const tot = vals.reduce((a, b) => a + b, 0);
    const min = MIN_PER_CATEGORY[r];
    const flag = min && tot < min ? `  < ${min} required` : '';
    console.log(`  ${String(r).padEnd(w)} ${vals.map((v) => String(v).padStart(12)).join(' ')} ${String(tot).padStart(7)}${flag}`);
  }
  console.log(`  ${'total'.padEnd(w)} ${colTotals.map((v) => String(v).padStart(12)).join(' ')} ${String(colTotals.reduce((a, b) => a + b, 0)).padStart(7)}`);
}
console.log(`cases: ${cases.length} (dev ${cases.filter((c) => c._split === 'dev').length}, test ${cases.filter((c) => c._split === 'test').length})`);
table('per category / split', (c) => c.category, (c) => c._split, CATEGORIES, ['dev', 'test']);
table('per category / expect', (c) => c.category, (c) => c.expect, CATEGORIES, EXPECTS);
{
  const n = cases.length;
  const by = {};
  for (const c of cases) by[c.style] = (by[c.style] ?? 0) + 1;
  console.log('\nstyles: ' + STYLES.map((s) => `${s} ${by[s] ?? 0} (${(((by[s] ?? 0) / n) * 100).toFixed(1)}%)`).join(', '));
}
for (const [cat, min] of Object.entries(MIN_PER_CATEGORY)) {
  const k = cases.filter((c) => c.category === cat).length;
  if (k < min) warnings.push(`category ${cat}: ${k} cases, fewer than the ${min} required`);
}

// ------------------------------------------------------------------ SQL checks
const sub = (sql) => sql.replaceAll('{{as_of}}', `DATE '${AS_OF}'`);
const segCases = cases.filter((c) => c.expect === 'segment' && typeof c.gold_sql === 'string');

async function openMemory() {
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  await conn.run(RETAIL_DDL);
  return { inst, conn };
}

async function checkBinding() {
  const { conn } = await openMemory();
  let ok = 0;
  for (const c of segCases) {
    try {
      const r0 = await conn.runAndReadAll(`SELECT * FROM (${sub(c.gold_sql)}) LIMIT 0`);
      const cols = r0.columnNames();
      if (cols.length !== 1 || cols[0] !== 'customer_id') { errors.push(`${c.id}: gold_sql returns columns [${cols.join(', ')}], want [customer_id]`); continue; }
      await conn.runAndReadAll(`SELECT count(*) FROM (${sub(c.gold_sql)})`);
      ok++;
    } catch (e) {
      errors.push(`${c.id}: gold_sql fails: ${String(e.message).split('\n')[0]}`);
    }
  }
  console.log(`\ngold SQL on the empty schema: ${ok}/${segCases.length} parse, bind and return one column customer_id`);
  conn.closeSync();
}

async function sizeReport(conn, label) {
  const pop = Number((await conn.runAndReadAll('SELECT count(*) AS n FROM customers')).getRowObjectsJS()[0].n);
  const counts = {};
  const empty = []; const all = []; const dup = []; const failed = []; const tiny = []; const huge = [];
  const t0 = Date.now();
  for (const c of segCases) {
    try {
      const r = await conn.runAndReadAll(`SELECT count(*) AS n, count(DISTINCT customer_id) AS d FROM (${sub(c.gold_sql)})`);
      const { n, d } = r.getRowObjectsJS()[0];
      const k = Number(n);
      counts[c.id] = k;
      if (Number(n) !== Number(d)) dup.push(c.id);
      if (k === 0) empty.push(c.id);
      else if (k === pop) all.push(c.id);
      else if (k < pop * 0.0005) tiny.push(`${c.id} (${k})`);
      else if (k > pop * 0.98) huge.push(`${c.id} (${k})`);
    } catch (e) {
      failed.push(`${c.id}: ${String(e.message).split('\n')[0]}`);
    }
  }
  const sorted = Object.values(counts).sort((a, b) => a - b);
  const med = sorted.length ? sorted[Math.floor(sorted.length / 2)] : 0;
  console.log(`\n[${label}] ${pop} customers; ${segCases.length} gold sets in ${((Date.now() - t0) / 1000).toFixed(1)}s; median size ${med}`);
  console.log(`  empty: ${empty.length}${empty.length ? ' -> ' + empty.join(', ') : ''}`);
  console.log(`  whole population: ${all.length}${all.length ? ' -> ' + all.join(', ') : ''}`);
  console.log(`  tiny (< 0.05% of customers): ${tiny.length}${tiny.length ? ' -> ' + tiny.join(', ') : ''}`);
  console.log(`  near-whole (> 98%): ${huge.length}${huge.length ? ' -> ' + huge.join(', ') : ''}`);
  console.log(`  duplicate ids: ${dup.length}${dup.length ? ' -> ' + dup.join(', ') : ''}`);
  if (failed.length) { console.log(`  failed: ${failed.length}`); for (const f of failed) errors.push(`[${label}] ${f}`); }
  if (VERBOSE) for (const c of segCases) console.log(`  ${c.id.padEnd(10)} ${String(counts[c.id]).padStart(7)}  ${c.text ?? c.turns.join(' | ')}`);
  const reportDir = path.join(evalsDir, 'reports');
  fs.mkdirSync(reportDir, { recursive: true });
  const out = path.join(reportDir, `gold-counts-${label}.json`);
  fs.writeFileSync(out, JSON.stringify({ as_of: AS_OF, population: pop, counts }, null, 1) + '\n');
  console.log(`  per-case counts: ${path.relative(repoRoot, out)}`);
}

await checkBinding();

if (WAREHOUSE && fs.existsSync(WAREHOUSE)) {
  const inst = await DuckDBInstance.create(WAREHOUSE, { access_mode: 'READ_ONLY' });
  const conn = await inst.connect();
  await sizeReport(conn, 'warehouse');
  conn.closeSync();
} else if (WAREHOUSE) {
  console.log(`\nno warehouse at ${WAREHOUSE}: gold set sizes not checked against real data (try --synthetic)`);
}

if (SYNTH) {
  const { buildSynthetic } = await import(path.join(here, 'synthetic-warehouse.mjs'));
  const n = typeof SYNTH === 'string' ? Number(SYNTH) : 50000;
  const { conn } = await openMemory();
  const t0 = Date.now();
  await buildSynthetic((sql) => conn.run(sql), { customers: n, asOf: AS_OF });
  console.log(`\nsynthetic warehouse: ${n} customers built in ${((Date.now() - t0) / 1000).toFixed(1)}s (rough proxy, not the generator)`);
  await sizeReport(conn, 'synthetic');
  conn.closeSync();
}

// ------------------------------------------------------------------ verdict
if (warnings.length) { console.log(`\nwarnings (${warnings.length}):`); for (const w of warnings) console.log('  ' + w); }
if (errors.length) {
  console.log(`\nERRORS (${errors.length}):`);
  for (const e of errors) console.log('  ' + e);
  process.exit(1);
}
console.log('\nOK');
