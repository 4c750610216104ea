import * as SegmentEngine from '@smartseg/segment-engine';
import type { Catalog, ItemFilter, Segment, SegmentNode, Threshold, Window } from '@smartseg/segment-engine';
import { isIsoDate } from '../time/dates';
import { describeWindow } from '../time/time';

/**
 * The one seam between the understanding engine and segment-engine's verifier and
 * explainer. When `verifySegment` / `explainSegment` are exported by
 * `@smartseg/segment-engine` they are used; until then a local stand-in with the same
 * signature checks segments against the catalog. Swapping is automatic (or one line).
 */

export interface VerifyProblem {
  path: string;
  code: string;
  message: string;
}

export type VerifyResult =
  { ok: true; segment: Segment; warnings: VerifyProblem[] | string[] } | { ok: false; problems: VerifyProblem[] };

export interface VerifyContext {
  catalog: Catalog;
  permissions: { pii: boolean };
  asOf?: string;
}

export interface Explanation {
  text: string;
  phrases: { path: string; text: string }[];
}

type VerifyFn = (input: unknown, ctx: VerifyContext) => VerifyResult;
type ExplainFn = (segment: Segment, catalog: Catalog) => Explanation;

const engine = SegmentEngine as unknown as Record<string, unknown>;

/** Which verifier is in use (for diagnostics). */
export const VERIFIER_SOURCE: 'segment-engine' | 'local' =
  typeof engine['verifySegment'] === 'function' ? 'segment-engine' : 'local';

export function verify(input: unknown, ctx: VerifyContext): VerifyResult {
  const real = engine['verifySegment'] as VerifyFn | undefined;
  if (typeof real === 'function') {
    try {
      return real(input, ctx);
    } catch (err) {
      return {
        ok: false,
        problems: [
          { path: 'where', code: 'VERIFIER_ERROR', message: err instanceof Error ? err.message : String(err) },
        ],
      };
    }
  }
  return localVerify(input, ctx);
}

export function explain(segment: Segment, catalog: Catalog): Explanation {
  const real = engine['explainSegment'] as ExplainFn | undefined;
  if (typeof real === 'function') {
    try {
      return real(segment, catalog);
    } catch {
      /* fall back to the local explainer */
    }
  }
  return localExplain(segment, catalog);
}

// ---------------------------------------------------------------------------- local verifier

const MAX_DEPTH = 12;
const MAX_CONDITIONS = 200;

function thresholdOk(t: unknown): t is Threshold {
  if (!t || typeof t !== 'object') return false;
  const o = t as Record<string, unknown>;
  if (o['op'] === 'between')
    return typeof o['min'] === 'number' && typeof o['max'] === 'number' && (o['min'] as number) <= (o['max'] as number);
  return (
    ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'].includes(o['op'] as string) &&
    typeof o['value'] === 'number' &&
    Number.isFinite(o['value'])
  );
}

function windowOk(w: unknown): w is Window {
  if (!w || typeof w !== 'object') return false;
  const o = w as Record<string, unknown>;
  const unitOk = (u: unknown) => u === 'day' || u === 'week' || u === 'month' || u === 'year';
  const nOk = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 36500;
  switch (o['type']) {
    case 'last':
    case 'older_than':
      return nOk(o['n']) && unitOk(o['unit']);
    case 'this':
      return o['unit'] === 'month' || o['unit'] === 'quarter' || o['unit'] === 'year';
    case 'year':
      return typeof o['year'] === 'number' && o['year'] >= 1900 && o['year'] <= 2100;
    case 'month':
      return typeof o['year'] === 'number' && typeof o['month'] === 'number' && o['month'] >= 1 && o['month'] <= 12;
    case 'before':
    case 'since':
      return isIsoDate(o['date']);
    case 'between':
      return isIsoDate(o['from']) && isIsoDate(o['to']) && (o['from'] as string) <= (o['to'] as string);
    default:
      return false;
  }
}

