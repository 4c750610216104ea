import { HISTORY_DAYS, DAY_BUCKETS, type RetailCalendar } from './retail-calendar';
import { ONLINE_STORE_ID } from './retail-dimensions.data';
import { LOOKUP, PICK_SEGMENT, PICK_SIZE } from './retail-lookups.builder';
import { EMAIL_DOMAINS, FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES, NEUTRAL_FIRST_NAMES } from './retail-names.data';
import { DEVICE_OS, INCOME_BANDS, LOYALTY_TIERS, REGIONS, SIGNUP_CHANNELS, US_STATES } from './retail-taxonomy.data';

/**
 * The generator's set-based SQL. Every random draw is `_u(ns, key, salt)`: a hash of the
 * entity key, a namespace, a salt and the seed, mapped to [0, 1). The same draw appears
 * wherever a value is needed twice (an order's lines when totalling it and when writing its
 * items), so derived values agree exactly without being stored.
 */

/** Random namespaces: one per kind of entity, so draws of different entities never coincide. */
export const NS = { customer: 0, order: 1, item: 2, event: 3, model: 4 } as const;

/** Orders per customer-year of activity at weight 1 (calibrated to ~12 orders per customer). */
const ORDER_RATE = 18;
const EMAIL_PER_WEEK = 0.3;
const SMS_PER_FORTNIGHT = 0.2;
const PUSH_PER_WEEK = 0.13;
const WEB_VISITS_PER_YEAR = 9.0;
const APP_OPENS_PER_YEAR = 9.5;
/** Most items an order has. */
const MAX_ITEMS = 5;
const LAST_DAY = HISTORY_DAYS - 1;

function str(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}
/** A small constant list (kept small: indexing a constant list costs in proportion to its size). */
function strList(values: readonly string[]): string {
  return `([${values.map(str).join(',')}]::VARCHAR[])`;
}

/** The macro behind every draw; the seed enters as a 62-bit constant. */
export function randomMacroSql(seed: number): string {
  return `CREATE OR REPLACE TEMP MACRO _u(ns, k, s) AS
  (hash(xor(((k)::BIGINT * 1024 + (ns) * 64 + (s))::BIGINT, ${seedConstant(seed)}::BIGINT)) >> 11)::DOUBLE / 9007199254740992.0`;
}

/** A 62-bit constant derived from the seed (splitmix64). */
export function seedConstant(seed: number): string {
  const mask = (1n << 64n) - 1n;
  let z = (BigInt.asUintN(64, BigInt(seed)) + 0x9e3779b97f4a7c15n) & mask;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
  z = z ^ (z >> 31n);
  return (z & ((1n << 62n) - 1n)).toString();
}

// ---------------------------------------------------------------------------------------
// Customers
// ---------------------------------------------------------------------------------------

/**
 * One chunk of customers (ids lo..hi) as numbers: geography, demographics as codes, the
 * latent traits (activity weight w, discount sensitivity ds, email engagement ee, store
 * propensity ps, organic-mindedness), the lifecycle window [a_day, b_day] of their orders
 * and how many events of each kind they produce. Strings are made when customers are written.
 */
