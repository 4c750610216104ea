#!/usr/bin/env node
// Writes evals/tuning/vendor.jsonl: a tuning set of audience requests phrased the way vendor docs and
// marketing blogs phrase segments (Klaviyo, Braze, Attentive, Mailchimp, Omnisend, Shopify, Blueshift,
// Bloomreach, Yotpo, MoEngage, CleverTap, Salesforce, HubSpot, Optimove, ...), adapted to the reference
// tenant (../shared/specs/reference-retail.md). Gold segments follow spec section 2 and the conventions of
// evals/README.md ("Gold segments"); gold_facets are derived from the gold segment with the same rules as
// libs/eval-runner/src/segment-concepts.ts.
//
// Ids are positional: append new cases at the end of a list, never insert or reorder.
// Dates in windows are absolute; they are written for the default as-of D = 2026-06-30 only where the
// request itself names a date (calendar months, "BFCM 2025", "signed up in 2025", ...).
// Store ids are those of the generated demo warehouse (14 Denver, 4 Phoenix Downtown, 47 Columbus,
// 48 Cleveland, 65 Seattle).
//
// Usage: node evals/tuning/build-vendor.mjs   (then node evals/tuning/check-vendor.mjs)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

// ------------------------------------------------------------------ segment builders (segment model v1)
const clean = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const and = (...children) => ({ kind: 'and', children });
const or = (...children) => ({ kind: 'or', children });
const not = (child) => ({ kind: 'not', child });
const seg = (...nodes) => ({ version: 1, where: nodes.length === 1 ? nodes[0] : and(...nodes) });

const attr = (facet, op, extra = {}) => ({ kind: 'attribute', facet, op, ...extra });
const eq = (facet, value) => attr(facet, 'eq', { value });
const neq = (facet, value) => attr(facet, 'neq', { value });
const isIn = (facet, values) => attr(facet, 'in', { values });
const notIn = (facet, values) => attr(facet, 'not_in', { values });
const gt = (facet, value) => attr(facet, 'gt', { value });
const gte = (facet, value) => attr(facet, 'gte', { value });
const lt = (facet, value) => attr(facet, 'lt', { value });
const lte = (facet, value) => attr(facet, 'lte', { value });
const betw = (facet, min, max) => attr(facet, 'between', { min, max });
const yes = (facet) => eq(facet, true);
const no = (facet) => eq(facet, false);
const oneOf = (facet, ...values) => (values.length === 1 ? eq(facet, values[0]) : isIn(facet, values));
const state = (...s) => oneOf('state', ...s);
const region = (...r) => oneOf('region', ...r);
const tier = (...t) => oneOf('loyalty_tier', ...t);
const gender = (g) => eq('gender', g);
const cities = (...pairs) => {
  const byState = new Map();
  for (const [c, s] of pairs) byState.set(s, [...(byState.get(s) ?? []), c]);
  const parts = [...byState].map(([s, cs]) => and(oneOf('city', ...cs), eq('state', s)));
  return parts.length === 1 ? parts[0] : or(...parts);
};
const city = (c, s) => cities([c, s]);
const age = {
  between: (a, b) => betw('age', a, b),
  gt: (n) => gt('age', n),
  gte: (n) => gte('age', n),
  lt: (n) => lt('age', n),
};

const rule = (id) => ({ kind: 'rule', rule: id });
const NEW = rule('new_customer');
const ACTIVE = rule('active_customer');
const LAPSED = rule('lapsed_customer');
const CHURNED = rule('churned_customer');
const PROSPECT = rule('prospect');
const ONE_TIME = rule('one_time_buyer');
const REPEAT = rule('repeat_customer');
const VIP = rule('vip');
const LIKELY_CHURN = rule('likely_to_churn');
const LIKELY_BUY = rule('likely_to_buy');
const EMAIL_ENGAGED = rule('engaged_with_email');
const REACH_EMAIL = rule('reachable_email');
const REACH_SMS = rule('reachable_sms');
const REACH_PUSH = rule('reachable_push');

const last = (n, unit) => ({ type: 'last', n, unit });
const days = (n) => last(n, 'day');
const weeks = (n) => last(n, 'week');
const months = (n) => last(n, 'month');
const years = (n) => last(n, 'year');
const THIS_YEAR = { type: 'this', unit: 'year' };
const THIS_QUARTER = { type: 'this', unit: 'quarter' };
const THIS_MONTH = { type: 'this', unit: 'month' };
const inYear = (year) => ({ type: 'year', year });
const inMonth = (year, month) => ({ type: 'month', year, month });
const since = (date) => ({ type: 'since', date });
const before = (date) => ({ type: 'before', date });
const between = (from, to) => ({ type: 'between', from, to });
const olderThan = (n, unit) => ({ type: 'older_than', n, unit });

const t = {
  gt: (value) => ({ op: 'gt', value }),
  gte: (value) => ({ op: 'gte', value }),
  lt: (value) => ({ op: 'lt', value }),
  lte: (value) => ({ op: 'lte', value }),
  eq: (value) => ({ op: 'eq', value }),
  between: (min, max) => ({ op: 'between', min, max }),
};

const dept = (...d) => ({ department: d });
const cat = (...c) => ({ category: c });
const brand = (...b) => ({ brand: b });
const PRIVATE = { private_label: true };
const ORGANIC = { organic: true };
const ONLINE = { channel: ['web', 'app'] };
const INSTORE = { channel: ['store'] };
const INAPP = { channel: ['app'] };
const WEB = { channel: ['web'] };
const PICKUP = { fulfillment: ['pickup'] };
const DELIVERY = { fulfillment: ['delivery'] };
const SHIP = { fulfillment: ['ship'] };
const COUPON = { coupon_used: true };
const RETURNED = { status: 'returned' };
const pay = (...m) => ({ payment_method: m });
const store = (...ids) => ({ store_id: ids });
const with_ = (...fs) => Object.assign({}, ...fs);

const buy = ({ item, order, w, measure, th } = {}) =>
  clean({ kind: 'purchase', item, order, window: w, measure, threshold: th });
const spend = (th, w, opts = {}) => buy({ ...opts, w, measure: 'spend', th });
const orders = (th, w, opts = {}) => buy({ ...opts, w, measure: 'orders', th });
const aov = (th, w, opts = {}) => buy({ ...opts, w, measure: 'avg_order_value', th });
const units = (th, w, opts = {}) => buy({ ...opts, w, measure: 'quantity', th });
const returned = ({ item, w, th } = {}) => buy({ item, order: RETURNED, w, th });
const ev = (types, { item, w, th } = {}) =>
  clean({ kind: 'event', event_type: Array.isArray(types) ? types : [types], item, window: w, threshold: th });
const model = (name, spec) => ({ kind: 'model', model: name, ...spec });
const level = (name, l) => model(name, { level: l });
const decile = (name, th) => model(name, { decile: th });
const score = (name, th) => model(name, { score: th });
const top = (name, n) => model(name, { top_percent: n });
const bottom = (name, n) => model(name, { bottom_percent: n });
const bday = (when, n) => clean({ kind: 'birthday', when, days: n });
const xor = (a, b) => or(and(a, not(b)), and(b, not(a)));

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
const S = (category, style, source, text, ...nodes) => ({ category, style, source, text, expect: 'segment', nodes });
const R = (style, source, text, missing) => ({ category: 'refuse', style, source, text, expect: 'refuse', missing });
const C = (style, source, text, clarifyAbout) => ({
  category: 'clarify',
  style,
  source,
  text,
  expect: 'clarify',
  clarify_about: clarifyAbout,
});
// T(style, source, turns, ...nodes): a conversation answered by a segment after the last turn.
const T = (style, source, turns, ...nodes) => ({
  category: 'multi_turn',
  style,
  source,
  turns,
  expect: 'segment',
  nodes,
});
const TR = (style, source, turns, missing) => ({
  category: 'multi_turn',
  style,
  source,
  turns,
  expect: 'refuse',
  missing,
});
const TC = (style, source, turns, clarifyAbout) => ({
  category: 'multi_turn',
  style,
  source,
  turns,
  expect: 'clarify',
  clarify_about: clarifyAbout,
});

