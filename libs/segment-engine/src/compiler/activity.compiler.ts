import type { EventCondition, PurchaseCondition, PurchaseMeasure, Threshold } from '../model/segment.model';
import type { CompileContext } from './compile-context';
import { fieldPath, invalid, requireList, requireString, requireThreshold, zeroSatisfies } from './compiler-validation';
import { itemConditions, orderConditions, orderStatus, thresholdSql } from './filter.compiler';
import { factsEvent, factsPurchase } from './facts/facts.compiler';
import { CUSTOMER_ID, type LeafSql } from './leaf-sql';
import { windowConditions } from './window.compiler';

const DEFAULT_THRESHOLD: Threshold = { op: 'gte', value: 1 };
const MEASURES: readonly PurchaseMeasure[] = ['orders', 'spend', 'avg_order_value', 'quantity'];

/**
 * Membership of the customer in `SELECT customer_id ... GROUP BY customer_id HAVING agg op v`.
 * A customer with no matching row counts as 0: when 0 satisfies the threshold ("fewer than 3
 * orders", "spent at most $100") the test is inverted, `NOT IN (... HAVING NOT (agg op v))`, so
 * customers with nothing matching are included. `zeroCounts = false` (average order value: no
 * orders, no value) always uses the direct form.
 */
function thresholdMembership(
  selectFromWhere: string,
  groupKey: string,
  agg: string,
  threshold: Threshold,
  zeroCounts: boolean,
  ctx: CompileContext,
  countsRows = false,
): LeafSql {
  // "at least one" / "none": plain (anti-)membership, no aggregation (a semi-join, far cheaper)
  const t = threshold;
  const atLeastOne = (t.op === 'gte' && t.value === 1) || (t.op === 'gt' && t.value === 0);
  const none =
    (t.op === 'eq' && t.value === 0) || (t.op === 'lt' && t.value === 1) || (t.op === 'lte' && t.value === 0);
  if (countsRows && (atLeastOne || (zeroCounts && none))) {
    return { sql: ctx.dialect.inSubquery(CUSTOMER_ID, selectFromWhere, none), twoValued: true };
  }
  const test = thresholdSql(agg, threshold, ctx);
  const inverted = zeroCounts && zeroSatisfies(threshold);
  const having = inverted ? `NOT (${test})` : test;
  const sub = `${selectFromWhere} GROUP BY ${groupKey} HAVING ${having}`;
  return { sql: ctx.dialect.inSubquery(CUSTOMER_ID, sub, inverted), twoValued: true };
}

/**
 * Orders (spec section 2: purchases are completed orders unless the filter names a status) in
 * the window and up to D, optionally holding items that match `item`, measured per customer.
 */
