import type { Catalog, ItemFilter, Segment, SegmentNode, Window } from '@smartseg/segment-engine';
import { SEGMENT_VERSION } from '@smartseg/segment-engine';
import { SegmentBuilder, type NodeMeta } from '../build/builder';
import type { Change, UnderstandingResult } from '../engine/result.model';
import type { UnderstandContext, UnderstandingEngine } from '../engine/understanding-engine';
import type { Chunk } from '../parse/chunker';
import { has } from '../parse/chunker';
import { windowToDateAttr } from '../parse/parser';
import { verify } from '../engine/verify.adapter';

/**
 * Conversation: a follow-up turn edits the current segment. It may replace a value, a window
 * or a threshold ("make it California instead", "last 6 months instead", "bump the threshold
 * to two thousand"), widen or narrow ("expand to all of Texas", "specifically camping"), add
 * ("only the ones who used a coupon", "also NJ"), exclude ("exclude employees", "but not
 * platinum") or drop a condition ("forget the region", "remove the age filter"). A turn that
 * is a complete new description starts a new segment instead.
 */

type Mode = 'remove' | 'replace' | 'exclude' | 'extend' | 'add' | 'negate';

interface Marker {
  re: RegExp;
  mode: Mode;
}

/** Words that say how the turn changes the segment (stripped before the rest is read). */
const MARKERS: readonly Marker[] = [
  {
    re: /^(?:please\s+)?(?:remove|drop|take out|filter out|get rid of|suppress|leave out|kick out)\s+(?:anyone|everyone|anybody|everybody|those|people|customers|the ones|all|any)\b/i,
    mode: 'exclude',
  },
  {
    re: /^(?:please\s+)?(?:drop|remove|forget(?: about)?|delete|get rid of|lose|take out|take off|ditch|scrap|clear|ignore|skip|no need for|don'?t need|do not need|never ?mind)\b/i,
    mode: 'remove',
  },
  { re: /^(?:and\s+)?without the\b/i, mode: 'remove' },
  {
    re: /^(?:no|with no|without any|without a)\s+(?:\w+[\s-]){0,2}(?:limit|filter|restriction|requirement|condition|criteria|window|cap|constraint)s?\b/i,
    mode: 'remove',
  },
  {
    re: /^(?:now\s+)?(?:the\s+)?(?:opposite|flip (?:it|that|this)|reverse (?:it|that|this)|invert (?:it|that|this))\b/i,
    mode: 'negate',
  },
  {
    re: /^(?:and\s+|but\s+|also\s+|now\s+)?(?:exclude|excluding|except|minus|but not|not|leave out|filter out|without)\b/i,
    mode: 'exclude',
  },
  { re: /^(?:please\s+)?(?:add|also|plus|include|and also|as well as)\b/i, mode: 'extend' },
  {
    re: /^(?:and|or|plus|what about|how about)\s+(?!only\b|just\b|who\b|that\b|with\b|those\b|the ones\b|not\b|exclude|except|without)/i,
    mode: 'extend',
  },
  { re: /\b(?:too|as well|also)\s*[.!?]*$/i, mode: 'extend' },
  {
    re: /\binstead\b|\brather than\b|\bi meant\b|\bswap\b|\bswitch\b|\breplace\b|\bchange\b|\bmake (?:it|that|this)\b|\bbump\b|\braise\b|\blower\b|\bincrease\b|\bdecrease\b|\bwiden\b|\bexpand\b|\bbroaden\b|\bnarrow\b|\bspecifically\b|\bactually use\b|\bgo with\b|\buse\b/i,
    mode: 'replace',
  },
  {
    re: /^(?:and\s+|but\s+|ok(?:ay)?\s+|now\s+)*(?:only|just|limit(?: it)? to|restrict(?: it)? to|keep only|narrow (?:it )?(?:down )?to|of those|among them|and|who|that|with|where)\b/i,
    mode: 'add',
  },
];

/** A follow-up that starts with a preposition or a channel word is about the purchase there ("only in the app"). */
const PREP_START = /^(?:in|on|via|through|for|with|using|paying|paid|at|by|from|online|offline)\b/i;

const LEAD_NOISE =
  /^(?:(?:ok(?:ay)?|oops|hmm+|um+|uh+|actually|wait|so|well|right|now|yes|great|cool|thanks|thank you|nice|sorry|then|hey|perfect|looks good|good|alright|all right|also,)\b[\s,.!-]*|(?:what if|how about if|and if|can|could|would|will) (?:we|you|i)\b\s*(?:please\s+)?|let'?s\s+|let us\s+|i(?:'d| would)? (?:like|want|need) (?:to|you to)\s+|we (?:should|need to|want to)\s+|go ahead and\s+|please\s+)+/i;

/** "forget the time limit", "remove the window", "any time", "all time", "ever": the windows go. */
const WINDOW_WORDS =
  /^(?:the\s+)?(?:time|date|day)s?(?:[\s-]*(?:limit|window|frame|range|period|filter|restriction|constraint|cutoff|part|condition|bit))*$|^(?:the\s+)?(?:window|timeframe|time ?frame|date range|lookback|look-back|lookback window|recency window|period)s?$/i;
const NO_WINDOW =
  /^(?:(?:at\s+)?any ?time|all[\s-]time|ever|over all (?:of )?(?:their |the )?history|(?:in |across |over )?(?:their |the )?(?:whole |entire |full )?(?:history|lifetime))\s*(?:instead)?[.!?]*$/i;

/** Turns that read like a follow-up rather than a full new request. */
export function looksLikeEdit(text: string, engine: UnderstandingEngine, ctx: UnderstandContext): boolean {
  if (!ctx.current) return false;
  const t = text.trim();
  const stripped = t.replace(LEAD_NOISE, '').trim();
  if (/\binstead\b|\brather than\b|\bi meant\b|\bthe opposite\b|^flip\b/i.test(t)) return true;
  // "but didn't buy a TV in that time", "and only in Ohio", "of those, ...": a continuation
  if (/^(?:but|and|or|also|plus|except|excluding|only|just|of those|among them|among those)\b/i.test(stripped))
    return true;
  if (MARKERS.some((m) => m.re.test(stripped))) return true;
  const words = stripped.split(/\s+/).filter(Boolean);
  // a full new description names the people ("customers who ...") and says more than one thing
  const a = engine.analyze(stripped, ctx.asOf);
  const subject = a.chunks.some((c) => has(c, 'subj') && !/^(ones?|those|them|they)$/i.test(c.text));
  if (subject && words.length >= 3) return false;
  return words.length <= 6;
}

