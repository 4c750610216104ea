import type { Catalog, ItemFilter, Segment, SegmentNode } from '@smartseg/segment-engine';

/**
 * The concepts a segment uses, in the eval set's vocabulary (evals/README.md): facet names,
 * behaviour concepts (purchase, spend, order_count, department, channel, coupon, returns,
 * ...), event types, model names and business-rule ids.
 */
export function segmentConcepts(segment: Segment): string[] {
  const out = new Set<string>();
  const addItemConcepts = (item: ItemFilter | undefined): void => {
    if (!item) return;
    if (item.department?.length) out.add('department');
    if (item.category?.length) out.add('category');
    if (item.brand?.length) out.add('brand');
    if (item.private_label !== undefined) out.add('private_label');
    if (item.organic !== undefined) out.add('organic');
  };
  const visit = (node: SegmentNode): void => {
    switch (node.kind) {
      case 'and':
      case 'or':
        node.children.forEach(visit);
        return;
      case 'not':
        visit(node.child);
        return;
      case 'attribute':
        out.add(node.facet);
        return;
      case 'purchase': {
        const measure = node.measure ?? 'orders';
        if (measure === 'spend') out.add('spend');
        else if (measure === 'avg_order_value') out.add('avg_order_value');
        else if (measure === 'orders' && node.threshold && !(node.threshold.op === 'gte' && 'value' in node.threshold && node.threshold.value === 1)) {
          out.add('order_count');
        } else out.add('purchase');
        addItemConcepts(node.item);
        const order = node.order ?? {};
        if (order.channel?.length) out.add('channel');
        if (order.fulfillment?.length) out.add('fulfillment');
        if (order.coupon_used !== undefined) out.add('coupon');
        if (order.status === 'returned') out.add('returns');
        if (order.payment_method?.length) out.add('payment_method');
        return;
      }
      case 'event':
        node.event_type.forEach((e) => out.add(e));
        addItemConcepts(node.item);
        return;
      case 'model':
        out.add(node.model);
        return;
      case 'birthday':
        out.add('birth_month');
        return;
      case 'rule':
        out.add(node.rule);
        return;
    }
  };
  visit(segment.where);
  return [...out].sort();
}

/** Concepts that name nothing in the catalog (a hallucinated facet, event, model or rule). */
export function unknownConcepts(segment: Segment, catalog: Catalog): string[] {
  const known = new Set<string>([
    ...catalog.facets.map((f) => f.name),
    ...catalog.event_types.map((e) => e.name),
    ...catalog.models.map((m) => m.name),
    ...catalog.rules.map((r) => r.id),
    'purchase', 'spend', 'order_count', 'avg_order_value', 'department', 'category', 'brand',
    'private_label', 'organic', 'channel', 'fulfillment', 'coupon', 'returns', 'payment_method', 'birth_month',
  ]);
  return segmentConcepts(segment).filter((c) => !known.has(c));
}
