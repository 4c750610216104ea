// Helpers for writing gold SQL and cases. The gold SQL is written against the business meanings of
// /work/shared/specs/reference-retail.md section 2. Every gold query has the shape
//   SELECT customer_id FROM customers WHERE <conditions>
// so it returns one distinct column named customer_id. `{{as_of}}` stands for a DATE literal.

export const D = '{{as_of}}';

export const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
export const list = (arr) => arr.map(q).join(', ');

/** The audience: customers matching every condition. */
export const where = (...conds) => {
  const c = conds.filter(Boolean);
  return `SELECT customer_id FROM customers WHERE ${c.length ? c.join(' AND ') : 'TRUE'}`;
};
export const or = (...c) => `(${c.join(' OR ')})`;
export const and = (...c) => `(${c.join(' AND ')})`;
export const not = (c) => `NOT (${c})`;

// ---------------------------------------------------------------- demographics
/** Whole years between birth_date and D; NULL when birth_date is unknown (so never matches). */
export const AGE = `(date_diff('year', birth_date, ${D}) - CASE WHEN strftime(birth_date, '%m%d') > strftime(${D}, '%m%d') THEN 1 ELSE 0 END)`;
export const ageBetween = (a, b) => `${AGE} BETWEEN ${a} AND ${b}`;
export const ageGt = (n) => `${AGE} > ${n}`;
export const ageGte = (n) => `${AGE} >= ${n}`;
export const ageLt = (n) => `${AGE} < ${n}`;
export const ageLte = (n) => `${AGE} <= ${n}`;

export const eq = (col, v) => `${col} = ${q(v)}`;
export const isIn = (col, vals) => `${col} IN (${list(vals)})`;
export const state = (...s) => (s.length === 1 ? eq('state', s[0]) : isIn('state', s));
export const region = (...r) => (r.length === 1 ? eq('region', r[0]) : isIn('region', r));
export const gender = (g) => eq('gender', g);
export const tier = (...t) => (t.length === 1 ? eq('loyalty_tier', t[0]) : isIn('loyalty_tier', t));
export const income = (...b) => (b.length === 1 ? eq('income_band', b[0]) : isIn('income_band', b));
/** A city is named together with its state (city names are not unique across states). */
export const city = (name, st) => `(city = ${q(name)} AND state = ${q(st)})`;
export const cities = (pairs) => or(...pairs.map(([c, s]) => city(c, s)));
export const prefStore = (cond) => `preferred_store_id IN (SELECT store_id FROM stores WHERE ${cond})`;

// ---------------------------------------------------------------- time windows
export const days = (n) => ({ days: n });
export const weeks = (n) => ({ days: 7 * n });
export const months = (n) => ({ months: n });
export const years = (n) => ({ years: n });
export const THIS_YEAR = { thisYear: true };
export const THIS_MONTH = { thisMonth: true };
export const inYear = (y) => ({ between: [`${y}-01-01`, `${y}-12-31`] });
export const inMonth = (y, m) => {
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return { between: [`${y}-${mm}-01`, `${y}-${mm}-${last}`] };
};
export const since = (d) => ({ since: d }); // on or after
export const after = (d) => ({ since: d }); // spec: "after a date" = on or after
export const before = (d) => ({ before: d }); // strictly before
export const between = (a, b) => ({ between: [a, b] }); // inclusive
export const onDay = (offsetDays) => ({ on: offsetDays });

/** The window condition on a timestamp column, by the spec's rules. */
export function win(col, w) {
  if (!w) return null;
  const c = `${col}::DATE`;
  if (w.days != null) return `${c} BETWEEN ${D} - INTERVAL ${w.days} DAY AND ${D}`;
  if (w.months != null) return `${c} BETWEEN ${D} - INTERVAL ${w.months} MONTH AND ${D}`;
  if (w.years != null) return `${c} BETWEEN ${D} - INTERVAL ${w.years} YEAR AND ${D}`;
  if (w.thisYear) return `${c} BETWEEN date_trunc('year', ${D}) AND ${D}`;
  if (w.thisMonth) return `${c} BETWEEN date_trunc('month', ${D}) AND ${D}`;
  if (w.since) return `${c} BETWEEN DATE '${w.since}' AND ${D}`;
  if (w.before) return `${c} < DATE '${w.before}'`;
  if (w.between) return `${c} BETWEEN DATE '${w.between[0]}' AND DATE '${w.between[1]}'`;
  if (w.on != null) return `${c} = ${D} - INTERVAL ${w.on} DAY`;
  if (w.raw) return w.raw.replace(/\$c/g, c);
  throw new Error('bad window ' + JSON.stringify(w));
}
/** Same window applied to a plain DATE column (signup_date). */
export const dateWin = (col, w) => win(col, w).replace(`${col}::DATE`, col);