interface Conjunct {
  node: SegmentNode;
  keys: Set<string>;
}

function signature(node: SegmentNode, catalog: Catalog, out = new Set<string>()): Set<string> {
  switch (node.kind) {
    case 'and':
    case 'or':
      node.children.forEach((c) => signature(c, catalog, out));
      break;
    case 'not':
      signature(node.child, catalog, out);
      break;
    case 'attribute':
      out.add(`facet:${node.facet}`);
      for (const v of node.values ?? (node.value !== undefined ? [node.value] : []))
        out.add(`value:${node.facet}:${String(v)}`);
      if (GEO.test(node.facet)) out.add('geo');
      break;
    case 'rule': {
      out.add(`rule:${node.rule}`);
      const def = catalog.rules.find((r) => r.id === node.rule)?.definition;
      if (def && def.kind !== 'rule') signature(def, catalog, out);
      break;
    }
    case 'model':
      out.add(`model:${node.model}`);
      break;
    case 'birthday':
      out.add('birthday');
      break;
    case 'purchase':
      out.add('purchase');
      if (node.window) out.add('window');
      if (node.threshold) out.add('threshold');
      out.add(`measure:${node.measure ?? 'orders'}`);
      for (const [k, v] of Object.entries(node.item ?? {})) {
        out.add(`field:${k}`);
        if (Array.isArray(v)) for (const x of v) out.add(`item:${k}:${String(x)}`);
        else out.add(`item:${k}`);
        if (k === 'department' || k === 'category') out.add('items');
      }
      for (const k of Object.keys(node.order ?? {})) out.add(`order:${k}`);
      break;
    case 'event':
      out.add('event');
      for (const e of node.event_type) out.add(`event:${e}`);
      if (node.window) out.add('window');
      if (node.threshold) out.add('threshold');
      for (const [k, v] of Object.entries(node.item ?? {}))
        if (Array.isArray(v)) for (const x of v) out.add(`item:${k}:${String(x)}`);
      break;
  }
  return out;
}

/** Facets of place: one slot ("expand to all of Texas" replaces the city). */
const GEO = /(^|_)(state|city|region|zip|country|province|county|metro|market|postal)(_|$)/;

/** What the words of a turn point at in a segment. */
function references(chunks: Chunk[], engine: UnderstandingEngine): { strong: Set<string>; weak: Set<string> } {
  const strong = new Set<string>();
  const weak = new Set<string>();
  for (const c of chunks) {
    if (c.time) strong.add('window');
    for (const s of c.senses) {
      switch (s.t) {
        case 'value':
          strong.add(`value:${s.facet}:${String(s.value)}`);
          weak.add(`facet:${s.facet}`);
          break;
        case 'facet':
          strong.add(`facet:${s.facet}`);
          if (GEO.test(s.facet)) strong.add('geo');
          break;
        case 'rule':
          strong.add(`rule:${s.rule}`);
          break;
        case 'model':
          strong.add(`model:${s.model}`);
          break;
        case 'item':
          strong.add(`item:${s.field}:${s.value}`);
          weak.add(`field:${s.field}`);
          weak.add('items');
          break;
        case 'flag':
          strong.add(`item:${s.flag}`);
          break;
        case 'event':
          strong.add(`event:${s.event}`);
          break;
        case 'ecue':
          for (const [e, bag] of engine.lexicon.eventBags) if (bag.has(s.stem)) weak.add(`event:${e}`);
          for (const [f, bag] of engine.lexicon.booleanBags) if (bag.has(s.stem)) weak.add(`facet:${f}`);
          break;
        case 'order':
          for (const k of Object.keys(s.filter)) strong.add(`order:${k}`);
          break;
        case 'bday':
          strong.add('birthday');
          break;
        case 'measure':
          strong.add(`measure:${s.measure}`);
          break;
        case 'bnoun':
          weak.add('purchase');
          break;
        case 'verb':
          if (s.cls === 'purchase' || s.cls === 'spend') weak.add('purchase');
          if (s.cls === 'return') strong.add('order:status');
          break;
      }
    }
  }
  return { strong, weak };
}

function conjuncts(seg: Segment, catalog: Catalog): Conjunct[] {
  const list = seg.where.kind === 'and' ? seg.where.children : [seg.where];
  return list.map((node) => ({ node, keys: signature(node, catalog) }));
}

function rebuild(list: SegmentNode[], base: Segment, text: string): Segment {
  const where: SegmentNode = list.length === 1 ? list[0]! : { kind: 'and', children: list };
  const seg: Segment = { version: SEGMENT_VERSION, where };
  const desc = [base.description, text].filter(Boolean).join(' | ').slice(0, 1000);
  if (desc) seg.description = desc;
  if (base.name) seg.name = base.name;
  return seg;
}

const path = (i: number, n: number) => (n === 1 ? 'where' : `where.children[${i}]`);

