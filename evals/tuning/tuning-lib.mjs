// Segment builders, gold-facet rules and case constructors shared by the tuning-set builders
// (build-vendor.mjs, build-blogs.mjs), and the emitter that turns cases into JSONL lines.
import * as fs from 'node:fs';
import * as path from 'node:path';

// ------------------------------------------------------------------ segment builders (segment model v1)
export const clean = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
export const and = (...children) => ({ kind: 'and', children });
export const or = (...children) => ({ kind: 'or', children });
export const not = (child) => ({ kind: 'not', child });
export const seg = (...nodes) => ({ version: 1, where: nodes.length === 1 ? nodes[0] : and(...nodes) });

export const attr = (facet, op, extra = {}) => ({ kind: 'attribute', facet, op, ...extra });
export const eq = (facet, value) => attr(facet, 'eq', { value });
export const neq = (facet, value) => attr(facet, 'neq', { value });
export const isIn = (facet, values) => attr(facet, 'in', { values });
export const notIn = (facet, values) => attr(facet, 'not_in', { values });
export const gt = (facet, value) => attr(facet, 'gt', { value });
export const gte = (facet, value) => attr(facet, 'gte', { value });
export const lt = (facet, value) => attr(facet, 'lt', { value });
export const lte = (facet, value) => attr(facet, 'lte', { value });
export const betw = (facet, min, max) => attr(facet, 'between', { min, max });
export const yes = (facet) => eq(facet, true);
export const no = (facet) => eq(facet, false);
export const oneOf = (facet, ...values) => (values.length === 1 ? eq(facet, values[0]) : isIn(facet, values));
export const state = (...s) => oneOf('state', ...s);
export const region = (...r) => oneOf('region', ...r);
export const tier = (...t) => oneOf('loyalty_tier', ...t);
export const gender = (g) => eq('gender', g);
export const cities = (...pairs) => {
  const byState = new Map();
  for (const [c, s] of pairs) byState.set(s, [...(byState.get(s) ?? []), c]);
  const parts = [...byState].map(([s, cs]) => and(oneOf('city', ...cs), eq('state', s)));
  return parts.length === 1 ? parts[0] : or(...parts);
};
export const city = (c, s) => cities([c, s]);
export const age = {
  between: (a, b) => betw('age', a, b),
  gt: (n) => gt('age', n),
  gte: (n) => gte('age', n),
  lt: (n) => lt('age', n),
};

export const rule = (id) => ({ kind: 'rule', rule: id });
export const NEW = rule('new_customer');
export const ACTIVE = rule('active_customer');
export const LAPSED = rule('lapsed_customer');
export const CHURNED = rule('churned_customer');
export const PROSPECT = rule('prospect');
export const ONE_TIME = rule('one_time_buyer');
export const REPEAT = rule('repeat_customer');
export const VIP = rule('vip');
export const LIKELY_CHURN = rule('likely_to_churn');
export const LIKELY_BUY = rule('likely_to_buy');
export const EMAIL_ENGAGED = rule('engaged_with_email');
export const REACH_EMAIL = rule('reachable_email');
export const REACH_SMS = rule('reachable_sms');
export const REACH_PUSH = rule('reachable_push');

export const last = (n, unit) => ({ type: 'last', n, unit });
export const days = (n) => last(n, 'day');
export const weeks = (n) => last(n, 'week');
export const months = (n) => last(n, 'month');
export const years = (n) => last(n, 'year');
export const THIS_YEAR = { type: 'this', unit: 'year' };
export const THIS_QUARTER = { type: 'this', unit: 'quarter' };
export const THIS_MONTH = { type: 'this', unit: 'month' };
export const inYear = (year) => ({ type: 'year', year });
export const inMonth = (year, month) => ({ type: 'month', year, month });
export const since = (date) => ({ type: 'since', date });
export const before = (date) => ({ type: 'before', date });
export const between = (from, to) => ({ type: 'between', from, to });
export const olderThan = (n, unit) => ({ type: 'older_than', n, unit });

export const t = {
  gt: (value) => ({ op: 'gt', value }),
  gte: (value) => ({ op: 'gte', value }),
  lt: (value) => ({ op: 'lt', value }),
  lte: (value) => ({ op: 'lte', value }),
  eq: (value) => ({ op: 'eq', value }),
  between: (min, max) => ({ op: 'between', min, max }),
};

export const dept = (...d) => ({ department: d });
export const cat = (...c) => ({ category: c });
export const brand = (...b) => ({ brand: b });
export const PRIVATE = { private_label: true };
export const ORGANIC = { organic: true };
export const ONLINE = { channel: ['web', 'app'] };
export const INSTORE = { channel: ['store'] };
export const INAPP = { channel: ['app'] };
export const WEB = { channel: ['web'] };
export const PICKUP = { fulfillment: ['pickup'] };
export const DELIVERY = { fulfillment: ['delivery'] };
export const SHIP = { fulfillment: ['ship'] };
export const COUPON = { coupon_used: true };
export const RETURNED = { status: 'returned' };
export const pay = (...m) => ({ payment_method: m });
export const store = (...ids) => ({ store_id: ids });
export const with_ = (...fs) => Object.assign({}, ...fs);

export const buy = ({ item, order, w, measure, th } = {}) =>
  clean({ kind: 'purchase', item, order, window: w, measure, threshold: th });
