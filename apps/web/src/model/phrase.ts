import type { Catalog, Scalar, SegmentNode, Threshold, TimeUnit, Window } from './types';

/**
 * A short phrase for a condition, used only when the API's own phrase (the waterfall labels,
 * made by the segment explainer) is not available. Follows the explainer's style loosely.
 */
export function phraseOf(node: SegmentNode, catalog: Catalog | undefined, negated = false): string {
  switch (node.kind) {
    case 'not':
      return phraseOf(node.child, catalog, !negated);
    case 'and':
    case 'or': {
      const parts = node.children.map((c) => phraseOf(c, catalog, negated));
      const conj = (node.kind === 'and') !== negated ? 'and' : 'or';
      return joinWords(parts, conj);
    }
    case 'attribute': {
      const facet = catalog?.facets.find((f) => f.name === node.facet);
      const label = facet?.label ?? node.facet.replace(/_/g, ' ');
      const v = (x: Scalar | undefined) => valueLabel(catalog, node.facet, x);
      const not = negated ? 'not ' : '';
      switch (node.op) {
        case 'eq':
          return `${lower(label)} is ${not}${v(node.value)}`;
        case 'neq':
          return `${lower(label)} is ${negated ? '' : 'not '}${v(node.value)}`;
        case 'in':
          return `${lower(label)} is ${not}${joinWords((node.values ?? []).map(v), 'or')}`;
        case 'not_in':
          return `${lower(label)} is ${negated ? '' : 'not '}${joinWords((node.values ?? []).map(v), 'or')}`;
        case 'between':
          return `${lower(label)} is ${not}${node.min} to ${node.max}${facet?.unit ? ` ${facet.unit}` : ''}`;
        case 'gt':
          return `${lower(label)} is ${not}over ${node.value}`;
        case 'gte':
          return `${lower(label)} is ${not}at least ${node.value}`;
        case 'lt':
          return `${lower(label)} is ${not}under ${node.value}`;
        case 'lte':
          return `${lower(label)} is ${not}at most ${node.value}`;
        case 'is_known':
          return `${lower(label)} is ${negated ? 'unknown' : 'known'}`;
        case 'is_unknown':
          return `${lower(label)} is ${negated ? 'known' : 'unknown'}`;
      }
      return lower(label);
    }
    case 'purchase': {
      const what = [...(node.item?.department ?? []), ...(node.item?.category ?? []), ...(node.item?.brand ?? [])];
      const verb = node.order?.coupon_used
        ? 'used a coupon'
        : what.length
          ? `bought ${joinWords(what, 'or')}`
          : 'bought';
      const measure =
        node.measure === 'spend' && node.threshold ? `spent ${thresholdText(node.threshold, true)}` : undefined;
      const base = measure ?? verb;
      const text = `${base}${node.window ? ` ${windowText(node.window)}` : ''}`;
      return negated
        ? `did not ${text
            .replace(/^bought/, 'buy')
            .replace(/^used/, 'use')
            .replace(/^spent/, 'spend')}`
        : text;
    }
    case 'event': {
      const labels = node.event_type.map((t) => catalog?.event_types.find((e) => e.name === t)?.label ?? t);
      const text = `${joinWords(labels, 'or')}${node.window ? ` ${windowText(node.window)}` : ''}`;
      return negated ? `did not: ${text}` : text;
    }
    case 'model': {
      const label = catalog?.models.find((m) => m.name === node.model)?.label ?? node.model.replace(/_/g, ' ');
      const how =
        node.top_percent !== undefined
          ? `in the top ${node.top_percent}%`
          : node.bottom_percent !== undefined
            ? `in the bottom ${node.bottom_percent}%`
            : node.level
              ? `${node.level}`
              : node.decile
                ? `decile ${thresholdText(node.decile, false)}`
                : node.score
                  ? `score ${thresholdText(node.score, false)}`
                  : '';
      return `${negated ? 'not ' : ''}${how} by ${label}`.trim();
    }
    case 'birthday': {
      const when = node.when === 'next_days' ? `in the next ${node.days ?? 7} days` : node.when.replace(/_/g, ' ');
      return `${negated ? 'no ' : ''}birthday ${when}`;
    }
    case 'rule': {
      const label = catalog?.rules.find((r) => r.id === node.rule)?.label ?? node.rule.replace(/_/g, ' ');
      return `${negated ? 'are not ' : 'are '}${label}`;
    }
  }
}

export function valueLabel(catalog: Catalog | undefined, facet: string, value: Scalar | undefined): string {
  if (value === undefined) return '';
  const f = catalog?.facets.find((x) => x.name === facet);
  const v = f?.values?.find((x) => String(x.value) === String(value));
  if (v?.label) return v.label;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

const UNIT_WORDS: Record<TimeUnit, [string, string]> = {
  day: ['day', 'days'],
  week: ['week', 'weeks'],
  month: ['month', 'months'],
  year: ['year', 'years'],
};

export function windowText(w: Window): string {
  switch (w.type) {
    case 'last':
      return `in the last ${w.n === 1 ? '' : `${w.n} `}${UNIT_WORDS[w.unit][w.n === 1 ? 0 : 1]}`;
    case 'older_than':
      return `more than ${w.n} ${UNIT_WORDS[w.unit][w.n === 1 ? 0 : 1]} ago`;
    case 'this':
      return `this ${w.unit}`;
    case 'year':
      return `in ${w.year}`;
    case 'month':
      return `in ${w.year}-${String(w.month).padStart(2, '0')}`;
    case 'before':
      return `before ${w.date}`;
    case 'since':
      return `since ${w.date}`;
    case 'between':
      return `from ${w.from} to ${w.to}`;
  }
}

function thresholdText(t: Threshold, money: boolean): string {
  const f = (n: number) => (money ? `$${n.toLocaleString('en-US')}` : String(n));
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
      return `${f(t.min)} to ${f(t.max)}`;
  }
}

export function joinWords(items: string[], conj: 'and' | 'or'): string {
  if (items.length <= 1) return items[0] ?? '';
  if (items.length === 2) return `${items[0]} ${conj} ${items[1]}`;
  return `${items.slice(0, -1).join(', ')}, ${conj} ${items[items.length - 1]}`;
}

function lower(s: string): string {
  return s.length > 1 && s[1] === s[1]!.toLowerCase() ? s[0]!.toLowerCase() + s.slice(1) : s;
}
