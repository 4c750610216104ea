#!/usr/bin/env node
// bench/understand: latency (p50/p95) and throughput of the local understanding engine over
// the eval set's requests, on one core (one Node thread), and the RSS with the lexicon loaded.
// Baseline in the same run: the normalize stage alone (the floor any request pays).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const require = createRequire(import.meta.url);
const dist = (p) => require(path.join(root, 'dist', p));
const { UnderstandingEngine } = dist('libs/understanding/src/index.js');
const { CatalogFileStore, referenceRetailTestCatalog } = dist('libs/knowledge-store/src/index.js');

const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf('--rounds') + 1] || 5) || 5;
const store = new CatalogFileStore();
const catalog = store.exists('demo') ? store.load('demo') : referenceRetailTestCatalog();
const asOf = catalog.as_of;

const requests = [];
for (const split of ['dev', 'test']) {
  const file = path.join(root, 'evals', 'cases', `${split}.jsonl`);
  if (!fs.existsSync(file)) continue;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const c = JSON.parse(line);
    requests.push(c.turns ?? [c.text]);
  }
}
if (requests.length === 0) throw new Error('no eval cases found under evals/cases');

const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const engine = new UnderstandingEngine(catalog);
await engine.understand('warm up the lexicon', { asOf, permissions: { pii: false } });
const lexiconMs = performance.now() - t0;
const rssLoaded = process.memoryUsage().rss;

async function answer(turns) {
  let current;
  for (const text of turns) {
    const r = await engine.understand(text, { asOf, permissions: { pii: false }, ...(current ? { current } : {}) });
    if (r.status === 'segment') current = r.segment;
  }
}

// warm-up round (JIT), then measured rounds
for (const t of requests) await answer(t);
const latencies = [];
const start = performance.now();
for (let r = 0; r < rounds; r++) {
  for (const t of requests) {
    const s = performance.now();
    await answer(t);
    latencies.push(performance.now() - s);
  }
}
const wall = performance.now() - start;
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];

// baseline: lower-casing and tokenizing the same texts (the cheapest possible pass)
const bStart = performance.now();
let tokens = 0;
for (let r = 0; r < rounds; r++) for (const t of requests) for (const s of t) tokens += s.toLowerCase().split(/\s+/).length;
const baselineMs = performance.now() - bStart;

const fmt = (n, d = 2) => n.toFixed(d);
console.log(`bench/understand: ${requests.length} eval requests x ${rounds} rounds, one thread, catalog v${catalog.version} (${catalog.tenant_id})`);
console.log(`  lexicon build + first answer: ${fmt(lexiconMs, 1)} ms`);
console.log(`  latency per request: p50 ${fmt(pct(50))} ms, p95 ${fmt(pct(95))} ms, max ${fmt(latencies[latencies.length - 1])} ms   (goal p95 <= 20 ms)`);
console.log(`  throughput: ${fmt((latencies.length / wall) * 1000, 0)} requests/s on one core   (goal >= 500)`);
console.log(`  RSS: ${fmt(rssBefore / 2 ** 20, 0)} MB before, ${fmt(rssLoaded / 2 ** 20, 0)} MB with the lexicon, ${fmt(process.memoryUsage().rss / 2 ** 20, 0)} MB after the run   (goal < 300 MB)`);
console.log(`  baseline (lowercase+split only): ${fmt(baselineMs / latencies.length * 1000, 2)} us/request; engine/baseline ratio ${fmt(wall / Math.max(baselineMs, 0.001), 0)}x (${tokens} tokens)`);
