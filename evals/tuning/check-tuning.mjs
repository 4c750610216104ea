#!/usr/bin/env node
// Checks a tuning set (evals/tuning/vendor.jsonl by default, or blogs.jsonl) against the product and the
// demo warehouse:
//   - structure: unique ids, known category / style / expect, text xor turns, the fields each expect needs,
//     gold_facets in the README vocabulary;
//   - every gold_segment passes verifySegment (catalog of ./.smartseg/catalogs/demo.json, no pii) with zero
//     problems;
//   - every gold_segment selects between 1 and N-1 customers of the demo warehouse at as-of 2026-06-30
//     (AudienceService.count on a read-only DuckDbConnection).
// Prints one line per failing case and a summary table by category. Exit code 0 when everything holds, 1 otherwise.
//
// Prerequisites: node scripts/ensure-build.mjs && node scripts/ensure-demo.mjs
// Usage: node evals/tuning/check-tuning.mjs [--file evals/tuning/blogs.jsonl] [--as-of 2026-06-30] [--verbose]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const require = createRequire(path.join(repoRoot, 'package.json'));

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  return v && !v.startsWith('--') ? v : true;
};
const FILE = path.resolve(typeof opt('--file') === 'string' ? opt('--file') : path.join(here, 'vendor.jsonl'));
const AS_OF = typeof opt('--as-of') === 'string' ? opt('--as-of') : '2026-06-30';
const VERBOSE = !!opt('--verbose');
const home = process.env.SMARTSEG_HOME ? path.resolve(process.env.SMARTSEG_HOME) : path.join(repoRoot, '.smartseg');
const WAREHOUSE = path.join(home, 'warehouses', 'demo.duckdb');
const CATALOG = path.join(home, 'catalogs', 'demo.json');

for (const [what, p] of [
  ['compiled segment engine', path.join(repoRoot, 'dist/libs/segment-engine/src/index.js')],
  ['compiled warehouse lib', path.join(repoRoot, 'dist/libs/warehouse/src/index.js')],
  ['demo warehouse', WAREHOUSE],
  ['demo catalog', CATALOG],
]) {
  if (!fs.existsSync(p)) {
    console.error(`missing ${what} (${p}): run node scripts/ensure-build.mjs && node scripts/ensure-demo.mjs`);
    process.exit(2);
  }
}
const { verifySegment } = require(path.join(repoRoot, 'dist/libs/segment-engine/src/index.js'));
const { AudienceService, DuckDbConnection } = require(path.join(repoRoot, 'dist/libs/warehouse/src/index.js'));

// ------------------------------------------------------------------ vocabulary (evals/README.md)
const CATEGORIES = new Set([
  'demographics',
  'geography',
  'purchases',
  'spend_orders',
  'lifecycle',
  'channels_fulfillment',
  'coupons_returns',
  'engagement',
  'model_scores',
  'business_rules',
  'negation',
  'or_nesting',
  'multi_turn',
  'clarify',
  'refuse',
  'birthdays',
]);
const STYLES = new Set(['terse', 'plain', 'chatty', 'long', 'typo', 'number_words']);
const FACETS = new Set([
  // customer columns and derived facets
  'gender',
  'age',
  'birth_month',
  'state',
  'city',
  'region',
  'zip',
  'signup_date',
  'signup_channel',
  'loyalty_tier',
  'loyalty_points',
  'email_opt_in',
  'sms_opt_in',
  'push_opt_in',
  'household_size',
  'has_children',
  'income_band',
  'device_os',
  'is_employee',
  'preferred_store_id',
  'days_since_last_purchase',
  'days_since_first_purchase',
  'days_since_signup',
  // behaviour
  'purchase',
  'spend',
  'order_count',
  'avg_order_value',
  'department',
  'category',
  'brand',
  'private_label',
  'organic',
  'channel',
  'fulfillment',
  'coupon',
  'returns',
  'payment_method',
  // events
  'email_sent',
  'email_open',
  'email_click',
  'sms_sent',
  'sms_click',
  'push_sent',
  'push_open',
  'web_visit',
  'app_open',
  'product_view',
  'add_to_cart',
  'cart_abandon',
  'search',
  'review',
  'unsubscribe',
  // models
  'churn_risk',
  'purchase_propensity_30d',
  'predicted_clv_12m',
  'discount_sensitivity',
  'email_engagement',
  // business rules
  'new_customer',
  'active_customer',
  'lapsed_customer',
  'churned_customer',
  'prospect',
  'one_time_buyer',
  'repeat_customer',
  'vip',
  'likely_to_churn',
  'likely_to_buy',
  'engaged_with_email',
  'reachable_email',
  'reachable_sms',
  'reachable_push',
]);

// ------------------------------------------------------------------ load
const cases = fs
  .readFileSync(FILE, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l, i) => {
    try {
      return JSON.parse(l);
    } catch (e) {
      console.error(`line ${i + 1}: not JSON (${e instanceof Error ? e.message : e})`);
      process.exit(1);
    }
  });

const catalog = JSON.parse(fs.readFileSync(CATALOG, 'utf8'));
const conn = await DuckDbConnection.open({ path: WAREHOUSE, readOnly: true });
const audience = new AudienceService(conn, catalog);
const [{ n: totalRaw }] = await conn.query('SELECT count(*) AS n FROM customers');
const total = Number(totalRaw);

