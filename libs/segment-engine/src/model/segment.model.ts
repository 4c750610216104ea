/**
 * The segment model: one typed, versioned JSON form for an audience.
 *
 * A segment is a boolean tree (`and` / `or` / `not`) whose leaves are conditions on
 * customers. Every path that produces a segment (hand-written files, the local
 * understanding engine, a language model) produces this form, and the one verifier
 * (`verifySegment`) checks it before anything compiles or counts it.
 *
 * Semantics follow ../shared/specs/reference-retail.md section 2; times are relative to
 * the as-of date D given at compile time (never the wall clock).
 */

export const SEGMENT_VERSION = 1 as const;

export type Scalar = string | number | boolean;

/** Comparison used by thresholds (counts, sums, scores). `between` is inclusive on both ends. */
export type Threshold =
  | { op: 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq'; value: number }
  | { op: 'between'; min: number; max: number };

export type ThresholdOp = Threshold['op'];

/** Operators on customer facets (columns of `customers` or derived facets such as age). */
export type AttributeOp =
  | 'eq'
  | 'neq'
  | 'in'
  | 'not_in'
  | 'between'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'is_unknown'
  | 'is_known';

export const ATTRIBUTE_OPS: readonly AttributeOp[] = [
  'eq',
  'neq',
  'in',
  'not_in',
  'between',
  'gt',
  'gte',
  'lt',
  'lte',
  'is_unknown',
  'is_known',
];

/**
 * A condition on one facet. Which value field is used depends on `op`:
 * eq/neq/gt/gte/lt/lte -> `value`; in/not_in -> `values`; between -> `min` and `max`
 * (inclusive); is_unknown/is_known -> none. Dates are ISO strings (YYYY-MM-DD).
 */
export interface AttributeCondition {
  kind: 'attribute';
  facet: string;
  op: AttributeOp;
  value?: Scalar;
  values?: Scalar[];
  min?: number | string;
  max?: number | string;
  id?: string;
}

export type TimeUnit = 'day' | 'week' | 'month' | 'year';

/**
 * A time window, resolved against the as-of date D:
 * - last: date in [D - n units, D] (months/years are calendar arithmetic, clamped to month end)
 * - this: from the first day of D's month / quarter / year to D
 * - year / month: that calendar year / month
 * - before: strictly before `date`; since: on or after `date` (up to D)
 * - between: `from` to `to`, inclusive
 * - older_than: strictly before D - n units ("more than 6 months ago")
 */
export type Window =
  | { type: 'last'; n: number; unit: TimeUnit }
  | { type: 'this'; unit: 'month' | 'quarter' | 'year' }
  | { type: 'year'; year: number }
  | { type: 'month'; year: number; month: number }
  | { type: 'before'; date: string }
  | { type: 'since'; date: string }
  | { type: 'between'; from: string; to: string }
  | { type: 'older_than'; n: number; unit: TimeUnit };

export type WindowType = Window['type'];

/** Which products count. Fields AND together; the values inside one field OR together. */
export interface ItemFilter {
  department?: string[];
  category?: string[];
  brand?: string[];
  product_id?: number[];
  private_label?: boolean;
  organic?: boolean;
}

export type OrderChannel = 'store' | 'web' | 'app';
export type Fulfillment = 'in_store' | 'pickup' | 'delivery' | 'ship';
export type PaymentMethod = 'credit_card' | 'debit_card' | 'cash' | 'paypal' | 'gift_card' | 'ebt';
export type OrderStatus = 'completed' | 'returned' | 'cancelled';

/** Which orders count. `status` defaults to 'completed' (spec: purchases are completed orders). */
export interface OrderFilter {
  channel?: OrderChannel[];
  fulfillment?: Fulfillment[];
  coupon_used?: boolean;
  payment_method?: PaymentMethod[];
  status?: OrderStatus;
  store_id?: number[];
}

/**
 * What is measured over the matching orders:
 * - orders: number of matching orders (default; with `item`, orders holding a matching item)
 * - spend: sum of total_amount (with `item`: sum of line_amount of matching items)
 * - avg_order_value: spend / orders; a customer with no matching order has no value and never matches
 * - quantity: sum of item quantity
 */
export type PurchaseMeasure = 'orders' | 'spend' | 'avg_order_value' | 'quantity';

/**
 * Purchases (and other orders): "bought Baby in the last 90 days", "spent more than $500
 * this year", "3+ orders online", "used a coupon", "returned something" (status 'returned'),
 * lifetime value (spend, no window). Threshold defaults to `{op:'gte', value:1}` on orders.
 * A customer with no matching order counts as 0 (and matches "less than"/"at most"), except
 * for avg_order_value. "Did not buy X" is `{kind:'not', child: <purchase X>}`.
 */
export interface PurchaseCondition {
  kind: 'purchase';
  item?: ItemFilter;
  order?: OrderFilter;
  window?: Window;
  measure?: PurchaseMeasure;
  threshold?: Threshold;
  id?: string;
}

/**
 * Events of the given types (any of them), optionally about products matching `item`, in a
 * window; the threshold is on the number of events and defaults to `{op:'gte', value:1}`.
 */
export interface EventCondition {
  kind: 'event';
  event_type: string[];
  item?: ItemFilter;
  window?: Window;
  threshold?: Threshold;
  id?: string;
}

/**
 * A model-score condition. Exactly one of: `score` (threshold on the raw score), `decile`
 * (threshold on the decile, 1 lowest .. 10 highest), `top_percent` / `bottom_percent`
 * (continuous percentile of the model's scores), `level` (high = deciles 8-10, medium = 4-7,
 * low = 1-3).
 */
export interface ModelCondition {
  kind: 'model';
  model: string;
  score?: Threshold;
  decile?: Threshold;
  top_percent?: number;
  bottom_percent?: number;
  level?: 'high' | 'medium' | 'low';
  id?: string;
}

/** Birthdays: today, this month, next month, or within the next `days` days (inclusive of today). */
export interface BirthdayCondition {
  kind: 'birthday';
  when: 'today' | 'this_month' | 'next_month' | 'next_days';
  days?: number;
  id?: string;
}

/** A reference to one of the tenant's business rules ("lapsed", "VIP"), expanded at compile time. */
export interface RuleCondition {
  kind: 'rule';
  rule: string;
  id?: string;
}

export interface AndGroup {
  kind: 'and';
  children: SegmentNode[];
  id?: string;
}
export interface OrGroup {
  kind: 'or';
  children: SegmentNode[];
  id?: string;
}
export interface NotGroup {
  kind: 'not';
  child: SegmentNode;
  id?: string;
}

export type Condition =
  | AttributeCondition
  | PurchaseCondition
  | EventCondition
  | ModelCondition
  | BirthdayCondition
  | RuleCondition;

export type Group = AndGroup | OrGroup | NotGroup;
export type SegmentNode = Group | Condition;
export type NodeKind = SegmentNode['kind'];

export const CONDITION_KINDS = [
  'attribute',
  'purchase',
  'event',
  'model',
  'birthday',
  'rule',
] as const satisfies readonly Condition['kind'][];
export const GROUP_KINDS = ['and', 'or', 'not'] as const satisfies readonly Group['kind'][];

export interface Segment {
  version: typeof SEGMENT_VERSION;
  name?: string;
  description?: string;
  where: SegmentNode;
}

export function isGroup(node: SegmentNode): node is Group {
  return node.kind === 'and' || node.kind === 'or' || node.kind === 'not';
}

export function isCondition(node: SegmentNode): node is Condition {
  return !isGroup(node);
}
