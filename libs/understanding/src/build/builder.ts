import type {
  AttributeCondition,
  EventCondition,
  ItemFilter,
  PurchaseCondition,
  Segment,
  SegmentNode,
  Window,
} from '@smartseg/segment-engine';
import { SEGMENT_VERSION } from '@smartseg/segment-engine';
import type { Lexicon } from '../lexicon/lexicon';
import type { Atom, BehaviourAtom, LF, Span } from '../parse/atoms';
import type { ResolvedOption } from '../clarify/clarifications';
import { describeWindow } from '../time/time';

/**
 * Stage 5, build: the parsed logical form becomes the typed segment (model v1). Behaviours
 * become purchase or event conditions, alternatives of one facet become `in` lists,
 * negations of simple conditions become `neq` / `not_in`, and each condition keeps the
 * spans of words it came from and a confidence.
 */

export interface NodeMeta {
  spans: Span[];
  conf: number;
}

export interface Choice {
  /** Ambiguity id -> chosen option index. */
  picks: Map<string, number>;
}

/** A point where the request has several readings. */
export interface AmbiguityPoint {
  key: string;
  term: string;
  question: string;
  options: { label: string }[];
}

export interface BuildContext {
  lexicon: Lexicon;
  text: string;
  /** Options of term-level ambiguities by clarification id. */
  clarifications: Map<string, { question: string; options: ResolvedOption[] }>;
  /** Event ambiguity: "opened" -> email / push / app. */
  eventChoices?: { term: string; events: string[]; beh: BehaviourAtom };
}

export interface BuildResult {
  segment: Segment;
  meta: Map<SegmentNode, NodeMeta>;
  ambiguities: AmbiguityPoint[];
  /** Atoms that could not become a condition (a term with no usable reading). */
  failed: Atom[];
}

const objKey = (o: unknown) => JSON.stringify(o);

export class SegmentBuilder {
  private meta = new Map<SegmentNode, NodeMeta>();
  private ambiguities = new Map<string, AmbiguityPoint>();
  private failed: Atom[] = [];

  constructor(private readonly ctx: BuildContext) {}

  build(lf: LF, choice: Choice = { picks: new Map() }): BuildResult {
    this.meta = new Map();
    this.ambiguities = new Map();
    this.failed = [];
    const raw = this.node(lf, choice);
    const where = raw ? this.simplify(raw) : { kind: 'and' as const, children: [] };
    const segment: Segment = { version: SEGMENT_VERSION, where };
    const description = this.ctx.text.trim().slice(0, 1000);
    if (description) segment.description = description;
    return { segment, meta: this.meta, ambiguities: [...this.ambiguities.values()], failed: this.failed };
  }

  private tag<T extends SegmentNode>(node: T, spans: Span[], conf: number): T {
    this.meta.set(node, { spans: [...spans], conf });
    return node;
  }

  private node(lf: LF, choice: Choice): SegmentNode | undefined {
    if (lf.op === 'atom') return this.atom(lf.atom, choice);
    if (lf.op === 'not') {
      const child = this.node(lf.child, choice);
      if (!child) return undefined;
      const n: SegmentNode = { kind: 'not', child };
      const m = this.meta.get(child);
      if (m) this.meta.set(n, { spans: m.spans, conf: m.conf });
      return n;
    }
    const children = lf.children.map((c) => this.node(c, choice)).filter((c): c is SegmentNode => !!c);
    if (!children.length) return undefined;
    if (children.length === 1) return children[0];
    return { kind: lf.op, children };
  }