// ---------------------------------------------------------------- orders
export const dept = (...d) => (d.length === 1 ? `p.department = ${q(d[0])}` : `p.department IN (${list(d)})`);
export const cat = (...c) => (c.length === 1 ? `p.category = ${q(c[0])}` : `p.category IN (${list(c)})`);
export const brand = (...b) => (b.length === 1 ? `p.brand = ${q(b[0])}` : `p.brand IN (${list(b)})`);
export const PRIVATE = 'p.is_private_label';
export const ORGANIC = 'p.is_organic';
export const ONLINE = `o.channel IN ('web', 'app')`;
export const INSTORE = `o.channel = 'store'`;
export const INAPP = `o.channel = 'app'`;
export const WEB = `o.channel = 'web'`;
export const PICKUP = `o.fulfillment = 'pickup'`;
export const DELIVERY = `o.fulfillment = 'delivery'`;
export const SHIP = `o.fulfillment = 'ship'`;
export const COUPON = 'o.coupon_used';
export const pay = (m) => `o.payment_method = ${q(m)}`;

/**
 * Orders subquery (completed unless status says otherwise), optionally joined to items/products when
 * `item` is given; `having` groups by customer. With an item join, count orders as count(DISTINCT o.order_id).
 */
export function orders({ item, order, w, status = 'completed', having } = {}) {
  const from = item
    ? 'orders o JOIN order_items oi ON oi.order_id = o.order_id JOIN products p ON p.product_id = oi.product_id'
    : 'orders o';
  const conds = [status ? `o.status = ${q(status)}` : null, order, item, win('o.order_ts', w)].filter(Boolean);
  let s = `SELECT o.customer_id FROM ${from} WHERE ${conds.join(' AND ')}`;
  if (having) s += ` GROUP BY o.customer_id HAVING ${having}`;
  return s;
}
export const inQ = (sub) => `customer_id IN (${sub})`;
export const notInQ = (sub) => `customer_id NOT IN (${sub})`;
/** At least one completed order (in the window) matching item/order conditions. */
export const bought = (opts = {}) => inQ(orders(opts));
/** No completed order (in the window) matching; includes customers who never bought. */
export const notBought = (opts = {}) => notInQ(orders(opts));

// spend = sum(total_amount) of completed orders (in the window)
const SPEND = 'sum(o.total_amount)';
export const spendGt = (x, w, order) => bought({ w, order, having: `${SPEND} > ${x}` });
export const spendGte = (x, w, order) => bought({ w, order, having: `${SPEND} >= ${x}` });
/** "spent less than $X": customers with no order in the window count as 0 and match. */
export const spendLt = (x, w, order) => notBought({ w, order, having: `${SPEND} >= ${x}` });
export const spendLte = (x, w, order) => notBought({ w, order, having: `${SPEND} > ${x}` });
export const spendBetween = (a, b, w, order) => bought({ w, order, having: `${SPEND} BETWEEN ${a} AND ${b}` });

// order counts
const CNT = 'count(*)';
export const ordersGte = (n, w, order) => bought({ w, order, having: `${CNT} >= ${n}` });
export const ordersGt = (n, w, order) => bought({ w, order, having: `${CNT} > ${n}` });
/** "at most N orders": customers with none in the window match. */
export const ordersLte = (n, w, order) => notBought({ w, order, having: `${CNT} > ${n}` });
export const ordersLt = (n, w, order) => notBought({ w, order, having: `${CNT} >= ${n}` });
export const ordersEq = (n, w, order) => (n === 0 ? notBought({ w, order }) : bought({ w, order, having: `${CNT} = ${n}` }));
export const ordersBetween = (a, b, w, order) => bought({ w, order, having: `${CNT} BETWEEN ${a} AND ${b}` });

// average order value: needs at least one order in the window
export const aov = (op, x, w, order) => bought({ w, order, having: `${SPEND} / ${CNT} ${op} ${x}` });
export const aovBetween = (a, b, w, order) => bought({ w, order, having: `${SPEND} / ${CNT} BETWEEN ${a} AND ${b}` });

// spend on items matching X = sum(line_amount)
const ISPEND = 'sum(oi.line_amount)';
export const itemSpendGt = (item, x, w) => bought({ item, w, having: `${ISPEND} > ${x}` });
export const itemSpendGte = (item, x, w) => bought({ item, w, having: `${ISPEND} >= ${x}` });
export const itemSpendLt = (item, x, w) => notBought({ item, w, having: `${ISPEND} >= ${x}` });
export const itemSpendBetween = (item, a, b, w) => bought({ item, w, having: `${ISPEND} BETWEEN ${a} AND ${b}` });