// ------------------------------------------------------------------ single requests
const single = [
  // ---------------------------------------------------------------- demographics
  S(
    'demographics',
    'terse',
    'Klaviyo profile-property segment',
    'Women 25–34 who are SMS subscribers',
    gender('female'),
    age.between(25, 34),
    yes('sms_opt_in'),
  ),
  S(
    'demographics',
    'chatty',
    'Braze demographic filters (Age, custom attribute)',
    'Quick one: users aged 55+ with a household income of $100k or more, for the retirement-travel partnership. Thanks!',
    age.gte(55),
    isIn('income_band', ['100k_150k', '150k_plus']),
  ),
  S(
    'demographics',
    'chatty',
    'Shopify blog, back-to-school campaign',
    'For our back-to-school push, can you grab parents (kids at home) in households of 4 or more? Thanks so much!',
    yes('has_children'),
    gte('household_size', 4),
  ),
  S(
    'demographics',
    'long',
    'Braze campaign brief with audience block',
    "We're launching a men's grooming line in Q3 and the goal is trial among younger guys. Audience: male customers aged 21-35 on iPhone who have opted in to push notifications. Creative is push-first, so nobody outside push.",
    gender('male'),
    age.between(21, 35),
    eq('device_os', 'ios'),
    yes('push_opt_in'),
  ),
  S(
    'demographics',
    'terse',
    'Yotpo loyalty segment (tier + points balance)',
    'Gold tier, 5,000+ points balance',
    tier('gold'),
    gte('loyalty_points', 5000),
  ),
  S(
    'demographics',
    'plain',
    'Mailchimp signup-source segment',
    'Non-loyalty members who signed up through a friend referral',
    tier('none'),
    eq('signup_channel', 'referral'),
  ),
  S(
    'demographics',
    'typo',
    'CleverTap user properties',
    'androd users under 30 with no kids',
    eq('device_os', 'android'),
    age.lt(30),
    no('has_children'),
  ),
  S(
    'demographics',
    'number_words',
    'Salesforce Data Cloud attribute filter',
    'Single-person households aged sixty-five and older',
    eq('household_size', 1),
    age.gte(65),
  ),
  S(
    'demographics',
    'plain',
    'HubSpot active list (create date + original source)',
    'Contacts who signed up in 2025 via social',
    betw('signup_date', '2025-01-01', '2025-12-31'),
    eq('signup_channel', 'social'),
  ),
  S(
    'demographics',
    'terse',
    'Attentive suppression segment',
    'Staff accounts (employees) — need the list so we can exclude them from promos',
    yes('is_employee'),
  ),
  S(
    'demographics',
    'typo',
    'Mailchimp gender merge-field segment',
    'customers whose gender is nonbinary or not recordd',
    isIn('gender', ['nonbinary', 'unknown']),
  ),
  S(
    'demographics',
    'chatty',
    'Attentive blog, luxury drop',
    'Hey! Could you pull affluent shoppers — $150k+ household income — who are 40 to 60?',
    eq('income_band', '150k_plus'),
    age.between(40, 60),
  ),
  S(
    'demographics',
    'typo',
    'LoyaltyLion tier segment',
    'platnum members with 10k+ loyalty pts',
    tier('platinum'),
    gte('loyalty_points', 10000),
  ),
  S(
    'demographics',
    'long',
    'Iterable onboarding journey entry criteria',
    "Onboarding check-in: we want to welcome people who signed up through the app in the last 45 days, whether or not they've bought yet. Include everyone regardless of opt-in status; channel selection happens later in the journey.",
    lte('days_since_signup', 45),
    eq('signup_channel', 'app'),
  ),
  S(
    'demographics',
    'number_words',
    'MoEngage user-attribute segment',
    'Customers between thirty and forty-four years old in households of three',
    age.between(30, 44),
    eq('household_size', 3),
  ),
  S(
    'demographics',
    'plain',
    'Braze device filter',
    'Silver or gold members with no smartphone on file (device OS none)',
    tier('silver', 'gold'),
    eq('device_os', 'none'),
  ),

  // ---------------------------------------------------------------- geography
  S(
    'geography',
    'terse',
    'Omnisend location-based segment',
    'Location-based: customers who live in Texas',
    state('TX'),
  ),
  S(
    'geography',
    'plain',
    'Attentive location-centric segment',
    'Shoppers in the Pacific Northwest (Washington and Oregon)',
    state('WA', 'OR'),
  ),
  S(
    'geography',
    'chatty',
    'Klaviyo blog, pop-up event invite',
    "We're opening a pop-up in Austin next month — can you find everyone who lives in Austin, TX?",
    city('Austin', 'TX'),
  ),
  S(
    'geography',
    'terse',
    'Listrak region + loyalty segment',
    'Midwest, gold + platinum',
    region('midwest'),
    tier('gold', 'platinum'),
  ),
  S(
    'geography',
    'plain',
    'Attentive location segment with opt-in',
    'Subscribers in Florida, Georgia, or the Carolinas who are opted in to SMS',
    state('FL', 'GA', 'NC', 'SC'),
    yes('sms_opt_in'),
  ),
  S(
    'geography',
    'long',
    'Bloomreach weather-triggered use case',
    'Weather-triggered campaign: a cold snap is hitting the Northeast next week. Target customers in the Northeast region who bought anything from Home in the past 6 months — we are pushing space heaters and bedding.',
    region('northeast'),
    buy({ item: dept('Home'), w: months(6) }),
  ),
  S(
    'geography',
    'long',
    'Salesforce Marketing Cloud store audience',
    'The Denver store manager wants to send a local newsletter. Audience: customers whose preferred store is Acme Supercenter Denver, nothing else; she handles content and consent checks on her side.',
    eq('preferred_store_id', 14),
  ),
  S(
    'geography',
    'plain',
    'Listrak store-level POS segment',
    'Anyone who made an in-store purchase at Acme Market Seattle in the last 90 days',
    buy({ order: with_(INSTORE, store(65)), w: days(90) }),
  ),
  S(
    'geography',
    'typo',
    'MoEngage city filter',
    'custmers in chicago and milwaukee',
    cities(['Chicago', 'IL'], ['Milwaukee', 'WI']),
  ),
  S(
    'geography',
    'terse',
    'Klaviyo location property segment',
    'West Coast states: CA, OR, WA',
    state('CA', 'OR', 'WA'),
  ),
  S(
    'geography',
    'plain',
    'Shopify customer segment (location + product)',
    'People in NYC (New York and Brooklyn) who bought Wine & Beer this year',
    cities(['New York', 'NY'], ['Brooklyn', 'NY']),
    buy({ item: cat('Wine & Beer'), w: THIS_YEAR }),
  ),
  S(
    'geography',
    'chatty',
    'Mailchimp blog, regional promo',
    'could you get me folks living in the Southwest who are over 50?',
    region('southwest'),
    age.gt(50),
  ),
  S(
    'geography',
    'number_words',
    'Salesforce store-cluster audience',
    'Customers who shopped at either of our two Ohio stores (Columbus or Cleveland) in twenty twenty-five',
    buy({ order: store(47, 48), w: inYear(2025) }),
  ),
  S(
    'geography',
    'number_words',
    'Shopify segment (location + order count)',
    'Residents of Hawaii or Alaska with two or more orders in the last twelve months',
    state('HI', 'AK'),
    orders(t.gte(2), months(12)),
  ),
  S(
    'geography',
    'long',
    'Bloomreach store-reopening campaign brief',
    'Store reopening in Phoenix: after the remodel of Acme Supercenter Phoenix Downtown we want to invite customers who list it as their home store, plus anyone who lives in Phoenix, AZ. Either one qualifies.',
    or(eq('preferred_store_id', 4), city('Phoenix', 'AZ')),
  ),
  S(
    'geography',
    'terse',
    'Attentive DMV geo segment',
    'DC + Maryland + Virginia, email opted-in',
    state('DC', 'MD', 'VA'),
    yes('email_opt_in'),
  ),

  // ---------------------------------------------------------------- purchases
  S(
    'purchases',
    'plain',
    'Klaviyo "What someone has done" condition',
    'Customers who have bought from the Pets department at least once in the last 60 days',
    buy({ item: dept('Pets'), w: days(60) }),
  ),
  S(
    'purchases',
    'terse',
    'Braze purchased-product filter',
    'Purchased Lego — past 2 weeks',
    buy({ item: brand('Lego'), w: weeks(2) }),
  ),
  S(
    'purchases',
    'chatty',
    'Shopify products_purchased with date',
    'hey, who purchased Coffee & Tea back in March 2026? want to send them a cold brew launch note',
    buy({ item: cat('Coffee & Tea'), w: inMonth(2026, 3) }),
  ),
  S(
    'purchases',
    'chatty',
    'Omnisend blog, store-brand promo',
    'Hi team — need everyone who bought Acme Select (our store brand) products this quarter, thanks!',
    buy({ item: PRIVATE, w: THIS_QUARTER }),
  ),
  S(
    'purchases',
    'plain',
    'Klaviyo product-property condition',
    'Organic buyers: purchased an organic item since January 1, 2026',
    buy({ item: ORGANIC, w: since('2026-01-01') }),
  ),
  S(
    'purchases',
    'long',
    'Braze segment extension (purchase in date range)',
    "Grilling season cross-sell. Audience = customers who bought a grill from Weber or Char-Broil between April 1 and June 15, 2026. We'll follow up with grilling accessories and meat bundles.",
    buy({ item: with_(cat('Grills'), brand('Weber', 'Char-Broil')), w: between('2026-04-01', '2026-06-15') }),
  ),
  S(
    'purchases',
    'typo',
    'Mailchimp category-purchased segment',
    'bougth baby formula in the last 30 days',
    buy({ item: cat('Baby Formula'), w: days(30) }),
  ),
  S(
    'purchases',
    'number_words',
    'Omnisend purchased-from-category filter',
    'Shoppers who bought Video Games in the past three months',
    buy({ item: cat('Video Games'), w: months(3) }),
  ),
  S(
    'purchases',
    'typo',
    'Mailchimp purchase-date segment (before a date)',
    'custmers who bought Smart Home devices before 2026',
    buy({ item: cat('Smart Home'), w: before('2026-01-01') }),
  ),
  S(
    'purchases',
    'plain',
    'Blueshift catalog activity',
    'Bought Camping gear more than a year ago',
    buy({ item: cat('Camping'), w: olderThan(1, 'year') }),
  ),
  S(
    'purchases',
    'terse',
    'Mailchimp "Category purchased" condition',
    'Category purchased: Skincare, YTD',
    buy({ item: cat('Skincare'), w: THIS_YEAR }),
  ),
  S(
    'purchases',
    'long',
    'Listrak holiday recap segment',
    "Valentine's prep: last holiday season's jewelry buyers are our best bet. Pull customers who purchased from Jewelry in December 2025; we'll layer creative by gender later.",
    buy({ item: dept('Jewelry'), w: inMonth(2025, 12) }),
  ),
  S(
    'purchases',
    'chatty',
    'Attentive blog, sneaker drop',
    'Can I get people who bought Nike or Adidas in the last 6 months? Planning a sneaker drop.',
    buy({ item: brand('Nike', 'Adidas'), w: months(6) }),
  ),
  S(
    'purchases',
    'plain',
    'Shopify segment (purchased in calendar year)',
    'Purchased Printers & Ink in calendar 2025',
    buy({ item: cat('Printers & Ink'), w: inYear(2025) }),
  ),
  S(
    'purchases',
    'terse',
    'Klaviyo replenishment segment',
    'Bought Diapers this month',
    buy({ item: cat('Diapers'), w: THIS_MONTH }),
  ),
  S(
    'purchases',
    'long',
    'Braze replenishment Canvas entry',
    "Replenishment reminder: pet parents who purchased Dog Food or Cat Food in the last 45 days. We'll time the reminder off their usual cycle, so just give me the base audience.",
    buy({ item: cat('Dog Food', 'Cat Food'), w: days(45) }),
  ),
  S(
    'purchases',
    'plain',
    'Blueshift catalog activity (brand + category)',
    'Customers who bought a Samsung TV in the last year',
    buy({ item: with_(cat('TVs'), brand('Samsung')), w: years(1) }),
  ),
  S(
    'purchases',
    'plain',
    'Klaviyo BFCM recap segment',
    'Anyone who bought from Garden during BFCM 2025 (Nov 28 – Dec 1, 2025)',
    buy({ item: dept('Garden'), w: between('2025-11-28', '2025-12-01') }),
  ),
  S(
    'purchases',
    'typo',
    'Braze purchased-product filter',
    'purchsed Apple products in last 90 days',
    buy({ item: brand('Apple'), w: days(90) }),
  ),
  S(
    'purchases',
    'number_words',
    'Omnisend order-activity filter',
    'Customers who bought Fresh Produce on at least four orders in the last eight weeks',
    orders(t.gte(4), weeks(8), { item: cat('Fresh Produce') }),
  ),

  // ---------------------------------------------------------------- spend_orders
  S(
    'spend_orders',
    'plain',
    'Klaviyo "Placed Order at least N times"',
    "Customers who've placed 3 or more orders in the last 60 days",
    orders(t.gte(3), days(60)),
  ),
  S('spend_orders', 'terse', 'Shopify amount_spent filter', 'LTV > $5,000', spend(t.gt(5000))),
  S(
    'spend_orders',
    'number_words',
    'Shopify amount_spent BETWEEN',
    'Customers with lifetime spend between one thousand and twenty-five hundred dollars',
    spend(t.between(1000, 2500)),
  ),
  S(
    'spend_orders',
    'plain',
    'Omnisend "average spent" filter',
    'Average order value above $150 over the last 6 months',
    aov(t.gt(150), months(6)),
  ),
  S(
    'spend_orders',
    'chatty',
    'Klaviyo blog, category VIPs',
    'Could you find shoppers who spent more than $300 on Beauty YTD?',
    spend(t.gt(300), THIS_YEAR, { item: dept('Beauty') }),
  ),
  S(
    'spend_orders',
    'long',
    'Blueshift advanced segment: high value customers',
    'High value customers: lifetime revenue of at least $3,000 AND at least 20 lifetime orders. We use this as the seed audience for lookalikes on Meta.',
    spend(t.gte(3000)),
    orders(t.gte(20)),
  ),
  S(
    'spend_orders',
    'typo',
    'Mailchimp total-spent segment',
    'spent les than $50 in the last 12 months',
    spend(t.lt(50), months(12)),
  ),
  S(
    'spend_orders',
    'number_words',
    'Shopify number_of_orders filter',
    'Customers with exactly two orders ever',
    orders(t.eq(2)),
  ),
  S(
    'spend_orders',
    'chatty',
    'Salesforce Data Cloud sum aggregation',
    'Can I see shoppers who spent $1,000+ in calendar 2025? Building a thank-you mailer 🙂',
    spend(t.gte(1000), inYear(2025)),
  ),
  S('spend_orders', 'terse', 'Braze AOV filter', 'AOV < $40, last 12 months', aov(t.lt(40), months(12))),
  S(
    'spend_orders',
    'plain',
    'Klaviyo category spend',
    'Customers who spent at least $250 on Electronics in the past 90 days',
    spend(t.gte(250), days(90), { item: dept('Electronics') }),
  ),
  S(
    'spend_orders',
    'plain',
    'Attentive order-count condition',
    'Customers with no more than 1 order in the last year',
    orders(t.lte(1), years(1)),
  ),
  S(
    'spend_orders',
    'chatty',
    'Yotpo "Goal Spend" campaign',
    "We want our Goal Spend campaign to hit people who've spent between $100 and $200 this month — can you build that?",
    spend(t.between(100, 200), THIS_MONTH),
  ),
  S(
    'spend_orders',
    'long',
    'Mailchimp "total number of products ordered" use case',
    'Bulk buyers of Acme Select: customers who bought 20+ units of our private label in the last 6 months. We are testing a subscribe-and-save offer and need a clean base audience.',
    units(t.gte(20), months(6), { item: PRIVATE }),
  ),
  S(
    'spend_orders',
    'long',
    'Spendgo "Average Ticket" filter with date range',
    "We're modelling a premium delivery tier. Start from customers whose average order in 2025 was at least $200; high-basket folks are the likeliest to pay for it.",
    aov(t.gte(200), inYear(2025)),
  ),
  S('spend_orders', 'terse', 'Klaviyo frequency segment', '10+ orders, past 12 months', orders(t.gte(10), months(12))),
  S(
    'spend_orders',
    'plain',
    'Klaviyo brand spend',
    'Customers who have spent over $500 on Apple products, all time',
    spend(t.gt(500), undefined, { item: brand('Apple') }),
  ),
  S(
    'spend_orders',
    'number_words',
    'CleverTap transacted N times',
    "People who've placed more than five orders since the start of the year",
    orders(t.gt(5), THIS_YEAR),
  ),
  S(
    'spend_orders',
    'plain',
    'Salesforce Data Cloud sum aggregation',
    'Sum of purchases in the last 30 days is at least $400',
    spend(t.gte(400), days(30)),
  ),
  S(
    'spend_orders',
    'typo',
    'Omnisend average-spent filter',
    'custmers with avg order value over 100 dollars in the last 90 days',
    aov(t.gt(100), days(90)),
  ),

  // ---------------------------------------------------------------- lifecycle
  S('lifecycle', 'terse', 'Mailchimp pre-built segment', 'New customers — welcome-series audience', NEW),
  S('lifecycle', 'terse', 'Klaviyo lapsed segment + location', 'Lapsed, CA', LAPSED, state('CA')),
  S(
    'lifecycle',
    'plain',
    'Generic win-back definition',
    'Win-back: purchased before but not in the last 180 days',
    buy(),
    not(buy({ w: days(180) })),
  ),
  S(
    'lifecycle',
    'chatty',
    'Klaviyo "one-and-done" segment',
    'Can you pull our one-and-done customers? People who have only ever ordered once',
    ONE_TIME,
  ),
  S(
    'lifecycle',
    'plain',
    'Yotpo repeat purchasers segment',
    'Repeat buyers who are silver tier',
    REPEAT,
    tier('silver'),
  ),
  S(
    'lifecycle',
    'plain',
    'Attentive "recent subscribers who haven\'t purchased"',
    "Recent sign-ups who haven't purchased: signed up in the last 14 days and never placed an order",
    lte('days_since_signup', 14),
    PROSPECT,
  ),
  S(
    'lifecycle',
    'long',
    'Mailchimp pre-built "Lapsed Customers" definition',
    "Mailchimp's pre-built Lapsed Customers segment means no purchase in the past eight months, so use that definition here instead of ours: customers who bought at some point but nothing in the last 8 months.",
    buy(),
    not(buy({ w: months(8) })),
  ),
  S(
    'lifecycle',
    'terse',
    'Optimove lifecycle stage + tier',
    'Churned customers, platinum tier',
    CHURNED,
    tier('platinum'),
  ),
  S(
    'lifecycle',
    'plain',
    'Optimove "Active" lifecycle stage',
    'Active customers who are opted in to email',
    ACTIVE,
    yes('email_opt_in'),
  ),
  S(
    'lifecycle',
    'number_words',
    'Klaviyo days-since-last-order property',
    'Customers whose last purchase was more than one hundred twenty days ago',
    gt('days_since_last_purchase', 120),
  ),
  S(
    'lifecycle',
    'plain',
    'Klaviyo "One-and-Done" (1 order, >60 days)',
    'One-time buyers whose only order was more than 60 days ago',
    ONE_TIME,
    gt('days_since_last_purchase', 60),
  ),
  S(
    'lifecycle',
    'typo',
    'Mailchimp first-time customers',
    'custmers whose first order was in the last 60 days',
    lte('days_since_first_purchase', 60),
  ),
  S(
    'lifecycle',
    'chatty',
    'Transparent Digital "Non-Purchasers" segment',
    'need a list of folks who have never bought anything from us but are subscribed to email 🙏',
    PROSPECT,
    yes('email_opt_in'),
  ),
  S(
    'lifecycle',
    'typo',
    'Bloomreach predictions use case',
    'lapsd customers who are likely to buy',
    LAPSED,
    LIKELY_BUY,
  ),
  S(
    'lifecycle',
    'long',
    'edrone RFM "Need attention" ladder',
    "Reactivation ladder, step 1 — 'Need attention': customers whose last order was between 31 and 90 days ago. Steps 2 and 3 come later, so just this slice for now.",
    betw('days_since_last_purchase', 31, 90),
  ),
  S(
    'lifecycle',
    'terse',
    'Optimove new-customer segment by source',
    'New customers who signed up via the app or social',
    NEW,
    isIn('signup_channel', ['app', 'social']),
  ),
  S(
    'lifecycle',
    'plain',
    'Blueshift inactive-customer example',
    'Customers who bought in the last 12 months but not in the last 6 months',
    buy({ w: months(12) }),
    not(buy({ w: months(6) })),
  ),
  S(
    'lifecycle',
    'chatty',
    'Bloomreach RFM "Cannot lose them"',
    'Could you pull churned customers who had 5+ lifetime orders? They used to love us 😢',
    CHURNED,
    orders(t.gte(5)),
  ),
  S(
    'lifecycle',
    'number_words',
    'Shopify "haven\'t purchased" segment',
    "Customers who haven't purchased in the last ninety days, including those who never have",
    not(buy({ w: days(90) })),
  ),
  S(
    'lifecycle',
    'plain',
    'Klaviyo repeat + recency',
    'Repeat customers whose most recent purchase was 200–365 days ago',
    REPEAT,
    betw('days_since_last_purchase', 200, 365),
  ),

  // ---------------------------------------------------------------- channels_fulfillment
  S(
    'channels_fulfillment',
    'plain',
    'Shopify online-store orders',
    'Online purchasers (web or app), last 30 days',
    buy({ order: ONLINE, w: days(30) }),
  ),
  S(
    'channels_fulfillment',
    'terse',
    'Braze in-app purchase filter',
    'App purchasers, 90d',
    buy({ order: INAPP, w: days(90) }),
  ),
  S(
    'channels_fulfillment',
    'plain',
    'Listrak BOPIS segment',
    'Customers who used curbside pickup this year',
    buy({ order: PICKUP, w: THIS_YEAR }),
  ),
  S(
    'channels_fulfillment',
    'chatty',
    'Attentive blog, delivery promo',
    "Hey — who's had something delivered (delivery orders) in the last 2 months?",
    buy({ order: DELIVERY, w: months(2) }),
  ),
  S(
    'channels_fulfillment',
    'plain',
    'Salesforce store-only shoppers',
    'Store-only shoppers: bought in store in the past year but never online',
    buy({ order: INSTORE, w: years(1) }),
    not(buy({ order: ONLINE })),
  ),
  S(
    'channels_fulfillment',
    'long',
    'Optimove omnichannel study brief',
    "Omnichannel study: we want customers who bought both in-store and online in the last 6 months — per last year's analysis these are our most valuable cross-channel shoppers.",
    buy({ order: INSTORE, w: months(6) }),
    buy({ order: ONLINE, w: months(6) }),
  ),
  S(
    'channels_fulfillment',
    'typo',
    'Shopify payment-method segment',
    'paid w/ paypal at least once in 2026',
    buy({ order: pay('paypal'), w: inYear(2026) }),
  ),
  S(
    'channels_fulfillment',
    'typo',
    'Omnisend order-activity filter',
    'shiped orders 3 or more times in last 6 months',
    orders(t.gte(3), months(6), { order: SHIP }),
  ),
  S(
    'channels_fulfillment',
    'number_words',
    'Listrak BOPIS frequency',
    'Customers with two or more pickup orders in the past sixty days',
    orders(t.gte(2), days(60), { order: PICKUP }),
  ),
  S(
    'channels_fulfillment',
    'plain',
    'Salesforce tender-type audience',
    'EBT shoppers in the last 90 days',
    buy({ order: pay('ebt'), w: days(90) }),
  ),
  S(
    'channels_fulfillment',
    'terse',
    'Braze channel filter',
    'Web (not app) orders, last 30 days',
    buy({ order: WEB, w: days(30) }),
  ),
  S(
    'channels_fulfillment',
    'plain',
    'Klaviyo online spend',
    'Customers who spent more than $200 online in the last 3 months',
    spend(t.gt(200), months(3), { order: ONLINE }),
  ),

  // ---------------------------------------------------------------- coupons_returns
  S(
    'coupons_returns',
    'plain',
    'Shopify discount-code segment',
    'Customers who used a coupon in the last 30 days',
    buy({ order: COUPON, w: days(30) }),
  ),
  S('coupons_returns', 'terse', 'Klaviyo refunded-order segment', 'Returners, last 90 days', returned({ w: days(90) })),
  S(
    'coupons_returns',
    'chatty',
    'Yotpo blog, deal lovers',
    'Any chance you can pull shoppers who redeemed a coupon on 3+ orders this year? Want to reward our deal lovers',
    orders(t.gte(3), THIS_YEAR, { order: COUPON }),
  ),
  S(
    'coupons_returns',
    'plain',
    'Klaviyo full-price buyers',
    'Full-price buyers: purchased in the last 6 months and have never used a coupon',
    buy({ w: months(6) }),
    not(buy({ order: COUPON })),
  ),
  S(
    'coupons_returns',
    'long',
    'Bloomreach serial-returners use case',
    'Serial returners: customers with 3 or more returned orders in the last 12 months. We want to suppress them from free-returns messaging going forward.',
    orders(t.gte(3), months(12), { order: RETURNED }),
  ),
  S(
    'coupons_returns',
    'terse',
    'Shopify returns segment',
    'Returned Apparel, YTD',
    returned({ item: dept('Apparel'), w: THIS_YEAR }),
  ),
  S(
    'coupons_returns',
    'typo',
    'Attentive coupon + location',
    'coupn users in texas, last 60 days',
    state('TX'),
    buy({ order: COUPON, w: days(60) }),
  ),
  S(
    'coupons_returns',
    'number_words',
    'Klaviyo refunded-order count',
    'Customers who have returned at least two orders ever',
    orders(t.gte(2), undefined, { order: RETURNED }),
  ),
  S(
    'coupons_returns',
    'number_words',
    'Omnisend purchased-from-category with discount',
    'Customers who bought Beauty with a coupon in the past three months',
    buy({ item: dept('Beauty'), order: COUPON, w: months(3) }),
  ),
  S(
    'coupons_returns',
    'plain',
    'Yotpo Segments Plus (returns + lifetime spend)',
    'Never returned anything and spent over $1,000 lifetime',
    not(returned()),
    spend(t.gt(1000)),
  ),
  S(
    'coupons_returns',
    'plain',
    'Listrak holiday coupon follow-up',
    "Coupon users in December 2025 who haven't bought anything in 2026",
    buy({ order: COUPON, w: inMonth(2025, 12) }),
    not(buy({ w: inYear(2026) })),
  ),
  S(
    'coupons_returns',
    'chatty',
    'Shopify blog, online discount usage',
    'Who used a coupon on an online order in the last 45 days?',
    buy({ order: with_(COUPON, ONLINE), w: days(45) }),
  ),

  // ---------------------------------------------------------------- engagement
  S(
    'engagement',
    'plain',
    'Klaviyo 30-day engaged segment',
    'Engaged: opened or clicked an email in the last 30 days',
    ev(['email_open', 'email_click'], { w: days(30) }),
  ),
  S(
    'engagement',
    'plain',
    'Klaviyo unengaged segment',
    'Unengaged: received an email in the last 90 days but opened zero of them in that time',
    ev('email_sent', { w: days(90) }),
    not(ev('email_open', { w: days(90) })),
  ),
  S(
    'engagement',
    'terse',
    'Attentive "clicked a shortlink"',
    'Clicked an SMS, last 14 days',
    ev('sms_click', { w: days(14) }),
  ),
  S(
    'engagement',
    'plain',
    'Attentive high-intent shoppers',
    'High-intent shoppers: viewed a product or added to cart in the last 5 days and have not made a purchase in the last 5 days',
    ev(['product_view', 'add_to_cart'], { w: days(5) }),
    not(buy({ w: days(5) })),
  ),
  S(
    'engagement',
    'plain',
    'Braze browse-abandonment audience',
    "High-intent browsers who viewed Laptops 2+ times in the last 90 days but haven't bought a laptop in that time",
    ev('product_view', { item: cat('Laptops'), w: days(90), th: t.gte(2) }),
    not(buy({ item: cat('Laptops'), w: days(90) })),
  ),
  S(
    'engagement',
    'plain',
    'OneText "Cart Cleaner" segment',
    'Cart abandoners — abandoned a cart in the last 7 days and no order in the last 7 days',
    ev('cart_abandon', { w: days(7) }),
    not(buy({ w: days(7) })),
  ),
  S(
    'engagement',
    'chatty',
    'Braze in-app messaging test',
    'Could you grab everyone who opened the app at least 5 times in the past 30 days? We want to test an in-app promo',
    ev('app_open', { w: days(30), th: t.gte(5) }),
  ),
  S(
    'engagement',
    'plain',
    'Klaviyo "Active on Site" without order',
    "Customers who visited the website in the last 7 days but didn't buy anything in that time",
    ev('web_visit', { w: days(7) }),
    not(buy({ w: days(7) })),
  ),
  S('engagement', 'terse', 'OneSignal push engagement', 'Push openers, 30d', ev('push_open', { w: days(30) })),
  S(
    'engagement',
    'long',
    'Blueshift: added to cart multiple times but did not purchase',
    'Users who added items to cart multiple times but did not purchase: at least 3 add-to-cart events in the past 30 days and no purchase in the past 30 days. This feeds our cart-recovery SMS.',
    ev('add_to_cart', { w: days(30), th: t.gte(3) }),
    not(buy({ w: days(30) })),
  ),
  S(
    'engagement',
    'chatty',
    'Yotpo reviewers segment',
    'Who wrote us a review in the last 6 months? Want to thank them with a little something',
    ev('review', { w: months(6) }),
  ),
  S(
    'engagement',
    'typo',
    'Orbit search-abandon note',
    'searchd on the site in the past week but no order that week',
    ev('search', { w: weeks(1) }),
    not(buy({ w: weeks(1) })),
  ),
  S(
    'engagement',
    'number_words',
    'Omnisend "clicked message at least N times"',
    'Customers who clicked an email at least two times in the last ninety days',
    ev('email_click', { w: days(90), th: t.gte(2) }),
  ),
  S(
    'engagement',
    'terse',
    'Klaviyo unsubscribed-from-email metric',
    'Email unsubscribes — last 60 days',
    ev('unsubscribe', { w: days(60) }),
  ),
  S(
    'engagement',
    'plain',
    'Klaviyo browse-abandonment flow filter',
    'Beauty browse abandoners: viewed a Beauty product in the last 3 days, no Beauty purchase in the last 3 days, and reachable by email',
    ev('product_view', { item: dept('Beauty'), w: days(3) }),
    not(buy({ item: dept('Beauty'), w: days(3) })),
    REACH_EMAIL,
  ),
  S(
    'engagement',
    'chatty',
    'OneSignal blog, push fatigue',
    "Who's been sent a push in the last 2 weeks but hasn't opened one in that time?",
    ev('push_sent', { w: weeks(2) }),
    not(ev('push_open', { w: weeks(2) })),
  ),
  S(
    'engagement',
    'plain',
    'Shopify abandoned checkout + product',
    'Customers who abandoned a cart containing TVs in the last 30 days',
    ev('cart_abandon', { item: cat('TVs'), w: days(30) }),
  ),
  S(
    'engagement',
    'terse',
    'Infobip inactive users',
    'No web visits or app opens in 60 days',
    not(ev(['web_visit', 'app_open'], { w: days(60) })),
  ),
  S(
    'engagement',
    'plain',
    'Klaviyo email-open frequency',
    'Customers who opened at least 10 emails this year',
    ev('email_open', { w: THIS_YEAR, th: t.gte(10) }),
  ),
  S(
    'engagement',
    'long',
    'Omnisend "Engaged in 60 days" recipe',
    'Engaged-in-60-days segment, Omnisend style: subscribed to email AND (opened at least 1 email in the last 60 days OR clicked at least 1 email in the last 60 days).',
    yes('email_opt_in'),
    ev(['email_open', 'email_click'], { w: days(60) }),
  ),

  // ---------------------------------------------------------------- model_scores
  S(
    'model_scores',
    'terse',
    'EverestX "top 25% of CLV distribution"',
    'Top 10% predicted CLV',
    top('predicted_clv_12m', 10),
  ),
  S('model_scores', 'terse', 'Braze predictive churn bucket', 'Churn risk decile 10', decile('churn_risk', t.eq(10))),
  S(
    'model_scores',
    'plain',
    'Bloomreach purchase prediction',
    'Customers with a 30-day purchase propensity score above 0.6',
    score('purchase_propensity_30d', t.gt(0.6)),
  ),
  S(
    'model_scores',
    'chatty',
    'Insider discount-affinity blog',
    'Can you get me people with medium discount sensitivity?',
    level('discount_sensitivity', 'medium'),
  ),
  S(
    'model_scores',
    'plain',
    'Bloomreach open-email prediction',
    'Bottom 25% by email engagement score',
    bottom('email_engagement', 25),
  ),
  S(
    'model_scores',
    'long',
    'Bloomreach tiered churn intervention',
    'Tiered churn intervention, tier 1: churn probability greater than 0.7. This group gets the omnichannel re-engagement flow with a meaningful incentive.',
    score('churn_risk', t.gt(0.7)),
  ),
  S(
    'model_scores',
    'typo',
    'Klaviyo predicted CLV property',
    'predicted 12 month CLV of atleast $1,000',
    score('predicted_clv_12m', t.gte(1000)),
  ),
  S(
    'model_scores',
    'typo',
    'MoEngage predictive segment',
    'purchse propensity in the top 3 deciles',
    decile('purchase_propensity_30d', t.gte(8)),
  ),
  S(
    'model_scores',
    'number_words',
    'Braze predictive churn, top N%',
    'Customers in the top five percent of churn risk',
    top('churn_risk', 5),
  ),
  S(
    'model_scores',
    'plain',
    'Optimove predictive layers',
    'Low email engagement (deciles 1-3) but high predicted CLV (deciles 8-10)',
    level('email_engagement', 'low'),
    level('predicted_clv_12m', 'high'),
  ),
  S(
    'model_scores',
    'terse',
    'Insider discount affinity score',
    'Discount sensitivity > 0.8',
    score('discount_sensitivity', t.gt(0.8)),
  ),
  S(
    'model_scores',
    'plain',
    'Amplitude predictive cohort',
    'Customers in deciles 4 through 7 for 30-day purchase propensity',
    decile('purchase_propensity_30d', t.between(4, 7)),
  ),
  S(
    'model_scores',
    'chatty',
    'Attentive predictive blog',
    "We'd like to target the top 20% most likely to purchase in the next 30 days who are reachable by SMS",
    top('purchase_propensity_30d', 20),
    REACH_SMS,
  ),
  S(
    'model_scores',
    'plain',
    'Bloomreach churn + value combination',
    'Churn score under 0.1 and predicted CLV decile 9 or 10',
    score('churn_risk', t.lt(0.1)),
    decile('predicted_clv_12m', t.gte(9)),
  ),
  S(
    'model_scores',
    'long',
    'Price-test holdout brief',
    'For a price-test holdout we need the least discount-driven shoppers: bottom decile on discount sensitivity, excluding employees.',
    decile('discount_sensitivity', t.eq(1)),
    no('is_employee'),
  ),
  S(
    'model_scores',
    'number_words',
    'Bloomreach open-email prediction threshold',
    'Email engagement score of at least zero point five',
    score('email_engagement', t.gte(0.5)),
  ),

  // ---------------------------------------------------------------- business_rules
  S('business_rules', 'terse', 'Klaviyo VIP segment', 'VIPs, emailable', VIP, REACH_EMAIL),
  S('business_rules', 'plain', 'EverestX "At-Risk High-Value"', 'Lapsed VIPs', LAPSED, VIP),
  S(
    'business_rules',
    'plain',
    'Klaviyo churn-risk customers',
    'Customers at risk of churning who are engaged with email',
    LIKELY_CHURN,
    EMAIL_ENGAGED,
  ),
  S(
    'business_rules',
    'chatty',
    'MoEngage reachability filter',
    "Who can we reach by push that's likely to buy in the next month?",
    REACH_PUSH,
    LIKELY_BUY,
  ),
  S(
    'business_rules',
    'terse',
    'Attentive VIP + location',
    'Textable VIPs, Southeast',
    REACH_SMS,
    VIP,
    region('southeast'),
  ),
  S(
    'business_rules',
    'long',
    'Rule override: VIP = platinum only',
    "For this program, VIP means platinum tier only — not the CLV model. Give me those VIPs who haven't ordered in the last 60 days.",
    tier('platinum'),
    not(buy({ w: days(60) })),
  ),
  S(
    'business_rules',
    'plain',
    'Rule override: engaged window 30 days',
    'Engaged with email — but use 30 days, not our usual 90: opened or clicked in the last 30 days, and likely to churn',
    ev(['email_open', 'email_click'], { w: days(30) }),
    LIKELY_CHURN,
  ),
  S(
    'business_rules',
    'typo',
    'Klaviyo churn-risk + consent',
    'emailable customers who are likley to churn',
    REACH_EMAIL,
    LIKELY_CHURN,
  ),
  S(
    'business_rules',
    'plain',
    'Attentive/Klaviyo consent union',
    'Reachable by email or SMS',
    or(REACH_EMAIL, REACH_SMS),
  ),
  S(
    'business_rules',
    'long',
    'Klaviyo VIP + category',
    'Trade-in program pilot: we want our best customers (VIP) who bought Electronics in the last 90 days. They just upgraded and are the most likely to have an old device to trade in.',
    VIP,
    buy({ item: dept('Electronics'), w: days(90) }),
  ),
  S(
    'business_rules',
    'number_words',
    'EverestX VIP frequency',
    'VIPs with at least two orders in the last thirty days',
    VIP,
    orders(t.gte(2), days(30)),
  ),
  S(
    'business_rules',
    'plain',
    'Bloomreach purchase prediction upsell',
    'Customers likely to buy who are not yet VIPs',
    LIKELY_BUY,
    not(VIP),
  ),
  S(
    'business_rules',
    'long',
    'Reccord SOP suppression audit',
    "Suppression audit: show me customers we can't reach on any channel — not reachable by email, not reachable by SMS, and not reachable by push.",
    not(REACH_EMAIL),
    not(REACH_SMS),
    not(REACH_PUSH),
  ),
  S(
    'business_rules',
    'chatty',
    'Braze push + session filter',
    'Pushable app users please — anyone reachable by push who opened the app in the last 14 days',
    REACH_PUSH,
    ev('app_open', { w: days(14) }),
  ),
  S(
    'business_rules',
    'plain',
    'Rule override: at risk = top 2 deciles',
    'At risk, defined as churn risk in the top 2 deciles (9–10), gold or platinum members',
    decile('churn_risk', t.gte(9)),
    tier('gold', 'platinum'),
  ),
  S('business_rules', 'terse', 'Klaviyo engaged repeat buyers', 'Email-engaged repeat buyers', EMAIL_ENGAGED, REPEAT),

  // ---------------------------------------------------------------- negation
  S('negation', 'plain', 'Attentive exclusion', 'Everyone except employees', no('is_employee')),
  S(
    'negation',
    'chatty',
    'Omnisend "Not purchased from category"',
    'hiya — which customers have never purchased from Electronics? (all time)',
    not(buy({ item: dept('Electronics') })),
  ),
  S(
    'negation',
    'plain',
    'Klaviyo replenishment lapse',
    'Bought Baby in the last year but not in the last 90 days',
    buy({ item: dept('Baby'), w: years(1) }),
    not(buy({ item: dept('Baby'), w: days(90) })),
  ),
  S('negation', 'terse', 'Shopify location exclusion', 'Not in CA or NY', notIn('state', ['CA', 'NY'])),
  S(
    'negation',
    'chatty',
    'Klaviyo sunset segment',
    'Could you find customers who did NOT open any email in the last 6 months?',
    not(ev('email_open', { w: months(6) })),
  ),
  S('negation', 'terse', 'Shopify "has not placed an order"', 'No orders in 2026', not(buy({ w: inYear(2026) }))),
  S(
    'negation',
    'typo',
    'Yotpo tier exclusion',
    'everyone exept platinum and gold',
    notIn('loyalty_tier', ['platinum', 'gold']),
  ),
  S(
    'negation',
    'plain',
    'Omnisend private-label cross-sell',
    'Customers who bought Grocery in the last 30 days but have never bought Acme Select',
    buy({ item: dept('Grocery'), w: days(30) }),
    not(buy({ item: PRIVATE })),
  ),
  S(
    'negation',
    'number_words',
    'Infobip inactive mobile users',
    "Customers who haven't used the app in the last sixty days",
    not(ev('app_open', { w: days(60) })),
  ),
  S(
    'negation',
    'long',
    'Reccord SOP suppression segments',
    "Suppression list for the 'Back in stock' blast: email opt-ins, excluding anyone who bought in the last 14 days and excluding anyone likely to churn (they have their own flow).",
    yes('email_opt_in'),
    not(buy({ w: days(14) })),
    not(LIKELY_CHURN),
  ),
  S(
    'negation',
    'plain',
    'Klaviyo non-VIP full-price segment',
    'Customers who are not VIPs and have never used a coupon',
    not(VIP),
    not(buy({ order: COUPON })),
  ),
  S(
    'negation',
    'terse',
    'Blueshift category interest, no purchase',
    'Never bought Pets, but viewed Pets products in the last 30d',
    not(buy({ item: dept('Pets') })),
    ev('product_view', { item: dept('Pets'), w: days(30) }),
  ),
  S(
    'negation',
    'typo',
    'Klaviyo category gap',
    'women who havent bought Makeup this year',
    gender('female'),
    not(buy({ item: cat('Makeup'), w: THIS_YEAR })),
  ),
  S('negation', 'plain', 'Bloomreach churn tiers', 'Everyone except low churn risk', not(level('churn_risk', 'low'))),
  S(
    'negation',
    'chatty',
    'Salesforce regional store audience',
    'Hi! Can you give me customers outside the Northeast who have never shopped in store?',
    neq('region', 'northeast'),
    not(buy({ order: INSTORE })),
  ),
  S(
    'negation',
    'plain',
    'Klaviyo household filter',
    "Customers without children who haven't bought Toys in the last 12 months",
    no('has_children'),
    not(buy({ item: dept('Toys'), w: months(12) })),
  ),

  // ---------------------------------------------------------------- or_nesting
  S(
    'or_nesting',
    'plain',
    'Omnisend AND/OR precedence (exclusive or)',
    'Bought Dog Food or Cat Food in the last 90 days, but not both',
    xor(buy({ item: cat('Dog Food'), w: days(90) }), buy({ item: cat('Cat Food'), w: days(90) })),
  ),
  S(
    'or_nesting',
    'plain',
    'Attentive VIP definition (any of)',
    'Platinum members OR anyone who spent over $2,000 in the last 12 months',
    or(tier('platinum'), spend(t.gt(2000), months(12))),
  ),
  S(
    'or_nesting',
    'terse',
    'Klaviyo nested condition group',
    '(Texas or Florida) and bought Sports & Outdoors in 60d',
    state('TX', 'FL'),
    buy({ item: dept('Sports & Outdoors'), w: days(60) }),
  ),
  S(
    'or_nesting',
    'long',
    'Omnisend rule-set precedence example',
    'Customers who are subscribed to email AND (opened an email in the last 30 days OR bought something in the last 30 days). Note the brackets: subscription is required for everyone.',
    yes('email_opt_in'),
    or(ev('email_open', { w: days(30) }), buy({ w: days(30) })),
  ),
  S(
    'or_nesting',
    'plain',
    'Omnisend rule-set precedence, reversed',
    '(Subscribed to email and opened an email in the last 30 days) or bought something in the last 30 days',
    or(and(yes('email_opt_in'), ev('email_open', { w: days(30) })), buy({ w: days(30) })),
  ),
  S(
    'or_nesting',
    'chatty',
    "Mother's Day campaign blog",
    "I'd like a list of moms, or anyone who bought Baby products in the past 3 months",
    or(and(gender('female'), yes('has_children')), buy({ item: dept('Baby'), w: months(3) })),
  ),
  S(
    'or_nesting',
    'plain',
    'Blueshift category interest and no purchase',
    "Customers who viewed Headphones at least 3 times or added Headphones to cart in the last 30 days, and didn't buy Headphones in that time",
    or(
      ev('product_view', { item: cat('Headphones'), w: days(30), th: t.gte(3) }),
      ev('add_to_cart', { item: cat('Headphones'), w: days(30) }),
    ),
    not(buy({ item: cat('Headphones'), w: days(30) })),
  ),
  S(
    'or_nesting',
    'typo',
    'Optimove lifecycle union',
    'lapsed or churned customers in the midwest',
    or(LAPSED, CHURNED),
    region('midwest'),
  ),
  S(
    'or_nesting',
    'number_words',
    'Books & Media campaign',
    'Customers under twenty-five or over sixty-five who bought Books in the past year',
    or(age.lt(25), age.gt(65)),
    buy({ item: cat('Books'), w: years(1) }),
  ),
  S(
    'or_nesting',
    'long',
    'Nested AND inside OR',
    "Two pockets for a West-vs-East test: either VIPs in California, or gold members in New York. One combined audience please; we'll split by state later.",
    or(and(VIP, state('CA')), and(tier('gold'), state('NY'))),
  ),
  S(
    'or_nesting',
    'long',
    'Holiday gifting brief',
    'Holiday gifting audience: customers who bought Toys or Jewelry between Nov 1 and Dec 31, 2025, or who have kids at home and are email subscribers. Exclude employees either way.',
    or(
      buy({ item: dept('Toys', 'Jewelry'), w: between('2025-11-01', '2025-12-31') }),
      and(yes('has_children'), yes('email_opt_in')),
    ),
    no('is_employee'),
  ),
  S(
    'or_nesting',
    'plain',
    'Insider discount affinity + coupon',
    'Customers who used a coupon in the last 90 days or are highly discount-sensitive, and who bought something in the last 90 days',
    or(buy({ order: COUPON, w: days(90) }), level('discount_sensitivity', 'high')),
    buy({ w: days(90) }),
  ),
  S(
    'or_nesting',
    'typo',
    'Braze cross-sell exclusion',
    'bought laptops or tablets in last 6 months but no headphones in that period',
    buy({ item: cat('Laptops', 'Tablets'), w: months(6) }),
    not(buy({ item: cat('Headphones'), w: months(6) })),
  ),
  S(
    'or_nesting',
    'terse',
    'OneSignal device + consent',
    'iOS or Android, push opted in, 18-34',
    isIn('device_os', ['ios', 'android']),
    yes('push_opt_in'),
    age.between(18, 34),
  ),
  S(
    'or_nesting',
    'chatty',
    'OneText highly-engaged segment',
    'Grab anyone who clicked an SMS or clicked an email in the past week, plus all our platinum folks',
    or(ev(['sms_click', 'email_click'], { w: weeks(1) }), tier('platinum')),
  ),
  S(
    'or_nesting',
    'plain',
    'Single-channel shoppers (exclusive or)',
    'Exactly one of: bought online in the last 90 days, or bought in store in the last 90 days (single-channel shoppers)',
    xor(buy({ order: ONLINE, w: days(90) }), buy({ order: INSTORE, w: days(90) })),
  ),

  // ---------------------------------------------------------------- birthdays
  S(
    'birthdays',
    'chatty',
    'Yotpo loyalty birthday reward',
    'Could you grab loyalty members with a birthday this month? Birthday points go out Friday!',
    bday('this_month'),
    neq('loyalty_tier', 'none'),
  ),
  S(
    'birthdays',
    'terse',
    'Attentive birthday journey',
    'Birthdays in the next 14 days, SMS opt-in',
    bday('next_days', 14),
    yes('sms_opt_in'),
  ),
  S(
    'birthdays',
    'chatty',
    'Spendgo birthday filter blog',
    "Anyone with a birthday next month who's bought from Beauty in the past year?",
    bday('next_month'),
    buy({ item: dept('Beauty'), w: years(1) }),
  ),
  S('birthdays', 'plain', 'Spendgo "birthday month is"', 'Customers born in December', eq('birth_month', 12)),

  // ---------------------------------------------------------------- refuse
  R('plain', 'Klaviyo back-in-stock / wishlist segment', 'Shoppers who have items saved to their wishlist', 'wishlist'),
  R('terse', 'Bonobo / NPS promoters segment', 'NPS promoters (scored us 9 or 10)', 'NPS / survey scores'),
  R(
    'plain',
    'LoyaltyLion referral segment',
    'Customers who have referred 3 or more friends through our referral program',
    'referral counts',
  ),
  R(
    'chatty',
    'Social engagement audience',
    'Can you pull people who liked or commented on our last Instagram post?',
    'social media engagement',
  ),
  R(
    'plain',
    'Yotpo "Points Soon to Expire"',
    'Loyalty members whose points expire in the next 30 days',
    'loyalty points expiry dates',
  ),
  R('terse', 'WhatsApp channel segment', 'Opened a WhatsApp message in the last 30 days', 'WhatsApp messaging'),
  R(
    'long',
    'Paid-social attribution brief',
    "Our Facebook lead-ads campaign 'Spring Refresh' drove a lot of sign-ups. I need everyone who came in through that specific campaign so we can measure their first 60 days.",
    'ad campaign attribution',
  ),
  R(
    'chatty',
    'Demographic append data',
    'Hi! Homeowners aged 30-50 in Texas please, for a patio promo',
    'home ownership',
  ),
  R(
    'plain',
    'Klaviyo predictive "Expected Date of Next Order"',
    'Customers whose expected next order date is within the next 7 days',
    'predicted next order date',
  ),
  R('typo', 'Return-reason segment', 'custmers who returned shoes becuase they were too small', 'return reasons'),
  R('plain', 'Share-of-wallet segment', 'Customers who also shop at Target or Walmart', 'purchases at competitors'),
  R(
    'number_words',
    'Anniversary campaign',
    'Married customers with a wedding anniversary in the next thirty days',
    'marital status / anniversary dates',
  ),

  // ---------------------------------------------------------------- clarify
  C(
    'terse',
    'Mailchimp "Recent Customers" (window varies by vendor)',
    'Recent purchasers',
    'purchase window (how recent)',
  ),
  C(
    'plain',
    'Klaviyo "high CLV" segment',
    'High CLV customers',
    'historical lifetime spend or predicted CLV, and the threshold',
  ),
  C('plain', 'Regional campaign', 'Customers in the Sun Belt', 'which states count as the Sun Belt'),
  C(
    'chatty',
    'Basket-size blog',
    'Could you find our big-basket shoppers?',
    'basket size measure (order value or units) and threshold',
  ),
  C('terse', 'Quarterly recap', 'Customers who bought last quarter', 'calendar Q1 2026 or the last 3 months'),
  C('plain', 'RFM "frequent" (vendor rule of thumb)', 'Frequent shoppers in Ohio', 'order count threshold and window'),
  C(
    'plain',
    'Local store event',
    'Customers near our Dallas stores',
    'what counts as near (city, preferred store, or shopped there)',
  ),
  C(
    'chatty',
    'Win-back (unspecified window)',
    "can you get me customers who haven't bought in a while?",
    'how long without a purchase',
  ),
];