  private atom(a: Atom, choice: Choice): SegmentNode | undefined {
    const conf = a.conf;
    let n: SegmentNode | undefined;
    switch (a.k) {
      case 'attr': {
        const c: AttributeCondition = { kind: 'attribute', facet: a.facet, op: a.op };
        if (a.value !== undefined) c.value = a.value;
        if (a.values !== undefined) c.values = [...a.values];
        if (a.min !== undefined) c.min = a.min;
        if (a.max !== undefined) c.max = a.max;
        n = this.tag(c, a.spans, conf);
        break;
      }
      case 'rule':
        n = this.tag({ kind: 'rule', rule: a.rule }, a.spans, conf);
        break;
      case 'model': {
        const c: SegmentNode = { kind: 'model', model: a.model };
        if (a.score) c.score = a.score;
        else if (a.decile) c.decile = a.decile;
        else if (a.top_percent !== undefined) c.top_percent = a.top_percent;
        else if (a.bottom_percent !== undefined) c.bottom_percent = a.bottom_percent;
        else c.level = a.level ?? 'high';
        n = this.tag(c, a.spans, conf);
        break;
      }
      case 'bday': {
        const c: SegmentNode = { kind: 'birthday', when: a.when };
        if (a.when === 'next_days') c.days = a.days ?? 7;
        n = this.tag(c, a.spans, conf);
        break;
      }
      case 'node':
        n = this.tag(JSON.parse(JSON.stringify(a.node)) as SegmentNode, a.spans, conf);
        break;
      case 'amb': {
        const cl = a.options
          ? { question: a.question ?? `Which "${a.term}" do you mean?`, options: a.options }
          : this.ctx.clarifications.get(a.id);
        if (!cl || !cl.options.length) {
          this.failed.push(a);
          return undefined;
        }
        const key = `amb:${a.id}`;
        if (cl.options.length > 1 && !this.ambiguities.has(key)) {
          this.ambiguities.set(key, {
            key,
            term: a.term,
            question: cl.question,
            options: cl.options.map((o) => ({ label: o.label })),
          });
        }
        const pick = Math.min(choice.picks.get(key) ?? 0, cl.options.length - 1);
        let node = JSON.parse(JSON.stringify(cl.options[pick]!.node)) as SegmentNode;
        if (a.absorb) {
          // the items said with the term go into a purchase reading, or stand beside the others
          const extra = this.behaviour(a.absorb, choice);
          if (node.kind === 'purchase' && extra && extra.kind === 'purchase') {
            if (extra.item && !node.item) node.item = extra.item;
            if (extra.order) node.order = { ...extra.order, ...(node.order ?? {}) };
            if (extra.window && !node.window) node.window = extra.window;
          } else if (extra) node = { kind: 'and', children: [node, extra] };
        }
        n = this.tag(node, a.spans, cl.options.length > 1 ? 0.5 : 0.8);
        break;
      }
      case 'beh':
        n = this.behaviour(a, choice);
        break;
    }
    // negation lives in the logical form (atomLF), not here
    return n;
  }

  private behaviour(b: BehaviourAtom, choice: Choice): SegmentNode | undefined {
    let window: Window | undefined = b.window;
    if (b.windowAmb) {
      const key = `win:${b.windowAmb.id}`;
      if (!this.ambiguities.has(key)) {
        this.ambiguities.set(key, {
          key,
          term: b.windowAmb.term,
          question: `What does "${b.windowAmb.term}" cover?`,
          options: b.windowAmb.options.map((o) => ({ label: o.label })),
        });
      }
      const pick = Math.min(choice.picks.get(key) ?? 0, b.windowAmb.options.length - 1);
      window = b.windowAmb.options[pick]!.window;
    }
    const conf = b.windowAmb ? Math.min(b.conf, 0.6) : b.conf;
    if (b.verb === 'event') {
      let events = b.events;
      const ev = this.ctx.eventChoices;
      if (ev && ev.beh === b) {
        const key = 'event';
        if (!this.ambiguities.has(key)) {
          const label = (e: string) => this.ctx.lexicon.catalog.event_types.find((x) => x.name === e)?.label ?? e;
          this.ambiguities.set(key, {
            key,
            term: ev.term,
            question: `Which "${ev.term}" do you mean?`,
            options: ev.events.map((e) => ({ label: label(e) })),
          });
        }
        events = [ev.events[Math.min(choice.picks.get(key) ?? 0, ev.events.length - 1)]!];
      }
      if (!events.length) {
        this.failed.push(b);
        return undefined;
      }
      const c: EventCondition = { kind: 'event', event_type: [...events] };
      const item = cleanItem(b.item);
      if (item) c.item = item;
      if (window) c.window = window;
      if (b.threshold) c.threshold = b.threshold;
      return this.tag(c, b.spans, ev && ev.beh === b ? Math.min(conf, 0.5) : conf);
    }
    const c: PurchaseCondition = { kind: 'purchase' };
    const item = cleanItem(b.item);
    if (item) c.item = item;
    const order = { ...b.order };
    if (b.verb === 'return') order.status = 'returned';
    if (Object.keys(order).length) c.order = order;
    if (window) c.window = window;
    let measure = b.measure;
    if (!measure && b.verb === 'spend' && b.threshold) measure = 'spend';
    if (measure && measure !== 'orders') c.measure = measure;
    if (b.threshold) {
      c.threshold = b.threshold;
      if (measure === 'orders') c.measure = 'orders';
    }
    if (b.verb === 'spend' && !b.threshold) {
      // "spent money on toys": bought toys
    }
    if (c.measure === 'avg_order_value' && !c.threshold) {
      this.failed.push(b);
      return undefined;
    }
    if (c.measure === 'spend' && !c.threshold) delete c.measure;
    return this.tag(c, b.spans, conf);
  }

