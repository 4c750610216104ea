import type { ItemFilter, OrderFilter, Segment, SegmentNode, Threshold, Window } from '@smartseg/segment-engine';

/**
 * A segment's leaves as comparable signatures {key, op, value}, for operator and value
 * accuracy against a gold segment. Keys name what is constrained (a facet, an item or order
 * field, a measure, a window, a model, a rule); `op` carries the polarity (a leaf under an
 * odd number of NOTs gets "not ").
 */
export interface Signature {
  key: string;
  op: string;
  value: string;
}

const norm = (v: unknown): string => {
  if (Array.isArray(v)) return JSON.stringify(v.map((x) => String(x).toLowerCase()).sort());
  if (v === undefined) return '';
  return JSON.stringify(String(v).toLowerCase());
};

function thresholdSig(key: string, t: Threshold | undefined, neg: string, fallback: Threshold): Signature {
  const th = t ?? fallback;
  return th.op === 'between'
    ? { key, op: `${neg}between`, value: norm([th.min, th.max]) }
    : { key, op: `${neg}${th.op}`, value: norm(th.value) };
}

function windowSig(key: string, w: Window | undefined, neg: string): Signature[] {
  if (!w) return [];
  const { type, ...rest } = w;
  return [{ key, op: `${neg}${type}`, value: JSON.stringify(rest) }];
}

function itemSigs(prefix: string, item: ItemFilter | undefined, neg: string): Signature[] {
  if (!item) return [];
  return Object.entries(item).map(([field, v]) => ({
    key: `${prefix}.${field}`,
    op: `${neg}${Array.isArray(v) ? (v.length === 1 ? 'eq' : 'in') : 'eq'}`,
    value: norm(v),
  }));
}

function orderSigs(order: OrderFilter | undefined, neg: string): Signature[] {
  if (!order) return [];
  return Object.entries(order).map(([field, v]) => ({
    key: `order.${field}`,
    op: `${neg}${Array.isArray(v) ? (v.length === 1 ? 'eq' : 'in') : 'eq'}`,
    value: norm(v),
  }));
}

export function segmentSignatures(segment: Segment): Signature[] {
  const out: Signature[] = [];
  const visit = (node: SegmentNode, negated: boolean): void => {
    const neg = negated ? 'not ' : '';
    switch (node.kind) {
      case 'and':
      case 'or':
        node.children.forEach((c) => visit(c, negated));
        return;
      case 'not':
        visit(node.child, !negated);
        return;
      case 'attribute': {
        let op: string = node.op;
        let value: unknown = node.op === 'between' ? [node.min, node.max] : (node.values ?? node.value);
        if ((op === 'in' || op === 'not_in') && node.values?.length === 1) {
          op = op === 'in' ? 'eq' : 'neq';
          value = node.values[0];
        }
        if (negated && (op === 'eq' || op === 'neq')) op = op === 'eq' ? 'neq' : 'eq';
        else op = `${neg}${op}`;
        out.push({ key: node.facet, op, value: norm(value) });
        return;
      }
      case 'purchase': {
        const measure = node.measure ?? 'orders';
        out.push(thresholdSig(`purchase.${measure}`, node.threshold, neg, { op: 'gte', value: 1 }));
        out.push(...windowSig('purchase.window', node.window, neg));
        out.push(...itemSigs('purchase.item', node.item, neg));
        out.push(...orderSigs(node.order, neg));
        return;
      }
      case 'event':
        out.push({ key: 'event.type', op: `${neg}in`, value: norm(node.event_type) });
        out.push(thresholdSig('event.count', node.threshold, neg, { op: 'gte', value: 1 }));
        out.push(...windowSig('event.window', node.window, neg));
        out.push(...itemSigs('event.item', node.item, neg));
        return;
      case 'model': {
        const which = (['score', 'decile', 'top_percent', 'bottom_percent', 'level'] as const).find(
          (k) => node[k] !== undefined,
        );
        const v = which ? node[which] : undefined;
        out.push({ key: `model.${node.model}`, op: `${neg}${which ?? '?'}`, value: JSON.stringify(v ?? null) });
        return;
      }
      case 'birthday':
        out.push({ key: 'birthday', op: `${neg}${node.when}`, value: norm(node.days) });
        return;
      case 'rule':
        out.push({ key: `rule.${node.rule}`, op: `${neg}eq`, value: norm(true) });
        return;
    }
  };
  visit(segment.where, false);
  return out;
}

/** Operator and value hits of a prediction against a gold segment, over the gold's leaves. */
export function compareSignatures(pred: Signature[], gold: Signature[]): { op: number; value: number; total: number } {
  let op = 0;
  let value = 0;
  const pool = [...pred];
  for (const g of gold) {
    const candidates = pool.filter((p) => p.key === g.key);
    if (candidates.length === 0) continue;
    const best = candidates.find((p) => p.op === g.op && p.value === g.value) ?? candidates.find((p) => p.op === g.op) ?? candidates[0]!;
    pool.splice(pool.indexOf(best), 1);
    if (best.op === g.op) op += 1;
    if (best.value === g.value) value += 1;
  }
  return { op, value, total: gold.length };
}
