import type { SegmentNode } from '@smartseg/segment-engine';
import { ALL_CUSTOMER_IDS, FIXTURE_AS_OF } from './compiler-fixture';

/**
 * Hand-reasoned expectations over compiler-fixture.ts (as-of 2026-03-31 unless a case says
 * otherwise). Each expected list was worked out from the fixture rows and spec section 2,
 * written down before running the compiler. Notes beside each case give the reasoning.
 *
 * Derived facts at D = 2026-03-31 (completed orders up to D):
 *   buyer  orders  spend    last        recency  first       days since first
 *   1      2       75       2026-03-30  1        2025-06-10  294
 *   2      1       520      2026-02-28  31       same        31
 *   3      1       100      2026-02-27  32       same        32
 *   5      1       60       2025-12-15  106
 *   7      1       200      2024-11-20  496
 *   8      2       190      2025-12-30  91       2025-11-15  136
 *   9      1       75       2025-12-31  90
 *   10     1       25       2025-03-31  365
 *   11     1       10       2025-03-30  366
 *   12     2       20       2026-03-20  11       2026-03-01  30
 *   13     1       33       2026-02-28  31       same        31
 *   15     3       1650     2026-01-10  80       2025-11-25  126
 *   17     2       15       2026-03-05  26       2026-01-20  70
 *   26     1       530      2026-03-15  16       same        16
 *   27     3       30       2026-03-25  6        2026-03-05  26
 *   28     1       0        2026-03-12  19       same        19
 *   29     2       420      2025-11-12  139      2025-11-10  141
 * Never bought by D: 4, 6 (returned only), 14 (only order after D), 16 (cancelled only), 18-25, 30.
 */
export interface HandCase {
  name: string;
  where: SegmentNode;
  expected: number[];
  asOf?: string;
}

export const AS_OF = FIXTURE_AS_OF;
const except = (...ids: number[]) => ALL_CUSTOMER_IDS.filter((id) => !ids.includes(id));
/** Customers with a completed order up to 2026-03-31. */
export const BUYERS = [1, 2, 3, 5, 7, 8, 9, 10, 11, 12, 13, 15, 17, 26, 27, 28, 29];
/** Customers with no completed order up to 2026-03-31. */
export const NEVER = [4, 6, 14, 16, 18, 19, 20, 21, 22, 23, 24, 25, 30];
const union = (...lists: number[][]) => [...new Set(lists.flat())].sort((a, b) => a - b);
/** Customers in Texas (everyone not listed elsewhere; 24 has no state). */
const TEXAS = except(2, 4, 5, 7, 8, 10, 15, 17, 24, 29);

const attr = (facet: string, op: string, rest: Record<string, unknown> = {}): SegmentNode =>
  ({ kind: 'attribute', facet, op, ...rest }) as SegmentNode;
const rule = (id: string): SegmentNode => ({ kind: 'rule', rule: id });

