#!/usr/bin/env node
// Builds evals/cases/dev.jsonl and evals/cases/test.jsonl from the authoring modules in ./authoring.
//
// Ids are <prefix>-<NNN> in authoring order within a category: only ever APPEND new cases to a
// category's list, never insert or reorder, or ids shift. The dev/test split is a seeded shuffle
// stratified by category (60% dev), and once a case id has been written to a split it keeps that
// split: existing assignments are read back from the current jsonl files and preserved.
//
// Usage: node evals/tools/build-cases.mjs
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const casesDir = path.resolve(here, '..', 'cases');
const SEED = 20260630;
const DEV_SHARE = 0.6;

const modules = [
  'cases-demographics.mjs', 'cases-geography.mjs', 'cases-purchases.mjs', 'cases-spend.mjs', 'cases-lifecycle.mjs',
  'cases-channels.mjs', 'cases-coupons.mjs', 'cases-engagement.mjs', 'cases-models.mjs', 'cases-rules.mjs',
  'cases-negation.mjs', 'cases-or.mjs', 'cases-multiturn.mjs', 'cases-clarify-refuse-birthdays.mjs',
];

function mulberry32(a) {
  return () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function hash(s) {
  let h = 2166136261;
  for (const ch of s) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

const groups = [];
for (const m of modules) {
  const mod = await import(path.join(here, 'authoring', m));
  if (mod.cases) groups.push({ category: mod.category, prefix: mod.prefix, cases: mod.cases });
  for (const k of ['clarify', 'refuse', 'birthdays']) if (mod[k]) groups.push(mod[k]);
}

// existing split assignments
const existing = new Map();
for (const split of ['dev', 'test']) {
  const f = path.join(casesDir, `${split}.jsonl`);
  if (!fs.existsSync(f)) continue;
  for (const line of fs.readFileSync(f, 'utf8').split('\n')) if (line.trim()) existing.set(JSON.parse(line).id, split);
}

const out = { dev: [], test: [] };
for (const g of groups) {
  const rows = g.cases.map((c, i) => {
    const row = { id: `${g.prefix}-${String(i + 1).padStart(3, '0')}`, category: g.category, style: c.style };
    if (Array.isArray(c.text)) row.turns = c.text;
    else row.text = c.text;
    row.expect = c.expect;
    if (c.expect === 'segment') {
      row.gold_sql = c.gold_sql;
      row.gold_facets = c.gold_facets;
      if (c.gold_segment) row.gold_segment = c.gold_segment;
    }
    if (c.expect === 'clarify') row.clarify_about = c.clarify_about;
    if (c.expect === 'refuse') row.missing = c.missing;
    return row;
  });
  const fresh = rows.filter((r) => !existing.has(r.id));
  const rand = mulberry32(SEED ^ hash(g.category));
  const order = fresh.map((r) => ({ r, k: rand() })).sort((a, b) => a.k - b.k).map((x) => x.r);
  const already = rows.filter((r) => existing.has(r.id));
  let devCount = already.filter((r) => existing.get(r.id) === 'dev').length;
  const target = Math.round(rows.length * DEV_SHARE);
  const assign = new Map(already.map((r) => [r.id, existing.get(r.id)]));
  for (const r of order) {
    if (devCount < target) { assign.set(r.id, 'dev'); devCount++; } else assign.set(r.id, 'test');
  }
  for (const r of rows) out[assign.get(r.id)].push(r);
}

fs.mkdirSync(casesDir, { recursive: true });
for (const split of ['dev', 'test']) {
  fs.writeFileSync(path.join(casesDir, `${split}.jsonl`), out[split].map((r) => JSON.stringify(r)).join('\n') + '\n');
  console.log(`${split}: ${out[split].length} cases`);
}