  // ---------------------------------------------------------------- simplify

  simplify(node: SegmentNode): SegmentNode {
    const m = this.meta.get(node);
    const keep = (n: SegmentNode, spans?: NodeMeta): SegmentNode => {
      if (spans) this.meta.set(n, spans);
      return n;
    };
    if (node.kind === 'not') {
      const child = this.simplify(node.child);
      const cm = this.meta.get(child);
      if (child.kind === 'not') return child.child;
      if (child.kind === 'attribute') {
        const f = this.ctx.lexicon.facets.get(child.facet);
        const ops = f?.operators ?? [];
        if (f?.type === 'boolean' && child.op === 'eq' && typeof child.value === 'boolean') {
          return keep({ ...child, value: !child.value }, cm);
        }
        if (child.op === 'eq' && ops.includes('neq')) return keep({ ...child, op: 'neq' }, cm);
        if (child.op === 'in' && ops.includes('not_in')) return keep({ ...child, op: 'not_in' }, cm);
      }
      return keep({ kind: 'not', child }, cm ?? m);
    }
    if (node.kind === 'and' || node.kind === 'or') {
      let kids: SegmentNode[] = [];
      for (const c of node.children) {
        const s = this.simplify(c);
        if (s.kind === node.kind) kids.push(...s.children);
        else kids.push(s);
      }
      kids = this.dedupe(kids);
      if (node.kind === 'or') kids = this.mergeOr(kids);
      else kids = this.mergeAnd(kids);
      if (kids.length === 1) return kids[0]!;
      const out: SegmentNode = { kind: node.kind, children: kids };
      return keep(out, m);
    }
    return node;
  }

  private dedupe(kids: SegmentNode[]): SegmentNode[] {
    const seen = new Map<string, SegmentNode>();
    const out: SegmentNode[] = [];
    for (const k of kids) {
      const key = objKey(k);
      const prev = seen.get(key);
      if (prev) {
        this.mergeMeta(prev, k);
        continue;
      }
      seen.set(key, k);
      out.push(k);
    }
    return out;
  }

  private mergeMeta(into: SegmentNode, from: SegmentNode): void {
    const a = this.meta.get(into);
    const b = this.meta.get(from);
    if (!b) return;
    if (!a) this.meta.set(into, { spans: [...b.spans], conf: b.conf });
    else this.meta.set(into, { spans: [...a.spans, ...b.spans], conf: Math.min(a.conf, b.conf) });
  }

