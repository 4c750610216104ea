#!/usr/bin/env node
// bench/cost: what the model tier costs over the project's eval set (evals/cases/dev.jsonl +
// test.jsonl), through the built router (dist/) and the REAL provider SDKs against local fake
// servers (libs/model-router/src/testing/fake-providers) that answer like a good model: the
// case's gold segment when the request is an eval case with one, else a clarifying question.
//
// Token counts: the fake servers bill input = request body characters / 4 (the body holds the
// system prompt with the catalog digest, the messages and the JSON schema, all billed as input
// by real providers) and output = answer characters / 4; a repeated (system + schema) prefix is
// reported as cached input, as provider prompt caching would. Prices: the router's default
// price table (USD per million tokens; edit DEFAULT_PRICES or pass settings.prices).
//
// Prints: share answered locally, model calls per request, cost per 1,000 requests by tier,
// cache hit rate on a repeated run, p95 time added by the router — once at the router's
// confidence threshold (the product's setting) and once at a stress threshold (--stress, default
// 0.95) that sends more of the eval set to a model, so the model tier's cost per escalated
// request is measured even when the local engine answers nearly everything.
// Options: --threshold T (instead of the router's default), --stress T, --limit N (first N requests).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Module, { createRequire } from 'node:module';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const require = createRequire(import.meta.url);