export function customerChunkSql(lo: number, hi: number): string {
  const U = (s: number): string => `_u(${NS.customer}, customer_id, ${s})`;
  const signupIdx = (c: (typeof SIGNUP_CHANNELS)[number]): number => SIGNUP_CHANNELS.indexOf(c);
  return `
CREATE OR REPLACE TEMP TABLE _gen_cc AS
WITH g AS (
  SELECT i AS customer_id,
    CASE WHEN i <= ${US_STATES.length} THEN (i - 1)::INTEGER END AS fixed_state,
    floor(_u(${NS.customer}, i, 0) * 1000)::INTEGER AS state_b,
    18 + floor(67 * pow(0.5 * (_u(${NS.customer}, i, 2) + _u(${NS.customer}, i, 3)), 1.15))::INTEGER AS age,
    sqrt(-2 * ln(greatest(_u(${NS.customer}, i, 24), 1e-12))) * cos(2 * pi() * _u(${NS.customer}, i, 25)) AS z,
    CASE WHEN _u(${NS.customer}, i, 31) < 0.52 THEN ${HISTORY_DAYS} + floor(_u(${NS.customer}, i, 32) * 2900)::INTEGER
         ELSE floor(${LAST_DAY} * pow(_u(${NS.customer}, i, 32), 1.3))::INTEGER END AS sd
  FROM range(${lo}, ${hi + 1}) t(i)
), g2 AS (
  SELECT g.*, coalesce(g.fixed_state, sp.state_idx) AS state_idx
  FROM g LEFT JOIN ${LOOKUP.statePick} sp ON sp.b = g.state_b
), g3 AS (
  SELECT g2.*, cp.city_idx FROM g2 JOIN ${LOOKUP.cityPick} cp ON cp.b = g2.state_idx * 100 + floor(${U(1)} * 100)::INTEGER
), g4 AS (
  SELECT g3.*, st.region_idx, c.store_off, c.store_len, c.rstore_off, c.rstore_len
  FROM g3 JOIN ${LOOKUP.state} st ON st.state_idx = g3.state_idx JOIN ${LOOKUP.city} c ON c.city_idx = g3.city_idx
), h AS (
  SELECT g4.*, cs.store_id AS home_store,
    ${U(13)} < CASE WHEN age < 25 THEN 0.12 WHEN age < 50 THEN 0.48 WHEN age < 60 THEN 0.22 ELSE 0.05 END AS has_children,
    -- income peaks in mid-career; thresholds give ~15/22/33/18/12% across the bands
    CASE WHEN 0.75 * ${U(15)} + 0.25 * greatest(0, 1 - abs(age - 47) / 30.0) < 0.267 THEN 0
         WHEN 0.75 * ${U(15)} + 0.25 * greatest(0, 1 - abs(age - 47) / 30.0) < 0.432 THEN 1
         WHEN 0.75 * ${U(15)} + 0.25 * greatest(0, 1 - abs(age - 47) / 30.0) < 0.679 THEN 2
         WHEN 0.75 * ${U(15)} + 0.25 * greatest(0, 1 - abs(age - 47) / 30.0) < 0.819 THEN 3 ELSE 4 END AS inc,
    ${U(16)} < greatest(0.08, least(0.92, 0.92 - 0.0125 * (age - 18))) AS app_user,
    ${U(20)} < 0.72 AS email_opt_in,
    ${U(21)} < 0.38 AS sms_opt_in,
    ${U(41)} < 0.4 AS has_pet,
    pow(${U(28)}, 1.4) AS ee,
    ${U(33)} < CASE WHEN sd < 45 THEN 0.35 ELSE 0.035 END AS prospect,
    greatest(0, ${LAST_DAY} - sd) AS ms
  FROM g4 JOIN ${LOOKUP.cityStore} cs ON cs.b = g4.store_off + floor(${U(44)} * g4.store_len)::INTEGER
), l AS (
  SELECT h.*,
    least(40.0, exp(1.15 * z - 0.66) * (0.75 + 0.125 * inc)) AS w,
    least(1.0, 0.75 * ${U(26)} + 0.25 * (1 - inc / 4.0)) AS ds,
    ${U(27)} < 0.05 + 0.05 * inc AS org,
    CASE WHEN app_user AND ${U(18)} < 0.4 THEN ${signupIdx('app')}
         WHEN age < 35 THEN (CASE WHEN ${U(19)} < 0.28 THEN ${signupIdx('store')} WHEN ${U(19)} < 0.58 THEN ${signupIdx('web')}
                                  WHEN ${U(19)} < 0.83 THEN ${signupIdx('social')} ELSE ${signupIdx('referral')} END)
         ELSE (CASE WHEN ${U(19)} < 0.48 THEN ${signupIdx('store')} WHEN ${U(19)} < 0.80 THEN ${signupIdx('web')}
                    WHEN ${U(19)} < 0.87 THEN ${signupIdx('social')} ELSE ${signupIdx('referral')} END) END AS signup_ch,
    CASE WHEN app_user THEN (CASE WHEN ${U(17)} < 0.42 + 0.06 * inc THEN ${DEVICE_OS.indexOf('ios')} ELSE ${DEVICE_OS.indexOf('android')} END)
         ELSE ${DEVICE_OS.indexOf('none')} END AS device,
    app_user AND ${U(22)} < 0.62 AS push_opt_in,
    NOT email_opt_in AND ${U(42)} < 0.45 AS unsubscribed,
    CASE WHEN has_children THEN 3 + (CASE WHEN ${U(14)} < 0.45 THEN 0 WHEN ${U(14)} < 0.8 THEN 1 WHEN ${U(14)} < 0.94 THEN 2 ELSE 3 END)
         ELSE (CASE WHEN ${U(14)} < 0.36 THEN 1 WHEN ${U(14)} < 0.86 THEN 2 ELSE 3 END) END AS household_size
  FROM h
), m AS (
  SELECT l.*,
    greatest(0.03, least(0.97,
      (CASE signup_ch WHEN ${signupIdx('store')} THEN 0.75 WHEN ${signupIdx('web')} THEN 0.3 WHEN ${signupIdx('app')} THEN 0.22
                      WHEN ${signupIdx('social')} THEN 0.35 ELSE 0.5 END)
      + 0.3 * (${U(29)} - 0.5) + CASE WHEN age > 60 THEN 0.1 ELSE 0 END)) AS ps,
    CASE WHEN prospect THEN NULL WHEN r0 <= sd THEN r0 ELSE floor(${U(36)} * (sd + 1))::INTEGER END AS r,
    CASE WHEN unsubscribed THEN ms + floor(${U(43)} * (${HISTORY_DAYS} - ms))::INTEGER END AS unsub_day
  FROM (
    SELECT l.*,
      (CASE WHEN ${U(34)} < 0.5 + 0.25 * least(1.0, ln(1 + w) / 2.5) THEN floor(${U(35)} * 91)
            WHEN ${U(34)} < 0.72 + 0.25 * least(1.0, ln(1 + w) / 2.5) THEN 91 + floor(${U(35)} * 275)
            ELSE 366 + floor(${U(35)} * 364) END)::INTEGER AS r0
    FROM l
  ) l
), n AS (
  SELECT m.*,
    CASE WHEN prospect THEN NULL
         WHEN sd >= ${LAST_DAY} THEN greatest(r, ${LAST_DAY} - floor(${U(37)} * 120)::INTEGER)
         ELSE greatest(r, sd - floor(${U(37)} * least(14, sd + 1))::INTEGER) END AS f
  FROM m
), o AS (
  SELECT n.*,
    ${LAST_DAY} - f AS a_day, ${LAST_DAY} - r AS b_day,
    CASE WHEN prospect THEN 0 ELSE least(1500, greatest(1,
      floor(${ORDER_RATE} * w * (1 + 0.7 * ds) * (f - r + 1) / ${HISTORY_DAYS}.0 * (0.75 + 0.5 * ${U(38)}) + ${U(39)})::INTEGER)) END AS n_orders,
    CASE WHEN prospect THEN ms ELSE greatest(ms, ${LAST_DAY} - f - 30) END AS ea,
    CASE WHEN prospect THEN ${LAST_DAY} ELSE least(${LAST_DAY}, ${LAST_DAY} - r + 60) END AS eb,
    CASE WHEN email_opt_in OR unsubscribed THEN ceil((ms - 1) / 7.0)::INTEGER END AS em_wlo,
    CASE WHEN email_opt_in THEN floor((${LAST_DAY} - 1) / 7.0)::INTEGER WHEN unsubscribed THEN floor((unsub_day - 1) / 7.0)::INTEGER END AS em_whi,
    CASE WHEN sms_opt_in THEN ceil((ms - 3) / 14.0)::INTEGER END AS sms_wlo,
    CASE WHEN sms_opt_in THEN floor((${LAST_DAY} - 3) / 14.0)::INTEGER END AS sms_whi,
    CASE WHEN push_opt_in THEN ceil((ms - 5) / 7.0)::INTEGER END AS push_wlo,
    CASE WHEN push_opt_in THEN floor((${LAST_DAY} - 5) / 7.0)::INTEGER END AS push_whi
  FROM n
), p AS (
  SELECT o.*, da.cum_before AS ca, db.cum_after AS cb,
    coalesce(greatest(0, em_whi - em_wlo + 1), 0) AS em_w,
    coalesce(greatest(0, sms_whi - sms_wlo + 1), 0) AS sms_w,
    coalesce(greatest(0, push_whi - push_wlo + 1), 0) AS push_w,
    (eb - ea + 1) / ${HISTORY_DAYS}.0 AS efrac
  FROM o LEFT JOIN ${LOOKUP.day} da ON da.d = o.a_day LEFT JOIN ${LOOKUP.day} db ON db.d = o.b_day
), q AS (
  SELECT p.*,
    least(em_w, floor(${EMAIL_PER_WEEK} * em_w * (0.4 + 1.2 * ${U(46)}) + ${U(47)})::INTEGER) AS n_email,
    least(sms_w, floor(${SMS_PER_FORTNIGHT} * sms_w * (0.4 + 1.2 * ${U(48)}) + ${U(49)})::INTEGER) AS n_sms,
    least(push_w, floor(${PUSH_PER_WEEK} * push_w * (0.4 + 1.2 * ${U(50)}) + ${U(51)})::INTEGER) AS n_push,
    floor(${WEB_VISITS_PER_YEAR} * 2 * efrac * sqrt(w) * (1.3 - ps) * (CASE WHEN prospect THEN 0.5 ELSE 1 END)
      * (0.5 + ${U(52)}) + ${U(53)})::INTEGER AS n_web,
    CASE WHEN app_user THEN floor(${APP_OPENS_PER_YEAR} * 2 * efrac * sqrt(w)
      * (CASE WHEN age < 35 THEN 1.4 WHEN age < 55 THEN 0.9 ELSE 0.5 END)
      * (CASE WHEN signup_ch = ${signupIdx('app')} THEN 1.6 ELSE 0.8 END) * (CASE WHEN prospect THEN 0.5 ELSE 1 END)
      * (0.5 + ${U(54)}) + ${U(55)})::INTEGER ELSE 0 END AS n_app,
    CASE WHEN unsubscribed THEN 1 ELSE 0 END AS n_unsub
  FROM p
), s AS (
  SELECT q.*,
    floor((n_web + n_app) * 0.8 * (0.5 + ${U(56)}) + ${U(57)})::INTEGER AS n_view,
    floor((n_web + n_app) * 0.3 + ${U(58)})::INTEGER AS n_search,
    floor(n_orders * 0.025 + ${U(59)})::INTEGER AS n_review
  FROM q
)
SELECT customer_id, state_idx, city_idx, region_idx, home_store, rstore_off, rstore_len, age, sd, inc, has_children,
  household_size, app_user, email_opt_in, sms_opt_in, push_opt_in, signup_ch, device,
  CASE WHEN prospect THEN (CASE WHEN ${U(30)} < 0.1 THEN 1 ELSE 0 END)
       WHEN (ln(w) + 0.66) / 1.15 + (${U(30)} - 0.5) * 0.8 > 1.55 THEN 3
       WHEN (ln(w) + 0.66) / 1.15 + (${U(30)} - 0.5) * 0.8 > 0.85 THEN 2
       WHEN (ln(w) + 0.66) / 1.15 + (${U(30)} - 0.5) * 0.8 > 0.1 THEN 1 ELSE 0 END AS tier,
  w, ds, org, ee, ps, has_pet, prospect, a_day, b_day, ca, cb, n_orders, ea, eb, unsub_day,
  em_wlo, em_w, n_email, sms_wlo, sms_w, n_sms, push_wlo, push_w, n_push, n_web, n_app, n_view, n_search, n_review, n_unsub,
  3 * n_email + 2 * n_sms + 2 * n_push + n_web + n_app + 3 * n_view + n_search + n_review + n_unsub AS slot_total
FROM s`;
}

