import type { ItemFilter, OrderFilter, Threshold } from '../model/segment.model';
import type { CompileContext } from './compile-context';
import { fieldPath, invalid, requireBoolean, requireInteger, requireList, requireString } from './compiler-validation';

const ITEM_KEYS = new Set(['department', 'category', 'brand', 'product_id', 'private_label', 'organic']);
const ORDER_KEYS = new Set(['channel', 'fulfillment', 'coupon_used', 'payment_method', 'status', 'store_id']);

const MAX_ID = Number.MAX_SAFE_INTEGER;

function refuseUnknownKeys(value: object, known: Set<string>, path: string): void {
  for (const key of Object.keys(value)) {
    // An unknown key would silently widen the audience; refuse it.
    if (!known.has(key)) invalid(fieldPath(path, key), `unknown filter '${key}'`);
  }
}

function textIn(column: string, values: unknown, ctx: CompileContext, path: string): string {
  const list = requireList(values, path, requireString);
  return `${column} IN (${list.map((v) => ctx.bindText(v)).join(', ')})`;
}

function idIn(column: string, values: unknown, ctx: CompileContext, path: string): string {
  const list = requireList(values, path, (v, p) => requireInteger(v, p, -MAX_ID, MAX_ID));
  return `${column} IN (${list.map((v) => ctx.bindId(v)).join(', ')})`;
}

/**
 * Conditions on products (alias `p`, or `alias`: a table with the products' columns) for an item
 * filter; `undefined` when the filter names no field (no item filter). Fields AND together, values
 * within a field OR together.
 */
export function itemConditions(
  item: ItemFilter | undefined,
  ctx: CompileContext,
  path: string,
  alias = 'p',
): string[] | undefined {
  if (item === undefined || item === null) return undefined;
  if (typeof item !== 'object' || Array.isArray(item)) invalid(path, 'expected an item filter object');
  refuseUnknownKeys(item, ITEM_KEYS, path);
  const out: string[] = [];
  if (item.department !== undefined)
    out.push(textIn(`${alias}.department`, item.department, ctx, fieldPath(path, 'department')));
  if (item.category !== undefined)
    out.push(textIn(`${alias}.category`, item.category, ctx, fieldPath(path, 'category')));
  if (item.brand !== undefined) out.push(textIn(`${alias}.brand`, item.brand, ctx, fieldPath(path, 'brand')));
  if (item.product_id !== undefined)
    out.push(idIn(`${alias}.product_id`, item.product_id, ctx, fieldPath(path, 'product_id')));
  if (item.private_label !== undefined) {
    out.push(
      `${alias}.is_private_label = ${ctx.bindBool(requireBoolean(item.private_label, fieldPath(path, 'private_label')))}`,
    );
  }
  if (item.organic !== undefined) {
    out.push(`${alias}.is_organic = ${ctx.bindBool(requireBoolean(item.organic, fieldPath(path, 'organic')))}`);
  }
  return out.length ? out : undefined;
}

/**
 * Conditions on orders (alias `o`, or `alias`: a table with the orders' columns) for an order
 * filter, status excluded (see `orderStatus`).
 */
export function orderConditions(
  order: OrderFilter | undefined,
  ctx: CompileContext,
  path: string,
  alias = 'o',
): string[] {
  if (order === undefined || order === null) return [];
  if (typeof order !== 'object' || Array.isArray(order)) invalid(path, 'expected an order filter object');
  refuseUnknownKeys(order, ORDER_KEYS, path);
  const out: string[] = [];
  if (order.channel !== undefined) out.push(textIn(`${alias}.channel`, order.channel, ctx, fieldPath(path, 'channel')));
  if (order.fulfillment !== undefined)
    out.push(textIn(`${alias}.fulfillment`, order.fulfillment, ctx, fieldPath(path, 'fulfillment')));
  if (order.payment_method !== undefined) {
    out.push(textIn(`${alias}.payment_method`, order.payment_method, ctx, fieldPath(path, 'payment_method')));
  }
  if (order.coupon_used !== undefined) {
    out.push(
      `${alias}.coupon_used = ${ctx.bindBool(requireBoolean(order.coupon_used, fieldPath(path, 'coupon_used')))}`,
    );
  }
  if (order.store_id !== undefined)
    out.push(idIn(`${alias}.store_id`, order.store_id, ctx, fieldPath(path, 'store_id')));
  return out;
}

/** The order status a condition counts: 'completed' unless the filter says otherwise (spec: purchases are completed orders). */
export function orderStatus(order: OrderFilter | undefined, path: string): string {
  if (!order || order.status === undefined) return 'completed';
  return requireString(order.status, fieldPath(path, 'status'));
}

/** `expr <op> value` for a threshold (numbers bound). */
export function thresholdSql(expr: string, t: Threshold, ctx: CompileContext): string {
  switch (t.op) {
    case 'gt':
      return `${expr} > ${ctx.bindNumber(t.value)}`;
    case 'gte':
      return `${expr} >= ${ctx.bindNumber(t.value)}`;
    case 'lt':
      return `${expr} < ${ctx.bindNumber(t.value)}`;
    case 'lte':
      return `${expr} <= ${ctx.bindNumber(t.value)}`;
    case 'eq':
      return `${expr} = ${ctx.bindNumber(t.value)}`;
    case 'neq':
      return `${expr} <> ${ctx.bindNumber(t.value)}`;
    case 'between':
      return `${expr} BETWEEN ${ctx.bindNumber(t.min)} AND ${ctx.bindNumber(t.max)}`;
  }
}