// ---------------------------------------------------------------- lifecycle
export const NEW = bought({ having: `min(o.order_ts)::DATE >= ${D} - INTERVAL 30 DAY` });
export const ACTIVE = bought({ w: days(90) });
export const LAPSED = bought({
  having: `max(o.order_ts)::DATE BETWEEN ${D} - INTERVAL 365 DAY AND ${D} - INTERVAL 91 DAY`,
});
export const CHURNED = bought({ having: `max(o.order_ts)::DATE < ${D} - INTERVAL 365 DAY` });
export const PROSPECT = notBought();
export const ONE_TIME = bought({ having: 'count(*) = 1' });
export const REPEAT = bought({ having: 'count(*) >= 2' });
/** Days since last completed order; never-buyers never match. */
export const recency = (cond) => bought({ having: `date_diff('day', max(o.order_ts)::DATE, ${D}) ${cond}` });
export const firstPurchase = (cond) => bought({ having: `date_diff('day', min(o.order_ts)::DATE, ${D}) ${cond}` });
export const signupDays = (cond) => `date_diff('day', signup_date, ${D}) ${cond}`;

// ---------------------------------------------------------------- events
export function events({ type, w, item, having } = {}) {
  const t = Array.isArray(type) ? `e.event_type IN (${list(type)})` : `e.event_type = ${q(type)}`;
  const from = item ? 'events e JOIN products p ON p.product_id = e.product_id' : 'events e';
  const conds = [t, item, win('e.event_ts', w)].filter(Boolean);
  let s = `SELECT e.customer_id FROM ${from} WHERE ${conds.join(' AND ')}`;
  if (having) s += ` GROUP BY e.customer_id HAVING ${having}`;
  return s;
}
export const did = (opts) => inQ(events(opts));
export const didNot = (opts) => notInQ(events(opts));

// ---------------------------------------------------------------- models
export const model = (name, cond) =>
  inQ(`SELECT customer_id FROM model_scores WHERE model_name = ${q(name)} AND ${cond}`);
export const high = (name) => model(name, 'decile BETWEEN 8 AND 10');
export const medium = (name) => model(name, 'decile BETWEEN 4 AND 7');
export const low = (name) => model(name, 'decile BETWEEN 1 AND 3');
const fmt = (x) => String(Number(x.toFixed(4)));
export const topPct = (name, n) =>
  model(
    name,
    `score >= (SELECT quantile_cont(score, ${fmt(1 - n / 100)}) FROM model_scores WHERE model_name = ${q(name)})`,
  );
export const bottomPct = (name, n) =>
  model(name, `score <= (SELECT quantile_cont(score, ${fmt(n / 100)}) FROM model_scores WHERE model_name = ${q(name)})`);

// ---------------------------------------------------------------- business rules
export const VIP = `(loyalty_tier = 'platinum' OR ${model('predicted_clv_12m', 'decile = 10')})`;
export const LIKELY_CHURN = high('churn_risk');
export const LIKELY_BUY = high('purchase_propensity_30d');
export const emailEngaged = (w = days(90)) => did({ type: ['email_open', 'email_click'], w });
export const EMAIL_ENGAGED = emailEngaged();
export const REACH_EMAIL = 'email_opt_in';
export const REACH_SMS = 'sms_opt_in';
export const REACH_PUSH = `(push_opt_in AND device_os <> 'none')`;

// ---------------------------------------------------------------- birthdays
const YRS = `date_diff('year', birth_date, ${D})::INTEGER`;
/** The birthday's next yearly occurrence on or after D (Feb 29 falls on Feb 28 in common years). */
export const NEXT_BDAY = `(CASE WHEN (birth_date + to_years(${YRS}))::DATE >= ${D} THEN (birth_date + to_years(${YRS}))::DATE ELSE (birth_date + to_years(${YRS} + 1))::DATE END)`;
export const bdayWithin = (n) => `${NEXT_BDAY} BETWEEN ${D} AND ${D} + INTERVAL ${n} DAY`;
export const BDAY_THIS_MONTH = `month(birth_date) = month(${D})`;
export const BDAY_NEXT_MONTH = `month(birth_date) = month(${D} + INTERVAL 1 MONTH)`;

// ---------------------------------------------------------------- case constructors
/**
 * A segment case. `text` may be an array of turns (a conversation). `gold_segment` (./seg.mjs) is the
 * same audience in segment model v1; it is left out for the stretch cases the model cannot express.
 */
export const S = (style, text, gold_sql, gold_facets, gold_segment) => ({ style, text, expect: 'segment', gold_sql, gold_facets, gold_segment });
export const C = (style, text, clarify_about) => ({ style, text, expect: 'clarify', clarify_about });
export const R = (style, text, missing) => ({ style, text, expect: 'refuse', missing });