  private mergeOr(kids: SegmentNode[]): SegmentNode[] {
    const out: SegmentNode[] = [];
    for (const k of kids) {
      const prevIdx = out.findIndex((p) => this.canMergeOr(p, k));
      if (prevIdx < 0) {
        out.push(k);
        continue;
      }
      const p = out[prevIdx]!;
      let merged: SegmentNode;
      if (p.kind === 'attribute' && k.kind === 'attribute') {
        const vals = [
          ...new Set([...(p.op === 'in' ? p.values! : [p.value!]), ...(k.op === 'in' ? k.values! : [k.value!])]),
        ];
        merged = { kind: 'attribute', facet: p.facet, op: 'in', values: vals };
      } else if (p.kind === 'event' && k.kind === 'event') {
        merged = { ...p, event_type: [...new Set([...p.event_type, ...k.event_type])] };
      } else if (p.kind === 'purchase' && k.kind === 'purchase') {
        const field = diffItemField(p.item!, k.item!)!;
        const item: ItemFilter = {
          ...p.item,
          [field]: [...new Set([...((p.item![field] as string[]) ?? []), ...((k.item![field] as string[]) ?? [])])],
        };
        merged = { ...p, item };
      } else merged = p;
      this.mergeMeta(merged, p);
      this.mergeMeta(merged, k);
      out[prevIdx] = merged;
    }
    return out;
  }

  private canMergeOr(a: SegmentNode, b: SegmentNode): boolean {
    if (a.kind === 'attribute' && b.kind === 'attribute') {
      if (a.facet !== b.facet) return false;
      const okA = a.op === 'eq' || a.op === 'in';
      const okB = b.op === 'eq' || b.op === 'in';
      const f = this.ctx.lexicon.facets.get(a.facet);
      return okA && okB && !!f && f.operators.includes('in') && f.type !== 'boolean';
    }
    if (a.kind === 'event' && b.kind === 'event') {
      const { event_type: _a, ...ra } = a;
      const { event_type: _b, ...rb } = b;
      void _a;
      void _b;
      return objKey(ra) === objKey(rb);
    }
    if (a.kind === 'purchase' && b.kind === 'purchase' && a.item && b.item) {
      const { item: ia, ...ra } = a;
      const { item: ib, ...rb } = b;
      return objKey(ra) === objKey(rb) && diffItemField(ia, ib) !== undefined;
    }
    return false;
  }

  private mergeAnd(kids: SegmentNode[]): SegmentNode[] {
    // two conditions of one single-valued facet that cannot both hold mean either ("in California and Texas")
    const out: SegmentNode[] = [];
    for (const k of kids) {
      if (k.kind === 'attribute' && (k.op === 'eq' || k.op === 'in')) {
        const f = this.ctx.lexicon.facets.get(k.facet);
        const idx = out.findIndex(
          (p) => p.kind === 'attribute' && p.facet === k.facet && (p.op === 'eq' || p.op === 'in'),
        );
        if (
          idx >= 0 &&
          f &&
          f.type !== 'number' &&
          f.type !== 'date' &&
          f.type !== 'boolean' &&
          f.operators.includes('in')
        ) {
          const p = out[idx] as AttributeCondition;
          const vals = [
            ...new Set([...(p.op === 'in' ? p.values! : [p.value!]), ...(k.op === 'in' ? k.values! : [k.value!])]),
          ];
          const merged: AttributeCondition = { kind: 'attribute', facet: k.facet, op: 'in', values: vals };
          this.mergeMeta(merged, p);
          this.mergeMeta(merged, k);
          out[idx] = merged;
          continue;
        }
      }
      out.push(k);
    }
    return out;
  }
}

function cleanItem(i: ItemFilter): ItemFilter | undefined {
  const out: ItemFilter = {};
  for (const [k, v] of Object.entries(i) as [keyof ItemFilter, unknown][]) {
    if (Array.isArray(v) && v.length) (out as Record<string, unknown>)[k] = [...v];
    else if (typeof v === 'boolean') (out as Record<string, unknown>)[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The single list field in which two item filters differ (and nothing else). */
function diffItemField(a: ItemFilter, b: ItemFilter): keyof ItemFilter | undefined {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof ItemFilter>;
  let diff: keyof ItemFilter | undefined;
  for (const k of keys) {
    if (objKey(a[k]) === objKey(b[k])) continue;
    if (diff || !Array.isArray(a[k]) || !Array.isArray(b[k])) return undefined;
    diff = k;
  }
  return diff;
}

export function windowLabel(w: Window): string {
  return describeWindow(w);
}