export const spend = (th, w, opts = {}) => buy({ ...opts, w, measure: 'spend', th });
export const orders = (th, w, opts = {}) => buy({ ...opts, w, measure: 'orders', th });
export const aov = (th, w, opts = {}) => buy({ ...opts, w, measure: 'avg_order_value', th });
export const units = (th, w, opts = {}) => buy({ ...opts, w, measure: 'quantity', th });
export const returned = ({ item, w, th } = {}) => buy({ item, order: RETURNED, w, th });
export const ev = (types, { item, w, th } = {}) =>
  clean({ kind: 'event', event_type: Array.isArray(types) ? types : [types], item, window: w, threshold: th });
export const model = (name, spec) => ({ kind: 'model', model: name, ...spec });
export const level = (name, l) => model(name, { level: l });
export const decile = (name, th) => model(name, { decile: th });
export const score = (name, th) => model(name, { score: th });
export const top = (name, n) => model(name, { top_percent: n });
export const bottom = (name, n) => model(name, { bottom_percent: n });
export const bday = (when, n) => clean({ kind: 'birthday', when, days: n });
export const xor = (a, b) => or(and(a, not(b)), and(b, not(a)));

// ------------------------------------------------------------------ gold facets (segment-concepts.ts rules)
export function concepts(segment) {
  const out = new Set();
  const item = (i) => {
    if (!i) return;
    if (i.department?.length) out.add('department');
    if (i.category?.length) out.add('category');
    if (i.brand?.length) out.add('brand');
    if (i.private_label !== undefined) out.add('private_label');
    if (i.organic !== undefined) out.add('organic');
  };
  const visit = (n) => {
    switch (n.kind) {
      case 'and':
      case 'or':
        n.children.forEach(visit);
        return;
      case 'not':
        visit(n.child);
        return;
      case 'attribute':
        out.add(n.facet);
        return;
      case 'purchase': {
        const m = n.measure ?? 'orders';
        if (m === 'spend') out.add('spend');
        else if (m === 'avg_order_value') out.add('avg_order_value');
        else if (m === 'orders' && n.threshold && !(n.threshold.op === 'gte' && n.threshold.value === 1))
          out.add('order_count');
        else out.add('purchase');
        item(n.item);
        const o = n.order ?? {};
        if (o.channel?.length) out.add('channel');
        if (o.fulfillment?.length) out.add('fulfillment');
        if (o.coupon_used !== undefined) out.add('coupon');
        if (o.status === 'returned') out.add('returns');
        if (o.payment_method?.length) out.add('payment_method');
        return;
      }
      case 'event':
        n.event_type.forEach((e) => out.add(e));
        item(n.item);
        return;
      case 'model':
        out.add(n.model);
        return;
      case 'birthday':
        out.add('birth_month');
        return;
      case 'rule':
        out.add(n.rule);
        return;
      default:
        throw new Error(`unknown node kind ${n.kind}`);
    }
  };
  visit(segment.where);
  return [...out];
}

// ------------------------------------------------------------------ case constructors
// S(category, style, source, text, ...nodes): a single request answered by a segment.
export const S = (category, style, source, text, ...nodes) => ({
  category,
  style,
  source,
  text,
  expect: 'segment',
  nodes,
});
export const R = (style, source, text, missing) => ({
  category: 'refuse',
  style,
  source,
  text,
  expect: 'refuse',
  missing,
});
export const C = (style, source, text, clarifyAbout) => ({
  category: 'clarify',
  style,
  source,
  text,
  expect: 'clarify',
  clarify_about: clarifyAbout,
});
// T(style, source, turns, ...nodes): a conversation answered by a segment after the last turn.
export const T = (style, source, turns, ...nodes) => ({
  category: 'multi_turn',
  style,
  source,
  turns,
  expect: 'segment',
  nodes,
});
export const TR = (style, source, turns, missing) => ({
  category: 'multi_turn',
  style,
  source,
  turns,
  expect: 'refuse',
  missing,
});
export const TC = (style, source, turns, clarifyAbout) => ({
  category: 'multi_turn',
  style,
  source,
  turns,
  expect: 'clarify',
  clarify_about: clarifyAbout,
});

// ------------------------------------------------------------------ emit
export const pad = (n) => String(n).padStart(3, '0');
export const toCase = (id, c) => {
  const out = { id, category: c.category, style: c.style };
  if (c.text !== undefined) out.text = c.text;
  if (c.turns !== undefined) out.turns = c.turns;
  out.expect = c.expect;
  if (c.expect === 'segment') {
    const gold = seg(...c.nodes);
    out.gold_segment = gold;
    out.gold_facets = concepts(gold);
  }
  if (c.missing) out.missing = c.missing;
  if (c.clarify_about) out.clarify_about = c.clarify_about;
  out.source = c.source;
  return out;
};

/**
 * Writes the cases (one JSON object a line) and prints how many by category, expect and style. Refuses a
 * repeated id or a repeated request (the same text, or the same turns, in any case).
 */
export function writeCases(file, lines) {
  const ids = new Set();
  const texts = new Set();
  for (const l of lines) {
    if (ids.has(l.id)) throw new Error(`duplicate id ${l.id}`);
    ids.add(l.id);
    const key = (l.text ?? l.turns.join(' | ')).toLowerCase();
    if (texts.has(key)) throw new Error(`duplicate request ${l.id}: ${key}`);
    texts.add(key);
  }
  fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const by = (k) => lines.reduce((m, l) => ((m[l[k]] = (m[l[k]] ?? 0) + 1), m), {});
  console.log(`wrote ${lines.length} cases to ${path.relative(process.cwd(), file)}`);
  console.log('by category:', JSON.stringify(by('category')));
  console.log('by expect:  ', JSON.stringify(by('expect')));
  console.log('by style:   ', JSON.stringify(by('style')));
}