export const HAND_CASES: HandCase[] = [
  // ---- attributes on columns ----
  { name: 'state eq TX', where: attr('state', 'eq', { value: 'TX' }), expected: TEXAS },
  { name: 'state in CA, NY', where: attr('state', 'in', { values: ['CA', 'NY'] }), expected: [2, 4, 15, 29] },
  {
    name: 'state neq TX (NULL state never matches)',
    where: attr('state', 'neq', { value: 'TX' }),
    expected: [2, 4, 5, 7, 8, 10, 15, 17, 29],
  },
  {
    name: 'state not_in TX, CA',
    where: attr('state', 'not_in', { values: ['TX', 'CA'] }),
    expected: [4, 5, 7, 8, 10, 17, 29],
  },
  { name: 'state is_unknown', where: attr('state', 'is_unknown'), expected: [24] },
  { name: 'state is_known', where: attr('state', 'is_known'), expected: except(24) },
  { name: 'region eq west', where: attr('region', 'eq', { value: 'west' }), expected: [2, 8, 15] },
  { name: 'gender eq female', where: attr('gender', 'eq', { value: 'female' }), expected: except(1, 7, 9, 15, 24) },
  { name: 'loyalty_points gte 1000', where: attr('loyalty_points', 'gte', { value: 1000 }), expected: [1, 2, 15] },
  { name: 'loyalty_points lt 100', where: attr('loyalty_points', 'lt', { value: 100 }), expected: [12] },
  {
    name: 'loyalty_points between 100 and 1200',
    where: attr('loyalty_points', 'between', { min: 100, max: 1200 }),
    expected: except(2, 12, 15, 24),
  },
  { name: 'loyalty_points gt 1200 (strict)', where: attr('loyalty_points', 'gt', { value: 1200 }), expected: [2, 15] },
  { name: 'loyalty_points lte 0', where: attr('loyalty_points', 'lte', { value: 0 }), expected: [12] },
  {
    name: 'household_size gt 2.5 (fractional value on an integer column)',
    where: attr('household_size', 'gt', { value: 2.5 }),
    expected: [1, 8, 12],
  },
  { name: 'has_children eq true', where: attr('has_children', 'eq', { value: true }), expected: [1, 8, 12] },
  {
    name: 'email_opt_in eq false (NULL is not false)',
    where: attr('email_opt_in', 'eq', { value: false }),
    expected: [7, 11, 30],
  },
  { name: 'email_opt_in is_unknown', where: attr('email_opt_in', 'is_unknown'), expected: [4] },
  { name: 'signup_date gte 2025-01-01', where: attr('signup_date', 'gte', { value: '2025-01-01' }), expected: [2, 12] },
  {
    name: 'signup_date between 2025-03-31 and 2026-02-20 (inclusive)',
    where: attr('signup_date', 'between', { min: '2025-03-31', max: '2026-02-20' }),
    expected: [2, 12],
  },
  { name: 'last_name with a quote', where: attr('last_name', 'eq', { value: "O'Brien" }), expected: [4] },
  // ---- derived: age (whole years at D; 2 was born 2008-03-31, 3 on 2008-04-01) ----
  { name: 'age gte 18', where: attr('age', 'gte', { value: 18 }), expected: except(3, 4) },
  { name: 'age lt 18', where: attr('age', 'lt', { value: 18 }), expected: [3] },
  {
    name: 'not age gte 18 (unknown birth date does not match, so NOT includes it)',
    where: { kind: 'not', child: attr('age', 'gte', { value: 18 }) },
    expected: [3, 4],
  },
  {
    name: 'age between 25 and 34',
    where: attr('age', 'between', { min: 25, max: 34 }),
    expected: [1, 12, 13, 16, 17, 19, 21, 24, 28],
  },
  { name: 'age eq 30', where: attr('age', 'eq', { value: 30 }), expected: [1, 17] },
  {
    name: 'age neq 30 (unknown birth date never matches)',
    where: attr('age', 'neq', { value: 30 }),
    expected: except(1, 4, 17),
  },
  { name: 'age in 24, 35', where: attr('age', 'in', { values: [24, 35] }), expected: [9, 18, 20] },
  {
    name: 'age not_in 18 .. 60 by list',
    where: attr('age', 'not_in', { values: [17, 18] }),
    expected: except(2, 3, 4, 5),
  },
  { name: 'age gt 64', where: attr('age', 'gt', { value: 64 }), expected: [15, 30] },
  { name: 'age lte 24', where: attr('age', 'lte', { value: 24 }), expected: [2, 3, 5, 20] },
  { name: 'age is_unknown', where: attr('age', 'is_unknown'), expected: [4] },
  {
    name: 'leap-day baby is 17 on 2026-02-28',
    asOf: '2026-02-28',
    where: attr('age', 'eq', { value: 17 }),
    expected: [2, 3, 5],
  },
  {
    name: 'leap-day baby is 18 on 2026-03-01',
    asOf: '2026-03-01',
    where: attr('age', 'eq', { value: 18 }),
    expected: [5],
  },
  {
    name: 'leap-day baby is 20 on 2028-02-29',
    asOf: '2028-02-29',
    where: attr('age', 'eq', { value: 20 }),
    expected: [5],
  },
  { name: 'birth_month eq 3', where: attr('birth_month', 'eq', { value: 3 }), expected: [1, 2, 18, 21, 26, 30] },
  // ---- derived: recency and tenure ----
  {
    name: 'days_since_last_purchase lte 30',
    where: attr('days_since_last_purchase', 'lte', { value: 30 }),
    expected: [1, 12, 17, 26, 27, 28],
  },
  {
    name: 'days_since_last_purchase is_unknown (never bought)',
    where: attr('days_since_last_purchase', 'is_unknown'),
    expected: NEVER,
  },
  {
    name: 'days_since_last_purchase neq 1 (never-buyers never match)',
    where: attr('days_since_last_purchase', 'neq', { value: 1 }),
    expected: BUYERS.filter((x) => x !== 1),
  },
  {
    name: 'not days_since_last_purchase lte 90 includes never-buyers',
    where: { kind: 'not', child: attr('days_since_last_purchase', 'lte', { value: 90 }) },
    expected: union([5, 7, 8, 10, 11, 29], NEVER),
  },
  {
    name: 'days_since_first_purchase gt 365',
    where: attr('days_since_first_purchase', 'gt', { value: 365 }),
    expected: [7, 11],
  },
  { name: 'days_since_signup lte 365', where: attr('days_since_signup', 'lte', { value: 365 }), expected: [2, 12] },
  { name: 'days_since_signup gt 2000', where: attr('days_since_signup', 'gt', { value: 2000 }), expected: [30] },
  // ---- rules ----
  { name: 'rule new_customer (first order within 30 days)', where: rule('new_customer'), expected: [12, 26, 27, 28] },
  {
    name: 'rule active_customer (90 days, 9 on the boundary)',
    where: rule('active_customer'),
    expected: [1, 2, 3, 9, 12, 13, 15, 17, 26, 27, 28],
  },
  {
    name: 'rule lapsed_customer (91..365: 8 and 10 on the boundaries)',
    where: rule('lapsed_customer'),
    expected: [5, 8, 10, 29],
  },
  { name: 'rule churned_customer (11 at 366 days)', where: rule('churned_customer'), expected: [7, 11] },
  {
    name: 'rule prospect (returned, cancelled and future orders do not count)',
    where: rule('prospect'),
    expected: NEVER,
  },
  { name: 'rule one_time_buyer', where: rule('one_time_buyer'), expected: [2, 3, 5, 7, 9, 10, 11, 13, 26, 28] },
  { name: 'rule repeat_customer', where: rule('repeat_customer'), expected: [1, 8, 12, 15, 17, 27, 29] },
  { name: 'rule vip (platinum or CLV decile 10)', where: rule('vip'), expected: [2, 15, 24] },
  { name: 'rule likely_to_churn', where: rule('likely_to_churn'), expected: [10, 11, 15] },
  {
    name: 'rule engaged_with_email (2 on the 90-day boundary, 7 after D)',
    where: rule('engaged_with_email'),
    expected: [1, 2, 4],
  },
  { name: 'rule reachable_email', where: rule('reachable_email'), expected: except(4, 7, 11, 30) },
  {
    name: 'rule reachable_push (device none or unknown does not count)',
    where: rule('reachable_push'),
    expected: [1, 12, 30],
  },
  // ---- purchases: windows ----
  { name: 'purchase (default: any completed order up to D)', where: { kind: 'purchase' }, expected: BUYERS },
  { name: 'returned something', where: { kind: 'purchase', order: { status: 'returned' } }, expected: [6, 27] },
  {
    name: 'returned something in the last 30 days',
    where: { kind: 'purchase', order: { status: 'returned' }, window: { type: 'last', n: 30, unit: 'day' } },
    expected: [6, 27],
  },
  {
    name: 'last 1 month from a 31st starts on Feb 28',
    where: { kind: 'purchase', window: { type: 'last', n: 1, unit: 'month' } },
    expected: [1, 2, 12, 13, 17, 26, 27, 28],
  },
  {
    name: 'last 30 days',
    where: { kind: 'purchase', window: { type: 'last', n: 30, unit: 'day' } },
    expected: [1, 12, 17, 26, 27, 28],
  },
  {
    name: 'last 2 weeks',
    where: { kind: 'purchase', window: { type: 'last', n: 2, unit: 'week' } },
    expected: [1, 12, 27],
  },
  {
    name: 'last 1 year (2025-03-31 included, 2025-03-30 not)',
    where: { kind: 'purchase', window: { type: 'last', n: 1, unit: 'year' } },
    expected: BUYERS.filter((x) => x !== 7 && x !== 11),
  },
  {
    name: 'this month at 2026-03-15 (orders after D ignored)',
    asOf: '2026-03-15',
    where: { kind: 'purchase', window: { type: 'this', unit: 'month' } },
    expected: [12, 17, 26, 27, 28],
  },
  {
    name: 'this quarter at 2026-05-15',
    asOf: '2026-05-15',
    where: { kind: 'purchase', window: { type: 'this', unit: 'quarter' } },
    expected: [14],
  },
  {
    name: 'this quarter at D',
    where: { kind: 'purchase', window: { type: 'this', unit: 'quarter' } },
    expected: [1, 2, 3, 12, 13, 15, 17, 26, 27, 28],
  },
  {
    name: 'this year',
    where: { kind: 'purchase', window: { type: 'this', unit: 'year' } },
    expected: [1, 2, 3, 12, 13, 15, 17, 26, 27, 28],
  },
  {
    name: 'in 2025',
    where: { kind: 'purchase', window: { type: 'year', year: 2025 } },
    expected: [1, 5, 8, 9, 10, 11, 15, 29],
  },
  {
    name: 'in December 2025',
    where: { kind: 'purchase', window: { type: 'month', year: 2025, month: 12 } },
    expected: [5, 8, 9, 15],
  },
  {
    name: 'before 2025-01-01',
    where: { kind: 'purchase', window: { type: 'before', date: '2025-01-01' } },
    expected: [7],
  },
  {
    name: 'since 2026-03-15 (inclusive)',
    where: { kind: 'purchase', window: { type: 'since', date: '2026-03-15' } },
    expected: [1, 12, 26, 27],
  },
  {
    name: 'between 2025-11-01 and 2025-11-30',
    where: { kind: 'purchase', window: { type: 'between', from: '2025-11-01', to: '2025-11-30' } },
    expected: [8, 15, 29],
  },
  {
    name: 'older than 6 months (before 2025-09-30)',
    where: { kind: 'purchase', window: { type: 'older_than', n: 6, unit: 'month' } },
    expected: [1, 7, 10, 11],
  },
  // ---- purchases: measures and thresholds ----
  {
    name: 'spent more than $500 (lifetime)',
    where: { kind: 'purchase', measure: 'spend', threshold: { op: 'gt', value: 500 } },
    expected: [2, 15, 26],
  },
  {
    name: 'spent less than $20 (never-buyers count as 0)',
    where: { kind: 'purchase', measure: 'spend', threshold: { op: 'lt', value: 20 } },
    expected: union(NEVER, [11, 17, 28]),
  },
  {
    name: 'spent at most $20',
    where: { kind: 'purchase', measure: 'spend', threshold: { op: 'lte', value: 20 } },
    expected: union(NEVER, [11, 12, 17, 28]),
  },
  {
    name: 'spent at least $500 on Electronics (line amounts)',
    where: {
      kind: 'purchase',
      item: { department: ['Electronics'] },
      measure: 'spend',
      threshold: { op: 'gte', value: 500 },
    },
    expected: [2, 15, 26],
  },
  {
    name: 'spent more than $500 on Electronics (26: order total 530, TV line 500)',
    where: {
      kind: 'purchase',
      item: { department: ['Electronics'] },
      measure: 'spend',
      threshold: { op: 'gt', value: 500 },
    },
    expected: [15],
  },
  {
    name: 'average order value over $100',
    where: { kind: 'purchase', measure: 'avg_order_value', threshold: { op: 'gt', value: 100 } },
    expected: [2, 7, 15, 26, 29],
  },
  {
    name: 'average order value under $20 (no orders, no value)',
    where: { kind: 'purchase', measure: 'avg_order_value', threshold: { op: 'lt', value: 20 } },
    expected: [11, 12, 17, 27, 28],
  },
  {
    name: 'at most 1 order',
    where: { kind: 'purchase', measure: 'orders', threshold: { op: 'lte', value: 1 } },
    expected: union(NEVER, [2, 3, 5, 7, 9, 10, 11, 13, 26, 28]),
  },
  {
    name: 'orders eq 0',
    where: { kind: 'purchase', measure: 'orders', threshold: { op: 'eq', value: 0 } },
    expected: NEVER,
  },
  {
    name: 'orders between 0 and 1',
    where: { kind: 'purchase', threshold: { op: 'between', min: 0, max: 1 } },
    expected: union(NEVER, [2, 3, 5, 7, 9, 10, 11, 13, 26, 28]),
  },
  { name: 'orders neq 0', where: { kind: 'purchase', threshold: { op: 'neq', value: 0 } }, expected: BUYERS },
  {
    name: '3+ orders in the last 30 days',
    where: { kind: 'purchase', window: { type: 'last', n: 30, unit: 'day' }, threshold: { op: 'gte', value: 3 } },
    expected: [27],
  },
  {
    name: 'fewer than 2 orders in the last 30 days',
    where: { kind: 'purchase', window: { type: 'last', n: 30, unit: 'day' }, threshold: { op: 'lt', value: 2 } },
    expected: except(12, 27),
  },
  {
    name: 'quantity at least 5',
    where: { kind: 'purchase', measure: 'quantity', threshold: { op: 'gte', value: 5 } },
    expected: [5, 8, 9, 12, 13, 15, 17, 29],
  },
  {
    name: 'quantity of product 3 at least 10',
    where: { kind: 'purchase', item: { product_id: [3] }, measure: 'quantity', threshold: { op: 'gte', value: 10 } },
    expected: [5, 13],
  },
  // ---- purchases: item and order filters ----
  { name: 'bought Baby', where: { kind: 'purchase', item: { department: ['Baby'] } }, expected: [1, 8, 12, 26] },
  {
    name: 'has not bought Baby (includes never-buyers)',
    where: { kind: 'not', child: { kind: 'purchase', item: { department: ['Baby'] } } },
    expected: except(1, 8, 12, 26),
  },
  {
    name: "bought L'Oreal (quote in the value)",
    where: { kind: 'purchase', item: { brand: ["L'Oreal"] } },
    expected: [5, 10, 29],
  },
  {
    name: 'bought private label',
    where: { kind: 'purchase', item: { private_label: true } },
    expected: [2, 5, 8, 9, 10, 11, 12, 13, 15, 17, 27, 28],
  },
  {
    name: 'bought organic',
    where: { kind: 'purchase', item: { organic: true } },
    expected: [1, 5, 8, 9, 12, 13, 17, 28],
  },
  {
    name: 'bought Headphones',
    where: { kind: 'purchase', item: { category: ['Headphones'] } },
    expected: [3, 7, 15, 29],
  },
  {
    name: 'bought online (web or app)',
    where: { kind: 'purchase', order: { channel: ['web', 'app'] } },
    expected: [1, 2, 3, 8, 10, 11, 12, 15, 17, 26, 27, 29],
  },
  {
    name: 'bought in store',
    where: { kind: 'purchase', order: { channel: ['store'] } },
    expected: [1, 5, 7, 9, 13, 15, 28],
  },
  { name: 'pickup', where: { kind: 'purchase', order: { fulfillment: ['pickup'] } }, expected: [2, 9, 17] },
  { name: 'used a coupon', where: { kind: 'purchase', order: { coupon_used: true } }, expected: [2, 5, 8, 12, 15, 28] },
  {
    name: 'used a coupon in the last 30 days',
    where: { kind: 'purchase', order: { coupon_used: true }, window: { type: 'last', n: 30, unit: 'day' } },
    expected: [12, 28],
  },
  {
    name: 'paid with paypal',
    where: { kind: 'purchase', order: { payment_method: ['paypal'] } },
    expected: [2, 8, 15, 29],
  },
  { name: 'paid with ebt', where: { kind: 'purchase', order: { payment_method: ['ebt'] } }, expected: [9] },
  { name: 'bought at store 1', where: { kind: 'purchase', order: { store_id: [1] } }, expected: [5, 7, 13, 15, 28] },
  // ---- events ----
  {
    name: 'email_open or email_click in the last 90 days',
    where: { kind: 'event', event_type: ['email_open', 'email_click'], window: { type: 'last', n: 90, unit: 'day' } },
    expected: [1, 2, 4],
  },
  {
    name: 'viewed Electronics 3+ times',
    where: {
      kind: 'event',
      event_type: ['product_view'],
      item: { department: ['Electronics'] },
      threshold: { op: 'gte', value: 3 },
    },
    expected: [9],
  },
  {
    name: 'viewed Electronics 4+ times',
    where: {
      kind: 'event',
      event_type: ['product_view'],
      item: { department: ['Electronics'] },
      threshold: { op: 'gte', value: 4 },
    },
    expected: [],
  },
  {
    name: 'abandoned a Baby cart',
    where: { kind: 'event', event_type: ['cart_abandon'], item: { department: ['Baby'] } },
    expected: [12],
  },
  {
    name: 'viewed a Samsung product (product_id 4)',
    where: { kind: 'event', event_type: ['product_view'], item: { product_id: [4] } },
    expected: [9],
  },
  {
    name: "viewed L'Oreal",
    where: { kind: 'event', event_type: ['product_view'], item: { brand: ["L'Oreal"] } },
    expected: [13],
  },
  {
    name: '2+ site visits in the last 30 days',
    where: {
      kind: 'event',
      event_type: ['web_visit'],
      window: { type: 'last', n: 30, unit: 'day' },
      threshold: { op: 'gte', value: 2 },
    },
    expected: [15],
  },
  {
    name: '3+ site visits ever',
    where: { kind: 'event', event_type: ['web_visit'], threshold: { op: 'gte', value: 3 } },
    expected: [15],
  },
  { name: 'used the app (only event is after D)', where: { kind: 'event', event_type: ['app_open'] }, expected: [] },
  {
    name: 'used the app as of 2026-04-02',
    asOf: '2026-04-02',
    where: { kind: 'event', event_type: ['app_open'] },
    expected: [24],
  },
  {
    name: 'never opened an email (0 counts)',
    where: { kind: 'event', event_type: ['email_open'], threshold: { op: 'lt', value: 1 } },
    expected: except(2, 3, 4),
  },
  {
    name: 'searched today (last 0 days)',
    where: { kind: 'event', event_type: ['search'], window: { type: 'last', n: 0, unit: 'day' } },
    expected: [18],
  },
  {
    name: 'reviewed Electronics',
    where: { kind: 'event', event_type: ['review'], item: { department: ['Electronics'] } },
    expected: [20],
  },
  { name: 'push_open or sms_click', where: { kind: 'event', event_type: ['push_open', 'sms_click'] }, expected: [21] },
  // ---- models ----
  {
    name: 'churn_risk score gte 0.8',
    where: { kind: 'model', model: 'churn_risk', score: { op: 'gte', value: 0.8 } },
    expected: [11, 15],
  },
  {
    name: 'churn_risk decile 10',
    where: { kind: 'model', model: 'churn_risk', decile: { op: 'eq', value: 10 } },
    expected: [15],
  },
  {
    name: 'churn_risk decile lte 2',
    where: { kind: 'model', model: 'churn_risk', decile: { op: 'lte', value: 2 } },
    expected: [1, 2],
  },
  {
    name: 'churn_risk level medium',
    where: { kind: 'model', model: 'churn_risk', level: 'medium' },
    expected: [5, 7, 8, 9],
  },
  { name: 'churn_risk level low', where: { kind: 'model', model: 'churn_risk', level: 'low' }, expected: [1, 2, 3] },
  {
    name: 'churn_risk top 10% (cut 0.86)',
    where: { kind: 'model', model: 'churn_risk', top_percent: 10 },
    expected: [15],
  },
  {
    name: 'churn_risk top 25% (cut 0.725)',
    where: { kind: 'model', model: 'churn_risk', top_percent: 25 },
    expected: [10, 11, 15],
  },
  {
    name: 'churn_risk bottom 20% (cut 0.23)',
    where: { kind: 'model', model: 'churn_risk', bottom_percent: 20 },
    expected: [1, 2],
  },
  {
    name: 'churn_risk bottom 50% (cut 0.5)',
    where: { kind: 'model', model: 'churn_risk', bottom_percent: 50 },
    expected: [1, 2, 3, 5, 7],
  },
  {
    name: 'predicted CLV over 1000',
    where: { kind: 'model', model: 'predicted_clv_12m', score: { op: 'gt', value: 1000 } },
    expected: [15, 24],
  },
  {
    name: 'not high churn risk includes unscored customers',
    where: { kind: 'not', child: { kind: 'model', model: 'churn_risk', level: 'high' } },
    expected: except(10, 11, 15),
  },
  // ---- birthdays ----
  { name: 'birthday today', where: { kind: 'birthday', when: 'today' }, expected: [1, 2, 18, 21] },
  { name: 'birthday this month', where: { kind: 'birthday', when: 'this_month' }, expected: [1, 2, 18, 21, 26, 30] },
  { name: 'birthday next month', where: { kind: 'birthday', when: 'next_month' }, expected: [3, 14, 19, 20] },
  {
    name: 'birthday next month in December is January',
    asOf: '2026-12-15',
    where: { kind: 'birthday', when: 'next_month' },
    expected: [7, 22, 28],
  },
  {
    name: 'birthday in the next 3 days',
    where: { kind: 'birthday', when: 'next_days', days: 3 },
    expected: [1, 2, 3, 18, 19, 20, 21],
  },
  {
    name: 'birthday in the next 10 days across the new year',
    asOf: '2026-12-25',
    where: { kind: 'birthday', when: 'next_days', days: 10 },
    expected: [8, 9, 22, 23, 28],
  },
  {
    name: 'leap-day birthdays are on 1 March in 2027 (next 0 days from Feb 28)',
    asOf: '2027-02-28',
    where: { kind: 'birthday', when: 'next_days', days: 0 },
    expected: [],
  },
  {
    name: 'leap-day birthdays are on 1 March in 2027 (next 1 day from Feb 28)',
    asOf: '2027-02-28',
    where: { kind: 'birthday', when: 'next_days', days: 1 },
    expected: [5, 25, 30],
  },
  {
    name: 'birthday today on 2027-03-01',
    asOf: '2027-03-01',
    where: { kind: 'birthday', when: 'today' },
    expected: [5, 25, 30],
  },
  {
    name: 'birthday today on 2028-02-29',
    asOf: '2028-02-29',
    where: { kind: 'birthday', when: 'today' },
    expected: [5, 25],
  },
  {
    name: 'birthday today on 2028-03-01',
    asOf: '2028-03-01',
    where: { kind: 'birthday', when: 'today' },
    expected: [30],
  },
  // ---- groups ----
  { name: 'empty and is everyone', where: { kind: 'and', children: [] }, expected: ALL_CUSTOMER_IDS },
  { name: 'empty or is no one', where: { kind: 'or', children: [] }, expected: [] },
  {
    name: 'Texans who are lapsed or churned',
    where: {
      kind: 'and',
      children: [
        attr('state', 'eq', { value: 'TX' }),
        { kind: 'or', children: [rule('lapsed_customer'), rule('churned_customer')] },
      ],
    },
    expected: [11],
  },
  {
    name: 'not (active and has children)',
    where: {
      kind: 'not',
      child: { kind: 'and', children: [rule('active_customer'), attr('has_children', 'eq', { value: true })] },
    },
    expected: except(1, 12),
  },
  {
    name: 'not in Texas includes unknown state',
    where: { kind: 'not', child: attr('state', 'eq', { value: 'TX' }) },
    expected: [2, 4, 5, 7, 8, 10, 15, 17, 24, 29],
  },
  {
    name: 'under 18 or over 64',
    where: { kind: 'or', children: [attr('age', 'lt', { value: 18 }), attr('age', 'gt', { value: 64 })] },
    expected: [3, 15, 30],
  },
  {
    name: 'VIPs who are not prospects',
    where: { kind: 'and', children: [rule('vip'), { kind: 'not', child: rule('prospect') }] },
    expected: [2, 15],
  },
  {
    name: 'double negation',
    where: { kind: 'not', child: { kind: 'not', child: rule('vip') } },
    expected: [2, 15, 24],
  },
];
