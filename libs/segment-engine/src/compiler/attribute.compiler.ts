import { ErrorCode } from '@smartseg/common';
import type { FacetDef } from '../model/catalog.model';
import { ATTRIBUTE_OPS, type AttributeCondition, type Scalar } from '../model/segment.model';
import type { CompileContext } from './compile-context';
import { fieldPath, indexPath, invalid, requireIsoDate, requireNumber, requireString } from './compiler-validation';
import { factsOrderRecency } from './facts/facts.compiler';
import { CUSTOMER_ID, type LeafSql } from './leaf-sql';

/** Age values outside this range are refused (they would only overflow date arithmetic). */
const MAX_AGE = 200;

type ValueKind = 'text' | 'number' | 'boolean' | 'date' | 'enum';

function bindValue(ctx: CompileContext, value: unknown, kind: ValueKind, path: string): string {
  switch (kind) {
    case 'number':
      return ctx.bindNumber(requireNumber(value, path));
    case 'date':
      return ctx.bindDate(requireIsoDate(value, path));
    case 'boolean':
      if (typeof value !== 'boolean') invalid(path, `expected true or false, got ${JSON.stringify(value)}`);
      return ctx.bindBool(value);
    case 'text':
      return ctx.bindText(requireString(value, path));
    case 'enum':
      // Enum values are usually strings; a tenant may also have numeric or boolean codes.
      if (typeof value === 'string') return ctx.bindText(value);
      if (typeof value === 'number') return ctx.bindNumber(requireNumber(value, path));
      if (typeof value === 'boolean') return ctx.bindBool(value);
      return invalid(path, `expected a value, got ${JSON.stringify(value)}`);
  }
}

function valuesOf(cond: AttributeCondition, path: string): Scalar[] {
  if (!Array.isArray(cond.values) || cond.values.length === 0)
    invalid(fieldPath(path, 'values'), 'expected a non-empty list of values');
  return cond.values;
}

/**
 * `expr <op> value` for a plain comparison. `nullExpr` is what is unknown when the value is
 * unknown (is_unknown / is_known). NULL compares as unknown: only is_unknown matches it.
 */
function comparison(
  expr: string,
  nullExpr: string,
  kind: ValueKind,
  cond: AttributeCondition,
  ctx: CompileContext,
  path: string,
): string {
  const one = () => bindValue(ctx, cond.value, kind, fieldPath(path, 'value'));
  const list = () =>
    valuesOf(cond, path).map((v, i) => bindValue(ctx, v, kind, indexPath(fieldPath(path, 'values'), i)));
  const bound = (key: 'min' | 'max') => bindValue(ctx, cond[key], kind, fieldPath(path, key));
  switch (cond.op) {
    case 'eq':
      return `${expr} = ${one()}`;
    case 'neq':
      return `${expr} <> ${one()}`;
    case 'gt':
      return `${expr} > ${one()}`;
    case 'gte':
      return `${expr} >= ${one()}`;
    case 'lt':
      return `${expr} < ${one()}`;
    case 'lte':
      return `${expr} <= ${one()}`;
    case 'in':
      return `${expr} IN (${list().join(', ')})`;
    case 'not_in':
      return `${expr} NOT IN (${list().join(', ')})`;
    case 'between': {
      const min = bound('min');
      return `${expr} BETWEEN ${min} AND ${bound('max')}`;
    }
    case 'is_unknown':
      return `${nullExpr} IS NULL`;
    case 'is_known':
      return `${nullExpr} IS NOT NULL`;
  }
}

function kindOfFacet(facet: FacetDef): ValueKind {
  switch (facet.type) {
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'enum':
      return 'enum';
    default:
      return 'text';
  }
}

/**
 * Age in whole years at D, without computing it per row: age >= N exactly when
 * birth_date <= D - N years (calendar arithmetic, clamped to month end). A customer born on
 * 29 February therefore turns a year older on 1 March in non-leap years (the same convention
 * the birthday conditions use). An unknown birth date never matches (NULL, then FALSE).
 */
