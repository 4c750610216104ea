import type { Catalog, SegmentNode, Window } from './types';

/** A stretch of a request's text: [start, end). */
export interface Range {
  start: number;
  end: number;
}

const NEGATIONS =
  /\b(never|not|no|without|didn't|did not|haven't|have not|hasn't|has not|exclude|excluding|except)\b/gi;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every case-insensitive whole-word occurrence of each term in text. */
function find(text: string, terms: Iterable<string>): Range[] {
  const out: Range[] = [];
  const seen = new Set<string>();
  for (const raw of terms) {
    const term = raw.trim().toLowerCase();
    if (term.length < 2 || seen.has(term)) continue;
    seen.add(term);
    // "baby" also matches "babies"/"baby's"; plural s/es on the last word.
    const re = new RegExp(`(?<![\\w])${escape(term).replace(/\\ /g, '\\s+')}(?:s|es|'s)?(?![\\w])`, 'gi');
    for (let m = re.exec(text); m; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

function windowTerms(w: Window | undefined): RegExp[] {
  if (!w) return [];
  switch (w.type) {
    case 'last':
    case 'older_than':
      return [
        new RegExp(
          `\\b(?:last|past|previous|within(?: the)?(?: last| past)?)\\s+(?:${w.n}\\s+|${numberWord(w.n)}\\s+)?${w.unit}s?\\b`,
          'gi',
        ),
        new RegExp(`\\b(?:more than |over )?${w.n}\\s+${w.unit}s?(?: ago)?\\b`, 'gi'),
        ...(w.unit === 'month' && w.n === 12 ? [/\b(?:last|past) year\b/gi] : []),
        ...(w.unit === 'month' && w.n === 3 ? [/\b(?:last|past) quarter\b/gi] : []),
      ];
    case 'this':
      return [new RegExp(`\\bthis ${w.unit}\\b`, 'gi')];
    case 'year':
      return [new RegExp(`\\b${w.year}\\b`, 'g')];
    case 'month':
      return [new RegExp(`\\b${w.year}\\b`, 'g')];
    case 'before':
    case 'since':
      return [new RegExp(`\\b(?:before|since|after)\\b[^,.;]{0,24}`, 'gi')];
    case 'between':
      return [];
  }
}

function numberWord(n: number): string {
  return (
    ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'][n] ??
    String(n)
  );
}

function matchAll(text: string, res: RegExp[]): Range[] {
  const out: Range[] = [];
  for (const re of res) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      out.push({ start: m.index, end: m.index + m[0].length });
      if (!re.global) break;
    }
  }
  return out;
}

/** Words a condition is usually said with, from the catalog (labels, values, synonyms). */
interface Terms {
  words: string[];
  patterns: RegExp[];
  /** Verbs that belong to the condition only next to one of its specific words ("bought" Baby). */
  verbs: string[];
}

const PURCHASE_VERBS = ['bought', 'purchased', 'ordered', 'buy', 'shopped'];

function termsOf(node: SegmentNode, catalog: Catalog | undefined): Terms {
  const words: string[] = [];
  const patterns: RegExp[] = [];
  const verbs: string[] = [];
  const add = (...w: (string | undefined)[]) => {
    for (const x of w) if (x) words.push(x);
  };
  switch (node.kind) {
    case 'not':
    case 'and':
    case 'or': {
      const kids = node.kind === 'not' ? [node.child] : node.children;
      for (const k of kids) {
        const t = termsOf(k, catalog);
        words.push(...t.words);
        patterns.push(...t.patterns);
        verbs.push(...t.verbs);
      }
      break;
    }
    case 'attribute': {
      const facet = catalog?.facets.find((f) => f.name === node.facet);
      const values = [...(node.value !== undefined ? [node.value] : []), ...(node.values ?? [])];
      for (const v of values) {
        const fv = facet?.values?.find((x) => String(x.value) === String(v));
        if (typeof v !== 'boolean') add(String(v));
        add(fv?.label, ...(fv?.synonyms ?? []));
      }
      if (node.op === 'between' && node.min !== undefined && node.max !== undefined)
        patterns.push(
          new RegExp(`\\b${escape(String(node.min))}\\s*(?:-|–|to|and)\\s*${escape(String(node.max))}\\b`, 'gi'),
        );
      if (['gt', 'gte', 'lt', 'lte'].includes(node.op) && node.value !== undefined)
        patterns.push(
          new RegExp(
            `\\b(?:over|above|under|below|at least|at most|more than|less than|older than|younger than)?\\s*${escape(String(node.value))}\\b(?:\\s*(?:\\+|years? old|and (?:over|up|older|under)))?`,
            'gi',
          ),
        );
      // A boolean facet or a number facet is said with the facet's own words ("with kids", "age").
      if (facet && (facet.type === 'boolean' || values.length === 0 || facet.type === 'number'))
        add(...(facet.synonyms ?? []));
      break;
    }
    case 'purchase': {
      for (const d of node.item?.department ?? []) {
        const def = catalog?.departments.find((x) => x.name === d);
        add(d, ...(def?.synonyms ?? []));
      }
      for (const c of node.item?.category ?? []) add(c);
      for (const b of node.item?.brand ?? []) {
        const def = catalog?.brands.find((x) => x.name === b);
        add(b, ...(def?.synonyms ?? []));
      }
      if (node.item?.organic) add('organic');
      if (node.item?.private_label) add('private label', 'store brand');
      if (node.order?.coupon_used !== undefined) add('coupon', 'coupons', 'discount');
      for (const ch of node.order?.channel ?? [])
        add(ch === 'web' ? 'online' : ch === 'store' ? 'in store' : 'in the app');
      if (node.order?.status === 'returned') add('returned', 'return');
      if (node.measure === 'spend') patterns.push(/\b(?:spent|spend|spending)\b[^,.;]{0,30}/gi);
      if (node.threshold && node.threshold.op !== 'between' && !node.measure)
        patterns.push(
          new RegExp(`\\b${node.threshold.value}\\+?\\s*(?:or more\\s*)?(?:orders?|purchases?|times)\\b`, 'gi'),
        );
      verbs.push(...PURCHASE_VERBS);
      patterns.push(...windowTerms(node.window));
      break;
    }
    case 'event': {
      for (const t of node.event_type) {
        const def = catalog?.event_types.find((e) => e.name === t);
        add(def?.label, ...(def?.synonyms ?? []));
      }
      patterns.push(...windowTerms(node.window));
      break;
    }
    case 'model': {
      const def = catalog?.models.find((m) => m.name === node.model);
      add(def?.label, ...(def?.synonyms ?? []));
      if (node.top_percent !== undefined) patterns.push(new RegExp(`\\btop\\s+${node.top_percent}\\s*%`, 'gi'));
      if (node.bottom_percent !== undefined)
        patterns.push(new RegExp(`\\bbottom\\s+${node.bottom_percent}\\s*%`, 'gi'));
      break;
    }
    case 'birthday':
      add('birthday', 'birthdays', 'born');
      break;
    case 'rule': {
      const def = catalog?.rules.find((r) => r.id === node.rule);
      add(def?.label, ...(def?.synonyms ?? []));
      break;
    }
  }
  return { words, patterns, verbs };
}

/** Sorted, merged ranges (overlapping or touching through spaces are joined). */
export function mergeRanges(ranges: Range[], text: string): Range[] {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && (r.start <= last.end || /^\s+$/.test(text.slice(last.end, r.start))))
      last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/**
 * Where a condition probably came from in a request, when the API gives no spans: the
 * catalog's words for it (value labels and synonyms, department names, rule synonyms, windows),
 * plus a negation word just before them for a negated condition.
 */
export function guessRanges(text: string, node: SegmentNode, catalog: Catalog | undefined): Range[] {
  const { words, patterns, verbs } = termsOf(node, catalog);
  const specific = find(text, words);
  const extra = matchAll(text, patterns);
  let ranges = [...specific, ...extra];
  if (ranges.length === 0) return [];
  // A verb counts only just before one of the condition's own words ("bought baby products").
  ranges.push(...find(text, verbs).filter((v) => ranges.some((r) => r.start >= v.end && r.start - v.end <= 24)));
  if (node.kind === 'not' || (node.kind === 'attribute' && (node.op === 'neq' || node.op === 'not_in'))) {
    const first = Math.min(...ranges.map((r) => r.start));
    NEGATIONS.lastIndex = 0;
    for (let m = NEGATIONS.exec(text); m; m = NEGATIONS.exec(text)) {
      if (m.index < first && first - (m.index + m[0].length) <= 20)
        ranges.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  ranges = mergeRanges(ranges, text);
  return ranges;
}