/** Edits `current` by the turn; undefined when the turn cannot be read as an edit. */
export function editSegment(
  current: Segment,
  text: string,
  ctx: UnderstandContext,
  engine: UnderstandingEngine,
): UnderstandingResult | undefined {
  const catalog = engine.catalog;
  let t = text.trim().replace(LEAD_NOISE, '').trim();
  // "now the opposite - no coupon ytd": the rest says what the opposite is
  let mode: Mode = 'add';
  for (const m of MARKERS) {
    if (m.re.test(t)) {
      mode = m.mode;
      break;
    }
  }
  if (mode === 'negate')
    t = t
      .replace(
        /^(?:now\s+)?(?:the\s+)?(?:opposite|flip (?:it|that|this)|reverse (?:it|that|this)|invert (?:it|that|this))\b[\s,:;.!\u2014\u2013-]*/i,
        '',
      )
      .replace(
        /^(?:the\s+)?(?:ones|those|people|customers)\s+(?:who|that)\s+(?:have|has|did|do|are|were)\s*[.!]*$/i,
        '',
      );
  // "swap gold for silver", "Texas instead of California", "I meant Adidas, not Nike", "use X instead of Y"
  let oldPart = '';
  let newPart = t;
  let m: RegExpExecArray | null;
  if ((m = /^(?:please\s+)?(?:swap|switch|replace|change)\s+(.+?)\s+(?:for|with|to|into)\s+(.+)$/i.exec(t))) {
    oldPart = m[1]!;
    newPart = m[2]!;
    mode = 'replace';
  } else if ((m = /^(.*?)\s*\b(?:instead of|rather than|in place of)\b\s*(.+)$/i.exec(t))) {
    newPart = m[1]!;
    oldPart = m[2]!;
    mode = 'replace';
  } else if ((m = /^(?:i\s+)?meant\s+(.+?),?\s+not\s+(.+)$/i.exec(t))) {
    newPart = m[1]!;
    oldPart = m[2]!;
    mode = 'replace';
  }
  const cleaned = stripMarkers(newPart, mode);
  const conj = conjuncts(current, catalog);
  const changes: Change[] = [];

  const noWindow = NO_WINDOW.test(cleaned) || NO_WINDOW.test(t);
  if ((mode === 'remove' && WINDOW_WORDS.test(cleaned)) || noWindow) {
    let changed = false;
    const edited = conj.map((c, i) =>
      mapLeaves(c.node, (leaf) => {
        if ((leaf.kind === 'purchase' || leaf.kind === 'event') && leaf.window) {
          const { window: _w, ...after } = leaf;
          changed = true;
          changes.push({ op: 'replace', path: path(i, conj.length), before: leaf, after });
          return after;
        }
        return leaf;
      }),
    );
    if (changed) return finish(engine, rebuild(edited, current, text), text, ctx, changes, 0.85);
    if (mode === 'remove') return undefined;
  }
  if (mode === 'remove') {
    const a = engine.analyze(cleaned || t, ctx.asOf);
    const { strong, weak } = references(a.chunks, engine);
    if (/\bage\b/i.test(cleaned) && engine.lexicon.roles.age) strong.add(`facet:${engine.lexicon.roles.age}`);
    let hits = conj.filter((c) => [...strong].some((k) => c.keys.has(k)));
    if (!hits.length) hits = conj.filter((c) => [...weak].some((k) => c.keys.has(k)));
    if (!hits.length) return undefined;
    const keep: SegmentNode[] = [];
    conj.forEach((c, i) => {
      if (!hits.includes(c)) return keep.push(c.node);
      // one part of a purchase: "drop the coupon part" keeps the Home purchase in its window
      const n = c.node;
      if (n.kind === 'purchase' && n.order) {
        const orderKeys = Object.keys(n.order).filter((k) => strong.has(`order:${k}`));
        const otherHits = [...strong].some((k) => !k.startsWith('order:') && c.keys.has(k));
        if (orderKeys.length && !otherHits && (n.item || Object.keys(n.order).length > orderKeys.length)) {
          const order = { ...n.order } as Record<string, unknown>;
          for (const k of orderKeys) delete order[k];
          const after: SegmentNode = { ...n };
          if (Object.keys(order).length) after.order = order as typeof n.order;
          else delete after.order;
          changes.push({ op: 'replace', path: path(i, conj.length), before: n, after });
          return keep.push(after);
        }
      }
      // one value out of a list: "drop California"
      if (n.kind === 'attribute' && (n.op === 'in' || n.op === 'not_in') && n.values && n.values.length > 1) {
        const drop = n.values.filter((v) => strong.has(`value:${n.facet}:${String(v)}`));
        if (drop.length && drop.length < n.values.length) {
          const values = n.values.filter((v) => !drop.includes(v));
          const after: SegmentNode =
            values.length === 1
              ? { kind: 'attribute', facet: n.facet, op: n.op === 'in' ? 'eq' : 'neq', value: values[0]! }
              : { ...n, values };
          changes.push({ op: 'replace', path: path(i, conj.length), before: n, after });
          return keep.push(after);
        }
      }
      changes.push({ op: 'remove', path: path(i, conj.length), before: n });
      return undefined;
    });
    if (!keep.length)
      return {
        status: 'refuse',
        reason: 'that would remove every condition; say who the customers are',
        missing: [],
        nearest: [],
      };
    return finish(engine, rebuild(keep, current, text), text, ctx, changes, 0.85);
  }

  // "now the opposite": the condition it names (or the only one) is negated
  if (mode === 'negate') {
    const probe = build(engine, cleaned, ctx);
    const target = probe ? flatten(probe.node) : [];
    let idx = target.length ? conj.findIndex((c) => target.some((p) => slotMatch(c.node, p, catalog))) : -1;
    if (idx < 0 && conj.length === 1) idx = 0;
    // "flip it": the one negated condition there is the one to turn around
    if (idx < 0 && conj.filter((c) => c.node.kind === 'not').length === 1)
      idx = conj.findIndex((c) => c.node.kind === 'not');
    if (idx < 0) return undefined;
    const before = conj[idx]!.node;
    const after: SegmentNode = before.kind === 'not' ? before.child : { kind: 'not', child: before };
    const list = conj.map((c) => c.node);
    list[idx] = after;
    changes.push({ op: 'replace', path: path(idx, list.length), before, after });
    return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.8);
  }
  // a rank or level alone ("top 5%", "medium instead") is for the model already there
  const probeChunks = engine.analyze(cleaned || t, ctx.asOf).chunks;
  const rankOnly =
    probeChunks.some((c) => c.qty?.kind === 'rank') &&
    !probeChunks.some((c) => c.senses.some((s) => s.t === 'model' || s.t === 'rule'));
  // "sms instead of email" for a subscription: the boolean facet the new word names
  // ("switch to SMS" when there is one subscription to switch)
  const booleans = conj
    .map((c, i) => ({ c, i }))
    .filter(
      (x) =>
        x.c.node.kind === 'attribute' &&
        catalog.facets.find((f) => f.name === (x.c.node as { facet: string }).facet)?.type === 'boolean',
    );
  if (oldPart || (mode === 'replace' && booleans.length === 1)) {
    const oldRefs0 = oldPart
      ? references(engine.analyze(stripMarkers(oldPart, 'replace'), ctx.asOf).chunks, engine)
      : { strong: new Set<string>(), weak: new Set<string>() };
    const target = oldPart
      ? conj.findIndex(
          (c) => c.node.kind === 'attribute' && [...oldRefs0.strong, ...oldRefs0.weak].some((k) => c.keys.has(k)),
        )
      : booleans[0]!.i;
    const tn = target >= 0 ? conj[target]!.node : undefined;
    if (tn && tn.kind === 'attribute' && catalog.facets.find((f) => f.name === tn.facet)?.type === 'boolean') {
      const stems = engine.analyze(cleaned, ctx.asOf).tokens.map((t) => t.stem);
      const facet = [...engine.lexicon.booleanBags].find(
        ([f, bag]) => f !== tn.facet && stems.some((s) => bag.has(s)),
      )?.[0];
      if (facet) {
        const after: SegmentNode = { ...tn, facet };
        const list = conj.map((c) => c.node);
        list[target] = after;
        changes.push({ op: 'replace', path: path(target, list.length), before: tn, after });
        return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.8);
      }
    }
  }
  // what the turn says, as segment nodes
  let frag = rankOnly
    ? { node: { kind: 'and', children: [] } as SegmentNode, analysis: engine.analyze(cleaned || t, ctx.asOf) }
    : build(engine, cleaned || t, ctx);
  // "only in the app", "via pickup": a bare place or way of buying is about the purchase there
  if (!rankOnly && PREP_START.test(cleaned) && conj.some((c) => c.node.kind === 'purchase')) {
    const asPurchase = build(engine, `who bought ${cleaned}`, ctx);
    const n = asPurchase && !asPurchase.ambiguity ? asPurchase.node : undefined;
    if (n && n.kind === 'purchase' && n.order && !n.item) frag = asPurchase;
  }
  if (!frag) return undefined;
  if (frag.ambiguity) {
    // "clicked instead" after "opened an email": the reading on the channel already there
    const channels = new Set<string>();
    for (const c of conj)
      mapLeaves(c.node, (leaf) => {
        if (leaf.kind === 'event') for (const e of leaf.event_type) channels.add(e.split('_')[0]!);
        return leaf;
      });
    const sameChannel = frag.ambiguity.options.filter((o) => {
      const n = o.node.kind === 'not' ? o.node.child : o.node;
      return n.kind === 'event' && n.event_type.every((e) => channels.has(e.split('_')[0]!));
    });
    if (channels.size && sameChannel.length === 1) frag = { node: sameChannel[0]!.node, analysis: frag.analysis };
  }
  if (frag.ambiguity) {
    // "only the big spenders": each reading added to the current segment
    const options = frag.ambiguity.options
      .map((o) => ({
        label: o.label,
        segment: rebuild([...conj.map((c) => c.node), ...flatten(o.node)], current, text),
      }))
      .filter((o) => verify(o.segment, { catalog, permissions: ctx.permissions, asOf: ctx.asOf }).ok)
      .slice(0, 4);
    if (options.length >= 2) return { status: 'clarify', question: frag.ambiguity.question, options };
  }
  let parts = flatten(frag.node);
  const a = frag.analysis;
  // "but didn't buy a TV in that time": the window of the segment there
  if (
    /\b(?:in|during|over|within) (?:that|the same|that same|this same) (?:time|period|window|timeframe|time frame|span)\b|\bsame (?:period|window|timeframe)\b/i.test(
      cleaned,
    )
  ) {
    let shared: Window | undefined;
    for (const c of conj)
      mapLeaves(c.node, (leaf) => {
        if ((leaf.kind === 'purchase' || leaf.kind === 'event') && leaf.window) shared = leaf.window;
        return leaf;
      });
    if (shared) {
      const w = shared;
      parts = parts.map((p) =>
        mapLeaves(p, (leaf) =>
          (leaf.kind === 'purchase' || leaf.kind === 'event') && !leaf.window ? { ...leaf, window: w } : leaf,
        ),
      );
    }
  }
  // "make that more than twenty": a bare number is not an age here
  if (
    parts.length === 1 &&
    parts[0]!.kind === 'attribute' &&
    parts[0]!.facet === engine.lexicon.roles.age &&
    a.parse.notes.some((n) => n.includes('read as age'))
  ) {
    const hasAge = conj.some((c) => c.keys.has(`facet:${engine.lexicon.roles.age}`));
    // "over 40" with no number to change is an age; with a threshold there, it changes the threshold
    const hasNumber = conj.some(
      (c) => c.keys.has('threshold') || (c.node.kind === 'model' && !!(c.node as { score?: unknown }).score),
    );
    if (!hasAge && hasNumber) parts = [];
  }
  const list = conj.map((c) => c.node);
  // "at least 3 times": a count for the one behaviour there
  {
    const only = parts.length === 1 ? parts[0]! : undefined;
    const behaviours = list.filter((n) => n.kind === 'purchase' || n.kind === 'event');
    if (
      only &&
      only.kind === 'purchase' &&
      only.threshold &&
      !only.item &&
      !only.order &&
      !only.window &&
      (only.measure ?? 'orders') === 'orders' &&
      /\b(?:times?|twice|once)\b/i.test(cleaned) &&
      !/\b(?:orders?|purchases?|bought|buy|ordered|transactions?)\b/i.test(cleaned) &&
      behaviours.length === 1
    ) {
      const i = list.indexOf(behaviours[0]!);
      const before = list[i]!;
      const after = { ...before, threshold: only.threshold } as SegmentNode;
      changes.push({ op: 'replace', path: path(i, list.length), before, after });
      list[i] = after;
      return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.8);
    }
  }
  const oldRefs = oldPart
    ? references(engine.analyze(stripMarkers(oldPart, 'replace'), ctx.asOf).chunks, engine)
    : undefined;

  // "but not in the last month": the purchase there, not in that window
  if (mode === 'exclude' && !parts.length) {
    const tw = a.chunks.find((c) => c.time?.kind === 'window')?.time;
    const idx = list.findIndex((n) => (n.kind === 'purchase' || n.kind === 'event') && !!n);
    if (tw && tw.kind === 'window' && idx >= 0) {
      const base = list[idx] as Extract<SegmentNode, { kind: 'purchase' | 'event' }>;
      const again = { ...base, window: tw.window } as SegmentNode & { threshold?: unknown; measure?: unknown };
      if (again.kind === 'purchase' && (!again.measure || again.measure === 'orders')) {
        delete again.threshold;
        delete again.measure;
      }
      if (again.kind === 'event') delete again.threshold;
      const negated: SegmentNode = { kind: 'not', child: again };
      list.push(negated);
      changes.push({ op: 'add', path: `where.children[${list.length - 1}]`, after: negated });
      return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.8);
    }
  }
  if (mode === 'exclude') {
    for (const p of parts) {
      const negated: SegmentNode = p.kind === 'not' ? p.child : { kind: 'not', child: p };
      list.push(negated);
      changes.push({ op: 'add', path: `where.children[${list.length - 1}]`, after: negated });
    }
    return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.85);
  }

  const onlyWindow = parts.length === 0 && a.chunks.some((c) => c.time?.kind === 'window');
  const bareNumber = parts.length === 0 ? a.chunks.find((c) => c.qty?.kind === 'cmp')?.qty : undefined;
  // "last 6 months instead", "change that to all of 2025", "make that 60 days", "make it 30"
  if (onlyWindow || (bareNumber && bareNumber.kind === 'cmp')) {
    const timeChunk = a.chunks.find((c) => c.time?.kind === 'window');
    let changed = false;
    const edited = list.map((n, i) =>
      mapLeaves(n, (leaf) => {
        if ((leaf.kind === 'purchase' || leaf.kind === 'event') && timeChunk && timeChunk.time?.kind === 'window') {
          changed = true;
          const after = { ...leaf, window: timeChunk.time.window };
          changes.push({ op: 'replace', path: path(i, list.length), before: leaf, after });
          return after;
        }
        return leaf;
      }),
    );
    if (changed) return finish(engine, rebuild(edited, current, text), text, ctx, changes, 0.85);
    // "since 2024 instead" for a date facet ("signed up this year")
    if (timeChunk?.time?.kind === 'window') {
      const w = timeChunk.time.window;
      const di = list.findIndex(
        (n) => n.kind === 'attribute' && catalog.facets.find((f) => f.name === n.facet)?.type === 'date',
      );
      if (di >= 0) {
        const before = list[di] as Extract<SegmentNode, { kind: 'attribute' }>;
        const after: SegmentNode = {
          kind: 'attribute',
          facet: before.facet,
          ...windowToDateAttr(ctx.asOf, w),
        } as SegmentNode;
        changes.push({ op: 'replace', path: path(di, list.length), before, after });
        list[di] = after;
        return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.85);
      }
    }
    if (bareNumber && bareNumber.kind === 'cmp') {
      const th = bareNumber.threshold;
      const r = replaceNumber(list, th, bareNumber.unit, changes);
      if (r) return finish(engine, rebuild(r, current, text), text, ctx, changes, 0.75);
    }
    return undefined;
  }

  if (!parts.length) {
    // "next month instead" for a birthday
    const bIdx = list.findIndex((n) => n.kind === 'birthday');
    const tv = a.chunks.find((c) => c.time)?.time;
    if (bIdx >= 0 && tv) {
      let after: SegmentNode | undefined;
      if (tv.kind === 'future' && (tv.when === 'today' || tv.when === 'next_month' || tv.when === 'this_month'))
        after = { kind: 'birthday', when: tv.when };
      else if (tv.kind === 'future' && tv.when === 'next_days' && tv.days)
        after = { kind: 'birthday', when: 'next_days', days: tv.days };
      else if (tv.kind === 'window' && tv.window.type === 'this' && tv.window.unit === 'month')
        after = { kind: 'birthday', when: 'this_month' };
      if (after) {
        changes.push({ op: 'replace', path: path(bIdx, list.length), before: list[bIdx], after });
        list[bIdx] = after;
        return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.85);
      }
    }
    // "medium instead", "top 5%": a level or rank for the model already there
    const level = a.chunks.map((c) => c.senses.find((s) => s.t === 'level')).find(Boolean);
    const rank = a.chunks.find((c) => c.qty?.kind === 'rank')?.qty;
    if (level || rank) {
      let changed = false;
      const edited = list.map((n, i) =>
        mapLeaves(n, (leaf) => {
          let model: string | undefined;
          if (leaf.kind === 'model') model = leaf.model;
          if (leaf.kind === 'rule') {
            const def = catalog.rules.find((r) => r.id === leaf.rule)?.definition;
            if (def?.kind === 'model') model = def.model;
          }
          if (!model) return leaf;
          changed = true;
          const after: SegmentNode = { kind: 'model', model };
          if (rank && rank.kind === 'rank') {
            if (rank.decile) after.decile = rank.decile;
            else if (rank.dir === 'top') after.top_percent = rank.percent;
            else after.bottom_percent = rank.percent;
          } else if (level && level.t === 'level') after.level = level.level;
          // "medium too": the level said joins the one there
          if (mode === 'extend') {
            const joined: SegmentNode = { kind: 'or', children: [leaf, after] };
            changes.push({ op: 'replace', path: path(i, list.length), before: leaf, after: joined });
            return joined;
          }
          changes.push({ op: 'replace', path: path(i, list.length), before: leaf, after });
          return after;
        }),
      );
      if (changed) return finish(engine, rebuild(edited, current, text), text, ctx, changes, 0.8);
    }
    // "any age": drop the facet said
    if (/^any\b/i.test(cleaned)) return editSegment(current, `remove ${cleaned.replace(/^any\s+/i, '')}`, ctx, engine);
    return undefined;
  }

  // replace, extend, add
  for (const p of parts) {
    let idx = -1;
    const narrowed =
      (mode === 'add' || mode === 'extend') &&
      (PREP_START.test(cleaned) || /\bon (?:them|those|these|it)\b/i.test(cleaned))
        ? narrowPurchase(list, p, cleaned)
        : -1;
    if (narrowed >= 0 && p.kind === 'purchase') {
      const old = list[narrowed] as Extract<SegmentNode, { kind: 'purchase' }>;
      const after: SegmentNode = p.item
        ? { ...old, item: p.item }
        : p.order && !p.threshold
          ? { ...old, order: { ...old.order, ...p.order } }
          : { ...old, ...p, item: old.item, ...((p.window ?? old.window) ? { window: p.window ?? old.window } : {}) };
      if (p.threshold && old.order) after.order = { ...old.order, ...p.order };
      changes.push({ op: 'replace', path: path(narrowed, list.length), before: old, after });
      list[narrowed] = after;
      continue;
    }
    if (oldRefs) {
      idx = conj.findIndex((c) => [...oldRefs.strong].some((k) => c.keys.has(k)));
      if (idx < 0) idx = conj.findIndex((c) => [...oldRefs.weak].some((k) => c.keys.has(k)));
    }
    if (idx < 0 && (mode === 'replace' || mode === 'add' || mode === 'extend'))
      idx = list.findIndex((n) => slotMatch(n, p, catalog));
    if (idx < 0 && mode === 'extend' && p.kind === 'rule')
      idx = list.findIndex((n) => n.kind === 'rule' || (n.kind === 'or' && n.children.every((c) => c.kind === 'rule')));
    if (idx >= 0 && mode === 'extend') {
      const merged = extend(list[idx]!, p, /^\s*and\b/i.test(t));
      if (merged) {
        changes.push({ op: 'replace', path: path(idx, list.length), before: list[idx], after: merged });
        list[idx] = merged;
        continue;
      }
    }
    if (idx >= 0 && (mode === 'replace' || (mode === 'add' && replaceOnAdd(list[idx]!, p)))) {
      const after = mergeReplacement(list[idx]!, p);
      // "bump the threshold to $800": a bare amount keeps the comparison said before
      const old = list[idx]!;
      if (
        a.parse.notes.some((n) => n.includes('read as at least')) &&
        old.kind === 'purchase' &&
        old.threshold &&
        after.kind === 'purchase' &&
        after.threshold &&
        old.threshold.op !== 'between' &&
        after.threshold.op !== 'between'
      ) {
        after.threshold = { op: old.threshold.op, value: after.threshold.value };
      }
      changes.push({ op: 'replace', path: path(idx, list.length), before: list[idx], after });
      list[idx] = after;
      continue;
    }
    list.push(p);
    changes.push({ op: 'add', path: `where.children[${list.length - 1}]`, after: p });
  }
  return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.8);
}