// ------------------------------------------------------------------ check
const problems = []; // {id, category, message}
const stats = new Map(); // category -> {cases, segment, clarify, refuse, ok, failed, min, max}
const stat = (cat) => {
  if (!stats.has(cat))
    stats.set(cat, { cases: 0, segment: 0, clarify: 0, refuse: 0, ok: 0, failed: 0, min: Infinity, max: 0 });
  return stats.get(cat);
};
const ids = new Set();
const fail = (c, message) => problems.push({ id: c.id, category: c.category, message });

for (const c of cases) {
  const s = stat(c.category ?? '?');
  s.cases++;
  const before = problems.length;
  // ids: vend-NNN / vturn-NNN (conversations) in vendor.jsonl, blog-NNN in blogs.jsonl, forum-NNN in forums.jsonl
  if (!c.id || !/^(vend|vturn|blog|forum|brief)-\d{3}$/.test(c.id)) fail(c, `bad id ${c.id}`);
  if (ids.has(c.id)) fail(c, 'duplicate id');
  ids.add(c.id);
  if (!CATEGORIES.has(c.category)) fail(c, `unknown category ${c.category}`);
  if (!STYLES.has(c.style)) fail(c, `unknown style ${c.style}`);
  if (typeof c.source !== 'string' || !c.source) fail(c, 'no source');
  const hasText = typeof c.text === 'string' && c.text.length > 0;
  const hasTurns = Array.isArray(c.turns) && c.turns.length >= 2 && c.turns.every((x) => typeof x === 'string' && x);
  if (hasText === hasTurns) fail(c, 'needs exactly one of text / turns (2+)');
  if ((c.category === 'multi_turn') !== hasTurns) fail(c, 'multi_turn cases (only) have turns');
  if (/^(vend|vturn)-/.test(c.id ?? '') && c.id?.startsWith('vturn-') !== hasTurns)
    fail(c, 'vturn- ids are the conversations');

  if (c.expect === 'segment') {
    s.segment++;
    if (!c.gold_segment) fail(c, 'no gold_segment');
    if (!Array.isArray(c.gold_facets) || !c.gold_facets.length) fail(c, 'no gold_facets');
    else for (const f of c.gold_facets) if (!FACETS.has(f)) fail(c, `unknown facet ${f}`);
    if (c.gold_segment) {
      const v = verifySegment(c.gold_segment, { catalog, permissions: { pii: false }, asOf: AS_OF });
      if (!v.ok || v.problems?.length) {
        for (const p of v.problems ?? []) fail(c, `verify: ${p.path ?? ''} ${p.code ?? ''} ${p.message ?? ''}`.trim());
        if (!v.problems?.length) fail(c, 'verify: not ok');
      } else {
        try {
          const n = await audience.count(c.gold_segment, { asOf: AS_OF });
          c._count = n;
          s.min = Math.min(s.min, n);
          s.max = Math.max(s.max, n);
          if (n < 1) fail(c, `selects no customer`);
          else if (n >= total) fail(c, `selects all ${total} customers`);
        } catch (e) {
          fail(c, `count failed: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
  } else if (c.expect === 'clarify') {
    s.clarify++;
    if (typeof c.clarify_about !== 'string' || !c.clarify_about) fail(c, 'clarify needs clarify_about');
    if (c.gold_segment) fail(c, 'clarify case has a gold_segment');
  } else if (c.expect === 'refuse') {
    s.refuse++;
    if (typeof c.missing !== 'string' || !c.missing) fail(c, 'refuse needs missing');
    if (c.gold_segment) fail(c, 'refuse case has a gold_segment');
  } else fail(c, `unknown expect ${c.expect}`);

  if (problems.length > before) s.failed++;
  else s.ok++;
  if (VERBOSE)
    console.log(`${c.id.padEnd(10)} ${String(c._count ?? '-').padStart(6)}  ${c.text ?? c.turns.join(' | ')}`);
}
await conn.close?.();

// ------------------------------------------------------------------ report
for (const p of problems) console.log(`FAIL ${p.id} (${p.category}): ${p.message}`);
const rows = [...stats.entries()].sort(([a], [b]) => a.localeCompare(b));
const head = ['category', 'cases', 'segment', 'clarify', 'refuse', 'ok', 'failed', 'min count', 'max count'];
const body = rows.map(([cat, s]) => [
  cat,
  s.cases,
  s.segment,
  s.clarify,
  s.refuse,
  s.ok,
  s.failed,
  s.segment ? s.min : '-',
  s.segment ? s.max : '-',
]);
const sum = (k) => rows.reduce((a, [, s]) => a + s[k], 0);
body.push(['total', sum('cases'), sum('segment'), sum('clarify'), sum('refuse'), sum('ok'), sum('failed'), '', '']);
const widths = head.map((h, i) => Math.max(String(h).length, ...body.map((r) => String(r[i]).length)));
const fmt = (r) => r.map((v, i) => (i === 0 ? String(v).padEnd(widths[i]) : String(v).padStart(widths[i]))).join('  ');
console.log(
  `\n${path.relative(process.cwd(), FILE)}: ${cases.length} cases; warehouse ${path.relative(process.cwd(), WAREHOUSE)} (${total} customers), as-of ${AS_OF}\n`,
);
console.log(fmt(head));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
body.forEach((r, i) => {
  if (i === body.length - 1) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  console.log(fmt(r));
});
const styles = cases.reduce((m, c) => ((m[c.style] = (m[c.style] ?? 0) + 1), m), {});
console.log(
  `\nstyles: ${Object.entries(styles)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}`,
);
console.log(
  problems.length
    ? `\n${problems.length} problem(s) in ${new Set(problems.map((p) => p.id)).size} case(s)`
    : '\nall cases pass',
);
process.exit(problems.length ? 1 : 0);
