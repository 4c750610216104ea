#!/usr/bin/env node
// Writes evals/tuning/blogs.jsonl: a second, independent tuning set of audience requests, phrased the way
// marketers write segment definitions in vendor docs (HubSpot, Mailchimp, Klaviyo, Iterable, Braze, Segment,
// Amplitude, Bloomreach, Salesforce Marketing Cloud, Customer.io, Insider, Emarsys), growth-marketing blogs,
// Slack messages to an analyst, campaign briefs and tickets, adapted to the reference tenant
// (../shared/specs/reference-retail.md). Weighted toward the hard parts: conversations, OR/nesting, named
// geographies, relative dates, business rules and their overrides.
//
// Gold segments follow spec section 2 literally and the conventions of evals/README.md ("Gold segments",
// "Interpretations chosen where the spec leaves room"); gold_facets are derived from the gold segment with the
// rules of libs/eval-runner/src/segment-concepts.ts. The builders are copied from build-vendor.mjs.
//
// Named geographies used here (only where the spec or the tenant's place rules in the demo catalog give one
// answer; the gold spells the rule out as cities/states, the way README spells out "moms"):
//   Bay Area = San Francisco, Oakland, San Jose (CA); SoCal = Los Angeles, Long Beach, San Diego (CA);
//   Twin Cities = Minneapolis, St. Paul (MN); DFW = Dallas, Fort Worth (TX); Research Triangle = Raleigh,
//   Durham (NC); the Dakotas = ND, SD; the Carolinas = NC, SC; the DMV = DC, MD, VA;
//   New England = ME NH VT MA RI CT; lower 48 = every state but AK and HI (DC included);
//   Four Corners states = AZ, NM, UT, CO; NYC = New York + Brooklyn (NY);
//   Midwest / Northeast / Southeast / Southwest / West = the spec's regions.
// Left to clarify: tri-state area, East Coast, the South (the catalog's 'the south' synonym of the southeast
// region is a parser hint, not a tenant rule, like 'west coast' in dev clar-016), Pacific Northwest, Gulf Coast.
//
// Relative dates are absolute in the gold, written for the default as-of D = 2026-06-30: Black Friday 2025 =
// 2025-11-28, Cyber Monday 2025 = 2025-12-01, Memorial Day weekend 2026 starts 2026-05-23, Q1 = 2026-01-01..
// 2026-03-31, Q2 = this quarter, H1 2026 = 2026-01-01..2026-06-30. "YTD" = this year; "past quarter" = last 3
// months (spec); a bare "last quarter" / "last year" is left to clarify.
// Store ids are those of the demo catalog (14 Denver, 19 Tampa, 26 Chicago North, 40-43 New York + Brooklyn,
// 43 Brooklyn, 56-62 the Texas stores, 63 Salt Lake City).
//
// Ids are positional: append new cases at the end of the list, never insert or reorder.
//
// Usage: node evals/tuning/build-blogs.mjs   (then node evals/tuning/check-blogs.mjs)
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

// ------------------------------------------------------------------ named places and dates (see header)
const BAY_AREA = cities(['San Francisco', 'CA'], ['Oakland', 'CA'], ['San Jose', 'CA']);
const TWIN_CITIES = cities(['Minneapolis', 'MN'], ['St. Paul', 'MN']);
const DFW = cities(['Dallas', 'TX'], ['Fort Worth', 'TX']);
const NYC = cities(['New York', 'NY'], ['Brooklyn', 'NY']);
const NEW_ENGLAND = ['ME', 'NH', 'VT', 'MA', 'RI', 'CT'];
const BLACK_FRIDAY = '2025-11-28';
const Q1_2026 = between('2026-01-01', '2026-03-31');
const Q4_2025 = between('2025-10-01', '2025-12-31');
const H1_2026 = between('2026-01-01', '2026-06-30');
const TEXAS_STORES = [56, 57, 58, 59, 60, 61, 62];
const NYC_STORES = [40, 41, 42, 43];