// Resolve @smartseg/* to dist/ ourselves, so the bench runs on an emitted build even when the
// tsc-alias step did not run (a build with type errors elsewhere in the tree still emits).
const origResolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const m = /^@smartseg\/([a-z-]+)$/.exec(request);
  return origResolve.call(this, m ? path.join(root, 'dist', 'libs', m[1], 'src', 'index.js') : request, ...rest);
};
const dist = (p) => {
  const file = path.join(root, 'dist', p);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: build first (node scripts/ensure-build.mjs)`);
  return require(file);
};
const { ModelRouter, resolveModelRouterSettings, TIERS } = dist('libs/model-router/src/index.js');
const { startFakeProviders, fakeProviderSettings } = dist('libs/model-router/src/testing/fake-providers.js');
const { referenceRetailTestCatalog } = dist('libs/knowledge-store/src/index.js');
const { verifySegment } = dist('libs/segment-engine/src/index.js');
const { Registry } = require('prom-client');

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : dflt);
const threshold = opt('threshold', undefined);
const limit = opt('limit', Infinity);
const stress = opt('stress', 0.95);

const catalog = referenceRetailTestCatalog();
const asOf = catalog.as_of;
const permissions = { pii: false };

// the eval set: each case is one conversation (one turn, or several)
const conversations = [];
const gold = new Map();
for (const split of ['dev', 'test']) {
  const file = path.join(root, 'evals', 'cases', `${split}.jsonl`);
  if (!fs.existsSync(file)) continue;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const c = JSON.parse(line);
    const turns = (c.turns ?? [c.text]).map((t) => (typeof t === 'string' ? t : t.text));
    conversations.push(turns);
    if (c.gold_segment) gold.set(turns[turns.length - 1], c.gold_segment);
  }
}
if (!conversations.length) throw new Error('no eval cases under evals/cases');
const goldOk = [...gold.values()].filter((s) => verifySegment(s, { catalog, permissions, asOf }).ok).length;

// a good model: the gold segment for the request, the current segment for an unknown follow-up, else one question
const goodModel = (req) => {
  const m = /Request: ("(?:[^"\\]|\\.)*")/.exec(req.messages[0] ?? '');
  const text = m ? JSON.parse(m[1]) : '';
  const g = gold.get(text);
  if (g) return { kind: 'json', value: { segment: g } };
  const cur = /current segment: (\{.*\})$/m.exec(req.messages[0] ?? '');
  if (cur) return { kind: 'json', value: { segment: JSON.parse(cur[1]) } };
  return {
    kind: 'json',
    value: { question: 'Which customers do you mean: could you name a state, a department or a time window?' },
  };
};

const fakes = await startFakeProviders();
for (const p of fakes.all) p.setDefault(goodModel);

function makeRouter(tasksTier, th) {
  const settings = {
    providers: fakeProviderSettings(fakes),
    ...(tasksTier ? { tasks: { decompose: tasksTier, resolve_ambiguity: tasksTier } } : {}),
    ...(th !== undefined ? { defaults: { confidenceThreshold: th } } : {}),
    tenants: { bench: { budgetUsdPerMonth: 1e6 } },
  };
  return new ModelRouter({ settings, registry: new Registry() });
}

async function run(router) {
  const out = {
    requests: 0,
    local: 0,
    escalated: 0,
    calls: 0,
    costUsd: 0,
    inputTokens: 0,
    cachedTokens: 0,
    outputTokens: 0,
    routerMs: [],
    escalatedMs: [],
    cacheHits: 0,
    cacheLookups: 0,
    byModel: new Map(),
    status: {},
  };
  let n = 0;
  for (const turns of conversations) {
    let current;
    for (const text of turns) {
      if (n++ >= limit) return out;
      const a = await router.answer(text, {
        tenantId: 'bench',
        catalog,
        asOf,
        permissions,
        ...(current ? { current } : {}),
      });
      if (a.status === 'segment') current = a.segment;
      out.requests++;
      out.status[a.status] = (out.status[a.status] ?? 0) + 1;
      if (a.answered_by === 'local') out.local++;
      else out.byModel.set(a.answered_by, (out.byModel.get(a.answered_by) ?? 0) + 1);
      if (a.escalated) out.escalated++;
      if (a.cache) out.cacheLookups++;
      if (a.cache === 'hit') out.cacheHits++;
      out.calls += a.usage.calls;
      out.costUsd += a.usage.costUsd;
      out.inputTokens += a.usage.inputTokens;
      out.cachedTokens += a.usage.cachedTokens;
      out.outputTokens += a.usage.outputTokens;
      out.routerMs.push(a.router_ms);
      if (a.escalated) out.escalatedMs.push(a.router_ms);
    }
  }
  return out;
}

const p95 = (xs) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
};
const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : 'n/a');
const usd = (x) => `$${x.toFixed(4)}`;

const defaults = resolveModelRouterSettings({ providers: fakeProviderSettings(fakes) });
console.log(
  `bench:cost — ${conversations.length} eval conversations, ${gold.size} gold segments (${goldOk} verify against the reference catalog)`,
);
console.log(
  `confidence threshold ${threshold ?? defaults.defaults.confidenceThreshold}; tiers: ${TIERS.map((t) => `${t}=${defaults.tiers[t].map((c) => c.model).join('>')}`).join('; ')}`,
);
console.log('tokens: request body chars/4 in, answer chars/4 out, repeated system+schema prefix billed as cached');

async function section(title, th) {
  for (const p of fakes.all) p.reset().setDefault(goodModel);
  const rows = [];
  for (const tier of [undefined, ...TIERS]) {
    const router = makeRouter(tier, th);
    const first = await run(router);
    const again = await run(router); // the same requests again: the answer cache
    await router.close();
    rows.push({ tier: tier ?? 'default task map', first, again });
  }
  const header = [
    'tier',
    'requests',
    'answered locally',
    'escalated',
    'model calls/request',
    'calls/escalated',
    'in tok/call',
    'cached share',
    'out tok/call',
    '$ per escalated',
    '$ per 1k requests',
    'repeat: cache hits',
    'repeat: $ per 1k',
    'p95 router ms (all)',
    'p95 router ms (escalated)',
  ];
  const table = rows.map(({ tier, first: r, again }) => [
    tier,
    r.requests,
    pct(r.local, r.requests),
    pct(r.escalated, r.requests),
    (r.calls / r.requests).toFixed(3),
    r.escalated ? (r.calls / r.escalated).toFixed(2) : '-',
    r.calls ? Math.round(r.inputTokens / r.calls) : '-',
    pct(r.cachedTokens, r.inputTokens),
    r.calls ? Math.round(r.outputTokens / r.calls) : '-',
    r.escalated ? `$${(r.costUsd / r.escalated).toFixed(5)}` : '-',
    usd((1000 * r.costUsd) / r.requests),
    pct(again.cacheHits, again.cacheLookups),
    usd((1000 * again.costUsd) / again.requests),
    p95(r.routerMs).toFixed(1),
    r.escalatedMs.length ? p95(r.escalatedMs).toFixed(1) : '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => String(row[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ');
  console.log(`\n## ${title}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of table) console.log(line(row));
  const b = rows[0].first;
  console.log(
    `answers (default map): ${JSON.stringify(b.status)}; answered by: ${JSON.stringify(Object.fromEntries(b.byModel))}`,
  );
  return rows;
}

const rows = await section(
  `at the confidence threshold ${threshold ?? defaults.defaults.confidenceThreshold} (product setting)`,
  threshold,
);
await section(`stress: confidence threshold ${stress} (more requests sent to a model)`, stress);
await fakes.close();

const blended = rows[0].first;
console.log('');
const costPer1k = (1000 * blended.costUsd) / blended.requests;
const localShare = blended.local / blended.requests;
console.log(`goal: <= $0.10 per 1,000 requests blended -> ${usd(costPer1k)} ${costPer1k <= 0.1 ? 'MET' : 'NOT MET'}`);
console.log(
  `goal: >= 90% answered locally -> ${pct(blended.local, blended.requests)} ${localShare >= 0.9 ? 'MET' : 'NOT MET'}`,
);
console.log(
  'p95 router ms: time after the local answer (cache, model calls over loopback HTTP, verification); real providers add their own latency per call.',
);
