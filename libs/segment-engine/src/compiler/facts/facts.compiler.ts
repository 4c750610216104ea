import type {
  EventCondition,
  ModelCondition,
  OrderFilter,
  PurchaseCondition,
  Threshold,
} from '../../model/segment.model';
import type { CompileContext } from '../compile-context';
import { zeroSatisfies } from '../compiler-validation';
import { thresholdSql } from '../filter.compiler';
import type { LeafSql } from '../leaf-sql';
import {
  EVENT_COUNT_WINDOWS,
  factColumns,
  matchFactWindow,
  resolveWindowRange,
  type DateRange,
  type OrderVariant,
} from './customer-facts.layout';

/**
 * Conditions read from the per-customer facts table instead of the raw tables, when (and only
 * when) the condition's meaning at D (spec section 2) is exactly a fact's. Every function here
 * runs after the raw compiler accepted the condition (so it is valid) and returns undefined when
 * the condition does not map; the caller then keeps the raw SQL. Counts are 0 (never NULL) for
 * customers without orders, so "no orders counts as 0" holds as in the raw SQL; dates, scores and
 * sums are NULL when there is nothing, and a NULL comparison is wrapped to FALSE like any leaf.
 */

const isAtLeastOne = (t: Threshold) => (t.op === 'gte' && t.value === 1) || (t.op === 'gt' && t.value === 0);
const isNone = (t: Threshold) =>
  (t.op === 'eq' && t.value === 0) || (t.op === 'lt' && t.value === 1) || (t.op === 'lte' && t.value === 0);
const DEFAULT_THRESHOLD: Threshold = { op: 'gte', value: 1 };

const constant = (value: boolean): LeafSql => ({ sql: value ? 'TRUE' : 'FALSE', twoValued: true });

/** `NOT COALESCE(x, FALSE)` / `COALESCE(x, FALSE)`: never NULL. */
function exists(positive: string, negated: boolean): LeafSql {
  return { sql: `${negated ? 'NOT ' : ''}COALESCE((${positive}), FALSE)`, twoValued: true };
}

/** The kind of orders an order filter selects, when it is one the facts count. */
function orderVariant(order: OrderFilter | undefined): OrderVariant | undefined {
  if (!order) return 'completed';
  const keys = Object.keys(order).filter((k) => (order as Record<string, unknown>)[k] !== undefined);
  const status = order.status ?? 'completed';
  const others = keys.filter((k) => k !== 'status');
  if (status === 'returned') return others.length === 0 ? 'returned' : undefined;
  if (status !== 'completed') return undefined;
  if (others.length === 0) return 'completed';
  if (others.length !== 1) return undefined;
  if (others[0] === 'coupon_used') return order.coupon_used === true ? 'coupon' : undefined;
  if (others[0] === 'channel') {
    const set = [...new Set(order.channel ?? [])].sort().join(',');
    if (set === 'app,web') return 'online';
    if (set === 'store') return 'store';
  }
  return undefined;
}

/**
 * "At least one completed order in the range", from the first / last completed order dates:
 * exact for a range ending at D (`last >= lo`) or open below (`first <= hi`).
 */
function orderDateTest(range: DateRange, ctx: CompileContext): string | undefined {
  if (range.hi === ctx.asOfDate) {
    const last = ctx.factColumn(factColumns.lastOrderDate);
    return range.lo === null ? `${last} IS NOT NULL` : `${last} >= ${ctx.bindDate(range.lo)}`;
  }
  if (range.lo === null) return `${ctx.factColumn(factColumns.firstOrderDate)} <= ${ctx.bindDate(range.hi)}`;
  return undefined;
}

export function factsPurchase(cond: PurchaseCondition, ctx: CompileContext): LeafSql | undefined {
  const facts = ctx.facts;
  if (!facts) return undefined;
  const measure = cond.measure ?? 'orders';
  const threshold = cond.threshold ?? DEFAULT_THRESHOLD;
  const range = resolveWindowRange(cond.window, ctx.asOfDate);
  if (range === null) return undefined;
  // No order can fall in an empty window: every customer has 0 (and no average order value).
  if (range === 'empty') return constant(measure !== 'avg_order_value' && zeroSatisfies(threshold));

  const variant = orderVariant(cond.order);
  if (!variant) return undefined;
  const layout = facts.layout;

  if (cond.item !== undefined) {
    // Departments only: "bought X (not) in a window ending at D / ever".
    const item = cond.item as Record<string, unknown>;
    const keys = Object.keys(item).filter((k) => item[k] !== undefined);
    if (keys.length !== 1 || keys[0] !== 'department' || variant !== 'completed' || measure !== 'orders')
      return undefined;
    if (range.hi !== ctx.asOfDate) return undefined;
    const none = isNone(threshold);
    if (!none && !isAtLeastOne(threshold)) return undefined;
    const departments = [...new Set(cond.item.department ?? [])];
    const columns = departments.map((d) => layout.departments.find((x) => x.name === d)?.lastDate);
    if (columns.length === 0 || columns.some((c) => c === undefined)) return undefined;
    const tests = columns.map((c) =>
      range.lo === null ? `${ctx.factColumn(c!)} IS NOT NULL` : `${ctx.factColumn(c!)} >= ${ctx.bindDate(range.lo)}`,
    );
    return exists(tests.join(' OR '), none);
  }

  const window = matchFactWindow(range, ctx.asOfDate, layout.windows);
  if (window !== undefined) {
    if (measure === 'orders') {
      const col = ctx.factColumn(factColumns.orders(variant, window));
      return { sql: thresholdSql(`COALESCE(${col}, 0)`, threshold, ctx), twoValued: false };
    }
    if (variant !== 'completed') return undefined;
    if (measure === 'spend') {
      const col = ctx.factColumn(factColumns.spend(window));
      return { sql: thresholdSql(`COALESCE(${col}, 0)`, threshold, ctx), twoValued: false };
    }
    if (measure === 'avg_order_value') {
      const spend = ctx.factColumn(factColumns.spend(window));
      const orders = ctx.factColumn(factColumns.orders('completed', window));
      return { sql: thresholdSql(ctx.dialect.ratio(spend, `NULLIF(${orders}, 0)`), threshold, ctx), twoValued: false };
    }
    return undefined;
  }

  // Any other window: "at least one completed order" from the first / last order dates.
  if (variant !== 'completed' || measure !== 'orders') return undefined;
  const none = isNone(threshold);
  if (!none && !isAtLeastOne(threshold)) return undefined;
  const test = orderDateTest(range, ctx);
  return test === undefined ? undefined : exists(test, none);
}

