// Builders for gold segments in the JSON form of segment model v1
// (libs/segment-engine/src/model/segment.model.ts). They return plain objects with no undefined
// fields, so the JSONL holds exactly what a hand-written segment would.
//
// Conventions (the way an analyst writes the request in the model):
// - a phrase the tenant defines as a business rule is `rule(id)`; a request that redefines it
//   gets the definition inline;
// - "did not buy X" is `not(buy({...X}))`; the default purchase threshold (>= 1 order) is omitted;
// - windows are written in the request's own unit ("past 2 weeks" = last(2, 'week'));
// - a list of values is `in` with `values`, a single value `eq` with `value`;
// - derived facets (age, birth_month, days_since_*) are attribute conditions; a city goes with its state.
//
// The model has no window relative to D for date attributes and no "D - k days only" window, so a
// few gold segments carry dates computed for the default as-of D = 2026-06-30 and hold only there:
// signup_date bounds (demo-012, demo-026, demo-038, demo-040, life-017, life-018), first purchase in
// a calendar period as days_since_first_purchase (life-013, life-043), the 30 days before the last 30
// (life-023) and "yesterday" (eng-029). Store ids (geography) are those of the generated warehouse.

const clean = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** The segment: one condition, or the AND of several. */
export const seg = (...nodes) => ({ version: 1, where: nodes.length === 1 ? nodes[0] : and(...nodes) });
export const and = (...children) => ({ kind: 'and', children });
export const or = (...children) => ({ kind: 'or', children });
export const not = (child) => ({ kind: 'not', child });

// ---------------------------------------------------------------- attributes
const attr = (facet, op, extra = {}) => ({ kind: 'attribute', facet, op, ...extra });
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
/** One value as eq, several as in. */
export const oneOf = (facet, ...values) => (values.length === 1 ? eq(facet, values[0]) : isIn(facet, values));
export const state = (...s) => oneOf('state', ...s);
export const region = (...r) => oneOf('region', ...r);
export const tier = (...t) => oneOf('loyalty_tier', ...t);
export const income = (...b) => oneOf('income_band', ...b);
export const gender = (g) => eq('gender', g);
/** Cities are matched with their state: [['Houston','TX'], ...] grouped by state. */
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
  lte: (n) => lte('age', n),
  eq: (n) => eq('age', n),
};

// ---------------------------------------------------------------- rules
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

// ---------------------------------------------------------------- windows
export const last = (n, unit) => ({ type: 'last', n, unit });
export const days = (n) => last(n, 'day');
export const weeks = (n) => last(n, 'week');
export const months = (n) => last(n, 'month');
export const years = (n) => last(n, 'year');
export const THIS_YEAR = { type: 'this', unit: 'year' };
export const THIS_MONTH = { type: 'this', unit: 'month' };
export const inYear = (year) => ({ type: 'year', year });
export const inMonth = (year, month) => ({ type: 'month', year, month });
export const since = (date) => ({ type: 'since', date });
export const before = (date) => ({ type: 'before', date });
export const between = (from, to) => ({ type: 'between', from, to });
export const olderThan = (n, unit) => ({ type: 'older_than', n, unit });

// ---------------------------------------------------------------- thresholds
export const t = {
  gt: (value) => ({ op: 'gt', value }),
  gte: (value) => ({ op: 'gte', value }),
  lt: (value) => ({ op: 'lt', value }),
  lte: (value) => ({ op: 'lte', value }),
  eq: (value) => ({ op: 'eq', value }),
  between: (min, max) => ({ op: 'between', min, max }),
};

// ---------------------------------------------------------------- item / order filters
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
/** Merge filters ({...a, ...b}) */
export const with_ = (...fs) => Object.assign({}, ...fs);

// ---------------------------------------------------------------- purchases, events, models
/** Purchase condition: buy({item, order, w, measure, th}) */
export const buy = ({ item, order, w, measure, th } = {}) =>
  clean({ kind: 'purchase', item, order, window: w, measure, threshold: th });
export const spend = (th, w, opts = {}) => buy({ ...opts, w, measure: 'spend', th });
export const orders = (th, w, opts = {}) => buy({ ...opts, w, measure: 'orders', th });
export const aov = (th, w, opts = {}) => buy({ ...opts, w, measure: 'avg_order_value', th });
export const units = (th, w, opts = {}) => buy({ ...opts, w, measure: 'quantity', th });
export const returned = ({ item, w, th } = {}) => buy({ item, order: RETURNED, w, th });

/** Event condition: ev(types, {item, w, th}) */
export const ev = (types, { item, w, th } = {}) =>
  clean({ kind: 'event', event_type: Array.isArray(types) ? types : [types], item, window: w, threshold: th });

export const model = (name, spec) => ({ kind: 'model', model: name, ...spec });
export const level = (name, l) => model(name, { level: l });
export const decile = (name, th) => model(name, { decile: th });
export const score = (name, th) => model(name, { score: th });
export const top = (name, n) => model(name, { top_percent: n });
export const bottom = (name, n) => model(name, { bottom_percent: n });

export const bday = (when, n) => clean({ kind: 'birthday', when, days: n });