function stripMarkers(s: string, mode: Mode): string {
  let out = s.trim().replace(LEAD_NOISE, '');
  out = out
    .replace(
      /^(?:please\s+)?(?:drop|remove|forget(?: about)?|delete|get rid of|lose|take out|take off|ditch|scrap|clear|ignore|skip|no need for|don'?t need|do not need|without|no|with no|without any)\s+(?:the\s+|any\s+|a\s+)?/i,
      '',
    )
    .replace(/\b(?:part|filter|condition|criteri(?:on|a)|requirement|bit|piece|rule|restriction|limit)s?\b/gi, '')
    .replace(/^(?:please\s+)?(?:add|also|plus|include|and also)\s+/i, '')
    .replace(/\s+(?:too|as well|also|instead|please|pls)\s*[.!?]*$/i, '')
    .replace(
      /^(?:make|change|set|switch|bump|raise|lower|increase|decrease|widen|expand|broaden|narrow|move)\s+(?:it|that|this|the \w+|them)?\s*(?:up |down )?(?:to|into|at(?! least\b| most\b))?\s*/i,
      '',
    )
    .replace(/^(?:actually\s+)?(?:use|go with|try)\s+/i, '')
    .replace(/^specifically\s+/i, '')
    .replace(
      /^(?:and\s+|but\s+|ok(?:ay)?\s+|now\s+)*(?:only|just|limit(?: it)? to|restrict(?: it)? to|keep only)\s+/i,
      '',
    )
    .replace(/\binstead\b/gi, '')
    .trim();
  if (mode === 'exclude')
    out = out
      .replace(
        /^(?:and\s+|but\s+|also\s+|now\s+)?(?:exclude|excluding|except|minus|but not|not|leave out|filter out|without)\s+/i,
        '',
      )
      .replace(/^(?:remove|drop|take out|filter out|get rid of|suppress|leave out|kick out)\s+(?:all\s+)?/i, '');
  // "the ones who", "those who": the people are the current ones
  out = out.replace(/^(?:the\s+)?(?:ones|those|people|customers|folks)\s+(?:who|that|which)\s+/i, 'who ');
  out = out.replace(/^(?:to\s+)?(?:all of|the whole|the entire|any)\s+/i, (x) => (/any/i.test(x) ? x : ''));
  return out.trim();
}

interface Fragment {
  node: SegmentNode;
  analysis: ReturnType<UnderstandingEngine['analyze']>;
  ambiguity?: { question: string; options: { label: string; node: SegmentNode }[] };
}

function build(engine: UnderstandingEngine, text: string, ctx: UnderstandContext): Fragment | undefined {
  const a = engine.analyze(text, ctx.asOf);
  const lf = a.parse.lf;
  if (!lf) return { node: { kind: 'and', children: [] }, analysis: a };
  const builder = engine.builderFor(text, a.parse.eventAmbiguity);
  const first = builder.build(lf);
  if (first.failed.length) return undefined;
  if (first.ambiguities.length) {
    const amb = first.ambiguities[0]!;
    const options = amb.options.map((o, i) => ({
      label: o.label,
      node: builder.build(lf, { picks: new Map([[amb.key, i]]) }).segment.where,
    }));
    return { node: first.segment.where, analysis: a, ambiguity: { question: amb.question, options } };
  }
  return { node: first.segment.where, analysis: a };
}

function flatten(n: SegmentNode): SegmentNode[] {
  if (n.kind === 'and') return n.children;
  return [n];
}

function mapLeaves(n: SegmentNode, fn: (leaf: SegmentNode) => SegmentNode): SegmentNode {
  if (n.kind === 'and' || n.kind === 'or') return { ...n, children: n.children.map((c) => mapLeaves(c, fn)) };
  if (n.kind === 'not') return { ...n, child: mapLeaves(n.child, fn) };
  return fn(n);
}

/** The condition `p` takes the place of (same facet, same kind of place, same model, same kind of purchase). */
function slotMatch(n: SegmentNode, p: SegmentNode, catalog: Catalog): boolean {
  const inner = (x: SegmentNode): SegmentNode => (x.kind === 'not' ? x.child : x);
  const a = inner(n);
  const b = inner(p);
  if (a.kind === 'attribute' && b.kind === 'attribute')
    return a.facet === b.facet || (GEO.test(a.facet) && GEO.test(b.facet));
  if (a.kind === 'model' && b.kind === 'model') return a.model === b.model;
  // "repeat buyers" -> "actually, one-time buyers": rules that measure the same thing take each other's place
  if (a.kind === 'rule' && b.kind === 'rule' && a.rule !== b.rule) {
    const fam = (r: string): string | undefined => {
      const d = catalog.rules.find((x) => x.id === r)?.definition;
      if (!d) return undefined;
      if (d.kind === 'attribute') return `attr:${d.facet}`;
      if (d.kind === 'and' && d.children.every((c) => c.kind === 'attribute'))
        return `attrs:${d.children
          .map((c) => (c as { facet: string }).facet)
          .sort()
          .join(',')}`;
      if (d.kind === 'purchase' && !d.item && !d.order && !d.window) return 'orders';
      if (d.kind === 'not' && d.child.kind === 'purchase' && !d.child.item) return 'orders';
      return undefined;
    };
    const fa = fam(a.rule);
    return !!fa && fa === fam(b.rule);
  }
  if (a.kind === 'rule' && b.kind === 'model') {
    const def = catalog.rules.find((r) => r.id === a.rule)?.definition;
    return def?.kind === 'model' && def.model === b.model;
  }
  if (a.kind === 'purchase' && b.kind === 'purchase') {
    const ka = Object.keys(a.order ?? {});
    const kb = Object.keys(b.order ?? {});
    const itemFamily = (i?: ItemFilter) => !!i && (!!i.department || !!i.category || !!i.brand);
    if (itemFamily(a.item) && itemFamily(b.item)) return true;
    if (kb.length && ka.some((k) => kb.includes(k))) return true;
    if (
      (b.measure === 'avg_order_value' || b.measure === 'spend') &&
      (a.measure === 'spend' || a.measure === 'avg_order_value')
    )
      return true;
    if (b.measure === 'orders' && a.measure === 'orders' && !a.item && !b.item) return true;
    return false;
  }
  if (a.kind === 'event' && b.kind === 'event') {
    // "clicked instead" after "opened an email": another event on the same channel
    const ch = (x: string) => x.split('_')[0]!;
    return a.event_type.some((e) => b.event_type.includes(e) || b.event_type.some((f) => ch(f) === ch(e)));
  }
  if (a.kind === 'birthday' && b.kind === 'birthday') return true;
  return false;
}

/**
 * With "only", a narrower place or item replaces the broader one ("only San Diego and San Jose");
 * a new threshold on the same count or sum replaces the old one ("at least 5 orders" after "3+ orders").
 */
function replaceOnAdd(n: SegmentNode, p: SegmentNode): boolean {
  if (n.kind === 'rule' && p.kind === 'rule') return true;
  if (n.kind === 'attribute' && p.kind === 'attribute') return n.facet !== p.facet || n.op === 'eq' || n.op === 'in';
  if (n.kind === 'purchase' && p.kind === 'purchase' && n.threshold && p.threshold) {
    const same = (x: unknown, y: unknown) => JSON.stringify(x ?? {}) === JSON.stringify(y ?? {});
    return (
      (n.measure ?? 'orders') === (p.measure ?? 'orders') && (!p.item || same(n.item, p.item)) && same(n.order, p.order)
    );
  }
  if (n.kind === 'event' && p.kind === 'event' && n.threshold && p.threshold)
    return n.event_type.join() === p.event_type.join();
  return false;
}

/**
 * "only in the app", "just pickup orders": order filters alone narrow the one purchase already
 * there; "and spent over $100 on them": a sum on the items of that purchase, in its window.
 */
function narrowPurchase(list: SegmentNode[], p: SegmentNode, text: string): number {
  if (p.kind !== 'purchase') return -1;
  // "on electronics" after "spent over $1,000": the items of the one sum or count there
  if (p.item && !p.threshold && !p.window && !p.order && (p.measure ?? 'orders') === 'orders') {
    const itemless = list.map((n, i) => ({ n, i })).filter((x) => x.n.kind === 'purchase' && !x.n.item);
    return itemless.length === 1 && list.filter((n) => n.kind === 'purchase').length === 1 ? itemless[0]!.i : -1;
  }
  if (p.item) return -1;
  const positives = list
    .map((n, i) => ({ n, i }))
    .filter((x) => x.n.kind === 'purchase' && (x.n.measure ?? 'orders') === 'orders' && !x.n.threshold);
  if (positives.length !== 1) return -1;
  const onlyOrder = !!p.order && !p.threshold && !p.window && (p.measure ?? 'orders') === 'orders';
  const onThem =
    /\bon (?:them|those|these|it|that|this|those items|these items|those products|that category)\b/i.test(text) &&
    (p.measure === 'spend' || p.measure === 'quantity') &&
    !!(positives[0]!.n as { item?: ItemFilter }).item;
  return onlyOrder || onThem ? positives[0]!.i : -1;
}

/** "add gold too", "also NJ", "and Adidas", "also include churned": one more value, item or rule. */
function extend(n: SegmentNode, p: SegmentNode, andSaid = false): SegmentNode | undefined {
  if (n.kind === 'rule' && p.kind === 'rule' && n.rule !== p.rule) return { kind: 'or', children: [n, p] };
  if (n.kind === 'or' && n.children.every((c) => c.kind === 'rule') && p.kind === 'rule')
    return { kind: 'or', children: [...n.children, p] };
  if (n.kind === 'purchase' && p.kind === 'purchase' && n.item && p.item) {
    const keys = Object.keys(p.item) as (keyof ItemFilter)[];
    if (keys.length === 1 && Array.isArray(p.item[keys[0]!]) && Array.isArray(n.item[keys[0]!])) {
      const k = keys[0]!;
      const item = { ...n.item, [k]: [...new Set([...(n.item[k] as string[]), ...(p.item[k] as string[])])] };
      return { ...n, item };
    }
  }
  if (
    n.kind === 'attribute' &&
    p.kind === 'attribute' &&
    n.facet === p.facet &&
    (n.op === 'eq' || n.op === 'in') &&
    (p.op === 'eq' || p.op === 'in')
  ) {
    const vals = [...new Set([...(n.values ?? [n.value!]), ...(p.values ?? [p.value!])])];
    return { kind: 'attribute', facet: n.facet, op: 'in', values: vals };
  }
  if (n.kind === 'model' && p.kind === 'model' && n.model === p.model) return p;
  // "or clicked": either event, in the window said before
  if (n.kind === 'event' && p.kind === 'event' && !andSaid && !p.window && !p.threshold && !n.threshold)
    return { ...n, event_type: [...new Set([...n.event_type, ...p.event_type])] };
  // "add 25-29 to the age range": two ranges that touch become one
  if (
    n.kind === 'attribute' &&
    p.kind === 'attribute' &&
    n.facet === p.facet &&
    n.op === 'between' &&
    p.op === 'between'
  ) {
    const [lo1, hi1, lo2, hi2] = [n.min, n.max, p.min, p.max].map(Number) as [number, number, number, number];
    if (lo2 <= hi1 + 1 && lo1 <= hi2 + 1)
      return { kind: 'attribute', facet: n.facet, op: 'between', min: Math.min(lo1, lo2), max: Math.max(hi1, hi2) };
  }
  return undefined;
}

/** The new condition, keeping what the turn did not restate (the window of a purchase, its items). */
function mergeReplacement(old: SegmentNode, p: SegmentNode): SegmentNode {
  const negOld = old.kind === 'not';
  const o = negOld ? (old as { child: SegmentNode }).child : old;
  if (o.kind === 'purchase' && p.kind === 'purchase') {
    const merged: SegmentNode = { ...o, ...p };
    if (!p.window && o.window) merged.window = o.window;
    if (p.item && o.item) {
      const item: ItemFilter = { ...o.item };
      const family = ['department', 'category'] as const;
      if (p.item.department || p.item.category) for (const f of family) delete item[f];
      Object.assign(item, p.item);
      merged.item = item;
    } else if (!p.item && o.item && !(p.measure && p.measure !== o.measure)) merged.item = o.item;
    if (!p.order && o.order) merged.order = o.order;
    if (p.order && o.order) merged.order = { ...o.order, ...p.order };
    if (p.measure && p.measure !== o.measure) {
      merged.measure = p.measure;
      merged.threshold = p.threshold ?? o.threshold;
    }
    return negOld ? { kind: 'not', child: merged } : merged;
  }
  if (o.kind === 'event' && p.kind === 'event') {
    const merged = { ...o, ...p };
    if (!p.window && o.window) merged.window = o.window;
    return merged;
  }
  return p;
}

/** "make that more than twenty", "bump the threshold to two thousand", "make it 30-45". */
function replaceNumber(
  list: SegmentNode[],
  th: import('@smartseg/segment-engine').Threshold,
  unit: string,
  changes: Change[],
): SegmentNode[] | undefined {
  let done = false;
  const out = list.map((n, i) =>
    mapLeaves(n, (leaf) => {
      if (done) return leaf;
      let after: SegmentNode | undefined;
      if ((leaf.kind === 'purchase' || leaf.kind === 'event') && leaf.threshold) {
        const old = leaf.threshold;
        const nt = th.op === 'eq' && old.op !== 'eq' && old.op !== 'between' ? { op: old.op, value: th.value } : th;
        after = { ...leaf, threshold: nt };
      } else if (
        leaf.kind === 'attribute' &&
        (leaf.op === 'between' || leaf.op === 'gt' || leaf.op === 'gte' || leaf.op === 'lt' || leaf.op === 'lte') &&
        unit === 'count'
      ) {
        if (th.op === 'between')
          after = { kind: 'attribute', facet: leaf.facet, op: 'between', min: th.min, max: th.max };
        else if (th.op === 'eq' && leaf.op !== 'between') after = { ...leaf, value: th.value };
        else if (th.op !== 'eq') after = { kind: 'attribute', facet: leaf.facet, op: th.op, value: th.value };
      } else if (
        (leaf.kind === 'purchase' || leaf.kind === 'event') &&
        leaf.window &&
        (leaf.window.type === 'last' || leaf.window.type === 'older_than') &&
        th.op === 'eq'
      ) {
        const w: Window = { ...leaf.window, n: th.value };
        after = { ...leaf, window: w };
      } else if (leaf.kind === 'model' && leaf.score && th.op !== 'between') {
        after = {
          ...leaf,
          score: {
            op: th.op === 'eq' ? leaf.score.op : th.op,
            value: th.value,
          } as import('@smartseg/segment-engine').Threshold,
        };
      }
      if (!after) return leaf;
      done = true;
      changes.push({ op: 'replace', path: list.length === 1 ? 'where' : `where.children[${i}]`, before: leaf, after });
      return after;
    }),
  );
  return done ? out : undefined;
}

function finish(
  engine: UnderstandingEngine,
  seg: Segment,
  text: string,
  ctx: UnderstandContext,
  changes: Change[],
  confidence: number,
): UnderstandingResult {
  const builder = new SegmentBuilder({ lexicon: engine.lexicon, text, clarifications: new Map() });
  const where = builder.simplify(seg.where);
  const segment: Segment = { ...seg, where };
  const res = engine.result(segment, new Map<SegmentNode, NodeMeta>(), text, ctx, [], confidence);
  if (res.status === 'segment') return { ...res, changes, edited: true };
  return res;
}