export function localVerify(input: unknown, ctx: VerifyContext): VerifyResult {
  const problems: VerifyProblem[] = [];
  const { catalog } = ctx;
  const add = (path: string, code: string, message: string) => problems.push({ path, code, message });
  if (!input || typeof input !== 'object')
    return { ok: false, problems: [{ path: '', code: 'NOT_AN_OBJECT', message: 'segment must be an object' }] };
  const seg = input as Segment;
  if (seg.version !== 1) add('version', 'BAD_VERSION', 'version must be 1');
  const facets = new Map(catalog.facets.map((f) => [f.name, f]));
  const rules = new Set(catalog.rules.map((r) => r.id));
  const models = new Set(catalog.models.map((m) => m.name));
  const events = new Map(catalog.event_types.map((e) => [e.name, e]));
  const departments = new Set(catalog.departments.map((d) => d.name));
  const categories = new Set(catalog.departments.flatMap((d) => d.categories));
  const brands = new Set(catalog.brands.map((b) => b.name));
  let conditions = 0;
  const item = (it: ItemFilter, path: string) => {
    for (const d of it.department ?? [])
      if (!departments.has(d)) add(`${path}.department`, 'UNKNOWN_DEPARTMENT', `unknown department "${d}"`);
    for (const c of it.category ?? [])
      if (!categories.has(c)) add(`${path}.category`, 'UNKNOWN_CATEGORY', `unknown category "${c}"`);
    for (const b of it.brand ?? []) if (!brands.has(b)) add(`${path}.brand`, 'UNKNOWN_BRAND', `unknown brand "${b}"`);
    for (const k of ['department', 'category', 'brand'] as const)
      if (it[k] && !it[k]!.length) add(`${path}.${k}`, 'EMPTY_LIST', `${k} is empty`);
  };
  const walk = (n: SegmentNode, path: string, depth: number) => {
    if (depth > MAX_DEPTH) {
      add(path, 'TOO_DEEP', 'segment nests too deeply');
      return;
    }
    if (!n || typeof n !== 'object') {
      add(path, 'BAD_NODE', 'node must be an object');
      return;
    }
    switch (n.kind) {
      case 'and':
      case 'or':
        if (!Array.isArray(n.children) || !n.children.length) add(path, 'EMPTY_GROUP', `${n.kind} needs children`);
        else n.children.forEach((c, i) => walk(c, `${path}.children[${i}]`, depth + 1));
        return;
      case 'not':
        walk(n.child, `${path}.child`, depth + 1);
        return;
      case 'attribute': {
        conditions++;
        const f = facets.get(n.facet);
        if (!f) return add(`${path}.facet`, 'UNKNOWN_FACET', `unknown facet "${n.facet}"`);
        if (f.pii && !ctx.permissions.pii)
          return add(`${path}.facet`, 'PII_FORBIDDEN', `facet "${n.facet}" is personal data`);
        if (!f.operators.includes(n.op))
          return add(`${path}.op`, 'BAD_OPERATOR', `operator ${n.op} is not allowed on ${n.facet}`);
        const checkValue = (v: unknown, p: string) => {
          if (f.type === 'boolean' && typeof v !== 'boolean') add(p, 'BAD_VALUE', `${n.facet} takes true or false`);
          if (f.type === 'number' && (typeof v !== 'number' || !Number.isFinite(v)))
            add(p, 'BAD_VALUE', `${n.facet} takes a number`);
          if (f.type === 'date' && !isIsoDate(v)) add(p, 'BAD_VALUE', `${n.facet} takes a date`);
          if ((f.type === 'enum' || f.type === 'string') && typeof v !== 'string')
            add(p, 'BAD_VALUE', `${n.facet} takes text`);
          if (
            (f.type === 'enum' || (f.type === 'string' && f.values)) &&
            f.values &&
            !f.values.some((x) => x.value === v)
          ) {
            add(p, 'UNKNOWN_VALUE', `"${String(v)}" is not a value of ${n.facet}`);
          }
        };
        if (['eq', 'neq', 'gt', 'gte', 'lt', 'lte'].includes(n.op)) {
          if (n.value === undefined) add(`${path}.value`, 'MISSING_VALUE', 'value is required');
          else checkValue(n.value, `${path}.value`);
        } else if (n.op === 'in' || n.op === 'not_in') {
          if (!Array.isArray(n.values) || !n.values.length)
            add(`${path}.values`, 'MISSING_VALUE', 'values are required');
          else n.values.forEach((v, i) => checkValue(v, `${path}.values[${i}]`));
        } else if (n.op === 'between') {
          if (n.min === undefined || n.max === undefined) add(path, 'MISSING_VALUE', 'min and max are required');
          else {
            checkValue(n.min, `${path}.min`);
            checkValue(n.max, `${path}.max`);
            if (n.min > n.max) add(path, 'BAD_RANGE', 'min is above max');
          }
        }
        return;
      }
      case 'rule':
        conditions++;
        if (!rules.has(n.rule)) add(`${path}.rule`, 'UNKNOWN_RULE', `unknown rule "${n.rule}"`);
        return;
      case 'model': {
        conditions++;
        if (!models.has(n.model)) add(`${path}.model`, 'UNKNOWN_MODEL', `unknown model "${n.model}"`);
        const set = ['score', 'decile', 'top_percent', 'bottom_percent', 'level'].filter(
          (k) => (n as unknown as Record<string, unknown>)[k] !== undefined,
        );
        if (set.length !== 1)
          add(path, 'MODEL_SELECTOR', 'exactly one of score, decile, top_percent, bottom_percent, level');
        if (n.score && !thresholdOk(n.score)) add(`${path}.score`, 'BAD_THRESHOLD', 'bad score threshold');
        if (n.decile && !thresholdOk(n.decile)) add(`${path}.decile`, 'BAD_THRESHOLD', 'bad decile threshold');
        for (const k of ['top_percent', 'bottom_percent'] as const) {
          const v = n[k];
          if (v !== undefined && !(typeof v === 'number' && v > 0 && v <= 100))
            add(`${path}.${k}`, 'BAD_PERCENT', 'percent must be in (0, 100]');
        }
        return;
      }
      case 'birthday':
        conditions++;
        if (!['today', 'this_month', 'next_month', 'next_days'].includes(n.when))
          add(`${path}.when`, 'BAD_BIRTHDAY', 'bad birthday');
        if (n.when === 'next_days' && !(typeof n.days === 'number' && n.days >= 0 && n.days <= 366))
          add(`${path}.days`, 'BAD_BIRTHDAY', 'days must be 0-366');
        return;
      case 'purchase':
        conditions++;
        if (n.item) item(n.item, `${path}.item`);
        if (n.window && !windowOk(n.window)) add(`${path}.window`, 'BAD_WINDOW', 'bad window');
        if (n.threshold && !thresholdOk(n.threshold)) add(`${path}.threshold`, 'BAD_THRESHOLD', 'bad threshold');
        if (n.measure && !['orders', 'spend', 'avg_order_value', 'quantity'].includes(n.measure))
          add(`${path}.measure`, 'BAD_MEASURE', 'bad measure');
        return;
      case 'event':
        conditions++;
        if (!Array.isArray(n.event_type) || !n.event_type.length)
          add(`${path}.event_type`, 'EMPTY_LIST', 'event_type is empty');
        else
          n.event_type.forEach((e, i) => {
            if (!events.has(e)) add(`${path}.event_type[${i}]`, 'UNKNOWN_EVENT', `unknown event type "${e}"`);
          });
        if (n.item) {
          item(n.item, `${path}.item`);
          if (n.event_type?.some((e) => events.get(e) && !events.get(e)!.about_product))
            add(`${path}.item`, 'ITEM_ON_NON_PRODUCT_EVENT', 'these events are not about products');
        }
        if (n.window && !windowOk(n.window)) add(`${path}.window`, 'BAD_WINDOW', 'bad window');
        if (n.threshold && !thresholdOk(n.threshold)) add(`${path}.threshold`, 'BAD_THRESHOLD', 'bad threshold');
        return;
      default:
        add(path, 'UNKNOWN_KIND', `unknown node kind "${(n as { kind?: unknown }).kind}"`);
    }
  };
  if (!seg.where) add('where', 'MISSING_WHERE', 'where is required');
  else walk(seg.where, 'where', 1);
  if (conditions > MAX_CONDITIONS) add('where', 'TOO_MANY_CONDITIONS', 'too many conditions');
  if (problems.length) return { ok: false, problems };
  return { ok: true, segment: seg, warnings: [] };
}