export function factsEvent(cond: EventCondition, ctx: CompileContext): LeafSql | undefined {
  const facts = ctx.facts;
  if (!facts || cond.item !== undefined) return undefined;
  const threshold = cond.threshold ?? DEFAULT_THRESHOLD;
  const range = resolveWindowRange(cond.window, ctx.asOfDate);
  if (range === null) return undefined;
  if (range === 'empty') return constant(zeroSatisfies(threshold));
  const types = [...new Set(cond.event_type)].map((t) => facts.layout.events.find((e) => e.name === t));
  if (types.length === 0 || types.some((t) => t === undefined)) return undefined;

  const window = matchFactWindow(
    range,
    ctx.asOfDate,
    EVENT_COUNT_WINDOWS.filter((w) => types.every((t) => t!.counts[w] !== undefined)),
  );
  if (window !== undefined) {
    const sum = types.map((t) => `COALESCE(${ctx.factColumn(t!.counts[window]!)}, 0)`).join(' + ');
    return { sql: thresholdSql(types.length > 1 ? `(${sum})` : sum, threshold, ctx), twoValued: false };
  }
  const none = isNone(threshold);
  if ((!none && !isAtLeastOne(threshold)) || range.hi !== ctx.asOfDate) return undefined;
  const tests = types.map((t) =>
    range.lo === null
      ? `${ctx.factColumn(t!.lastDate)} IS NOT NULL`
      : `${ctx.factColumn(t!.lastDate)} >= ${ctx.bindDate(range.lo)}`,
  );
  return exists(tests.join(' OR '), none);
}

const LEVELS: Readonly<Record<string, [number, number]>> = { high: [8, 10], medium: [4, 7], low: [1, 3] };

/** A model condition on the customer's own score / decile (the model has one score per customer). */
export function factsModel(cond: ModelCondition, ctx: CompileContext): LeafSql | undefined {
  const model = ctx.facts?.layout.models.find((m) => m.name === cond.model);
  if (!model) return undefined;
  const d = ctx.dialect;
  if (cond.score !== undefined)
    return { sql: thresholdSql(ctx.factColumn(model.score), cond.score, ctx), twoValued: false };
  if (cond.decile !== undefined)
    return { sql: thresholdSql(ctx.factColumn(model.decile), cond.decile, ctx), twoValued: false };
  if (cond.level !== undefined) {
    const [min, max] = LEVELS[cond.level]!;
    return { sql: thresholdSql(ctx.factColumn(model.decile), { op: 'between', min, max }, ctx), twoValued: false };
  }
  // The percentile cut stays over model_scores (the same scalar subquery as the raw SQL).
  const modelParam = ctx.bindText(cond.model);
  const from = `FROM model_scores ms2 WHERE ms2.model_name = ${modelParam}`;
  if (cond.top_percent !== undefined) {
    const cut = d.percentileCont('ms2.score', ctx.bindFraction((100 - cond.top_percent) / 100), from);
    return { sql: `${ctx.factColumn(model.score)} >= ${cut}`, twoValued: false };
  }
  if (cond.bottom_percent !== undefined) {
    const cut = d.percentileCont('ms2.score', ctx.bindFraction(cond.bottom_percent / 100), from);
    return { sql: `${ctx.factColumn(model.score)} <= ${cut}`, twoValued: false };
  }
  return undefined;
}

/**
 * days_since_last_purchase / days_since_first_purchase from the last / first completed order
 * date (NULL for a customer who never bought: no recency, only is_unknown matches).
 * `compare(expr, nullExpr)` is the attribute compiler's comparison.
 */
export function factsOrderRecency(
  which: 'last' | 'first',
  ctx: CompileContext,
  compare: (expr: string, nullExpr: string) => string,
): LeafSql | undefined {
  if (!ctx.facts) return undefined;
  const col = ctx.factColumn(which === 'last' ? factColumns.lastOrderDate : factColumns.firstOrderDate);
  return { sql: compare(ctx.dialect.dayDiff(col, ctx.asOf()), col), twoValued: false };
}