export function compilePurchase(cond: PurchaseCondition, ctx: CompileContext, path: string): LeafSql {
  const measure = cond.measure ?? 'orders';
  if (!MEASURES.includes(measure)) invalid(fieldPath(path, 'measure'), `unknown measure ${JSON.stringify(measure)}`);
  const threshold =
    cond.threshold === undefined ? DEFAULT_THRESHOLD : requireThreshold(cond.threshold, fieldPath(path, 'threshold'));
  const d = ctx.dialect;
  // With an item filter (or a quantity), the warehouse's purchase lines (built with the facts for D)
  // hold the orders' and products' columns on each item: one table instead of a three-way join.
  const lines = ctx.facts?.layout.lines;
  // an item filter naming no field is no item filter (itemConditions: undefined)
  const filtersItems =
    !!cond.item && typeof cond.item === 'object' && Object.values(cond.item).some((v) => v !== undefined);
  const joinItems = filtersItems || measure === 'quantity';
  const viaLines = joinItems && lines !== undefined;
  const o = viaLines ? 'l' : 'o';
  const od = viaLines ? 'l.order_date' : d.timestampToDate('o.order_ts');

  const where = [
    ...(viaLines ? [] : ['o.customer_id IS NOT NULL']),
    `${o}.status = ${ctx.bindText(orderStatus(cond.order, fieldPath(path, 'order')))}`,
    `${od} <= ${ctx.asOf()}`,
  ];
  if (cond.window !== undefined) where.push(...windowConditions(od, cond.window, ctx, fieldPath(path, 'window')));
  where.push(...orderConditions(cond.order, ctx, fieldPath(path, 'order'), o));
  const items = itemConditions(cond.item, ctx, fieldPath(path, 'item'), viaLines ? 'l' : 'p');
  if (items) where.push(...items);

  let from = viaLines ? `${d.quoteIdent(lines)} l` : 'orders o';
  if (!viaLines && joinItems) from += ' JOIN order_items oi ON oi.order_id = o.order_id';
  if (!viaLines && items) from += ' JOIN products p ON p.product_id = oi.product_id';
  const oi = viaLines ? 'l' : 'oi';

  // With an item filter, spend is the matching items' line amounts (spec: "spent $X on X").
  const spend = items ? `${oi}.line_amount` : 'o.total_amount';
  let agg: string;
  switch (measure) {
    case 'orders':
      // an order is one row of orders unless items are joined in
      agg = joinItems ? `COUNT(DISTINCT ${o}.order_id)` : 'COUNT(*)';
      break;
    case 'spend':
      agg = `COALESCE(SUM(${spend}), 0)`;
      break;
    case 'quantity':
      agg = `COALESCE(SUM(${oi}.quantity), 0)`;
      break;
    case 'avg_order_value':
      agg = d.ratio(`SUM(${spend})`, `COUNT(DISTINCT ${o}.order_id)`);
      break;
  }
  const raw = thresholdMembership(
    `SELECT ${o}.customer_id FROM ${from} WHERE ${where.join(' AND ')}`,
    `${o}.customer_id`,
    agg,
    threshold,
    measure !== 'avg_order_value',
    ctx,
    measure === 'orders',
  );
  // The condition is valid (the raw SQL compiled); read a fact instead when one means exactly the same.
  return factsPurchase({ ...cond, measure, threshold }, ctx) ?? raw;
}

/** Events of the given types (optionally about products matching `item`) in the window and up to D, counted per customer. */
export function compileEvent(cond: EventCondition, ctx: CompileContext, path: string): LeafSql {
  const types = requireList(cond.event_type, fieldPath(path, 'event_type'), requireString);
  const known = ctx.catalog.event_types;
  if (known?.length) {
    types.forEach((t, i) => {
      if (!known.some((k) => k.name === t))
        invalid(`${fieldPath(path, 'event_type')}[${i}]`, `unknown event type '${t}'`);
    });
  }
  const threshold =
    cond.threshold === undefined ? DEFAULT_THRESHOLD : requireThreshold(cond.threshold, fieldPath(path, 'threshold'));
  const d = ctx.dialect;
  const ed = d.timestampToDate('e.event_ts');
  const where = [
    'e.customer_id IS NOT NULL',
    `e.event_type IN (${types.map((t) => ctx.bindText(t)).join(', ')})`,
    `${ed} <= ${ctx.asOf()}`,
  ];
  if (cond.window !== undefined) where.push(...windowConditions(ed, cond.window, ctx, fieldPath(path, 'window')));
  const items = itemConditions(cond.item, ctx, fieldPath(path, 'item'));
  let from = 'events e';
  if (items) {
    from += ' JOIN products p ON p.product_id = e.product_id';
    where.push(...items);
  }
  const raw = thresholdMembership(
    `SELECT e.customer_id FROM ${from} WHERE ${where.join(' AND ')}`,
    'e.customer_id',
    'COUNT(*)',
    threshold,
    true,
    ctx,
    true,
  );
  return factsEvent({ ...cond, event_type: types, threshold }, ctx) ?? raw;
}