// ---------------------------------------------------------------------------- local explainer

function thresholdText(t: Threshold, money: boolean): string {
  const f = (v: number) => (money ? `$${v.toLocaleString('en-US')}` : String(v));
  switch (t.op) {
    case 'gt':
      return `more than ${f(t.value)}`;
    case 'gte':
      return `at least ${f(t.value)}`;
    case 'lt':
      return `less than ${f(t.value)}`;
    case 'lte':
      return `at most ${f(t.value)}`;
    case 'eq':
      return `exactly ${f(t.value)}`;
    case 'neq':
      return `other than ${f(t.value)}`;
    case 'between':
      return `between ${f(t.min)} and ${f(t.max)}`;
  }
}

function itemText(it: ItemFilter | undefined): string {
  if (!it) return 'anything';
  const parts: string[] = [];
  if (it.organic) parts.push('organic');
  if (it.private_label) parts.push('store-brand');
  if (it.brand?.length) parts.push(it.brand.join(' or '));
  if (it.category?.length) parts.push(it.category.join(' or '));
  if (it.department?.length) parts.push(`${it.department.join(' or ')} products`);
  if (it.product_id?.length) parts.push(`product ${it.product_id.join(', ')}`);
  return parts.join(' ') || 'anything';
}

export function localExplain(segment: Segment, catalog: Catalog): Explanation {
  const phrases: { path: string; text: string }[] = [];
  const facet = (n: string) => catalog.facets.find((f) => f.name === n);
  const valueLabel = (f: string, v: unknown) => facet(f)?.values?.find((x) => x.value === v)?.label ?? String(v);
  const walk = (n: SegmentNode, path: string): string => {
    let t: string;
    switch (n.kind) {
      case 'and':
        return n.children.map((c, i) => walk(c, `${path}.children[${i}]`)).join(' and ');
      case 'or':
        return `(${n.children.map((c, i) => walk(c, `${path}.children[${i}]`)).join(' or ')})`;
      case 'not':
        return `not ${walk(n.child, `${path}.child`)}`;
      case 'attribute': {
        const label = facet(n.facet)?.label ?? n.facet;
        if (n.op === 'eq') t = `${label} is ${valueLabel(n.facet, n.value)}`;
        else if (n.op === 'neq') t = `${label} is not ${valueLabel(n.facet, n.value)}`;
        else if (n.op === 'in') t = `${label} is ${n.values!.map((v) => valueLabel(n.facet, v)).join(' or ')}`;
        else if (n.op === 'not_in') t = `${label} is not ${n.values!.map((v) => valueLabel(n.facet, v)).join(' or ')}`;
        else if (n.op === 'between') t = `${label} between ${n.min} and ${n.max}`;
        else if (n.op === 'is_known') t = `${label} is known`;
        else if (n.op === 'is_unknown') t = `${label} is unknown`;
        else t = `${label} ${thresholdText({ op: n.op, value: n.value as number } as Threshold, false)}`;
        break;
      }
      case 'rule':
        t = catalog.rules.find((r) => r.id === n.rule)?.label ?? n.rule;
        break;
      case 'model': {
        const label = catalog.models.find((m) => m.name === n.model)?.label ?? n.model;
        if (n.level) t = `${n.level} ${label}`;
        else if (n.top_percent !== undefined) t = `top ${n.top_percent}% by ${label}`;
        else if (n.bottom_percent !== undefined) t = `bottom ${n.bottom_percent}% by ${label}`;
        else if (n.decile) t = `${label} decile ${thresholdText(n.decile, false)}`;
        else t = `${label} ${thresholdText(n.score!, false)}`;
        break;
      }
      case 'birthday':
        t = n.when === 'next_days' ? `birthday in the next ${n.days} days` : `birthday ${n.when.replace('_', ' ')}`;
        break;
      case 'purchase': {
        const verb = n.order?.status === 'returned' ? 'returned' : 'bought';
        const what = itemText(n.item);
        const how: string[] = [];
        if (n.order?.channel) how.push(`via ${n.order.channel.join('/')}`);
        if (n.order?.fulfillment) how.push(`with ${n.order.fulfillment.join('/')}`);
        if (n.order?.coupon_used !== undefined) how.push(n.order.coupon_used ? 'with a coupon' : 'without a coupon');
        if (n.order?.payment_method) how.push(`paying by ${n.order.payment_method.join('/')}`);
        const measure = n.measure ?? 'orders';
        let q = '';
        if (n.threshold) {
          if (measure === 'spend') q = ` spending ${thresholdText(n.threshold, true)}`;
          else if (measure === 'avg_order_value')
            q = ` with an average order value of ${thresholdText(n.threshold, true)}`;
          else if (measure === 'quantity') q = ` ${thresholdText(n.threshold, false)} units`;
          else q = ` ${thresholdText(n.threshold, false)} times`;
        }
        t = `${verb} ${what}${how.length ? ` ${how.join(' ')}` : ''}${q}${n.window ? ` ${describeWindow(n.window)}` : ''}`;
        break;
      }
      case 'event': {
        const labels = n.event_type.map((e) => catalog.event_types.find((x) => x.name === e)?.label ?? e);
        t = `${labels.join(' or ')}${n.item ? ` (${itemText(n.item)})` : ''}${n.threshold ? ` ${thresholdText(n.threshold, false)} times` : ''}${n.window ? ` ${describeWindow(n.window)}` : ''}`;
        break;
      }
      default:
        t = 'unknown condition';
    }
    phrases.push({ path, text: t });
    return t;
  };
  const text = `Customers: ${walk(segment.where, 'where')}`;
  return { text, phrases };
}