function compileAge(cond: AttributeCondition, ctx: CompileContext, path: string): string {
  const b = 'c.birth_date';
  const d = ctx.dialect;
  const years = (v: unknown, p: string): number => {
    const n = requireNumber(v, p);
    if (n < 0 || n > MAX_AGE) invalid(p, `an age must be from 0 to ${MAX_AGE}, got ${n}`);
    return n;
  };
  const atLeast = (k: number) => `${b} <= ${d.subMonths(ctx.asOf(), ctx.bindInt(12 * k))}`;
  const below = (k: number) => `${b} > ${d.subMonths(ctx.asOf(), ctx.bindInt(12 * k))}`;
  // A whole-number age equal to k (non-whole ages match nobody).
  const exactly = (k: number) => (Number.isInteger(k) ? `(${atLeast(k)} AND ${below(k + 1)})` : 'FALSE');
  const vPath = fieldPath(path, 'value');
  switch (cond.op) {
    case 'gte':
      return atLeast(Math.ceil(years(cond.value, vPath)));
    case 'gt':
      return atLeast(Math.floor(years(cond.value, vPath)) + 1);
    case 'lt':
      return below(Math.ceil(years(cond.value, vPath)));
    case 'lte':
      return below(Math.floor(years(cond.value, vPath)) + 1);
    case 'eq':
      return `(${b} IS NOT NULL AND ${exactly(years(cond.value, vPath))})`;
    case 'neq':
      return `(${b} IS NOT NULL AND NOT ${exactly(years(cond.value, vPath))})`;
    case 'in': {
      const ks = valuesOf(cond, path).map((v, i) => years(v, indexPath(fieldPath(path, 'values'), i)));
      return `(${b} IS NOT NULL AND (${ks.map(exactly).join(' OR ')}))`;
    }
    case 'not_in': {
      const ks = valuesOf(cond, path).map((v, i) => years(v, indexPath(fieldPath(path, 'values'), i)));
      return `(${b} IS NOT NULL AND NOT (${ks.map(exactly).join(' OR ')}))`;
    }
    case 'between': {
      const min = years(cond.min, fieldPath(path, 'min'));
      const max = years(cond.max, fieldPath(path, 'max'));
      return `(${atLeast(Math.ceil(min))} AND ${below(Math.floor(max) + 1)})`;
    }
    case 'is_unknown':
      return `${b} IS NULL`;
    case 'is_known':
      return `${b} IS NOT NULL`;
  }
}

/**
 * days_since_last_purchase / days_since_first_purchase: days from the last (first) completed
 * order's date to D, over completed orders up to D. A customer who never bought has no value
 * and matches no comparison (only is_unknown).
 */
function compileOrderRecency(
  which: 'last' | 'first',
  cond: AttributeCondition,
  ctx: CompileContext,
  path: string,
): LeafSql {
  const d = ctx.dialect;
  // With facts the first / last completed order date is one column (the comparison validates the condition).
  const fromFacts = factsOrderRecency(which, ctx, (expr, nullExpr) =>
    comparison(expr, nullExpr, 'number', cond, ctx, path),
  );
  if (fromFacts) return fromFacts;
  const od = d.timestampToDate('o.order_ts');
  const buyers =
    `SELECT o.customer_id FROM orders o WHERE o.customer_id IS NOT NULL AND o.status = ${ctx.bindText('completed')}` +
    ` AND ${od} <= ${ctx.asOf()}`;
  if (cond.op === 'is_known' || cond.op === 'is_unknown') {
    return { sql: d.inSubquery(CUSTOMER_ID, buyers, cond.op === 'is_unknown'), twoValued: true };
  }
  const days = d.dayDiff(`${which === 'last' ? 'MAX' : 'MIN'}(${od})`, ctx.asOf());
  const having = comparison(days, days, 'number', cond, ctx, path);
  return {
    sql: d.inSubquery(CUSTOMER_ID, `${buyers} GROUP BY o.customer_id HAVING ${having}`, false),
    twoValued: true,
  };
}

export function compileAttribute(cond: AttributeCondition, ctx: CompileContext, path: string): LeafSql {
  const facetName = requireString(cond.facet, fieldPath(path, 'facet'));
  const facet = ctx.catalog.facets.find((f) => f.name === facetName);
  if (!facet) invalid(fieldPath(path, 'facet'), `unknown facet '${facetName}'`, ErrorCode.UnknownFacet);
  if (!ATTRIBUTE_OPS.includes(cond.op)) invalid(fieldPath(path, 'op'), `unknown operator ${JSON.stringify(cond.op)}`);
  if (facet.operators?.length && !facet.operators.includes(cond.op)) {
    invalid(fieldPath(path, 'op'), `operator '${cond.op}' does not apply to facet '${facet.name}'`);
  }
  const source = facet.source;
  if (source.kind === 'column') {
    const col = ctx.customerColumn(source.column);
    return { sql: comparison(col, col, kindOfFacet(facet), cond, ctx, path), twoValued: false };
  }
  const d = ctx.dialect;
  switch (source.derivation) {
    case 'age':
      return { sql: compileAge(cond, ctx, path), twoValued: false };
    case 'birth_month':
      return { sql: comparison(d.month('c.birth_date'), 'c.birth_date', 'number', cond, ctx, path), twoValued: false };
    case 'days_since_signup':
      return {
        sql: comparison(d.dayDiff('c.signup_date', ctx.asOf()), 'c.signup_date', 'number', cond, ctx, path),
        twoValued: false,
      };
    case 'days_since_last_purchase':
      return compileOrderRecency('last', cond, ctx, path);
    case 'days_since_first_purchase':
      return compileOrderRecency('first', cond, ctx, path);
    default:
      return invalid(
        fieldPath(path, 'facet'),
        `facet '${facet.name}' has a derivation the compiler does not know (${JSON.stringify((source as { derivation?: unknown }).derivation)})`,
        ErrorCode.ConfigInvalid,
      );
  }
}