// ------------------------------------------------------------------ the cases
const cases = [
  // ---------------------------------------------------------------- demographics (10)
  S(
    'demographics',
    'terse',
    'Braze segment filter syntax',
    'Gender = Female; Age 35–49; Has children = true',
    gender('female'),
    age.between(35, 49),
    yes('has_children'),
  ),
  S(
    'demographics',
    'chatty',
    'Slack message to an analyst',
    'hey! quick pull — guys under 25 on Android pls 🙏',
    gender('male'),
    age.lt(25),
    eq('device_os', 'android'),
  ),
  S(
    'demographics',
    'plain',
    'Mailchimp merge-field range',
    'Members with a points balance of at least 2,500 but under 7,500',
    gte('loyalty_points', 2500),
    lt('loyalty_points', 7500),
  ),
  S(
    'demographics',
    'number_words',
    'Klaviyo profile properties',
    'Customers aged forty or over with a household income under fifty thousand dollars',
    age.gte(40),
    isIn('income_band', ['under_25k', '25k_50k']),
  ),
  S(
    'demographics',
    'long',
    'Campaign brief: empty-nest home refresh',
    "Campaign brief — 'Empty Nest' home refresh. Audience: customers 55 and older with no children at home, living in households of one or two people. Exclude employees as usual; creative and offer are set.",
    age.gte(55),
    no('has_children'),
    betw('household_size', 1, 2),
    no('is_employee'),
  ),
  S(
    'demographics',
    'typo',
    'Customer.io attribute segment',
    'nonbinary custmers who signd up thru the app',
    gender('nonbinary'),
    eq('signup_channel', 'app'),
  ),
  S(
    'demographics',
    'plain',
    'HubSpot active list (create date + source)',
    'Members who signed up in the last 90 days through a referral',
    lte('days_since_signup', 90),
    eq('signup_channel', 'referral'),
  ),
  S(
    'demographics',
    'terse',
    'Iterable segmentation query',
    'income_band IN (100k_150k, 150k_plus) AND age 30–45',
    isIn('income_band', ['100k_150k', '150k_plus']),
    age.between(30, 45),
  ),
  S(
    'demographics',
    'chatty',
    'Slack message to an analyst',
    'hiya, can I get the platinum crowd aged 60+? planning a white-glove service intro',
    tier('platinum'),
    age.gte(60),
  ),
  S(
    'demographics',
    'number_words',
    'Internal staff-sale ticket',
    'Employees aged between twenty-one and thirty',
    yes('is_employee'),
    age.between(21, 30),
  ),

  // ---------------------------------------------------------------- geography (25; 2 more among the clarify block)
  S(
    'geography',
    'terse',
    'Ticket with filter-style audience',
    'Location = Bay Area; Last order > 60 days',
    BAY_AREA,
    gt('days_since_last_purchase', 60),
  ),
  S('geography', 'plain', 'Klaviyo location property segment', 'Customers in the Twin Cities', TWIN_CITIES),
  S(
    'geography',
    'chatty',
    'Slack message to an analyst',
    'hey can u pull everybody in the Dakotas? running a harvest-season promo',
    state('ND', 'SD'),
  ),
  S(
    'geography',
    'terse',
    'Bloomreach segment with region + tier',
    'Carolinas, gold and up',
    state('NC', 'SC'),
    tier('gold', 'platinum'),
  ),
  S(
    'geography',
    'plain',
    'Regional campaign brief',
    'Shoppers living in the Four Corners states',
    state('AZ', 'NM', 'UT', 'CO'),
  ),
  S(
    'geography',
    'long',
    'Food-festival sponsorship brief',
    "We're sponsoring a harvest food festival in New England this September. Pull customers who live anywhere in New England and bought from Grocery in the past 6 months; we'll handle the creative and the ticket offer.",
    state(...NEW_ENGLAND),
    buy({ item: dept('Grocery'), w: months(6) }),
  ),
  S(
    'geography',
    'typo',
    'Shipping-promo ticket',
    'custmers in the lower 48 who are platnum',
    notIn('state', ['AK', 'HI']),
    tier('platinum'),
  ),
  S(
    'geography',
    'plain',
    'Emarsys geo segment',
    'Southwest region residents outside Texas and Arizona who are 50 or older',
    region('southwest'),
    notIn('state', ['TX', 'AZ']),
    age.gte(50),
  ),
  S(
    'geography',
    'number_words',
    'Salesforce Marketing Cloud metro audience',
    'Customers in the DFW metro (Dallas and Fort Worth) with three or more orders this year',
    DFW,
    orders(t.gte(3), THIS_YEAR),
  ),
  S(
    'geography',
    'chatty',
    'Slack message to an analyst',
    'Research Triangle folks (Raleigh + Durham) who bought Electronics in the last 90 days?',
    cities(['Raleigh', 'NC'], ['Durham', 'NC']),
    buy({ item: dept('Electronics'), w: days(90) }),
  ),
  S(
    'geography',
    'terse',
    'Mailchimp location segment',
    'Philly + Pittsburgh, email opt-in',
    cities(['Philadelphia', 'PA'], ['Pittsburgh', 'PA']),
    yes('email_opt_in'),
  ),
  S(
    'geography',
    'plain',
    'Store newsletter audience',
    'Customers whose home store is Acme Market Brooklyn',
    eq('preferred_store_id', 43),
  ),
  S(
    'geography',
    'long',
    'Store remodel thank-you brief',
    'Store ops wants to thank the locals after the Chicago North remodel: anyone who made an in-person, in-store purchase at Acme Market Chicago North since it reopened on May 1, 2026. Pickup orders do not count for this one.',
    buy({ order: with_(INSTORE, store(26)), w: since('2026-05-01') }),
  ),
  S(
    'geography',
    'plain',
    'Listrak BOPIS store cluster',
    'Customers who picked up an order at any of our Texas stores in the last 60 days',
    buy({ order: with_(PICKUP, store(...TEXAS_STORES)), w: days(60) }),
  ),
  S('geography', 'terse', 'Braze location filter', 'Vegas + Reno', cities(['Las Vegas', 'NV'], ['Reno', 'NV'])),
  S(
    'geography',
    'chatty',
    'Slack message to an analyst',
    "could I get people in the Midwest but not in Illinois or Michigan who've bought from us more than once?",
    region('midwest'),
    notIn('state', ['IL', 'MI']),
    REPEAT,
  ),
  S(
    'geography',
    'typo',
    'Customer.io location segment',
    'shopers in these texas citys: houston, san antonio, el paso',
    cities(['Houston', 'TX'], ['San Antonio', 'TX'], ['El Paso', 'TX']),
  ),
  S(
    'geography',
    'plain',
    'Salesforce Marketing Cloud store audience',
    'Anyone who bought at one of our New York City stores in the last 90 days (the three Acme Market New York locations plus Brooklyn)',
    buy({ order: store(...NYC_STORES), w: days(90) }),
  ),
  S(
    'geography',
    'number_words',
    'Klaviyo location + spend',
    'Customers living in Hawaii who spent over one thousand dollars in the past twelve months',
    state('HI'),
    spend(t.gt(1000), months(12)),
  ),
  S(
    'geography',
    'terse',
    'Iterable region filter',
    'West region, excl. California',
    region('west'),
    neq('state', 'CA'),
  ),
  S(
    'geography',
    'terse',
    'Braze location + age filter',
    'Honolulu + Anchorage, 65+',
    cities(['Honolulu', 'HI'], ['Anchorage', 'AK']),
    age.gte(65),
  ),
  S(
    'geography',
    'long',
    'Hurricane-prep campaign brief',
    'Hurricane-prep reminder for the Tampa market: customers who live in Tampa, FL, or whose preferred store is Acme Supercenter Tampa — either one qualifies. Only people opted in to SMS, since this goes out by text.',
    or(city('Tampa', 'FL'), eq('preferred_store_id', 19)),
    yes('sms_opt_in'),
  ),
  S(
    'geography',
    'chatty',
    'Slack message to an analyst',
    "hey — anyone in NYC who's a Gold or Platinum member?",
    NYC,
    tier('gold', 'platinum'),
  ),
  S(
    'geography',
    'plain',
    'Bloomreach seasonal tire campaign',
    'Customers in the Northeast or Midwest who bought Tires or Auto Parts since October 1, 2025',
    region('northeast', 'midwest'),
    buy({ item: cat('Tires', 'Auto Parts'), w: since('2025-10-01') }),
  ),
  S(
    'geography',
    'terse',
    'Ticket with filter-style audience',
    'State = NJ; exclude: Newark, Jersey City',
    state('NJ'),
    notIn('city', ['Newark', 'Jersey City']),
  ),

  // ---------------------------------------------------------------- purchases (18)
  S(
    'purchases',
    'terse',
    'Segment (Twilio) computed trait definition',
    'Purchased: Dairy & Eggs | Brand: Chobani OR Organic Valley | Window: past 2 weeks',
    buy({ item: with_(cat('Dairy & Eggs'), brand('Chobani', 'Organic Valley')), w: weeks(2) }),
  ),
  S(
    'purchases',
    'chatty',
    'Slack message to an analyst',
    'hey, who bought anything from Garden since Memorial Day weekend kicked off (Sat May 23)?',
    buy({ item: dept('Garden'), w: since('2026-05-23') }),
  ),
  S(
    'purchases',
    'plain',
    'Amplitude cohort (performed event in date range)',
    'Customers who bought Cycling or Camping gear in Q1 of this year',
    buy({ item: cat('Cycling', 'Camping'), w: Q1_2026 }),
  ),
  S(
    'purchases',
    'long',
    'Holiday toy recap brief',
    "Holiday recap for the toy buyers: anyone who bought Building Sets or Dolls between Black Friday (Nov 28, 2025) and Christmas Eve 2025, inclusive. We'll retarget them with summer Outdoor Play.",
    buy({ item: cat('Building Sets', 'Dolls'), w: between(BLACK_FRIDAY, '2025-12-24') }),
  ),
  S(
    'purchases',
    'typo',
    'Slack message to an analyst',
    'ppl who bougt vitamns since new years day',
    buy({ item: cat('Vitamins & Supplements'), w: since('2026-01-01') }),
  ),
  S(
    'purchases',
    'number_words',
    'Klaviyo replenishment segment',
    'Customers who bought Pampers or Huggies in the past six weeks',
    buy({ item: brand('Pampers', 'Huggies'), w: weeks(6) }),
  ),
  S(
    'purchases',
    'plain',
    'Insider product-attribute segment',
    'Bought organic Baby Food in the last 60 days',
    buy({ item: with_(cat('Baby Food'), ORGANIC), w: days(60) }),
  ),
  S(
    'purchases',
    'terse',
    'Ticket with filter-style audience',
    'Acme Select pet products, H1 2026',
    buy({ item: with_(PRIVATE, dept('Pets')), w: H1_2026 }),
  ),
  S(
    'purchases',
    'chatty',
    'Coffee-launch Slack thread',
    "Could you find everyone who's bought a Keurig, or anything from Coffee & Tea, since Black Friday?",
    or(
      buy({ item: brand('Keurig'), w: since(BLACK_FRIDAY) }),
      buy({ item: cat('Coffee & Tea'), w: since(BLACK_FRIDAY) }),
    ),
  ),
  S(
    'purchases',
    'plain',
    'Salesforce Marketing Cloud data extension filter',
    'Customers who bought Smartphones in Q4 2025',
    buy({ item: cat('Smartphones'), w: Q4_2025 }),
  ),
  S(
    'purchases',
    'long',
    'Back-to-school campaign brief',
    "Back-to-school starts earlier this year. Seed audience = customers who bought School Supplies or Kids' Clothing during last year's BTS window, July 1 – September 15, 2025, and who still have kids at home. No channel or tier filters.",
    buy({ item: cat('School Supplies', "Kids' Clothing"), w: between('2025-07-01', '2025-09-15') }),
    yes('has_children'),
  ),
  S(
    'purchases',
    'typo',
    'Slack message to an analyst',
    'custmers who purchsed a Dyson in the past yr',
    buy({ item: brand('Dyson'), w: years(1) }),
  ),
  S(
    'purchases',
    'terse',
    'Braze purchase filter',
    'Wine & Beer buyers, YTD, 21+',
    buy({ item: cat('Wine & Beer'), w: THIS_YEAR }),
    age.gte(21),
  ),
  S(
    'purchases',
    'number_words',
    "Valentine's recap",
    'Shoppers who bought from the Jewelry department in February twenty twenty-six',
    buy({ item: dept('Jewelry'), w: inMonth(2026, 2) }),
  ),
  S(
    'purchases',
    'plain',
    'Klaviyo product-property condition',
    'Customers who bought Nintendo video games this quarter',
    buy({ item: with_(cat('Video Games'), brand('Nintendo')), w: THIS_QUARTER }),
  ),
  S(
    'purchases',
    'chatty',
    'Slack message to an analyst',
    "who's ever bought Weber or Char-Broil stuff from us? no date filter",
    buy({ item: brand('Weber', 'Char-Broil') }),
  ),
  S(
    'purchases',
    'plain',
    'Bloomreach catalog segment',
    'Customers who bought Apple or Garmin Wearables since March 1, 2026',
    buy({ item: with_(cat('Wearables'), brand('Apple', 'Garmin')), w: since('2026-03-01') }),
  ),
  S(
    'purchases',
    'plain',
    'Vendor co-op audience',
    'Anyone who bought Meat & Seafood from Tyson or Perdue in the past 30 days',
    buy({ item: with_(cat('Meat & Seafood'), brand('Tyson', 'Perdue')), w: days(30) }),
  ),

  // ---------------------------------------------------------------- spend_orders (9)
  S(
    'spend_orders',
    'terse',
    'Ticket with filter-style audience',
    'Spend > $250 since Black Friday',
    spend(t.gt(250), since(BLACK_FRIDAY)),
  ),
  S(
    'spend_orders',
    'plain',
    'Klaviyo "placed order" count range',
    'Customers with at least 3 but no more than 6 orders in the past year',
    orders(t.between(3, 6), years(1)),
  ),
  S(
    'spend_orders',
    'chatty',
    'Slack message to an analyst',
    "Can you pull anyone who's dropped $500+ on Electronics YTD?",
    spend(t.gte(500), THIS_YEAR, { item: dept('Electronics') }),
  ),
  S(
    'spend_orders',
    'number_words',
    'Emarsys AOV segment',
    'Customers whose average order value over the past six months is below thirty-five dollars',
    aov(t.lt(35), months(6)),
  ),
  S(
    'spend_orders',
    'long',
    'Free-shipping threshold test brief',
    "For the free-shipping threshold test we need light spenders: customers who spent less than $100 in total in the past 3 months. Yes, that includes people who haven't ordered at all in that window — they get the same offer.",
    spend(t.lt(100), months(3)),
  ),
  S('spend_orders', 'typo', 'Shopify segment editor', 'lifetime spnd btwn $2k and $5k', spend(t.between(2000, 5000))),
  S(
    'spend_orders',
    'plain',
    'Snack brand co-op audience',
    'Bought 10 or more units of Snacks in Q2 so far',
    units(t.gte(10), THIS_QUARTER, { item: cat('Snacks') }),
  ),
  S(
    'spend_orders',
    'terse',
    'Iterable segmentation query',
    'orders ≥ 2 in last 30d AND AOV ≥ $75 (same window)',
    orders(t.gte(2), days(30)),
    aov(t.gte(75), days(30)),
  ),
  S(
    'spend_orders',
    'plain',
    'Private-label loyalty review',
    'Customers who spent over $200 on Acme Select products in 2025',
    spend(t.gt(200), inYear(2025), { item: PRIVATE }),
  ),

  // ---------------------------------------------------------------- lifecycle (20)
  S('lifecycle', 'terse', 'Mailchimp pre-built segment + location', 'First-time buyers in Ohio', ONE_TIME, state('OH')),
  S(
    'lifecycle',
    'plain',
    'Optimove lifecycle stage + region',
    'New customers in the Southeast',
    NEW,
    region('southeast'),
  ),
  S(
    'lifecycle',
    'chatty',
    'Slack message to an analyst',
    'hey — can I get our lapsed folks who used to be big on Beauty? like bought Beauty on 3+ orders ever',
    LAPSED,
    orders(t.gte(3), undefined, { item: dept('Beauty') }),
  ),
  S(
    'lifecycle',
    'long',
    'Win-back brief with its own definition',
    "Win-back definition for this campaign: 'lapsed' means no purchase in the last 120 days (we are NOT using the standard 91–365 rule here), and they must have bought from us at some point. On top of that: gold or platinum only.",
    buy(),
    not(buy({ w: days(120) })),
    tier('gold', 'platinum'),
  ),
  S(
    'lifecycle',
    'typo',
    'Slack message to an analyst',
    'churnd customers who still open our emails (last 90 days)',
    CHURNED,
    ev('email_open', { w: days(90) }),
  ),
  S(
    'lifecycle',
    'number_words',
    'Klaviyo days-since-last-order range',
    'Customers whose last order was between sixty and one hundred twenty days ago',
    betw('days_since_last_purchase', 60, 120),
  ),
  S(
    'lifecycle',
    'plain',
    'Customer.io segment (never purchased + visited)',
    'Prospects who visited the site in the past 14 days',
    PROSPECT,
    ev('web_visit', { w: days(14) }),
  ),
  S(
    'lifecycle',
    'terse',
    'Ticket with filter-style audience',
    'Repeat buyers; first order > 365 days ago',
    REPEAT,
    gt('days_since_first_purchase', 365),
  ),
  S(
    'lifecycle',
    'chatty',
    'Slack message to an analyst',
    'who are our active customers that have never once bought online? store-only loyalists',
    ACTIVE,
    not(buy({ order: ONLINE })),
  ),
  S(
    'lifecycle',
    'plain',
    'Optimove lifecycle combination',
    'Active customers with only one order ever',
    ACTIVE,
    ONE_TIME,
  ),
  S(
    'lifecycle',
    'long',
    'Second-purchase nudge brief',
    'Second-purchase nudge: customers who have made exactly one purchase with us so far, and that first (and only) purchase happened in the last 45 days. They get a 10%-off-your-next-order email.',
    ONE_TIME,
    lte('days_since_first_purchase', 45),
  ),
  S(
    'lifecycle',
    'typo',
    'Slack message to an analyst',
    'lapsd customers in texas with 5+ orders lifetime',
    LAPSED,
    state('TX'),
    orders(t.gte(5)),
  ),
  S(
    'lifecycle',
    'number_words',
    'Reactivation ladder',
    'Customers who bought something in the past two years but nothing in the past two hundred days',
    buy({ w: years(2) }),
    not(buy({ w: days(200) })),
  ),
  S(
    'lifecycle',
    'plain',
    'Customer.io dormant sign-ups',
    'Never-purchased sign-ups who joined more than 90 days ago',
    PROSPECT,
    gt('days_since_signup', 90),
  ),
  S(
    'lifecycle',
    'terse',
    'Klaviyo recency filter',
    'Recency ≤ 7 days, platinum',
    lte('days_since_last_purchase', 7),
    tier('platinum'),
  ),
  S(
    'lifecycle',
    'chatty',
    'Coupon-attribution Slack thread',
    'can you find new customers who used a coupon? curious how many we bought with discounts',
    NEW,
    buy({ order: COUPON }),
  ),
  S(
    'lifecycle',
    'plain',
    'Optimove lifecycle combination',
    'Churned customers who were repeat buyers',
    CHURNED,
    REPEAT,
  ),
  S(
    'lifecycle',
    'long',
    'Sunset-policy check',
    'Sunset-policy check. For this one, "churned" uses our old definition: bought at some point, but nothing in the last 18 months. Exclude employees; everything else stays in.',
    buy(),
    not(buy({ w: months(18) })),
    no('is_employee'),
  ),
  S(
    'lifecycle',
    'plain',
    'Dormant-account audit',
    'Customers who signed up before 2024 and have never made a purchase',
    lt('signup_date', '2024-01-01'),
    PROSPECT,
  ),
  S(
    'lifecycle',
    'number_words',
    'Frequency ladder',
    'active customers with at least four orders in the past ninety days',
    ACTIVE,
    orders(t.gte(4), days(90)),
  ),

  // ---------------------------------------------------------------- business_rules (20)
  S(
    'business_rules',
    'terse',
    'Ticket with filter-style audience',
    'VIP = true; SMS reachable = true; Region = West',
    VIP,
    REACH_SMS,
    region('west'),
  ),
  S(
    'business_rules',
    'plain',
    'Braze churn-prediction audience',
    'Likely-to-churn gold members who can be texted',
    LIKELY_CHURN,
    tier('gold'),
    REACH_SMS,
  ),
  S(
    'business_rules',
    'chatty',
    'Slack message to an analyst',
    "who's likely to buy but hasn't bought anything in the past 30 days? want to give them a nudge",
    LIKELY_BUY,
    not(buy({ w: days(30) })),
  ),
  S(
    'business_rules',
    'long',
    'Rule override: VIP = top 5% CLV',
    "For this test, 'VIP' means anyone in the top 5% of predicted 12-month CLV — ignore the loyalty-tier part of our usual definition. I need those VIPs who bought Electronics this year.",
    top('predicted_clv_12m', 5),
    buy({ item: dept('Electronics'), w: THIS_YEAR }),
  ),
  S(
    'business_rules',
    'plain',
    'Rule override: engaged window',
    'Engaged with email, but use a 14-day window instead of the standard one',
    ev(['email_open', 'email_click'], { w: days(14) }),
  ),
  S('business_rules', 'typo', 'Slack message to an analyst', 'pushable custmers likley to buy', REACH_PUSH, LIKELY_BUY),
  S(
    'business_rules',
    'number_words',
    'VIP sunset check',
    "VIPs who haven't opened an email in the last sixty days",
    VIP,
    not(ev('email_open', { w: days(60) })),
  ),
  S('business_rules', 'terse', 'Channel-mix ticket', 'Not emailable, but textable', not(REACH_EMAIL), REACH_SMS),
  S(
    'business_rules',
    'plain',
    'Emarsys regional engagement audience',
    'Email-engaged customers in the Northeast who are not VIPs',
    EMAIL_ENGAGED,
    region('northeast'),
    not(VIP),
  ),
  S(
    'business_rules',
    'long',
    'Rule override: at risk = score above 0.8',
    "'At risk' for the retention squad means a churn_risk score above 0.8 — stricter than our default deciles. Give me those at-risk customers whose lifetime spend is over $1,000.",
    score('churn_risk', t.gt(0.8)),
    spend(t.gt(1000)),
  ),
  S(
    'business_rules',
    'chatty',
    'Slack message to an analyst',
    'VIPs who we can reach by push or SMS?',
    VIP,
    or(REACH_PUSH, REACH_SMS),
  ),
  S(
    'business_rules',
    'plain',
    'Rule with its own window',
    'Customers who are reachable by email and were engaged with email in 2026',
    REACH_EMAIL,
    ev(['email_open', 'email_click'], { w: inYear(2026) }),
  ),
  S(
    'business_rules',
    'typo',
    'Slack message to an analyst',
    "vip's who are at risk of churn but still bought something in the past yr",
    VIP,
    LIKELY_CHURN,
    buy({ w: years(1) }),
  ),
  S(
    'business_rules',
    'number_words',
    'Propensity follow-up',
    'Likely-to-buy customers with no more than two orders in the past twelve months',
    LIKELY_BUY,
    orders(t.lte(2), months(12)),
  ),
  S(
    'business_rules',
    'plain',
    'Braze channel reachability',
    'Reachable by push but not by email',
    REACH_PUSH,
    not(REACH_EMAIL),
  ),
  S(
    'business_rules',
    'long',
    "Retention 'save' program brief",
    "Our 'save' program: customers who are likely to churn and who are either VIPs or repeat buyers. They must be reachable by email, since the save offer is an email-only code.",
    LIKELY_CHURN,
    or(VIP, REPEAT),
    REACH_EMAIL,
  ),
  S(
    'business_rules',
    'terse',
    'Braze audience filters',
    'Likely buyers, non-employees, SMS-reachable',
    LIKELY_BUY,
    no('is_employee'),
    REACH_SMS,
  ),
  S(
    'business_rules',
    'plain',
    'Rule override: push reachability',
    'Reachable by push — for this send, just the push opt-in flag, regardless of device',
    yes('push_opt_in'),
  ),
  S(
    'business_rules',
    'chatty',
    'Slack message to an analyst',
    'hey, can we get customers who are engaged with email but have never bought anything? they read everything and never convert lol',
    EMAIL_ENGAGED,
    PROSPECT,
  ),
  S(
    'business_rules',
    'plain',
    'Birthday VIP perk',
    'VIPs in the Midwest with a birthday this month',
    VIP,
    region('midwest'),
    bday('this_month'),
  ),

  // ---------------------------------------------------------------- channels_fulfillment (10)
  S(
    'channels_fulfillment',
    'terse',
    'Ticket with filter-style audience',
    'Channel = app; Fulfillment = delivery; last 60d',
    buy({ order: with_(INAPP, DELIVERY), w: days(60) }),
  ),
  S(
    'channels_fulfillment',
    'plain',
    'Gift-card follow-up',
    'Customers who paid with a gift card since Christmas',
    buy({ order: pay('gift_card'), w: since('2025-12-25') }),
  ),
  S(
    'channels_fulfillment',
    'chatty',
    'Slack message to an analyst',
    'who ordered online for curbside pickup in the past two weeks?',
    buy({ order: with_(ONLINE, PICKUP), w: weeks(2) }),
  ),
  S(
    'channels_fulfillment',
    'plain',
    'Ship-to-home loyalists',
    'Over the past year: 3 or more shipped orders and zero in-store purchases',
    orders(t.gte(3), years(1), { order: SHIP }),
    not(buy({ order: INSTORE, w: years(1) })),
  ),
  S(
    'channels_fulfillment',
    'typo',
    'Slack message to an analyst',
    'custmers who payed cash in store this yr',
    buy({ order: with_(INSTORE, pay('cash')), w: THIS_YEAR }),
  ),
  S(
    'channels_fulfillment',
    'number_words',
    'Omnichannel frequency study',
    'Customers who placed at least two web orders and at least two app orders in the last ninety days',
    orders(t.gte(2), days(90), { order: WEB }),
    orders(t.gte(2), days(90), { order: INAPP }),
  ),
  S(
    'channels_fulfillment',
    'long',
    'Delivery survey brief',
    'Delivery experience survey: customers who got a home delivery in the past 30 days, limited to the three cities where we run our own fleet — Atlanta, Miami and Houston. Survey goes out by email, but do not filter on opt-in; legal handles that.',
    buy({ order: DELIVERY, w: days(30) }),
    cities(['Atlanta', 'GA'], ['Miami', 'FL'], ['Houston', 'TX']),
  ),
  S(
    'channels_fulfillment',
    'plain',
    'Omnichannel power users',
    "Customers who've used every fulfillment option at least once: in-store, pickup, delivery and ship",
    buy({ order: { fulfillment: ['in_store'] } }),
    buy({ order: PICKUP }),
    buy({ order: DELIVERY }),
    buy({ order: SHIP }),
  ),
  S(
    'channels_fulfillment',
    'terse',
    'Tender-type audience',
    'EBT or debit, 90d',
    buy({ order: pay('ebt', 'debit_card'), w: days(90) }),
  ),
  S(
    'channels_fulfillment',
    'chatty',
    'Slack message to an analyst',
    'anyone who spent $300+ on app orders this year?',
    spend(t.gte(300), THIS_YEAR, { order: INAPP }),
  ),

  // ---------------------------------------------------------------- coupons_returns (5)
  S(
    'coupons_returns',
    'terse',
    'Ticket with filter-style audience',
    'Coupon used = yes; Dept = Baby; Since Black Friday',
    buy({ item: dept('Baby'), order: COUPON, w: since(BLACK_FRIDAY) }),
  ),
  S(
    'coupons_returns',
    'plain',
    'Returns follow-up',
    "Customers who returned an order in Q1 2026 and haven't bought anything since April 1",
    returned({ w: Q1_2026 }),
    not(buy({ w: since('2026-04-01') })),
  ),
  S(
    'coupons_returns',
    'chatty',
    'Margin team Slack thread',
    'full-price loyalists pls: gold/plat who bought 5+ times in the past year without using a single coupon in that year',
    tier('gold', 'platinum'),
    orders(t.gte(5), years(1)),
    not(buy({ order: COUPON, w: years(1) })),
  ),
  S(
    'coupons_returns',
    'number_words',
    'Coupon-dependency review',
    'Customers who used a coupon on more than three orders in the past six months',
    orders(t.gt(3), months(6), { order: COUPON }),
  ),
  S(
    'coupons_returns',
    'typo',
    'Returns-policy ticket',
    'custmers who returnd electronics in the last 90 days',
    returned({ item: dept('Electronics'), w: days(90) }),
  ),

  // ---------------------------------------------------------------- engagement (15)
  S(
    'engagement',
    'terse',
    'Iterable segmentation query',
    'Email opens ≥ 2 (60d) & email clicks = 0 (60d)',
    ev('email_open', { w: days(60), th: t.gte(2) }),
    not(ev('email_click', { w: days(60) })),
  ),
  S(
    'engagement',
    'plain',
    'Braze session + push filters',
    'Customers who opened a push notification in the past 2 weeks and also opened the app in that time',
    ev('push_open', { w: weeks(2) }),
    ev('app_open', { w: weeks(2) }),
  ),
  S(
    'engagement',
    'chatty',
    'Slack message to an analyst',
    "who viewed Strollers & Car Seats in the last 10 days but hasn't bought any in that time?",
    ev('product_view', { item: cat('Strollers & Car Seats'), w: days(10) }),
    not(buy({ item: cat('Strollers & Car Seats'), w: days(10) })),
  ),
  S(
    'engagement',
    'long',
    'Abandoned-cart SMS brief',
    'Abandoned-cart SMS: customers who abandoned a cart in the past 48 hours (today and the two days before) and have not placed an order in that same period. They must be reachable by SMS — nobody else gets this flow.',
    ev('cart_abandon', { w: days(2) }),
    not(buy({ w: days(2) })),
    REACH_SMS,
  ),
  S(
    'engagement',
    'typo',
    'Slack message to an analyst',
    'searchd the site 2+ times in the past 2 wks',
    ev('search', { w: weeks(2), th: t.gte(2) }),
  ),
  S(
    'engagement',
    'number_words',
    'Review-program invite',
    'Customers who wrote at least two reviews in the past year',
    ev('review', { w: years(1), th: t.gte(2) }),
  ),
  S(
    'engagement',
    'plain',
    'Klaviyo sunset segment',
    "Email subscribers who haven't clicked an email in 6 months",
    yes('email_opt_in'),
    not(ev('email_click', { w: months(6) })),
  ),
  S(
    'engagement',
    'terse',
    'Attentive clicker segment',
    "SMS clickers since Valentine's Day",
    ev('sms_click', { w: since('2026-02-14') }),
  ),
  S(
    'engagement',
    'plain',
    'Customer.io event segment',
    'Customers who added Headphones to their cart in the last 30 days',
    ev('add_to_cart', { item: cat('Headphones'), w: days(30) }),
  ),
  S(
    'engagement',
    'chatty',
    'Slack message to an analyst',
    'could u find people who unsubscribed from emails in the past month but still bought from us in the past month?',
    ev('unsubscribe', { w: months(1) }),
    buy({ w: months(1) }),
  ),
  S(
    'engagement',
    'long',
    'Re-permission campaign brief',
    'Re-permission campaign: email opt-in is false, but they opened the app at least 3 times in the last 30 days. We want to ask them in-app to opt back in to email, so nothing else matters.',
    no('email_opt_in'),
    ev('app_open', { w: days(30), th: t.gte(3) }),
  ),
  S(
    'engagement',
    'plain',
    'Frequency-cap audit',
    'Customers who received 2 or more emails in the past 30 days',
    ev('email_sent', { w: days(30), th: t.gte(2) }),
  ),
  S(
    'engagement',
    'terse',
    'Amplitude behavioral cohort',
    'web visit 7d, no add-to-cart 7d',
    ev('web_visit', { w: days(7) }),
    not(ev('add_to_cart', { w: days(7) })),
  ),
  S(
    'engagement',
    'number_words',
    'Smart-home launch audience',
    'Customers who viewed Electronics products three or more times in the past year',
    ev('product_view', { item: dept('Electronics'), w: years(1), th: t.gte(3) }),
  ),
  S(
    'engagement',
    'plain',
    'Push-fatigue audit',
    'Customers opted in to push who were sent a push in the last 30 days but never opened one in those 30 days',
    yes('push_opt_in'),
    ev('push_sent', { w: days(30) }),
    not(ev('push_open', { w: days(30) })),
  ),

  // ---------------------------------------------------------------- model_scores (10)
  S('model_scores', 'terse', 'Braze predictive filter', 'churn_risk decile ≥ 9', decile('churn_risk', t.gte(9))),
  S(
    'model_scores',
    'plain',
    'Bloomreach prediction cut',
    'Bottom 10% of predicted 12-month CLV',
    bottom('predicted_clv_12m', 10),
  ),
  S(
    'model_scores',
    'chatty',
    'Slack message to an analyst',
    'can I see who has a purchase propensity between 0.3 and 0.5?',
    score('purchase_propensity_30d', t.between(0.3, 0.5)),
  ),
  S(
    'model_scores',
    'number_words',
    'Insider discount-affinity segment',
    'Customers in the top fifteen percent by discount sensitivity',
    top('discount_sensitivity', 15),
  ),
  S(
    'model_scores',
    'plain',
    'Salesforce Einstein-style combination',
    'Predicted CLV of more than $500 and low churn risk',
    score('predicted_clv_12m', t.gt(500)),
    level('churn_risk', 'low'),
  ),
  S(
    'model_scores',
    'long',
    'Retention budget allocation brief',
    "Retention budget allocation: customers in churn-risk deciles 5 through 7 (the 'persuadables') who are email subscribers. The high-risk deciles go to a different program, so keep them out by using only 5–7.",
    decile('churn_risk', t.between(5, 7)),
    yes('email_opt_in'),
  ),
  S(
    'model_scores',
    'typo',
    'Slack message to an analyst',
    'emial engagement score under 0.2',
    score('email_engagement', t.lt(0.2)),
  ),
  S(
    'model_scores',
    'terse',
    'Amplitude predictive cohort',
    'Top 2% propensity, platinum',
    top('purchase_propensity_30d', 2),
    tier('platinum'),
  ),
  S(
    'model_scores',
    'plain',
    'Optimove predictive layers',
    'Medium predicted CLV, high email engagement',
    level('predicted_clv_12m', 'medium'),
    level('email_engagement', 'high'),
  ),
  S(
    'model_scores',
    'chatty',
    'Slack message to an analyst',
    'grab folks in the bottom 3 deciles for churn risk who bought something in the last 30 days',
    decile('churn_risk', t.lte(3)),
    buy({ w: days(30) }),
  ),

  // ---------------------------------------------------------------- birthdays (2)
  S(
    'birthdays',
    'plain',
    'Loyalty birthday reward',
    'Birthdays coming up in the next 3 weeks, loyalty members only',
    bday('next_days', 21),
    neq('loyalty_tier', 'none'),
  ),
  S('birthdays', 'terse', 'Birth-month filter', 'born Oct–Dec, women', betw('birth_month', 10, 12), gender('female')),

  // ---------------------------------------------------------------- negation (5)
  S(
    'negation',
    'plain',
    'Suppression list',
    'Everyone except prospects and employees',
    not(PROSPECT),
    no('is_employee'),
  ),
  S(
    'negation',
    'typo',
    'Slack message to an analyst',
    'customrs who never bougt from Apparel or Beauty',
    not(buy({ item: dept('Apparel', 'Beauty') })),
  ),
  S(
    'negation',
    'terse',
    'Ticket with filter-style audience',
    'Not in TX/FL/CA; no orders 90d',
    notIn('state', ['TX', 'FL', 'CA']),
    not(buy({ w: days(90) })),
  ),
  S(
    'negation',
    'chatty',
    'Grilling cross-sell Slack thread',
    'can you get me people who bought Grills this year but NOT anything from Meat & Seafood this year?',
    buy({ item: cat('Grills'), w: THIS_YEAR }),
    not(buy({ item: cat('Meat & Seafood'), w: THIS_YEAR })),
  ),
  S(
    'negation',
    'plain',
    'Clean-record audience',
    'Customers who have never returned anything and never used a coupon',
    not(returned()),
    not(buy({ order: COUPON })),
  ),

  // ---------------------------------------------------------------- or_nesting (28)
  S(
    'or_nesting',
    'terse',
    'Ticket with filter-style audience',
    '(Platinum OR LTV > $3k) AND NOT employee',
    or(tier('platinum'), spend(t.gt(3000))),
    no('is_employee'),
  ),
  S(
    'or_nesting',
    'plain',
    'Klaviyo replenishment OR browse',
    'Either bought Diapers in the last 30 days or viewed Diapers in the last 7 days',
    or(buy({ item: cat('Diapers'), w: days(30) }), ev('product_view', { item: cat('Diapers'), w: days(7) })),
  ),
  S(
    'or_nesting',
    'chatty',
    'Slack message to an analyst',
    'hey can you grab people in Ohio or Michigan who either used pickup OR delivery this year?',
    state('OH', 'MI'),
    buy({ order: { fulfillment: ['pickup', 'delivery'] }, w: THIS_YEAR }),
  ),
  S(
    'or_nesting',
    'long',
    'Two-pocket fitness brief',
    'Two groups, one list: (a) women 25–34 who bought Activewear in the past 3 months, and (b) men 25–34 who bought Fitness Equipment in the same period. Anyone who fits either group is in.',
    or(
      and(gender('female'), age.between(25, 34), buy({ item: cat('Activewear'), w: months(3) })),
      and(gender('male'), age.between(25, 34), buy({ item: cat('Fitness Equipment'), w: months(3) })),
    ),
  ),
  S(
    'or_nesting',
    'typo',
    'Slack message to an analyst',
    'iphone or andriod users who bought Headphones in the past 60 days',
    isIn('device_os', ['ios', 'android']),
    buy({ item: cat('Headphones'), w: days(60) }),
  ),
  S(
    'or_nesting',
    'number_words',
    'Attentive VIP definition (any of)',
    'Customers with more than ten orders ever, or who spent over two thousand dollars in the past year',
    or(orders(t.gt(10)), spend(t.gt(2000), years(1))),
  ),
  S(
    'or_nesting',
    'plain',
    'Bloomreach prediction union',
    'VIPs, plus anyone in the top decile for purchase propensity',
    or(VIP, decile('purchase_propensity_30d', t.eq(10))),
  ),
  S(
    'or_nesting',
    'plain',
    'Beverage brand exclusive-or',
    'Bought Coca-Cola or Pepsi in the past 30 days, but not both',
    xor(buy({ item: brand('Coca-Cola'), w: days(30) }), buy({ item: brand('Pepsi'), w: days(30) })),
  ),
  S(
    'or_nesting',
    'terse',
    'Ticket with filter-style audience',
    '(TX AND active) OR (CA AND lapsed)',
    or(and(state('TX'), ACTIVE), and(state('CA'), LAPSED)),
  ),
  S(
    'or_nesting',
    'chatty',
    'Slack message to an analyst',
    "could you find folks who abandoned a cart OR viewed a product in the last 3 days, but haven't bought anything in those 3 days and are emailable?",
    or(ev('cart_abandon', { w: days(3) }), ev('product_view', { w: days(3) })),
    not(buy({ w: days(3) })),
    REACH_EMAIL,
  ),
  S(
    'or_nesting',
    'long',
    'Home clearance brief',
    'Clearance for Home: customers who bought Furniture or Home Decor in 2025, OR who viewed Furniture at least twice in the last 30 days — excluding anyone who bought Furniture in the last 30 days.',
    or(
      buy({ item: cat('Furniture', 'Home Decor'), w: inYear(2025) }),
      ev('product_view', { item: cat('Furniture'), w: days(30), th: t.gte(2) }),
    ),
    not(buy({ item: cat('Furniture'), w: days(30) })),
  ),
  S(
    'or_nesting',
    'plain',
    'Device-targeting test',
    'Customers who are either under 30 and on iOS, or over 50 and on Android',
    or(and(age.lt(30), eq('device_os', 'ios')), and(age.gt(50), eq('device_os', 'android'))),
  ),
  S(
    'or_nesting',
    'typo',
    'Slack message to an analyst',
    'gold or platnum members who are lapsd or churnd',
    tier('gold', 'platinum'),
    or(LAPSED, CHURNED),
  ),
  S(
    'or_nesting',
    'number_words',
    'Retention triage',
    "Anyone with a churn risk score above zero point seven, or who hasn't bought in the last one hundred fifty days",
    or(score('churn_risk', t.gt(0.7)), not(buy({ w: days(150) }))),
  ),
  S(
    'or_nesting',
    'plain',
    'Toy brand co-op audience',
    'Bought Lego in 2025 or Hot Wheels in 2026, and has kids at home',
    or(buy({ item: brand('Lego'), w: inYear(2025) }), buy({ item: brand('Hot Wheels'), w: inYear(2026) })),
    yes('has_children'),
  ),
  S(
    'or_nesting',
    'terse',
    'Channel-mix ticket',
    'SMS OR push reachable; NOT email reachable',
    or(REACH_SMS, REACH_PUSH),
    not(REACH_EMAIL),
  ),
  S(
    'or_nesting',
    'chatty',
    'Slack message to an analyst',
    'need shoppers who either spent $1k+ in the past 12 months or are platinum — but only the ones in NY or NJ',
    or(spend(t.gte(1000), months(12)), tier('platinum')),
    state('NY', 'NJ'),
  ),
  S(
    'or_nesting',
    'long',
    'Pet treats cross-sell brief',
    "Pet treats cross-sell, two pockets in one list: Dog Food buyers from the last 6 months who haven't bought Pet Treats in that time, plus Cat Food buyers from the same 6 months who haven't bought Pet Treats either.",
    or(
      and(buy({ item: cat('Dog Food'), w: months(6) }), not(buy({ item: cat('Pet Treats'), w: months(6) }))),
      and(buy({ item: cat('Cat Food'), w: months(6) }), not(buy({ item: cat('Pet Treats'), w: months(6) }))),
    ),
  ),
  S(
    'or_nesting',
    'plain',
    'Store-traffic audience',
    'Customers who bought in store in the last 30 days or picked up an order in the last 30 days',
    or(buy({ order: INSTORE, w: days(30) }), buy({ order: PICKUP, w: days(30) })),
  ),
  S(
    'or_nesting',
    'typo',
    'Slack message to an analyst',
    'women in calfornia or oregan who are NOT silver',
    gender('female'),
    state('CA', 'OR'),
    neq('loyalty_tier', 'silver'),
  ),
  S(
    'or_nesting',
    'terse',
    'Ticket with filter-style audience',
    'Electronics XOR Appliances, past year',
    xor(buy({ item: dept('Electronics'), w: years(1) }), buy({ item: cat('Appliances'), w: years(1) })),
  ),
  S(
    'or_nesting',
    'plain',
    'Engagement union',
    'Customers who opened an email in the last 7 days and clicked one too, or who clicked an SMS in the last 7 days',
    or(and(ev('email_open', { w: days(7) }), ev('email_click', { w: days(7) })), ev('sms_click', { w: days(7) })),
  ),
  S(
    'or_nesting',
    'chatty',
    'Slack message to an analyst',
    'could I get the likely-to-buy folks or recent cart abandoners (past 5 days), but leave out anyone who ordered in the past 5 days',
    or(LIKELY_BUY, ev('cart_abandon', { w: days(5) })),
    not(buy({ w: days(5) })),
  ),
  S(
    'or_nesting',
    'long',
    'Loyalty upgrade nudge brief',
    'Loyalty upgrade nudge: silver members who are within reach of gold — either 4,000+ points, or 6+ orders in the past 6 months. Exclude employees and anyone who returned an order in the past 6 months.',
    tier('silver'),
    or(gte('loyalty_points', 4000), orders(t.gte(6), months(6))),
    no('is_employee'),
    not(returned({ w: months(6) })),
  ),
  S(
    'or_nesting',
    'number_words',
    'App campaign audience',
    'Customers aged eighteen to twenty-four or sixty-five and up who opened the app in the last thirty days',
    or(age.between(18, 24), age.gte(65)),
    ev('app_open', { w: days(30) }),
  ),
  S(
    'or_nesting',
    'plain',
    'Jewelry VIP preview',
    'Either a VIP in the Southeast, or any platinum member who bought Jewelry in 2025',
    or(and(VIP, region('southeast')), and(tier('platinum'), buy({ item: dept('Jewelry'), w: inYear(2025) }))),
  ),
  S(
    'or_nesting',
    'terse',
    'Iterable segmentation query',
    '(email_click 30d OR sms_click 30d) AND NOT purchase 30d',
    or(ev('email_click', { w: days(30) }), ev('sms_click', { w: days(30) })),
    not(buy({ w: days(30) })),
  ),
  S(
    'or_nesting',
    'chatty',
    'Summer cookout Slack thread',
    'summer cookout list — anyone who bought Grills since Memorial Day weekend (May 23), or bought Weber anything in the past year, as long as they live in the South... sorry, I mean the Southeast region',
    or(buy({ item: cat('Grills'), w: since('2026-05-23') }), buy({ item: brand('Weber'), w: years(1) })),
    region('southeast'),
  ),

  // ---------------------------------------------------------------- clarify (9 + 2 appended at the end)
  C(
    'terse',
    'Slack message to an analyst',
    'tri-state area customers',
    'which tri-state area (NY/NJ/CT or another) and whether whole states or the NYC metro',
  ),
  C(
    'chatty',
    'Early-access Slack thread',
    'Can you pull our whales? Want to give them early access to the summer sale',
    'what makes a whale: lifetime spend, recent spend, predicted CLV or VIP, and the threshold',
  ),
  C(
    'plain',
    'Patio campaign brief',
    'East Coast customers who bought Patio Furniture this year',
    'which states count as the East Coast (the northeast region only, or all Atlantic states)',
  ),
  C(
    'plain',
    'Regional promo',
    'Customers in the South',
    'the southeast region or a wider South (e.g. with Texas and Oklahoma)',
  ),
  S(
    'geography',
    'chatty',
    'Slack message to an analyst',
    'hey, who are our SoCal shoppers?',
    cities(['Los Angeles', 'CA'], ['Long Beach', 'CA'], ['San Diego', 'CA']),
  ),
  C(
    'terse',
    'Ticket with filter-style audience',
    'mobile shoppers, 90d',
    'app orders, app usage, or customers with a mobile device',
  ),
  C('plain', 'Holiday recap', 'Holiday shoppers from last season', 'which dates count as the holiday season'),
  C('plain', 'Points-redemption nudge', 'Customers with a high loyalty points balance', 'points threshold'),
  C('terse', 'Seasonal reorder', "last year's grill buyers", 'calendar 2025 or the last 12 months'),
  S(
    'geography',
    'long',
    'DMV launch event brief',
    'For the DMV launch event next month we want everyone local to the DMV. Email is the channel, so only email opt-ins, and leave out employees.',
    state('DC', 'MD', 'VA'),
    yes('email_opt_in'),
    no('is_employee'),
  ),
  C(
    'plain',
    'Big-ticket upsell',
    'Big-ticket buyers from the past 6 months',
    'order total or item price, and the threshold',
  ),

  // ---------------------------------------------------------------- refuse (10)
  R(
    'plain',
    'Campaign-level retargeting',
    "Customers who clicked the 'Summer Kickoff' email",
    'campaign names (events carry only a campaign id)',
  ),
  R(
    'chatty',
    'Slack message to an analyst',
    'Can you pull customers who paid with Apple Pay this year?',
    'Apple Pay / digital-wallet payment method',
  ),
  R(
    'terse',
    'Ticket with filter-style audience',
    'Promo code = SUMMER20 redeemed',
    'coupon / promo codes (only whether a coupon was used)',
  ),
  R(
    'plain',
    'Local store opening',
    'Shoppers who live within 10 miles of one of our stores',
    'distance to stores / geolocation',
  ),
  R(
    'long',
    'Late-delivery apology brief',
    'Late-delivery apology: customers whose delivery arrived later than promised in the past month. We want to send a $10 credit, so only the ones who were actually affected.',
    'delivery timing / late deliveries',
  ),
  R(
    'typo',
    'Slack message to an analyst',
    'custmers who opend our emails on there phones',
    'device / email client of opens',
  ),
  R(
    'plain',
    'Loyalty program review',
    'Members who redeemed loyalty points in the last 30 days',
    'loyalty points redemption history',
  ),
  R('number_words', 'Auto-care partnership', 'Customers who own two or more cars', 'vehicle ownership'),
  R(
    'chatty',
    'Slack message to an analyst',
    'who visited our returns-policy page in the past week?',
    'page-level web analytics (which page was visited)',
  ),
  R(
    'plain',
    'Zero-party data segment',
    'Customers who completed our style quiz and said they prefer minimalist decor',
    'quiz / stated style preferences',
  ),

  // ---------------------------------------------------------------- multi_turn (48)
  T(
    'terse',
    'Ticket edits',
    ['Location = Bay Area', 'add: last order > 60 days', 'make it > 90'],
    BAY_AREA,
    gt('days_since_last_purchase', 90),
  ),
  T(
    'plain',
    'Klaviyo segment clone',
    ['Women 25-34 who bought Skincare in the past 3 months', 'same but for men'],
    gender('male'),
    age.between(25, 34),
    buy({ item: cat('Skincare'), w: months(3) }),
  ),
  T(
    'terse',
    'Undo in a segment builder',
    ['Gold members in Colorado', 'add Utah', 'undo that'],
    tier('gold'),
    state('CO'),
  ),
  T(
    'chatty',
    'Widening a category',
    [
      'Customers who bought Camping gear since Memorial Day weekend started (May 23)',
      'widen that to the whole Sports & Outdoors department',
    ],
    buy({ item: dept('Sports & Outdoors'), w: since('2026-05-23') }),
  ),
  T(
    'plain',
    'Cross-sell build-up',
    [
      'Bought Tablets in the last 6 months',
      'exclude anyone who bought Headphones in that period',
      'and only Apple tablets',
    ],
    buy({ item: with_(cat('Tablets'), brand('Apple')), w: months(6) }),
    not(buy({ item: cat('Headphones'), w: months(6) })),
  ),
  T(
    'plain',
    'Adding an OR alternative',
    ['VIPs in Florida', 'or anyone in Florida who spent over $1,000 this year'],
    state('FL'),
    or(VIP, spend(t.gt(1000), THIS_YEAR)),
  ),
  T(
    'long',
    'Rule override mid-conversation',
    [
      'Lapsed customers in the Midwest',
      "Let's not use our normal lapsed rule here: use no purchase in the last 180 days, as long as they bought from us at some point",
    ],
    buy(),
    not(buy({ w: days(180) })),
    region('midwest'),
  ),
  T(
    'plain',
    'Negation flip',
    ['Customers who opened an email in the last 30 days', 'flip it: the ones who did NOT', 'only email subscribers'],
    not(ev('email_open', { w: days(30) })),
    yes('email_opt_in'),
  ),
  T(
    'plain',
    'Window change + exclusion',
    ['Spent over $500 YTD', 'change YTD to the past 12 months', 'and drop anyone with a returned order in that time'],
    spend(t.gt(500), months(12)),
    not(returned({ w: months(12) })),
  ),
  TC(
    'chatty',
    'Vague refinement',
    ['Customers who bought Beauty this year', 'only the loyal ones please'],
    'what "loyal" means: loyalty tier, repeat purchasing or tenure',
  ),
  T(
    'terse',
    'Model threshold edits',
    ['churn risk top decile', 'top 3 deciles instead', 'exclude platinum'],
    decile('churn_risk', t.gte(8)),
    neq('loyalty_tier', 'platinum'),
  ),
  T(
    'plain',
    'Order-filter narrowing',
    ['App orders in the past 30 days', 'include web orders too', 'and only count the ones fulfilled by pickup'],
    buy({ order: with_(ONLINE, PICKUP), w: days(30) }),
  ),
  T(
    'number_words',
    'Age range + state edits',
    ['Texas customers aged eighteen to twenty-four', 'make it eighteen to twenty-nine', 'and add Oklahoma'],
    state('TX', 'OK'),
    age.between(18, 29),
  ),
  T(
    'plain',
    'Replenishment lapse build-up',
    [
      'Customers who bought Dog Food in 2025',
      "but haven't bought any Dog Food in 2026",
      'only the ones reachable by SMS',
    ],
    buy({ item: cat('Dog Food'), w: inYear(2025) }),
    not(buy({ item: cat('Dog Food'), w: inYear(2026) })),
    REACH_SMS,
  ),
  T(
    'terse',
    'Tier widening + points',
    ['platinum members', 'and gold', 'only those with 5,000+ points'],
    tier('gold', 'platinum'),
    gte('loyalty_points', 5000),
  ),
  T(
    'plain',
    'Relative date swap',
    ['Customers who used a coupon in Q1 2026', 'change Q1 to "since Black Friday"'],
    buy({ order: COUPON, w: since(BLACK_FRIDAY) }),
  ),
  T(
    'plain',
    'Lifecycle swap + source',
    [
      'Repeat buyers in New England',
      'swap repeat for one-time buyers',
      'and only the ones who signed up on the website',
    ],
    ONE_TIME,
    state(...NEW_ENGLAND),
    eq('signup_channel', 'web'),
  ),
  T(
    'chatty',
    'City exclusion reversed',
    ['Email subscribers in Georgia', 'exclude Atlanta', 'actually no — Atlanta only'],
    yes('email_opt_in'),
    city('Atlanta', 'GA'),
  ),
  T(
    'plain',
    'Dropping a condition',
    ['Top 10% by discount sensitivity', 'and who used a coupon in the last 60 days', 'drop the model condition'],
    buy({ order: COUPON, w: days(60) }),
  ),
  T(
    'plain',
    'Cart abandonment narrowing',
    [
      'Customers who abandoned a cart in the past 30 days',
      'only carts with Video Games',
      "and who haven't bought Video Games in those 30 days",
    ],
    ev('cart_abandon', { item: cat('Video Games'), w: days(30) }),
    not(buy({ item: cat('Video Games'), w: days(30) })),
  ),
  T(
    'chatty',
    'City to state and back',
    ['Customers in Chicago', 'add the rest of Illinois', 'but leave out Chicago after all'],
    state('IL'),
    neq('city', 'Chicago'),
  ),
  T(
    'terse',
    'Lifecycle stage swap',
    ['new customers', 'in the West', 'switch to active customers'],
    ACTIVE,
    region('west'),
  ),
  T(
    'plain',
    'Brand add + window change',
    ['Bought Laptops from Dell or HP in 2025', 'add Lenovo', 'change 2025 to the last 18 months'],
    buy({ item: with_(cat('Laptops'), brand('Dell', 'HP', 'Lenovo')), w: months(18) }),
  ),
  T(
    'plain',
    'Order-count range + AOV',
    [
      'Customers with at least 5 orders in the past year',
      'no more than 10 either',
      'and an AOV above $60 over the past year',
    ],
    orders(t.between(5, 10), years(1)),
    aov(t.gt(60), years(1)),
  ),
  T(
    'terse',
    'Device swap + event',
    ['Reachable by push, Android', 'iOS instead', 'and opened the app in the past week'],
    REACH_PUSH,
    eq('device_os', 'ios'),
    ev('app_open', { w: weeks(1) }),
  ),
  T(
    'plain',
    'Gender swap + add',
    ['Women in the Southwest', 'same but for men', 'and add nonbinary customers'],
    isIn('gender', ['male', 'nonbinary']),
    region('southwest'),
  ),
  T(
    'plain',
    'Undo a filter',
    ['Customers who bought Wine & Beer in the last 90 days', 'make it 21 and over', 'undo the age filter'],
    buy({ item: cat('Wine & Beer'), w: days(90) }),
  ),
  TR(
    'plain',
    'Formula campaign with unavailable data',
    ['Bought Baby Formula in the last 60 days', 'only moms whose baby is under 6 months old'],
    "children's ages (only has_children is known)",
  ),
  T(
    'plain',
    'Adding an OR purchase',
    ['Customers who bought Garden products in spring 2026 (March through May)', 'or Patio Furniture any time in 2025'],
    or(
      buy({ item: dept('Garden'), w: between('2026-03-01', '2026-05-31') }),
      buy({ item: cat('Patio Furniture'), w: inYear(2025) }),
    ),
  ),
  T(
    'plain',
    'Lifecycle widening',
    ['churned customers', 'only the ones with lifetime spend over $1,500', 'change churned to lapsed or churned'],
    or(LAPSED, CHURNED),
    spend(t.gt(1500)),
  ),
  T(
    'plain',
    'Browse without buy + region widening',
    [
      'Customers in the Northeast who visited the site in the last 14 days',
      "but didn't buy anything in those 14 days",
      'expand to the Northeast and the Midwest',
    ],
    region('northeast', 'midwest'),
    ev('web_visit', { w: days(14) }),
    not(buy({ w: days(14) })),
  ),
  T(
    'terse',
    'Birthday window edit',
    ['birthdays in the next 7 days', 'make it 14 days', 'only VIPs'],
    bday('next_days', 14),
    VIP,
  ),
  T(
    'plain',
    'Organic narrowing',
    ['Bought organic items this year', 'only organic Grocery', 'also exclude employees'],
    buy({ item: with_(dept('Grocery'), ORGANIC), w: THIS_YEAR }),
    no('is_employee'),
  ),
  TC(
    'chatty',
    'Vague recency',
    ['Customers who bought Electronics in 2025', 'hmm, just the recent ones'],
    'how recent (which part of 2025, or a window ending today)',
  ),
  T(
    'terse',
    'City list build-up',
    ['Customers in Seattle', 'add Portland', 'and Spokane'],
    cities(['Seattle', 'WA'], ['Spokane', 'WA'], ['Portland', 'OR']),
  ),
  T(
    'plain',
    'Threshold + window edits',
    [
      'Customers who spent more than $200 on Beauty this quarter',
      'lower the threshold to $150',
      'and make it this year instead of this quarter',
    ],
    spend(t.gt(150), THIS_YEAR, { item: dept('Beauty') }),
  ),
  T(
    'plain',
    'Store add',
    ['Customers who bought at Acme Supercenter Denver in the last 90 days', 'add Acme Supercenter Salt Lake City'],
    buy({ order: store(14, 63), w: days(90) }),
  ),
  T(
    'plain',
    'Reachability widening',
    ['Likely to buy', 'and reachable by email', 'actually, reachable by email OR SMS'],
    LIKELY_BUY,
    or(REACH_EMAIL, REACH_SMS),
  ),
  T(
    'chatty',
    'Dropping gender',
    ['Moms in California', 'any gender actually, just parents', 'and who bought Toys in the past 6 months'],
    yes('has_children'),
    state('CA'),
    buy({ item: dept('Toys'), w: months(6) }),
  ),
  T(
    'plain',
    'Returns year over year',
    [
      'Customers who returned something in 2025',
      'exclude those who also returned something in 2026',
      'only if they bought something in 2026',
    ],
    returned({ w: inYear(2025) }),
    not(returned({ w: inYear(2026) })),
    buy({ w: inYear(2026) }),
  ),
  T(
    'plain',
    'Model level swap + OR alternative',
    ['High email engagement score', 'medium instead', 'plus anyone who clicked an email in the past 2 weeks'],
    or(level('email_engagement', 'medium'), ev('email_click', { w: weeks(2) })),
  ),
  TR(
    'chatty',
    'Ski-season idea with unavailable data',
    ['Customers in Denver', 'who have a ski season pass'],
    'ski passes / purchases made elsewhere',
  ),
  T(
    'terse',
    'Fulfillment widening + window',
    ['delivery orders, past 30 days', 'pickup too', 'window 60 days'],
    buy({ order: { fulfillment: ['delivery', 'pickup'] }, w: days(60) }),
  ),
  T(
    'plain',
    'Excluding never-buyers',
    ["Silver members who haven't purchased in the last 90 days", "but only people who've bought from us before"],
    tier('silver'),
    buy(),
    not(buy({ w: days(90) })),
  ),
  T(
    'plain',
    'Private label narrowing + past quarter',
    [
      'Customers who bought Acme Select in the past month',
      'only Acme Select Health & Wellness',
      'widen the window to the past quarter',
    ],
    buy({ item: with_(PRIVATE, dept('Health & Wellness')), w: months(3) }),
  ),
  T(
    'terse',
    'Negating a rule',
    ['VIPs', 'who are likely to churn', 'no wait, NOT likely to churn'],
    VIP,
    not(LIKELY_CHURN),
  ),
  T(
    'plain',
    'Widening with "also anyone"',
    ['Customers over 65', 'also anyone who lives alone (household of 1)'],
    or(age.gt(65), eq('household_size', 1)),
  ),
  T(
    'typo',
    'Brand to category + event',
    [
      'purchsed Starbucks coffee in the past 30 days',
      'change Starbucks to any Coffee & Tea brand',
      'and they must of used the app in that time too',
    ],
    buy({ item: cat('Coffee & Tea'), w: days(30) }),
    ev('app_open', { w: days(30) }),
  ),

  // ---------------------------------------------------------------- appended: clarify (2)
  C(
    'terse',
    'Regional campaign',
    'PNW shoppers, gold+',
    'which states count as the Pacific Northwest (WA and OR, or also ID)',
  ),
  C(
    'chatty',
    'Hurricane-season Slack thread',
    'can I get our Gulf Coast customers for the hurricane-prep email?',
    'which states or cities count as the Gulf Coast',
  ),
];

// ------------------------------------------------------------------ emit
const pad = (n) => String(n).padStart(3, '0');
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
const lines = cases.map((c, i) => toCase(`blog-${pad(i + 1)}`, c));

const texts = new Set();
for (const l of lines) {
  const key = (l.text ?? l.turns.join(' | ')).toLowerCase();
  if (texts.has(key)) throw new Error(`duplicate request ${l.id}: ${key}`);
  texts.add(key);
}
const file = path.join(here, 'blogs.jsonl');
fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
const by = (k) => lines.reduce((m, l) => ((m[l[k]] = (m[l[k]] ?? 0) + 1), m), {});
console.log(`wrote ${lines.length} cases to ${path.relative(process.cwd(), file)}`);
console.log('by category:', JSON.stringify(by('category')));
console.log('by expect:  ', JSON.stringify(by('expect')));
console.log('by style:   ', JSON.stringify(by('style')));