/**
 * Dense id offsets of the chunk's customers: each customer owns the order ids
 * order_offset+1 .. order_offset+n_orders and a block of slot_total event ids, running on
 * from the totals of the chunks before (so chunking never changes an id).
 */
export function offsetsChunkSql(orderBase: number, eventBase: number): string {
  return `
CREATE OR REPLACE TEMP TABLE _gen_off AS
SELECT customer_id,
  ${orderBase}::BIGINT + (sum(n_orders) OVER w - n_orders)::BIGINT AS order_offset,
  ${eventBase}::BIGINT + (sum(slot_total) OVER w - slot_total)::BIGINT AS event_offset
FROM _gen_cc
WINDOW w AS (ORDER BY customer_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;
}

/** The chunk's customers with their id offsets (for statements that number orders or events). */
const CC_WITH_OFFSETS =
  '(SELECT c.*, o.order_offset, o.event_offset FROM _gen_cc c JOIN _gen_off o ON o.customer_id = c.customer_id)';

export const CUSTOMER_COLUMNS = [
  'customer_id',
  'first_name',
  'last_name',
  'email',
  'phone',
  'birth_date',
  'gender',
  'city',
  'state',
  'zip',
  'region',
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
  'preferred_store_id',
  'is_employee',
] as const;

/** Writes the chunk's customers (loyalty points from their last 12 months of spend in _gen_ca). */
export function customersInsertSql(asOf: string): string {
  const U = (s: number): string => `_u(${NS.customer}, c.customer_id, ${s})`;
  const asOfDate = `DATE ${str(asOf)}`;
  let acc = 0;
  const total = EMAIL_DOMAINS.reduce((a, [, w]) => a + w, 0);
  const domain = `CASE ${EMAIL_DOMAINS.slice(0, -1)
    .map(([d, w]) => {
      acc += w / total;
      return `WHEN ${U(9)} < ${acc} THEN ${str(d)}`;
    })
    .join(' ')} ELSE ${str(EMAIL_DOMAINS[EMAIL_DOMAINS.length - 1]?.[0] ?? 'gmail.com')} END`;
  return `
INSERT INTO customers (${CUSTOMER_COLUMNS.join(', ')})
SELECT customer_id, first_name, last_name,
  lower(first_name) || '.' || replace(lower(last_name), '''', '') || customer_id::VARCHAR || '@' || domain,
  phone, birth_date, gender, city, state, zip, region, signup_date, signup_channel, loyalty_tier, loyalty_points,
  email_opt_in, sms_opt_in, push_opt_in, household_size, has_children, income_band, device_os, preferred_store_id, is_employee
FROM (
  SELECT c.customer_id,
    CASE WHEN ${U(6)} < 0.51 THEN 'female' WHEN ${U(6)} < 0.97 THEN 'male' WHEN ${U(6)} < 0.985 THEN 'nonbinary' ELSE 'unknown' END AS gender,
    CASE WHEN ${U(6)} < 0.51 AND ${U(61)} >= 0.04 THEN ${strList(FEMALE_FIRST_NAMES)}[1 + floor(${U(7)} * ${FEMALE_FIRST_NAMES.length})::INTEGER]
         WHEN ${U(6)} >= 0.51 AND ${U(6)} < 0.97 AND ${U(61)} >= 0.04 THEN ${strList(MALE_FIRST_NAMES)}[1 + floor(${U(7)} * ${MALE_FIRST_NAMES.length})::INTEGER]
         ELSE ${strList(NEUTRAL_FIRST_NAMES)}[1 + floor(${U(7)} * ${NEUTRAL_FIRST_NAMES.length})::INTEGER] END AS first_name,
    ${strList(LAST_NAMES)}[1 + floor(${U(8)} * ${LAST_NAMES.length})::INTEGER] AS last_name,
    ${domain} AS domain,
    printf('(%03d) %03d-%04d', 201 + floor(${U(10)} * 779)::INTEGER, 201 + floor(${U(11)} * 798)::INTEGER, floor(${U(12)} * 10000)::INTEGER) AS phone,
    CASE WHEN ${U(4)} < 0.05 THEN NULL ELSE (${asOfDate} - to_years(c.age))::DATE - floor(${U(5)} * 365)::INTEGER END AS birth_date,
    ci.city, st.code AS state,
    ci.zip3 || lpad(floor(${U(45)} * 100)::INTEGER::VARCHAR, 2, '0') AS zip,
    ${strList(REGIONS)}[c.region_idx + 1] AS region,
    ${asOfDate} - c.sd AS signup_date,
    ${strList(SIGNUP_CHANNELS)}[c.signup_ch + 1] AS signup_channel,
    ${strList(LOYALTY_TIERS)}[c.tier + 1] AS loyalty_tier,
    (CASE WHEN c.tier = 0 THEN 0
          ELSE floor(coalesce(a.spend_365, 0) * (CASE c.tier WHEN 3 THEN 1.5 WHEN 2 THEN 1.25 ELSE 1.0 END)) + floor(${U(60)} * 250) END)::INTEGER AS loyalty_points,
    c.email_opt_in, c.sms_opt_in, c.push_opt_in, c.household_size, c.has_children,
    ${strList(INCOME_BANDS)}[c.inc + 1] AS income_band,
    ${strList(DEVICE_OS)}[c.device + 1] AS device_os,
    CASE WHEN c.ps < 0.3 AND ${U(40)} < 0.7 THEN ${ONLINE_STORE_ID}::BIGINT ELSE c.home_store END AS preferred_store_id,
    ${U(23)} < 0.01 AS is_employee
  FROM _gen_cc c
  JOIN ${LOOKUP.city} ci ON ci.city_idx = c.city_idx
  JOIN ${LOOKUP.state} st ON st.state_idx = c.state_idx
  LEFT JOIN _gen_ca a ON a.customer_id = c.customer_id
)`;
}

// ---------------------------------------------------------------------------------------
// Orders and their lines
// ---------------------------------------------------------------------------------------

/** Column expressions an item draw reads (customer traits and the order's season). */
interface ItemTraits {
  hasChildren: string;
  hasPet: string;
  org: string;
  holiday: string;
}

/**
 * Row of the pick table for an item whose two draws are `a` (which basket) and `b` (which
 * product in it): children drive Baby, pets drive Pets, the holidays drive Toys, otherwise
 * the store-wide department mix (organic items for organic-minded shoppers where a
 * department has them). Draws are passed in as columns so each hash is computed once.
 */
function pickKeyExpr(a: string, b: string, t: ItemTraits): string {
  const seg = `(CASE WHEN ${t.hasChildren} AND ${a} < 0.22 THEN (CASE WHEN ${t.org} THEN ${PICK_SEGMENT.babyOrganic} ELSE ${PICK_SEGMENT.baby} END)
    WHEN ${t.hasPet} AND ${a} >= 0.86 THEN ${PICK_SEGMENT.pets}
    WHEN ${t.holiday} AND ${a} >= 0.40 AND ${a} < 0.47 THEN ${PICK_SEGMENT.toys}
    WHEN ${t.org} THEN ${PICK_SEGMENT.organic} ELSE ${PICK_SEGMENT.default} END)`;
  return `(${seg} * ${PICK_SIZE} + floor(${b} * ${PICK_SIZE})::INTEGER)`;
}

/** The three draws of an item (basket, product, quantity) for key `key`. */
function itemDraws(key: string, ns: number, salt: number): [a: string, b: string, q: string] {
  return [`_u(${ns}, ${key}, ${salt})`, `_u(${ns}, ${key}, ${salt + 1})`, `_u(${ns}, ${key}, ${salt + 2})`];
}

/** Quantity of an item from its quantity draw `q`: consumables come several at a time. */
function quantityExpr(q: string, consumable: string): string {
  return `(CASE WHEN ${consumable} THEN 1 + floor(pow(${q}, 2.2) * 4) WHEN ${q} > 0.92 THEN 2 ELSE 1 END)::INTEGER`;
}

/** Items per order (1-5): organic-minded shoppers and big households fill bigger baskets. */
function nItemsExpr(orderId: string, org: string, householdSize: string): string {
  return `(1 + floor(4.999 * pow(_u(${NS.order}, ${orderId}, 13),
    CASE WHEN ${org} THEN 0.85 WHEN ${householdSize} >= 4 THEN 1.2 ELSE 1.7 END)))::INTEGER`;
}

/**
 * The chunk's orders, written with their totals. An order's day comes from the seasonal
 * inverse CDF inside the customer's active window (first and last order pinned to its
 * ends); its subtotal is the sum of its (at most five) lines, drawn here exactly as the
 * items step draws them, so total_amount = sum(line_amount) - discount_amount holds.
 */
export function ordersInsertSql(cal: RetailCalendar): string {
  const O = (s: number): string => `_u(${NS.order}, order_id, ${s})`;
  const traits: ItemTraits = { hasChildren: 'has_children', hasPet: 'has_pet', org: 'org', holiday: holidayExpr(cal, 'day') };
  const slots = Array.from({ length: MAX_ITEMS }, (_, j) => j);
  const key = (j: number): string => `(order_id * 8 + ${j})`;
  // Channel and fulfillment travel as codes through the joins (narrow rows join cheaply) and
  // become strings at the end.
  return `
INSERT INTO orders (order_id, customer_id, store_id, order_ts, channel, fulfillment, total_amount, discount_amount,
  coupon_used, payment_method, status)
WITH x AS (
  SELECT customer_id, order_offset + 1 + k AS order_id, k, n_orders, a_day, b_day, ca, cb, ps, app_user, ds, org, inc,
    has_children, has_pet, household_size, home_store, rstore_off, rstore_len
  FROM (SELECT *, unnest(range(n_orders)) AS k FROM ${CC_WITH_OFFSETS} WHERE n_orders > 0)
), y AS (
  SELECT x.*,
    CASE WHEN k = 0 THEN a_day WHEN k = n_orders - 1 THEN b_day END AS fixed_day,
    least(${DAY_BUCKETS - 1}, floor((ca + ${O(0)} * (cb - ca)) * ${DAY_BUCKETS}))::INTEGER AS bucket
  FROM x
), z AS (
  SELECT y.*, greatest(a_day, least(b_day, coalesce(fixed_day, db.d))) AS day
  FROM y LEFT JOIN ${LOOKUP.dayBucket} db ON db.b = y.bucket
), o AS (
  SELECT order_id, customer_id, k, n_orders, day, inc, home_store, ch, coupon_used, ful, rstore_b,
    ${slots.map((j) => `CASE WHEN n_items > ${j} THEN ${pickKeyExpr(`a${j}`, `b${j}`, traits)} END AS pk${j}`).join(',\n    ')},
    ${slots.map((j) => `q${j}`).join(', ')}
  FROM (
    SELECT w.*,
      ${slots
        .map((j) => {
          const [a, b, q] = itemDraws(key(j), NS.item, 0);
          return `CASE WHEN n_items > ${j} THEN ${a} END AS a${j}, CASE WHEN n_items > ${j} THEN ${b} END AS b${j}, CASE WHEN n_items > ${j} THEN ${q} END AS q${j}`;
        })
        .join(',\n      ')}
    FROM (
      SELECT order_id, customer_id, k, n_orders, day, inc, home_store, has_children, has_pet, org, ch, n_items,
        CASE WHEN ch = 0 THEN 0 WHEN u3 < 0.28 THEN 1 WHEN u3 < 0.55 THEN 2 ELSE 3 END AS ful,
        CASE WHEN u4 >= 0.85 THEN rstore_off + floor(${O(5)} * rstore_len)::INTEGER END AS rstore_b,
        ${O(9)} < 0.03 + 0.45 * ds * ds AS coupon_used
      FROM (
        SELECT z.*, ${O(3)} AS u3, ${O(4)} AS u4,
          CASE WHEN ${O(1)} < ps THEN 0 WHEN app_user AND ${O(2)} < 0.55 THEN 2 ELSE 1 END AS ch,
          ${nItemsExpr('order_id', 'org', 'household_size')} AS n_items
        FROM z
      )
    ) w
  )
), q AS (
  SELECT o.order_id, o.customer_id, o.k, o.n_orders, o.day, o.inc, o.ch, o.ful, o.coupon_used,
    CASE WHEN o.ful <= 1 THEN coalesce(rs.store_id, o.home_store) END AS store_id,
    ${slots.map((j) => `coalesce(${quantityExpr(`o.q${j}`, `g${j}.consumable`)} * g${j}.price_cents, 0)`).join('\n      + ')} AS sub_cents
  FROM o
  LEFT JOIN ${LOOKUP.regionStore} rs ON rs.b = o.rstore_b
  ${slots.map((j) => `LEFT JOIN ${LOOKUP.pick} g${j} ON g${j}.b = o.pk${j}`).join('\n  ')}
), t AS (
  SELECT q.*, ${O(6)} AS u6, ${O(7)} AS u7, ${O(8)} AS u8, ${O(11)} AS u11, ${O(12)} AS u12,
    CASE WHEN coupon_used THEN greatest(1, (sub_cents * (5 * (1 + floor(${O(10)} * 5)))::BIGINT) // 100) ELSE 0 END AS disc_cents
  FROM q
)
SELECT order_id, customer_id, store_id,
  make_timestamp(${cal.baseMicros}::BIGINT + day::BIGINT * 86400000000
    + (CASE WHEN ch = 0 THEN 28800 + floor(50400 * (u6 + u7) / 2) ELSE 10800 + floor(75600 * (u6 + u7) / 2) END)::BIGINT * 1000000
    + floor(u8 * 1000000)::BIGINT) AS order_ts,
  (['store', 'web', 'app'])[ch + 1] AS channel,
  (['in_store', 'pickup', 'delivery', 'ship'])[ful + 1] AS fulfillment,
  ((sub_cents - disc_cents) / 100.0)::DECIMAL(10,2) AS total_amount, (disc_cents / 100.0)::DECIMAL(10,2) AS discount_amount,
  coupon_used,
  CASE WHEN ch = 0 THEN
    (CASE WHEN u11 < 0.12 THEN 'cash' WHEN inc <= 1 AND u11 < 0.22 THEN 'ebt' WHEN u11 < 0.27 THEN 'gift_card'
          WHEN u11 < 0.57 THEN 'debit_card' ELSE 'credit_card' END)
  ELSE
    (CASE WHEN u11 < 0.18 THEN 'paypal' WHEN inc <= 1 AND u11 < 0.22 THEN 'ebt' WHEN u11 < 0.27 THEN 'gift_card'
          WHEN u11 < 0.49 THEN 'debit_card' ELSE 'credit_card' END)
  END AS payment_method,
  CASE WHEN k = 0 OR k = n_orders - 1 THEN 'completed'
       WHEN u12 < 0.06 THEN 'returned'
       WHEN u12 < (CASE WHEN ch = 0 THEN 0.072 ELSE 0.11 END) THEN 'cancelled'
       ELSE 'completed' END AS status
FROM t`;
}

/** Whether history day `day` falls in November or December (as ranges of day indexes). */
function holidayExpr(cal: RetailCalendar, day: string): string {
  const ranges: [number, number][] = [];
  cal.month.forEach((m, d) => {
    if (m !== 11 && m !== 12) return;
    const last = ranges[ranges.length - 1];
    if (last && last[1] === d - 1) last[1] = d;
    else ranges.push([d, d]);
  });
  if (ranges.length === 0) return 'false';
  return `(${ranges.map(([a, b]) => `${day} BETWEEN ${a} AND ${b}`).join(' OR ')})`;
}

/** The chunk's order lines, re-drawn from the orders just written (same keys, same draws). */
export function itemsInsertSql(firstOrderId: number, lastOrderId: number): string {
  const [a, b, q] = itemDraws('key', NS.item, 0);
  const traits: ItemTraits = { hasChildren: 'has_children', hasPet: 'has_pet', org: 'org', holiday: 'holiday' };
  return `
INSERT INTO order_items (order_id, product_id, quantity, unit_price, line_amount)
SELECT order_id, product_id, quantity, (price_cents / 100.0)::DECIMAL(10,2), (quantity * price_cents / 100.0)::DECIMAL(10,2)
FROM (
  SELECT s.order_id, g.product_id, g.price_cents, ${quantityExpr('s.q', 'g.consumable')} AS quantity
  FROM (
    SELECT order_id, ${pickKeyExpr('a', 'b', traits)} AS pk, q
    FROM (
      SELECT order_id, has_children, has_pet, org, holiday, ${a} AS a, ${b} AS b, ${q} AS q
      FROM (
        SELECT o.order_id, o.order_id * 8 + k.k AS key, o.has_children, o.has_pet, o.org, o.holiday
        FROM (
          SELECT o.order_id, c.has_children, c.has_pet, c.org, month(o.order_ts) IN (11, 12) AS holiday,
            ${nItemsExpr('o.order_id', 'c.org', 'c.household_size')} AS n_items
          FROM orders o JOIN _gen_cc c ON c.customer_id = o.customer_id
          WHERE o.order_id BETWEEN ${firstOrderId} AND ${lastOrderId}
        ) o JOIN ${LOOKUP.fan} k ON k.n = o.n_items
      )
    )
  ) s JOIN ${LOOKUP.pick} g ON g.b = s.pk
)`;
}

/** Per-customer order facts of the chunk (model inputs and loyalty points). */
export function customerAggSql(cal: RetailCalendar, lo: number, hi: number): string {
  return `
CREATE OR REPLACE TEMP TABLE _gen_ca AS
SELECT customer_id,
  count(*) FILTER (WHERE status = 'completed') AS n_completed,
  coalesce(sum(total_amount) FILTER (WHERE status = 'completed'), 0)::DOUBLE AS spend,
  coalesce(sum(total_amount) FILTER (WHERE status = 'completed' AND day >= ${LAST_DAY - 365}), 0)::DOUBLE AS spend_365,
  count(*) FILTER (WHERE status = 'completed' AND day >= ${LAST_DAY - 365}) AS orders_365,
  count(*) FILTER (WHERE status = 'completed' AND day >= ${LAST_DAY - 90}) AS orders_90,
  ${LAST_DAY} - max(day) FILTER (WHERE status = 'completed') AS recency,
  count(*) FILTER (WHERE coupon_used) AS coupon_orders,
  count(*) AS n_all
FROM (
  SELECT customer_id, status, total_amount, coupon_used,
    ((epoch_us(order_ts) - ${cal.baseMicros}::BIGINT) // 86400000000)::INTEGER AS day
  FROM orders WHERE customer_id BETWEEN ${lo} AND ${hi}
) GROUP BY customer_id`;
}

// ---------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------

/** Event statements for the chunk; each inserts rows of the events table. */
export function eventsChunkSql(cal: RetailCalendar): string[] {
  const E = (s: number): string => `_u(${NS.event}, sid, ${s})`;
  const base = `${cal.baseMicros}::BIGINT`;
  const end = `${cal.endMicros}::BIGINT`;
  const dayUs = (day: string): string => `${base} + (${day})::BIGINT * 86400000000`;
  // Section bases inside a customer's contiguous block of event ids.
  const smsBase = 'event_offset + 3 * n_email';
  const pushBase = `${smsBase} + 2 * n_sms`;
  const webBase = `${pushBase} + 2 * n_push`;
  const appBase = `${webBase} + n_web`;
  const viewBase = `${appBase} + n_app`;
  const searchBase = `${viewBase} + 3 * n_view`;
  const reviewBase = `${searchBase} + n_search`;
  const unsubBase = `${reviewBase} + n_review`;
  /** The k-th of n weeks (or fortnights) spread evenly over the customer's W eligible ones. */
  const stratum = (wlo: string, w: string, n: string): string =>
    `${wlo} + floor(k * ${w} / ${n})::INTEGER + floor(${E(0)} * (floor((k + 1) * ${w} / ${n}) - floor(k * ${w} / ${n})))::INTEGER`;
  const ins = 'INSERT INTO events (event_id, customer_id, event_type, event_ts, product_id, campaign_id)';
  const expand = (n: string, cols: string): string =>
    `(SELECT ${cols}, unnest(range(${n})) AS k FROM ${CC_WITH_OFFSETS} WHERE ${n} > 0)`;
  const flag = (cond: string): string => `(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
  /** Fans a row out into its first `steps` funnel steps (m = 0, 1, ...); an equality join is the cheapest fan-out. */
  const funnel = (src: string, steps: string): string =>
    `(SELECT f.*, k.k AS m FROM (SELECT s.*, ${steps} AS steps FROM (${src}) s) f JOIN ${LOOKUP.fan} k ON k.n = f.steps)`;

  // A message and what followed it: m = 0 sent, 1 opened, 2 clicked.
  const email = `${ins}
SELECT sid + 1 + m, customer_id, (['email_sent', 'email_open', 'email_click'])[m + 1],
  make_timestamp(sent_us + (CASE WHEN m >= 1 THEN open_delay ELSE 0 END) + (CASE WHEN m = 2 THEN click_delay ELSE 0 END)),
  NULL, 1001 + wk
FROM ${funnel(
    `SELECT customer_id, sid, wk,
      ${dayUs('wk * 7 + 1')} + (36000 + floor(${E(1)} * 7200))::BIGINT * 1000000 AS sent_us,
      ${E(2)} < (0.04 + 0.5 * ee) * (CASE WHEN prospect OR wk * 7 + 1 <= b_day + 90 THEN 1 ELSE 0.35 END) AS opened,
      ${E(3)} < 0.22 AS clicked,
      (600 + floor(pow(${E(4)}, 3) * 259200))::BIGINT * 1000000 AS open_delay,
      (20 + floor(${E(5)} * 1800))::BIGINT * 1000000 AS click_delay
    FROM (
      SELECT customer_id, sid, ee, b_day, prospect, ${stratum('em_wlo', 'em_w', 'n_email')} AS wk
      FROM (SELECT customer_id, event_offset + 3 * k AS sid, k, n_email, em_wlo, em_w, ee, b_day, prospect
            FROM ${expand('n_email', 'customer_id, event_offset, n_email, em_wlo, em_w, ee, b_day, prospect')})
    )`,
    `1 + ${flag(`opened AND sent_us + open_delay < ${end}`)} + ${flag(`opened AND clicked AND sent_us + open_delay + click_delay < ${end}`)}`,
  )}`;

  const sms = `${ins}
SELECT sid + 1 + m, customer_id, (['sms_sent', 'sms_click'])[m + 1],
  make_timestamp(sent_us + (CASE WHEN m = 1 THEN click_delay ELSE 0 END)), NULL, 2001 + wk
FROM ${funnel(
    `SELECT customer_id, sid, wk,
      ${dayUs('wk * 14 + 3')} + (43200 + floor(${E(1)} * 3600))::BIGINT * 1000000 AS sent_us,
      ${E(2)} < 0.03 + 0.15 * ee AS clicked,
      (60 + floor(pow(${E(3)}, 2) * 7200))::BIGINT * 1000000 AS click_delay
    FROM (
      SELECT customer_id, sid, ee, ${stratum('sms_wlo', 'sms_w', 'n_sms')} AS wk
      FROM (SELECT customer_id, ${smsBase} + 2 * k AS sid, k, n_sms, sms_wlo, sms_w, ee
            FROM ${expand('n_sms', 'customer_id, event_offset, n_email, n_sms, sms_wlo, sms_w, ee')})
    )`,
    `1 + ${flag(`clicked AND sent_us + click_delay < ${end}`)}`,
  )}`;

  const push = `${ins}
SELECT sid + 1 + m, customer_id, (['push_sent', 'push_open'])[m + 1],
  make_timestamp(sent_us + (CASE WHEN m = 1 THEN open_delay ELSE 0 END)), NULL, 3001 + wk
FROM ${funnel(
    `SELECT customer_id, sid, wk,
      ${dayUs('wk * 7 + 5')} + (61200 + floor(${E(1)} * 3600))::BIGINT * 1000000 AS sent_us,
      ${E(2)} < 0.06 + 0.3 * ee AS opened,
      (60 + floor(pow(${E(3)}, 2) * 14400))::BIGINT * 1000000 AS open_delay
    FROM (
      SELECT customer_id, sid, ee, ${stratum('push_wlo', 'push_w', 'n_push')} AS wk
      FROM (SELECT customer_id, ${pushBase} + 2 * k AS sid, k, n_push, push_wlo, push_w, ee
            FROM ${expand('n_push', 'customer_id, event_offset, n_email, n_sms, n_push, push_wlo, push_w, ee')})
    )`,
    `1 + ${flag(`opened AND sent_us + open_delay < ${end}`)}`,
  )}`;

  /** A moment inside the engagement window [ea, eb], daytime-weighted (columns of alias `p`). */
  const sessionUsOf = (p: string): string => {
    const R = (s: number): string => `_u(${NS.event}, ${p}sid, ${s})`;
    return `${dayUs(`${p}ea + floor(${R(0)} * (${p}eb - ${p}ea + 1))`)} + (21600 + floor(61200 * (${R(1)} + ${R(2)}) / 2) + floor(${R(3)} * 3600))::BIGINT * 1000000`;
  };
  const sessionUs = sessionUsOf('');
  const counts = 'customer_id, event_offset, ea, eb, n_email, n_sms, n_push, n_web, n_app, n_view, n_search, n_review';
  const sessions = `${ins}
SELECT sid + 1, customer_id, event_type, make_timestamp(${sessionUs}), NULL, NULL
FROM (
  SELECT customer_id, ea, eb, ${webBase} + k AS sid, 'web_visit' AS event_type FROM ${expand('n_web', counts)}
  UNION ALL
  SELECT customer_id, ea, eb, ${appBase} + k AS sid, 'app_open' AS event_type FROM ${expand('n_app', counts)}
  UNION ALL
  SELECT customer_id, ea, eb, ${searchBase} + k AS sid, 'search' AS event_type FROM ${expand('n_search', counts)}
)`;

  // A product view and what followed it: m = 0 viewed, 1 added to cart, 2 cart abandoned.
  const viewTraits: ItemTraits = { hasChildren: 'v.has_children', hasPet: 'v.has_pet', org: 'v.org', holiday: 'v.holiday' };
  const views = `${ins}
SELECT sid + 1 + m, customer_id, (['product_view', 'add_to_cart', 'cart_abandon'])[m + 1],
  make_timestamp(view_us + (CASE WHEN m >= 1 THEN add_delay ELSE 0 END) + (CASE WHEN m = 2 THEN abandon_delay ELSE 0 END)),
  product_id, NULL
FROM ${funnel(
    `SELECT v.customer_id, v.sid, g.product_id, v.view_us,
      _u(${NS.event}, v.sid, 5) < 0.28 AS added, _u(${NS.event}, v.sid, 6) < 0.45 AS abandoned,
      (30 + floor(_u(${NS.event}, v.sid, 7) * 870))::BIGINT * 1000000 AS add_delay,
      (1800 + floor(_u(${NS.event}, v.sid, 8) * 5400))::BIGINT * 1000000 AS abandon_delay
    FROM (
      SELECT s.*, dm.month IN (11, 12) AS holiday, ${dayUs('s.day')} + s.tod_us AS view_us,
        _u(${NS.event}, s.sid, 20) AS pa, _u(${NS.event}, s.sid, 21) AS pb
      FROM (
        SELECT customer_id, sid, has_children, has_pet, org,
          ea + floor(${E(0)} * (eb - ea + 1))::INTEGER AS day,
          (21600 + floor(61200 * (${E(1)} + ${E(2)}) / 2) + floor(${E(3)} * 3600))::BIGINT * 1000000 AS tod_us
        FROM (SELECT customer_id, ${viewBase} + 3 * k AS sid, ea, eb, has_children, has_pet, org
              FROM ${expand('n_view', `${counts}, has_children, has_pet, org`)})
      ) s JOIN ${LOOKUP.day} dm ON dm.d = s.day
    ) v JOIN ${LOOKUP.pick} g ON g.b = ${pickKeyExpr('v.pa', 'v.pb', viewTraits)}`,
    `1 + ${flag(`added AND view_us + add_delay < ${end}`)} + ${flag(`added AND abandoned AND view_us + add_delay + abandon_delay < ${end}`)}`,
  )}`;

  const reviewTraits: ItemTraits = { hasChildren: 'r.has_children', hasPet: 'r.has_pet', org: 'r.org', holiday: 'false' };
  const reviews = `${ins}
SELECT r.sid + 1, r.customer_id, 'review', make_timestamp(${sessionUsOf('r.')}), g.product_id, NULL
FROM (
  SELECT s.*, _u(${NS.event}, s.sid, 20) AS pa, _u(${NS.event}, s.sid, 21) AS pb
  FROM (SELECT customer_id, ${reviewBase} + k AS sid, a_day AS ea, eb, has_children, has_pet, org
        FROM ${expand('n_review', `${counts}, a_day, has_children, has_pet, org`)}) s
) r JOIN ${LOOKUP.pick} g ON g.b = ${pickKeyExpr('r.pa', 'r.pb', reviewTraits)}`;

  const unsub = `${ins}
SELECT ${unsubBase} + 1, customer_id, 'unsubscribe',
  make_timestamp(${dayUs('unsub_day')} + (28800 + floor(_u(${NS.customer}, customer_id, 62) * 43200))::BIGINT * 1000000), NULL, NULL
FROM ${CC_WITH_OFFSETS} WHERE n_unsub > 0`;

  return [email, sms, push, sessions, views, reviews, unsub];
}

// ---------------------------------------------------------------------------------------
// Model scores
// ---------------------------------------------------------------------------------------

export const MODEL_INPUTS_DDL = `
CREATE OR REPLACE TEMP TABLE _gen_mi (
  customer_id BIGINT, ds DOUBLE, ee DOUBLE, email_opt_in BOOLEAN, sessions INTEGER,
  n_completed BIGINT, spend DOUBLE, spend_365 DOUBLE, orders_365 BIGINT, orders_90 BIGINT,
  recency INTEGER, coupon_orders BIGINT, n_all BIGINT
)`;

export const MODEL_INPUTS_INSERT_SQL = `
INSERT INTO _gen_mi
SELECT c.customer_id, c.ds, c.ee, c.email_opt_in, c.n_web + c.n_app,
  coalesce(a.n_completed, 0), coalesce(a.spend, 0), coalesce(a.spend_365, 0), coalesce(a.orders_365, 0),
  coalesce(a.orders_90, 0), a.recency, coalesce(a.coupon_orders, 0), coalesce(a.n_all, 0)
FROM _gen_cc c LEFT JOIN _gen_ca a ON a.customer_id = c.customer_id`;

/**
 * One score per customer per model, read from the orders (so churn_risk rises with days since
 * the last purchase and predicted_clv_12m follows spend), deciles by ntile(10) per model.
 */
export function modelScoresSql(asOf: string): string {
  const M = (s: number): string => `_u(${NS.model}, customer_id, ${s})`;
  return `
INSERT INTO model_scores (customer_id, model_name, score, decile, scored_at)
WITH a AS (
  SELECT customer_id, ds, ee, email_opt_in, sessions, n_completed, spend, spend_365, orders_365, orders_90, recency,
    CASE WHEN n_all > 0 THEN coupon_orders / n_all ELSE 0 END AS coupon_rate,
    CASE WHEN recency IS NULL THEN 0.3 + 0.4 * ${M(0)}
         ELSE 1 / (1 + exp(-(-2.4 + 0.0115 * recency - 0.35 * ln(1 + orders_365) + 1.1 * (${M(0)} - 0.5)))) END AS churn_risk
  FROM _gen_mi
), m AS (
  SELECT customer_id,
    churn_risk,
    CASE WHEN recency IS NULL THEN 0.01 + 0.1 * ${M(1)} * least(1.0, sessions / 20.0)
         ELSE 1 / (1 + exp(-(-1.7 + 0.9 * ln(1 + orders_90) + 0.35 * ln(1 + orders_365) - 0.008 * recency + (${M(1)} - 0.5)))) END
      AS purchase_propensity_30d,
    round(CASE WHEN recency IS NULL THEN 5 + 45 * ${M(2)}
               ELSE spend_365 * (1.15 - churn_risk) * (0.8 + 0.4 * ${M(2)}) + 0.05 * spend END, 2) AS predicted_clv_12m,
    greatest(0.0, least(1.0, 0.85 * ds + 0.15 * coupon_rate + 0.1 * (${M(3)} - 0.5))) AS discount_sensitivity,
    CASE WHEN email_opt_in THEN greatest(0.0, least(1.0, 0.85 * ee + 0.15 * ${M(4)})) ELSE 0.05 * ${M(4)} END AS email_engagement
  FROM a
)
SELECT customer_id, model_name, score,
  ntile(10) OVER (PARTITION BY model_name ORDER BY score, customer_id)::INTEGER AS decile,
  DATE ${str(asOf)} AS scored_at
FROM (UNPIVOT m ON churn_risk, purchase_propensity_30d, predicted_clv_12m, discount_sensitivity, email_engagement
      INTO NAME model_name VALUE score)`;
}