// ------------------------------------------------------------------ conversations
const conversations = [
  T(
    'plain',
    'Klaviyo segment edit: age band',
    ['Women 25-40 in Florida who bought Activewear in the last 90 days', 'make it 30-45'],
    gender('female'),
    age.between(30, 45),
    state('FL'),
    buy({ item: cat('Activewear'), w: days(90) }),
  ),
  T('terse', 'Klaviyo segment edit: location', ['Lapsed VIPs in Ohio', 'Texas instead'], LAPSED, VIP, state('TX')),
  T(
    'plain',
    'Braze filter removal',
    [
      'Customers who used a coupon on a Home purchase in the last 60 days and are opted in to email',
      'drop the coupon part',
    ],
    buy({ item: dept('Home'), w: days(60) }),
    yes('email_opt_in'),
  ),
  T(
    'chatty',
    'Attentive segment narrowing',
    ['Cart abandoners from the last 7 days', 'only those who opened an email in the last 7 days too'],
    ev('cart_abandon', { w: days(7) }),
    ev('email_open', { w: days(7) }),
  ),
  T(
    'terse',
    'Window change',
    ['Shoppers who bought Nike in the last 3 months', 'last 6 months instead'],
    buy({ item: brand('Nike'), w: months(6) }),
  ),
  T(
    'plain',
    'Listrak segment widening then narrowing',
    ['Silver members in Georgia', 'include gold as well', 'only SMS subscribers'],
    tier('silver', 'gold'),
    state('GA'),
    yes('sms_opt_in'),
  ),
  T(
    'plain',
    'Threshold change + exclusion',
    ['Customers who spent over $500 in 2025', 'make the threshold $1,000', 'and exclude employees'],
    spend(t.gt(1000), inYear(2025)),
    no('is_employee'),
  ),
  T(
    'terse',
    'Lifecycle swap',
    ['Repeat buyers in the Midwest', 'actually, one-time buyers'],
    ONE_TIME,
    region('midwest'),
  ),
  T(
    'plain',
    'Browse abandonment build-up',
    ['Viewed TVs in the last 30 days', "but didn't buy a TV in that time", 'and reachable by email'],
    ev('product_view', { item: cat('TVs'), w: days(30) }),
    not(buy({ item: cat('TVs'), w: days(30) })),
    REACH_EMAIL,
  ),
  T(
    'plain',
    'Predictive tightening',
    ['Top 10% by predicted CLV', 'top 5% instead', 'leave out anyone likely to churn'],
    top('predicted_clv_12m', 5),
    not(LIKELY_CHURN),
  ),
  T(
    'terse',
    'Channel swap',
    ['App purchasers in the last 30 days', 'switch to web orders'],
    buy({ order: WEB, w: days(30) }),
  ),
  T(
    'chatty',
    "Father's Day → Mother's Day",
    ['Dads in Texas', 'make it moms'],
    gender('female'),
    yes('has_children'),
    state('TX'),
  ),
  T(
    'plain',
    'Category widening + region',
    ['Customers who bought Pet Treats this year', 'also Pet Supplies', 'only in the West'],
    buy({ item: cat('Pet Treats', 'Pet Supplies'), w: THIS_YEAR }),
    region('west'),
  ),
  T(
    'plain',
    'Lifecycle stage swap',
    ['Churned customers with lifetime spend over $1,000', 'lapsed instead of churned'],
    LAPSED,
    spend(t.gt(1000)),
  ),
  T(
    'plain',
    'Suppression add-on',
    ['Email subscribers in New Jersey', 'exclude anyone who bought in the last 30 days'],
    yes('email_opt_in'),
    state('NJ'),
    not(buy({ w: days(30) })),
  ),
  T(
    'typo',
    'Gender + age edits',
    ['Men 18-24 who opened the app in the last 30 days', 'women instad', 'and add 25-29 to the age range'],
    gender('female'),
    age.between(18, 29),
    ev('app_open', { w: days(30) }),
  ),
  T(
    'plain',
    'Returns narrowing + window',
    ['Customers who returned something in the last 6 months', 'only returns of Shoes', 'last 12 months instead'],
    returned({ item: cat('Shoes'), w: months(12) }),
  ),
  T(
    'terse',
    'Model level swap',
    ['High discount sensitivity shoppers in the Southeast', 'medium instead'],
    level('discount_sensitivity', 'medium'),
    region('southeast'),
  ),
  TR(
    'plain',
    'Lawn-care campaign with unavailable data',
    ['Customers who bought Garden products in the last 60 days', 'only the ones with a lawn bigger than half an acre'],
    'lawn / property size',
  ),
  T('terse', 'City add', ['Shoppers in Chicago, IL', 'add Detroit too'], cities(['Chicago', 'IL'], ['Detroit', 'MI'])),
  TC(
    'chatty',
    'Vague frequency refinement',
    ['Customers who bought Coffee & Tea in the last 90 days', 'only the frequent ones please'],
    'how many Coffee & Tea orders count as frequent',
  ),
  T(
    'plain',
    'Fulfillment swap',
    ['Gold members who used curbside pickup in the last 90 days', 'change pickup to delivery'],
    tier('gold'),
    buy({ order: DELIVERY, w: days(90) }),
  ),
  T(
    'number_words',
    'Threshold + AOV add',
    [
      'Customers with three or more orders in the last six months',
      'make it at least five orders',
      'and an AOV over $100 in the same period',
    ],
    orders(t.gte(5), months(6)),
    aov(t.gt(100), months(6)),
  ),
  T(
    'terse',
    'Birthday window swap + tier',
    ['Birthdays this month', 'next month instead', 'only platinum'],
    bday('next_month'),
    tier('platinum'),
  ),
  T(
    'plain',
    'Negation flip',
    ["Customers in the Northeast who haven't opened an email in 90 days", 'flip it — the ones who have'],
    region('northeast'),
    ev('email_open', { w: days(90) }),
  ),
];

// ------------------------------------------------------------------ emit
const pad = (n) => String(n).padStart(3, '0');
const lines = [];
const toCase = (id, c) => {
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
single.forEach((c, i) => lines.push(toCase(`vend-${pad(i + 1)}`, c)));
conversations.forEach((c, i) => lines.push(toCase(`vturn-${pad(i + 1)}`, c)));

const ids = new Set();
for (const l of lines) {
  if (ids.has(l.id)) throw new Error(`duplicate id ${l.id}`);
  ids.add(l.id);
}
const file = path.join(here, 'vendor.jsonl');
fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
const by = (k) => lines.reduce((m, l) => ((m[l[k]] = (m[l[k]] ?? 0) + 1), m), {});
console.log(`wrote ${lines.length} cases to ${path.relative(process.cwd(), file)}`);
console.log('by category:', JSON.stringify(by('category')));
console.log('by expect:  ', JSON.stringify(by('expect')));
console.log('by style:   ', JSON.stringify(by('style')));
