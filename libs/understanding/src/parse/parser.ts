import type { FacetDef, ItemFilter, OrderFilter, SegmentNode, Threshold, Window } from '@smartseg/segment-engine';
import type { Lexicon } from '../lexicon/lexicon';
import type { Sense } from '../lexicon/senses';
import { tokenize } from '../normalize/normalize';
import type { QuantityValue } from '../normalize/quantity';
import { MONTHS, STOPWORDS } from '../text/english';
import { addDays, addMonths, daysBetween, iso, parseIso } from '../time/dates';
import { holidaySeason, isBareWindow, type TimeValue } from '../time/time';
import type { AmbAtom, Atom, AttrAtom, BehaviourAtom, LF, ModelAtom, RuleAtom, Span } from './atoms';
import { atomLF } from './atoms';
import { type Chunk, has, sense, senses } from './chunker';

/**
 * Stage 4, parse: the grammar of audience descriptions. Chunks are split into phrases at
 * connectives (and, or, but, who, with, without, except, commas); each phrase is read into
 * conditions (attributes, rules, models, birthdays, and behaviours: purchases and events with
 * their items, order filters, windows and thresholds); phrases are then combined with the
 * scope rules of English coordination and negation:
 * - "in California or Texas": one facet, values OR together;
 * - "women in CA or men in TX": OR of two ANDs;
 * - "didn't buy toys or electronics": bought neither;
 * - "bought toys or opened an email": OR of two behaviours;
 * - "excluding X and Y": NOT (X OR Y);
 * - a window said once at the end of two verbs in one clause applies to both.
 */

export type ConnType =
  | 'aside'
  | 'defword'
  | 'postexcl'
  | 'start'
  | 'and'
  | 'or'
  | 'nor'
  | 'but'
  | 'rel'
  | 'with'
  | 'without'
  | 'excl'
  | 'comma'
  | 'stop'
  | 'def'
  | 'neither'
  /** "plus all ...", "as well as anyone ...": a union with another population (always an 'or' too). */
  | 'plus'
  /** A list the engine spelled out itself ("gold and up" -> gold or platinum): not the list's conjunction. */
  | 'inner'
  /** A separator of filter lines ("Dept = Baby; Brand = Pampers"): the pieces describe one thing. */
  | 'fline'
  /** The first / last phrase inside parentheses. */
  | 'popen'
  | 'pclose';

interface Phrase {
  /** Amounts nothing in the phrase could take. */
  looseQty: { c: Chunk; q: Extract<QuantityValue, { kind: 'cmp' }>; besideUnknown: boolean }[];
  looseRank: { c: Chunk; q: Extract<QuantityValue, { kind: 'rank' }>; idx: number }[];
  seg: number;
  conn: Set<ConnType>;
  clause: number;
  comps: Comp[];
  /** The behaviour of this phrase, if any. */
  beh?: BehaviourAtom;
  /** Only arguments of a behaviour (items, order filters, time, amounts): "or electronics". */
  elliptic: boolean;
  /** Time expressions that found nothing to attach to in the phrase. */
  orphanTimes: { time: TimeValue; chunk: Chunk }[];
  hasVerb: boolean;
  chunks: Chunk[];
}

interface Comp {
  lf: LF;
  key: string;
  atoms: Atom[];
}

export interface ParseResult {
  lf?: LF;
  atoms: Atom[];
  /** Content words nothing explained. */
  unknown: Chunk[];
  /** Catalog words that were recognised but not used in any condition. */
  unused: Chunk[];
  notes: string[];
  chunks: Chunk[];
  /** Decisions taken by default (each lowers confidence). */
  guesses: number;
  /** Event words that name several event types ("opened": an email? a push? the app?). */
  eventAmbiguity?: { term: string; events: string[]; beh: BehaviourAtom };
  injection: boolean;
  /** Unknown words read as chatter around the conditions (lower the confidence). */
  ignored: Chunk[];
}

/** Event words too general to name an event alone ("came", "checked", "left"). */
const GENERIC_EVENT_WORDS = new Set([
  'come',
  'leave',
  'get',
  'check',
  'look',
  'put',
  'use',
  'send',
  'write',
  'post',
  'add',
  'item',
  'product',
  'user',
  'activ',
  'sit',
  'link',
  'out',
  'opt',
]);

const CUE_CACHE = new WeakMap<Lexicon, Map<string, Set<string>>>();

const PLACEHOLDERS = new Set(['none', 'unknown', 'other', 'n/a']);

const NEG_WORDS = new Set(['not', 'no', 'never', 'without', 'none', 'nothing', 'zero', 'nor', 'neither']);
const PURCHASE_WORDS = new Set(['buy', 'bought', 'purchase', 'purchased', 'order', 'ordered', 'shop', 'shopped']);

/** "online only", "store-only shoppers", "only bought online": "only" right around a channel word. */
function onlyNear(chunks: readonly Chunk[], idx: number, always = false): boolean {
  const words = always ? /^(only|exclusively|solely|always)$/i : /^(only|exclusively|solely)$/i;
  return [chunks[idx - 3], chunks[idx - 2], chunks[idx - 1], chunks[idx + 1]].some(
    (x, k) =>
      !!x &&
      (words.test(x.text) || (always && has(x, 'only') && !/^(just|exactly|strictly)$/i.test(x.text))) &&
      (k > 0 || always),
  );
}

/** A chunk the engine makes in place of another (a connective, a "not"): the same span, one sense. */
function synthetic(c: Chunk, s: Sense): Chunk {
  return { ...c, punct: undefined, unknown: false, stop: false, senses: [s] };
}

function span(c: Chunk): Span {
  return { cs: c.cs, ce: c.ce };
}

function emptyBeh(seg: number): BehaviourAtom {
  return { k: 'beh', events: [], ecues: [], item: {}, order: {}, hasVerbWord: false, spans: [], conf: 1, seg };
}

function itemEmpty(i: ItemFilter): boolean {
  return Object.keys(i).length === 0;
}

function orderEmpty(o: OrderFilter): boolean {
  return Object.keys(o).length === 0;
}

function mergeOrder(into: OrderFilter, add: OrderFilter): void {
  if (add.channel) into.channel = [...new Set([...(into.channel ?? []), ...add.channel])];
  if (add.fulfillment) into.fulfillment = [...new Set([...(into.fulfillment ?? []), ...add.fulfillment])];
  if (add.payment_method) into.payment_method = [...new Set([...(into.payment_method ?? []), ...add.payment_method])];
  if (add.coupon_used !== undefined) into.coupon_used = add.coupon_used;
  if (add.status) into.status = add.status;
  if (add.store_id) into.store_id = [...new Set([...(into.store_id ?? []), ...add.store_id])];
}

const ORDER_FIELD_VALUES = {
  payment_method: ['credit_card', 'debit_card', 'cash', 'paypal', 'gift_card', 'ebt'],
  fulfillment: ['in_store', 'pickup', 'delivery', 'ship'],
} as const;

/** The one enumerated order field (payment, fulfillment) a filter names, for "only pays with PayPal". */
function onlyFieldOf(f: OrderFilter): 'payment_method' | 'fulfillment' | undefined {
  if (f.payment_method?.length && !f.fulfillment) return 'payment_method';
  if (f.fulfillment?.length && !f.payment_method) return 'fulfillment';
  return undefined;
}

/** mergeOrder into a behaviour, remembering each channel group said. */
function mergeBehOrder(b: BehaviourAtom, add: OrderFilter, from?: BehaviourAtom): void {
  const groups = from?.channelAlts ?? (add.channel ? [add.channel] : []);
  if (groups.length) {
    const mine = b.channelAlts ?? (b.order.channel ? [b.order.channel] : []);
    b.channelAlts = [...mine, ...groups];
  }
  mergeOrder(b.order, add);
}

function addItem(into: ItemFilter, s: Extract<Sense, { t: 'item' | 'flag' }>): void {
  if (s.t === 'flag') {
    into[s.flag] = true;
    return;
  }
  const list = (into[s.field] ??= []);
  if (!list.includes(s.value)) list.push(s.value);
}

function cloneBeh(b: BehaviourAtom): BehaviourAtom {
  return JSON.parse(JSON.stringify(b)) as BehaviourAtom;
}

/** Days from the start of a window to the as-of date (for day-count facets). */
export function windowDays(
  asOf: string,
  w: Window,
): { op: 'lte' | 'gt' | 'between'; days?: number; min?: number; max?: number } | undefined {
  const start = (n: number, unit: string): string =>
    unit === 'day'
      ? addDays(asOf, -n)
      : unit === 'week'
        ? addDays(asOf, -7 * n)
        : unit === 'month'
          ? addMonths(asOf, -n)
          : addMonths(asOf, -12 * n);
  switch (w.type) {
    case 'last':
      return { op: 'lte', days: daysBetween(start(w.n, w.unit), asOf) };
    case 'older_than':
      return { op: 'gt', days: daysBetween(start(w.n, w.unit), asOf) };
    case 'this': {
      const { y, m } = parseIso(asOf);
      const from =
        w.unit === 'year'
          ? iso(y, 1, 1)
          : w.unit === 'month'
            ? iso(y, m, 1)
            : iso(y, Math.floor((m - 1) / 3) * 3 + 1, 1);
      return { op: 'lte', days: daysBetween(from, asOf) };
    }
    case 'since':
      return { op: 'lte', days: daysBetween(w.date, asOf) };
    case 'before':
      return { op: 'gt', days: daysBetween(w.date, asOf) - 1 };
    case 'year':
      return {
        op: 'between',
        min: Math.max(0, daysBetween(iso(w.year, 12, 31), asOf)),
        max: daysBetween(iso(w.year, 1, 1), asOf),
      };
    case 'month': {
      const last = addDays(addMonths(iso(w.year, w.month, 1), 1), -1);
      return {
        op: 'between',
        min: Math.max(0, daysBetween(last, asOf)),
        max: daysBetween(iso(w.year, w.month, 1), asOf),
      };
    }
    case 'between':
      return { op: 'between', min: Math.max(0, daysBetween(w.to, asOf)), max: daysBetween(w.from, asOf) };
  }
}

/** A window as a condition on a date facet. */
export function windowToDateAttr(asOf: string, w: Window): Pick<AttrAtom, 'op' | 'value' | 'min' | 'max'> {
  const start = (n: number, unit: string): string =>
    unit === 'day'
      ? addDays(asOf, -n)
      : unit === 'week'
        ? addDays(asOf, -7 * n)
        : unit === 'month'
          ? addMonths(asOf, -n)
          : addMonths(asOf, -12 * n);
  const { y, m } = parseIso(asOf);
  switch (w.type) {
    case 'last':
      return { op: 'gte', value: start(w.n, w.unit) };
    case 'older_than':
      return { op: 'lt', value: start(w.n, w.unit) };
    case 'this':
      return {
        op: 'gte',
        value:
          w.unit === 'year'
            ? iso(y, 1, 1)
            : w.unit === 'month'
              ? iso(y, m, 1)
              : iso(y, Math.floor((m - 1) / 3) * 3 + 1, 1),
      };
    case 'since':
      return { op: 'gte', value: w.date };
    case 'before':
      return { op: 'lt', value: w.date };
    case 'year':
      return { op: 'between', min: iso(w.year, 1, 1), max: iso(w.year, 12, 31) };
    case 'month':
      return { op: 'between', min: iso(w.year, w.month, 1), max: addDays(addMonths(iso(w.year, w.month, 1), 1), -1) };
    case 'between':
      return { op: 'between', min: w.from, max: w.to };
  }
}

function isNumericFacet(f: FacetDef | undefined): boolean {
  return !!f && f.type === 'number';
}

const DAY_ROLES = ['recency', 'firstPurchase', 'tenure'] as const;

export class Parser {
  private notes: string[] = [];
  private ignored: Chunk[] = [];
  private allChunks: Chunk[] = [];
  private text = '';
  private guesses = 0;
  private used = new Set<Chunk>();
  private unknown: Chunk[] = [];
  private injection = false;
  /** "but not both", "exactly one of": the alternatives said are exclusive. */
  private xor = false;
  /** Rules the request redefined ("VIP means platinum tier only"), with what they mean here. */
  private redefs = new Map<string, LF>();
  private eventAmbiguity: ParseResult['eventAmbiguity'];
  private allEcues: string[] = [];

  constructor(
    private readonly lex: Lexicon,
    private readonly asOf: string,
    /** a channel said alone ("web") is the orders' channel: set for a whole request, not an edit's fragment */
    private readonly opts: { channelAlone?: boolean } = {},
  ) {}

  private facet(name: string): FacetDef | undefined {
    return this.lex.facets.get(name);
  }

  private isDayFacet(name: string): boolean {
    const r = this.lex.roles;
    return DAY_ROLES.some((k) => r[k] === name) || (this.facet(name)?.unit ?? '').startsWith('day');
  }

  parse(chunks: Chunk[], text = ''): ParseResult {
    this.text = text;
    this.allChunks = chunks;
    this.ignored = [];
    this.notes = [];
    this.guesses = 0;
    this.used = new Set();
    this.unknown = [];
    this.injection = false;
    this.xor = false;
    this.redefs = new Map();
    this.eventAmbiguity = undefined;
    this.allEcues = [];
    const work = this.prepass(this.context(this.exclusiveMarkers(this.notEqual(this.filterLines(chunks)))));
    const segments = this.split(work);
    const phrases: Phrase[] = [];
    for (const [i, s] of segments.entries()) phrases.push(this.interpret(s.chunks, s.conn, i, s.clause));
    this.bindLoose(phrases);
    const lf = this.combine(phrases);
    const atoms: Atom[] = [];
    const collect = (n: LF | undefined) => {
      if (!n) return;
      if (n.op === 'atom') atoms.push(n.atom);
      else if (n.op === 'not') collect(n.child);
      else n.children.forEach(collect);
    };
    collect(lf);
    const unused: Chunk[] = [];
    for (const c of chunks) {
      if (this.used.has(c) || c.punct || c.stop) continue;
      if (c.unknown) continue;
      if (
        c.senses.some((s) => s.t === 'value' || s.t === 'rule' || s.t === 'item' || s.t === 'event' || s.t === 'model')
      )
        unused.push(c);
    }
    return {
      lf,
      atoms,
      unknown: this.unknown,
      unused,
      notes: this.notes,
      chunks,
      guesses: this.guesses,
      eventAmbiguity: this.eventAmbiguity,
      injection: this.injection,
      ignored: this.ignored,
    };
  }

  /** A month name read as that month of the as-of year ("March birthdays"). */
  private monthChunk(c: Chunk): Chunk {
    const month = MONTHS[c.text.toLowerCase()]!;
    return {
      ...c,
      time: { kind: 'window', window: { type: 'month', year: parseIso(this.asOf).y, month }, label: c.text },
    };
  }

  private besideUnknown(chunks: Chunk[], idx: number): boolean {
    const prev = chunks
      .slice(0, idx)
      .reverse()
      .find((x) => !x.stop && !has(x, 'prep') && !x.punct);
    const next = chunks.slice(idx + 1).find((x) => !x.stop && !has(x, 'prep') && !x.punct);
    return !!prev?.unknown || !!next?.unknown;
  }

  /** Amounts left alone in a phrase take the facet a neighbouring phrase used for its amount. */
  private bindLoose(phrases: Phrase[]): void {
    for (const [i, p] of phrases.entries()) {
      // "churn risk in the top 2 deciles (9-10)": numbers alone in parentheses restate what came before
      const prevP = phrases[i - 1];
      if (
        p.conn.has('aside') &&
        p.conn.has('popen') &&
        !p.comps.length &&
        !p.orphanTimes.length &&
        (p.looseQty.length || p.looseRank.length) &&
        p.chunks.every(
          (c) => !!c.qty || !!c.punct || c.stop || has(c, 'filler') || has(c, 'decile') || has(c, 'prep'),
        ) &&
        prevP?.comps.some((cp) =>
          cp.atoms.some((a) => a.k === 'model' || (a.k === 'attr' && a.fromQty) || a.k === 'beh'),
        )
      ) {
        for (const x of [...p.looseQty, ...p.looseRank]) this.used.add(x.c);
        p.looseQty = [];
        p.looseRank = [];
        this.notes.push('numbers in parentheses read as restating what came before them');
        continue;
      }
      for (const lr of p.looseRank) {
        let model: ModelAtom | undefined;
        for (const q of [phrases[i - 1], phrases[i + 1], phrases[i - 2]]) {
          if (!q) continue;
          for (const comp of q.comps) {
            for (const [k, a] of comp.atoms.entries()) {
              if (a.k === 'model' && !model) model = a;
              if (a.k === 'rule' && !model) {
                const def = this.lex.catalog.rules.find((r) => r.id === a.rule)?.definition;
                if (def?.kind === 'model') {
                  const m: ModelAtom = { k: 'model', model: def.model, spans: [...a.spans], conf: 0.85, neg: a.neg };
                  comp.atoms[k] = m;
                  comp.lf = comp.atoms.length === 1 ? atomLF(m) : comp.lf;
                  model = m;
                }
              }
            }
          }
          if (model) break;
        }
        if (model) {
          delete model.level;
          delete model.score;
          if (lr.q.decile) model.decile = lr.q.decile;
          else if (lr.q.dir === 'top') model.top_percent = lr.q.percent;
          else model.bottom_percent = lr.q.percent;
          model.spans.push(span(lr.c));
          this.used.add(lr.c);
        } else {
          const amb: AmbAtom = { k: 'amb', id: 'big_spenders', term: lr.c.text, spans: [span(lr.c)], conf: 0.5 };
          p.comps.push({ lf: atomLF(amb), key: 'amb', atoms: [amb] });
        }
      }
      for (const lq of p.looseQty) {
        let done = false;
        if (!lq.besideUnknown) {
          for (const q of [phrases[i + 1], phrases[i - 1]]) {
            const src = q?.comps.flatMap((c) => c.atoms).find((a): a is AttrAtom => a.k === 'attr' && !!a.fromQty);
            if (!src) continue;
            const bands = this.lex.roles.bands.get(src.facet);
            const atom = bands
              ? this.bandAttr(src.facet, bands, lq.q.threshold, [span(lq.c)])
              : this.thresholdAttr(src.facet, lq.q.threshold, [span(lq.c)], 0.8);
            if (!atom) break;
            atom.fromQty = true;
            p.comps.push({ lf: atomLF(atom), key: this.keyOf(atom), atoms: [atom] });
            this.used.add(lq.c);
            done = true;
            break;
          }
        }
        if (!done) this.unknown.push(lq.c);
      }
    }
  }

  /** Words of a facet's synonyms that name it in passing ("signed", "came"), cached per lexicon. */
  private cueWords(facet: string): Set<string> {
    let cache = CUE_CACHE.get(this.lex);
    if (!cache) {
      cache = new Map();
      CUE_CACHE.set(this.lex, cache);
    }
    let words = cache.get(facet);
    if (!words) {
      const f = this.facet(facet);
      words = new Set(
        (f?.synonyms ?? [])
          .flatMap((s) => s.toLowerCase().split(/\s+/))
          .filter((w) => w.length > 3 && !STOPWORDS.has(w) && !['with', 'from', 'have', 'that'].includes(w)),
      );
      cache.set(facet, words);
    }
    return words;
  }

  /** The facet is named somewhere in the request ("signed up" for the sign-up channel). */
  private cuedAnywhere(facet: string): boolean {
    if (!this.facet(facet)) return false;
    if (this.allChunks.some((x) => senses(x, 'facet').some((s) => s.facet === facet))) return true;
    const words = this.cueWords(facet);
    return this.allChunks.some((x) => x.tokens.some((t) => words.has(t.norm)));
  }

  /** A capitalised word in mid-sentence: a name (of a brand, team, place) the catalog does not know. */
  private isName(c: Chunk): boolean {
    if (!/^[A-Z][a-z]/.test(c.text) || c.cs === 0) return false;
    const before = this.text.slice(0, c.cs).trimEnd();
    return !!before && !/[.!?:;(\-"]$/.test(before);
  }

  // ---------------------------------------------------------------- context

  /** Chunks that can state a condition (not fillers, connectives or unknown words). */
  private contentful(cs: readonly Chunk[]): boolean {
    return cs.some(
      (c) =>
        !!c.qty ||
        (!!c.time && c.time.kind !== 'alltime') ||
        c.senses.some(
          (s) =>
            ['value', 'rule', 'item', 'flag', 'event', 'model', 'amb', 'bnoun', 'order', 'bday', 'optin'].includes(
              s.t,
            ) ||
            (s.t === 'verb' && (s.cls === 'purchase' || s.cls === 'spend' || s.cls === 'return')) ||
            (s.t === 'measure' && s.measure !== 'quantity'),
        ),
    );
  }

  /**
   * Sentences and headers that only give context ("Thinking about a grooming promo",
   * "Win-back audience: ...", "Mardi Gras idea - ...") are set aside when another sentence
   * says who the customers are.
   */
  private context(chunks: Chunk[]): Chunk[] {
    const sentences: Chunk[][] = [];
    let cur: Chunk[] = [];
    for (const c of chunks) {
      cur.push(c);
      if (c.punct && /^[.!?;]$/.test(c.punct)) {
        sentences.push(cur);
        cur = [];
      }
    }
    if (cur.length) sentences.push(cur);
    const drop = new Set<Chunk>();
    for (const s of sentences) {
      // "Header: the audience" / "Idea - the audience"
      const k = s.findIndex((c) => c.punct === ':' || (c.punct === '-' && / - |\s-\s|—/.test(` ${c.text} `)));
      if (k > 0 && k <= 30) {
        const head = s.slice(0, k);
        const tail = s.slice(k + 1);
        const isColon = s[k]!.punct === ':';
        // "exclude: Newark, Jersey City", "OR: ...": a connective before the colon is not a header
        const connective = (c: Chunk) =>
          c.stop || !!c.punct || has(c, 'excl') || has(c, 'conj') || has(c, 'but') || has(c, 'without');
        if (isColon && head.every(connective) && head.some((c) => !c.stop && !c.punct)) {
          drop.add(s[k]!);
        } else if (
          isColon &&
          head.some((c) => c.time?.kind === 'window') &&
          head.every((c) => c.time || c.stop || c.punct)
        ) {
          // "Over the past year: 3+ shipped orders and ...": a window said first holds for what follows
          drop.add(s[k]!);
        } else if (
          this.contentful(tail) &&
          (isColon || !this.contentful(head)) &&
          (!head.some((c) => has(c, 'rel')) || tail.some((c) => has(c, 'subj')))
        ) {
          for (const c of [...head, s[k]!]) drop.add(c);
        }
      }
    }
    for (const s of sentences) {
      // "..., but skip St. Louis - they're already in another test": a trailing aside
      const k = s.findIndex((c, i) => i > 0 && c.punct === '-' && !drop.has(c));
      if (k > 0) {
        const end = s.findIndex((c, i) => i > k && c.punct === '-');
        const tail = s.slice(k + 1, end > k ? end : s.length);
        if (!this.contentful(tail) && this.contentful(s.slice(0, k))) for (const c of [s[k]!, ...tail]) drop.add(c);
      }
    }
    const kept = sentences.map((s) => s.filter((c) => !drop.has(c)));
    const withContent = kept.filter((s) => this.contentful(s));
    if (withContent.length) {
      for (const s of kept) {
        const content = this.contentful(s);
        // (a purpose word in the reason after the condition does not make the sentence a purpose: "They must be
        // reachable by email, since the save offer is email-only")
        const reason = s.findIndex((c, i) => i > 0 && /^(since|because)$/i.test(c.text) && !!s[i - 1]!.punct);
        // (nor in a sentence that defines a term: "For this program, VIP means platinum tier only.")
        const purpose =
          (reason > 0 ? s.slice(0, reason) : s).some((c) => has(c, 'purpose')) &&
          !s.some((c) => has(c, 'def')) &&
          !s.some((c) => has(c, 'rel') || has(c, 'subj') || (has(c, 'verb') && sense(c, 'verb')!.cls !== 'state'));
        if (!content || (purpose && withContent.length > 1)) for (const c of s) drop.add(c);
      }
    }
    for (const c of drop) this.used.add(c);
    return chunks.filter((c) => !drop.has(c));
  }

  // ---------------------------------------------------------------- prepass

  /** Drops purpose clauses ("for our spring campaign", "to send them a coupon"). */
  private prepass(chunks: Chunk[]): Chunk[] {
    const out: Chunk[] = [];
    const w = (c: Chunk | undefined) => (c ? c.text.toLowerCase() : '');
    for (let i = 0; i < chunks.length; i++) {
      const c = chunks[i]!;
      if (has(c, 'inject')) {
        // "ignore the loyalty-tier part of our usual definition": about the tenant's rule, not the system
        let end = i + 1;
        while (end < chunks.length && !(chunks[end]!.punct && /[.;!?]/.test(chunks[end]!.punct!))) end++;
        const rest = chunks
          .slice(i + 1, end)
          .map((x) => x.text.toLowerCase())
          .join(' ');
        if (
          /^(ignore|disregard|override)$/i.test(c.text) &&
          /\b(definition|rule|usual|standard|default)\b/.test(rest) &&
          !chunks.slice(i + 1, end).some((x) => has(x, 'inject'))
        ) {
          for (let k = i; k < end; k++) this.used.add(chunks[k]!);
          this.notes.push(`"${c.text} ${rest}" read as part of the definition given`);
          i = end - 1;
          continue;
        }
        this.injection = true;
      }
      // "for a/our/the ... campaign|promo|...": up to 5 words before a purpose noun
      if ((w(c) === 'for' || w(c) === 'ahead of' || w(c) === 'before') && !c.time) {
        let j = i + 1;
        let found = -1;
        while (j < chunks.length && j <= i + 6) {
          if (chunks[j]!.punct) break;
          if (
            has(chunks[j], 'purpose') ||
            /^(sale|promo|promos|newsletter|event|offer|offers|launch|drop|mailer|email blast|sms blast|push|review|analysis|deck|report|study|audit|test|pilot|project|program|initiative|idea|survey|invite|retro|postmortem|readout|opening|grand opening|pop-up|popup|party|meeting|presentation)$/.test(
              w(chunks[j]),
            )
          )
            found = j;
          j++;
        }
        if (found > i && !chunks.slice(i + 1, found).some((x) => x.qty || (x.time && x.time.kind !== 'future'))) {
          // at the start of a sentence the aside runs to the comma: "For a store opening in Austin, ..."
          const sentenceStart = i === 0 || !!chunks[i - 1]?.punct;
          let end = found;
          if (sentenceStart) {
            let k = found + 1;
            while (k < chunks.length && k <= found + 4 && !chunks[k]!.punct && !has(chunks[k], 'rel')) k++;
            if (chunks[k]?.punct === ',') end = k;
          }
          for (let k = i; k <= end; k++) this.used.add(chunks[k]!);
          i = end;
          continue;
        }
      }
      // "to send them ...", "so we can ...", "in order to ..." up to the end of the sentence
      const nextW = w(chunks[i + 1]);
      const afterW = w(chunks[i + 2]);
      const strongPurpose =
        /^(send|target|offer|give|invite|reward|thank|re-?engage|reengage|win|promote|market|notify|remind|upsell|cross-sell|retarget|survey|nudge|entice|activate|reactivate|lure|bring|see|check|understand|know|find out|learn|measure|compare|gauge|analy[sz]e|figure|confirm|make sure|ensure|avoid|prevent|double|feature|celebrate|welcome|announce|test|try|pitch|sell|show|tell|ask|keep|honor|recognize|save|stop|drive|boost|increase|grow|get them|give them)\b/.test(
          nextW,
        );
      const weakPurpose =
        /^(email|text|push|mail|message|contact|reach|engage|call|ping|sms)$/.test(nextW) &&
        /^(them|those|these|him|her|everyone|people|customers|folks|our|all|each)\b/.test(afterW);
      const purposeStart =
        ((w(c) === 'to' || / to$/.test(w(c)) || w(c) === 'in order to') && (strongPurpose || weakPurpose)) ||
        (w(c) === 'so' && /^(we|that|i|they)\b/.test(nextW)) ||
        // "..., since the save offer is an email-only code": the reason for a condition, not one
        ((w(c) === 'since' || w(c) === 'because' || w(c) === 'as') &&
          !!chunks[i - 1]?.punct &&
          /^(the|our|we|we're|they|they're|it|it's|this|that|these|those|i|legal|marketing)$/.test(nextW));
      if (purposeStart && this.contentful(out)) {
        let j = i;
        while (j < chunks.length && !(chunks[j]!.punct && /[.;!?]/.test(chunks[j]!.punct!))) {
          this.used.add(chunks[j]!);
          j++;
        }
        i = j - 1;
        continue;
      }
      out.push(c);
    }
    this.filterSyntax(out);
    this.usualTalk(out);
    this.orderChannel(out);
    this.ruleEllipsis(out);
    // "CA OR TX": capital OR between two values of one facet is the conjunction
    for (let i = 0; i < out.length; i++) {
      const c = out[i]!;
      if (has(c, 'value') && (has(c, 'conj') || has(c, 'prep'))) {
        const prev = out[i - 1];
        const next = out[i + 1];
        const v = sense(c, 'value')!;
        const prevIsPrep = !!prev && (has(prev, 'prep') || has(prev, 'verb')) && !has(prev, 'value');
        const between = has(prev, 'value') && has(next, 'value');
        // "CA, OR, WA": a code between list separators is a value
        const clauseNext =
          !!next &&
          (has(next, 'rel') || has(next, 'verb') || has(next, 'subj') || has(next, 'neg') || has(next, 'any'));
        const listed =
          !clauseNext &&
          ((!!prev?.punct && /^[,/+&]$/.test(prev.punct)) || (!!next?.punct && /^[,/+&]$/.test(next.punct)));
        if (listed) c.senses = c.senses.filter((s) => s.t === 'value' && s.facet === v.facet);
        else if (!prevIsPrep || between || clauseNext) c.senses = c.senses.filter((s) => s.t !== 'value');
        else c.senses = c.senses.filter((s) => s.t === 'value' && s.facet === v.facet);
      }
    }
    return out;
  }

  /**
   * "Channel = app; Fulfillment = delivery; last 60d", "Purchased: Dairy | Brand: Chobani | Window: 2 weeks": short
   * pieces separated by ";" or "|" are conditions joined by "and", not sentences.
   */
  private filterLines(chunks: Chunk[]): Chunk[] {
    const seps = chunks.filter((c) => c.punct === ';' || c.punct === '|');
    if (!seps.length) return chunks;
    const pieces: Chunk[][] = [[]];
    for (const c of chunks) {
      if (c.punct === ';' || c.punct === '|') pieces.push([]);
      else pieces[pieces.length - 1]!.push(c);
    }
    const words = (p: Chunk[]) => p.reduce((n, c) => n + (c.punct ? 0 : c.text.split(/\s+/).length), 0);
    if (pieces.some((p) => words(p) > 9)) return chunks;
    // (a piece that starts with an exclusion keeps its separator: "State = NJ; exclude: Newark")
    const startsExcl = (i: number) => {
      const first = chunks.slice(i + 1).find((x) => !x.punct);
      return !!first && (has(first, 'excl') || has(first, 'neg') || has(first, 'without'));
    };
    return chunks.map((c, i) =>
      (c.punct === ';' || c.punct === '|') && !startsExcl(i)
        ? { ...synthetic(c, { t: 'conj', c: 'and', line: true }), text: 'and' }
        : c,
    );
  }

  /** Finds and removes "but not both", "exactly one of", ... (the alternatives said are exclusive). */
  private exclusiveMarkers(chunks: Chunk[]): Chunk[] {
    const out: Chunk[] = [];
    let markers = 0;
    for (let i = 0; i < chunks.length; i++) {
      const c = chunks[i]!;
      // "Electronics XOR Appliances": exclusive or
      if (/^xor$/i.test(c.text.trim())) {
        this.xor = true;
        this.used.add(c);
        out.push(synthetic(c, { t: 'conj', c: 'or' }));
        continue;
      }
      // list markers: "(a) ... and (b) ...", "1) ... 2) ..."
      if (
        c.punct === '(' &&
        chunks[i + 2]?.punct === ')' &&
        /^([a-h]|[1-9]|i{1,3}|iv)$/i.test(chunks[i + 1]?.text.trim() ?? '') &&
        // (only where a list item can start: at the beginning, after punctuation or a conjunction)
        (i === 0 ||
          !!chunks[i - 1]!.punct ||
          has(chunks[i - 1], 'conj') ||
          has(chunks[i - 1], 'subj') ||
          has(chunks[i - 1], 'filler'))
      ) {
        for (let k = i; k <= i + 2; k++) this.used.add(chunks[k]!);
        // "(a) women who ..., and (b) men who ...": each item after the first is another group of the list
        if (markers++ > 0) out.push(synthetic(c, { t: 'conj', c: 'or', union: true }));
        i += 2;
        continue;
      }
      // "..., but not both", "exactly one of: ...": exclusive alternatives
      {
        const ahead = chunks.slice(i, i + 6);
        const joined = ahead.map((x) => x.text.toLowerCase()).join(' ');
        const m =
          /^(?:(?:but|and) )?(?:not|never) both\b|^(?:exactly|only|just) one of(?: the two| these| the following| them)?\b|^one or the other(?:,)? (?:but )?not both\b/.exec(
            joined,
          );
        // "- either one qualifies", "either of them counts": the alternatives said are a plain "or"
        const any =
          /^(?:and )?(?:either|any|one or the other) ?(?:one|of them|of those|of these|of the two)? (?:qualif(?:ies|y)|counts?|works?|is fine|is ok(?:ay)?|will do|is enough)\b/.exec(
            joined,
          );
        if (any) {
          let len = 0;
          let n = 0;
          while (n < ahead.length && len < any[0].length) len += ahead[n++]!.text.length + 1;
          for (let k = i; k < i + n; k++) this.used.add(chunks[k]!);
          // (with the dash or comma that set it off)
          if (out.length && (out.at(-1)!.punct === '-' || out.at(-1)!.punct === ',')) this.used.add(out.pop()!);
          i += n - 1;
          continue;
        }
        if (m) {
          let len = 0;
          let n = 0;
          while (n < ahead.length && len < m[0].length) len += ahead[n++]!.text.length + 1;
          for (let k = i; k < i + n; k++) this.used.add(chunks[k]!);
          this.xor = true;
          i += n - 1;
          // "exactly one of: ..." leaves a colon behind
          if (chunks[i + 1]?.punct === ':') this.used.add(chunks[++i]!);
          continue;
        }
      }
      out.push(c);
    }
    return out;
  }

  /** "state != CA", "state ≠ CA", "state <> CA": not equal (before sentences are split at "!"). */
  private notEqual(chunks: Chunk[]): Chunk[] {
    const out = [...chunks];
    for (let i = 0; i < out.length; i++) {
      const c = out[i]!;
      // "!=" / "≠" / "<>": not equal
      if (
        (c.punct === '!' && out[i + 1]?.punct === '=') ||
        c.punct === '\u2260' ||
        (c.punct === '<' && out[i + 1]?.punct === '>')
      ) {
        const two = c.punct !== '\u2260';
        this.used.add(c);
        if (two) this.used.add(out[i + 1]!);
        out.splice(i, two ? 2 : 1, synthetic(c, { t: 'neg', word: 'not' }));
      }
    }
    return out;
  }

  /**
   * Filter syntax from vendor tools: "email_opt_in = false", "is_employee: no", "SMS opt-in is true",
   * A yes/true after a flag is dropped; a no/false becomes "not" before it.
   */
  private filterSyntax(out: Chunk[]): void {
    const word = (c: Chunk | undefined) => (c && !c.punct ? c.text.toLowerCase().trim() : '');
    for (let i = 0; i < out.length; i++) {
      const c = out[i]!;
      if (this.orderedRange(out, i)) continue;
      if (this.metroCities(out, i)) continue;
      if (this.rangeOnward(out, i)) continue;
      const flag = c.senses.find((x) => x.t === 'value' && x.value === true);
      if (!flag) continue;
      let j = i + 1;
      while (
        j < out.length &&
        j <= i + 3 &&
        (out[j]!.punct === '=' || out[j]!.punct === ':' || /^(is|are|=|equals|set to|is set to)$/.test(word(out[j])))
      )
        j++;
      if (j === i + 1 && !/^(true|false)$/.test(word(out[j]))) continue;
      const v = word(out[j]);
      if (/^(false|no|n|0|off|unchecked|unset)$/.test(v)) {
        for (let k = i + 1; k <= j; k++) this.used.add(out[k]!);
        out.splice(i + 1, j - i);
        out.splice(i, 0, synthetic(c, { t: 'neg', word: 'not' }));
        i++;
      } else if (/^(true|yes|y|1|on|checked)$/.test(v)) {
        for (let k = i + 1; k <= j; k++) this.used.add(out[k]!);
        out.splice(i + 1, j - i);
      }
    }
  }

  /**
   * "use a 14-day window instead of the standard one", "use 30 days, not our usual 90": the words that swap a
   * rule's usual window go, the window said stays (for the rule to take).
   */
  private usualTalk(out: Chunk[]): void {
    const w = (k: number) => (out[k] && !out[k]!.punct ? out[k]!.text.toLowerCase().trim() : '');
    const USUAL = /^(?:usual|standard|normal|default|regular|typical)$/;
    const TAIL = /^(?:one|window|rule|definition|period|lookback|days?|months?|timeframe|time frame)$/;
    const drop = (from: number, to: number) => {
      for (let k = from; k < to; k++) this.used.add(out[k]!);
      out.splice(from, to - from);
    };
    for (let i = 0; i < out.length; i++) {
      // "use a 14-day window": the window
      if (/^(?:use|using|apply|applying)$/.test(w(i))) {
        let j = i + 1;
        while (j < out.length && has(out[j], 'filler') && !out[j]!.time) j++;
        if (out[j]?.time && (out[j]!.time!.kind === 'window' || out[j]!.time!.kind === 'duration')) {
          drop(i, i + 1);
          continue;
        }
      }
      // "instead of the standard one", "not our usual 90", "rather than the default window"
      const lead =
        (w(i) === 'instead' && w(i + 1) === 'of') || (w(i) === 'rather' && w(i + 1) === 'than')
          ? 2
          : /^(?:not|rather than)$/.test(w(i))
            ? 1
            : 0;
      if (!lead) continue;
      let j = i + lead;
      // "in the last 60 days rather than 90": the number of the usual window
      if (lead === 2 || w(i) === 'rather than') {
        const k = j;
        if ((out[k]?.qty || /^\d+$/.test(w(k))) && out.slice(0, i).some((x) => x.time)) {
          let e = k + 1;
          while (TAIL.test(w(e))) e++;
          if (!out[e] || out[e]!.punct) {
            drop(i, e);
            i--;
            continue;
          }
        }
      }
      if (/^(?:the|our|its|their)$/.test(w(j))) j++;
      if (!USUAL.test(w(j))) continue;
      j++;
      if (out[j]?.qty || /^\d+$/.test(w(j))) j++;
      while (TAIL.test(w(j))) j++;
      drop(i, j);
      i--;
    }
  }

  /**
   * "Channel = app; Fulfillment = delivery; last 60d": a bare "channel" set to an order channel in a request about
   * orders (a purchase word, an order filter, a window) is the channel of the orders, not the sign-up channel.
   */
  private orderChannel(out: Chunk[]): void {
    for (let i = 0; i < out.length; i++) {
      const c = out[i]!;
      const label = c.text.trim().toLowerCase();
      const channel = /^channels?$/.test(label) && senses(c, 'facet').some((f) => /channel/i.test(f.facet));
      // ("Fulfillment = delivery", "order channel: web": names of order fields)
      const field = /^(?:order channel|fulfil+ment(?: method| type)?|delivery method|shipping method)$/.test(label);
      if (!channel && !field) continue;
      let j = i + 1;
      while (
        j < out.length &&
        j <= i + 2 &&
        (out[j]!.punct === '=' || out[j]!.punct === ':' || /^(is|=)$/i.test(out[j]!.text))
      )
        j++;
      const v = out[j];
      if (!v || !has(v, 'order')) continue;
      const about = out.some(
        (x, k) =>
          k !== j &&
          k !== i &&
          (x.time?.kind === 'window' ||
            has(x, 'order') ||
            has(x, 'bnoun') ||
            has(x, 'measure') ||
            senses(x, 'verb').some((vb) => vb.cls === 'purchase' || vb.cls === 'spend')),
      );
      if (!about && !field) continue;
      for (let k = i; k < j; k++) this.used.add(out[k]!);
      // (said as the channel, the word is the order channel for certain: not a weak "app" or "web")
      v.senses = v.senses.flatMap((x) => (x.t === 'order' ? [{ t: 'order' as const, filter: x.filter }] : []));
      out.splice(i, j - i);
      this.notes.push(`"${c.text}" read as the channel of the orders`);
    }
  }

  /**
   * "reachable by push or SMS", "reachable by push but not by email": a rule said as "<head> by <x>" lends its
   * head to a bare <x> after it when "<head> by <x>" is a rule too.
   */
  private ruleEllipsis(out: Chunk[]): void {
    let head: string | undefined;
    const lent = new Set<Chunk>();
    for (const c of out) {
      const r = c.senses.find((x) => x.t === 'rule');
      if (r) {
        const m = /^(.+?\s(?:by|via|through|over|on|can))\s+\S+$/i.exec(c.text.trim());
        // (a rule the head was lent to keeps the head for the next: "reachable by email or SMS but not push")
        const sameHead =
          !m && !!head && r.t === 'rule' && this.ruleNamed(`${head} ${c.text.toLowerCase().trim()}`) === r.rule;
        if (!lent.has(c) && !sameHead) head = m ? m[1]!.toLowerCase() : undefined;
        continue;
      }
      if (
        !head ||
        c.punct ||
        has(c, 'conj') ||
        has(c, 'but') ||
        has(c, 'excl') ||
        has(c, 'neg') ||
        has(c, 'prep') ||
        c.stop
      )
        continue;
      const rule = this.ruleNamed(`${head} ${c.text.toLowerCase().trim()}`);
      if (rule) {
        c.senses = [{ t: 'rule', rule }];
        lent.add(c);
      } else head = undefined;
    }
  }

  /** The rule a whole phrase names, if any. */
  private ruleNamed(phrase: string): string | undefined {
    const toks = tokenize(phrase);
    for (const m of this.lex.matchAt(toks, 0)) {
      if (m.end !== toks.length) continue;
      const e = m.entries.find((x) => x.sense.t === 'rule');
      if (e && e.sense.t === 'rule') return e.sense.rule;
    }
    return undefined;
  }

  /**
   * "gold and up", "silver or higher", "gold+", "gold or below": a value of an ordered facet and the ones
   * above (below) it, spelled out as a list ("gold or platinum") for the phrase reader.
   */
  private orderedRange(out: Chunk[], i: number): boolean {
    const c = out[i]!;
    const v = c.senses.find((x) => x.t === 'value');
    if (!v || v.t !== 'value') return false;
    const order = this.facet(v.facet)?.order;
    const at = order?.indexOf(v.value as string | number) ?? -1;
    if (!order || at < 0) return false;
    const t1 = out[i + 1];
    const t2 = out[i + 2];
    const two = `${t1?.text ?? ''} ${t2?.text ?? ''}`.toLowerCase().trim();
    let dir: 'up' | 'down' | undefined;
    let len = 0;
    if (t1?.punct === '+') [dir, len] = ['up', 1];
    else if (/^(and|or|&) (up|upward|upwards|above|higher|better|over|beyond)$/.test(two)) [dir, len] = ['up', 2];
    else if (/^(and|or|&) (down|below|lower|under|less)$/.test(two)) [dir, len] = ['down', 2];
    else if (/^(and|or) (up|above|higher|better|below|lower|down|less)\b/.test(t1?.text.toLowerCase() ?? '')) {
      dir = /(up|above|higher|better)/.test(t1!.text.toLowerCase()) ? 'up' : 'down';
      len = 1;
    }
    // said before the value: "at least gold", "no lower than silver", "at most gold"
    let before = 0;
    if (!dir) {
      const w = (k: number) => (out[k] && !out[k]!.punct ? out[k]!.text.toLowerCase().trim() : '');
      const prev = [w(i - 3), w(i - 2), w(i - 1)].join(' ').trim();
      const up =
        /(?:^|\s)(at least|at minimum|no lower than|no less than|minimum(?: of)?)((?: the)?(?: tier| level)?)$/.exec(
          prev,
        );
      const down =
        /(?:^|\s)(at most|at maximum|no higher than|no more than|maximum(?: of)?)((?: the)?(?: tier| level)?)$/.exec(
          prev,
        );
      const m = up ?? down;
      if (!m) return false;
      dir = up ? 'up' : 'down';
      const said = m[0].trim().split(/\s+/).length;
      // the words may be one chunk ("at least") or several
      let words = 0;
      while (before < 3 && words < said && out[i - before - 1]) {
        before++;
        words += w(i - before).split(/\s+/).length;
      }
      if (words !== said) return false;
    }
    const values = dir === 'up' ? order.slice(at) : order.slice(0, at + 1);
    // the placeholder value ("none") is not a level
    const levels = values.filter((x) => !PLACEHOLDERS.has(String(x).toLowerCase()));
    if (!levels.length) return false;
    for (let k = -before; k <= len; k++) this.used.add(out[i + k]!);
    const made: Chunk[] = [];
    const ce = out[i + len]!.ce;
    levels.forEach((value, k) => {
      if (k > 0) made.push(synthetic(c, { t: 'conj', c: 'or', inner: true }));
      made.push({ ...c, ce, senses: [{ ...v, value }] });
    });
    out.splice(i - before, 1 + len + before, ...made);
    this.notes.push(`"${c.text}" and the levels ${dir === 'up' ? 'above' : 'below'} it`);
    return true;
  }

  /**
   * "income 50-100k or higher", "25-50k or lower": a range after an ordered facet and the ones above (below)
   * it, said as its lower end and up ("50k+") or its upper end and down.
   */
  private rangeOnward(out: Chunk[], i: number): boolean {
    const c = out[i]!;
    const q = c.qty;
    if (q?.kind !== 'cmp' || q.threshold.op !== 'between') return false;
    const two = `${out[i + 1]?.text ?? ''} ${out[i + 2]?.text ?? ''}`.toLowerCase().trim();
    const up = /^(or|and|&) (higher|above|up|more|over|better)$/.test(two);
    if (!up && !/^(or|and|&) (lower|below|down|less|under)$/.test(two)) return false;
    const facetBefore = [out[i - 1], out[i - 2]].find((x) =>
      x?.senses.some((sn) => sn.t === 'facet' && !!this.facet(sn.facet)?.order),
    );
    if (!facetBefore) return false;
    const threshold: Threshold = up ? { op: 'gte', value: q.threshold.min } : { op: 'lte', value: q.threshold.max };
    out[i] = { ...c, qty: { ...q, threshold, bare: false } };
    this.used.add(out[i + 1]!);
    this.used.add(out[i + 2]!);
    out.splice(i + 1, 2);
    this.notes.push(`"${c.text}" and the bands ${up ? 'above' : 'below'} it`);
    return true;
  }

  /**
   * "NYC", "the Bay Area": a rule that is a list of cities of one state is said as those cities ("New York or
   * Brooklyn"), so that a list, a negation or a restatement around it ("outside NYC and Brooklyn") reads as
   * with cities named one by one.
   */
  private metroCities(out: Chunk[], i: number): boolean {
    const c = out[i]!;
    if (c.senses.length !== 1 || c.senses[0]!.t !== 'rule') return false;
    const id = c.senses[0]!.rule;
    const def = this.lex.catalog.rules.find((r) => r.id === id)?.definition;
    if (def?.kind !== 'and' || def.children.length !== 2) return false;
    const [cityCond, stateCond] = def.children;
    if (
      cityCond?.kind !== 'attribute' ||
      cityCond.facet !== 'city' ||
      cityCond.op !== 'in' ||
      stateCond?.kind !== 'attribute' ||
      stateCond.facet !== 'state' ||
      stateCond.op !== 'eq'
    )
      return false;
    const cities = (cityCond.values ?? []).map(String);
    const known = new Set((this.facet('city')?.values ?? []).map((v) => String(v.value)));
    if (cities.length < 2 || !cities.every((x) => known.has(x))) return false;
    const made: Chunk[] = [];
    cities.forEach((value, k) => {
      if (k > 0) made.push(synthetic(c, { t: 'conj', c: 'or', inner: true }));
      made.push(synthetic(c, { t: 'value', facet: 'city', value, via: 'synonym' }));
    });
    this.used.add(c);
    out.splice(i, 1, ...made);
    this.notes.push(`"${c.text}" read as the cities ${cities.join(', ')}`);
    return true;
  }

  // ---------------------------------------------------------------- split

  private split(chunks: Chunk[]): { chunks: Chunk[]; conn: Set<ConnType>; clause: number }[] {
    const segs: { chunks: Chunk[]; conn: Set<ConnType>; clause: number }[] = [];
    let cur: Chunk[] = [];
    let conn = new Set<ConnType>(['start']);
    let asideState = false;
    const asideFlag = () => asideState;
    let clause = 0;
    let parenPending = false;
    const flush = () => {
      if (cur.length) {
        if (asideFlag()) conn.add('aside');
        if (parenPending) conn.add('popen');
        parenPending = false;
        segs.push({ chunks: cur, conn, clause });
        cur = [];
        conn = new Set();
      }
    };
    let dashes = 0;
    let asideOpen = false;
    for (const [ci, c] of chunks.entries()) {
      let b = this.boundary(c);
      // "active customers that are not likely to churn": a relative clause, not "that is" (i.e.) - that one
      // follows a comma ("lapsed, that is, nothing for 200 days")
      if (b?.includes('rel') && b.includes('def') && !chunks[ci - 1]?.punct)
        b = b.filter((x) => x !== 'def' && x !== 'defword');
      if (b && (c.punct === '-' || c.punct === '(' || c.punct === ')')) {
        const opening = c.punct === '(' || (c.punct === '-' && dashes % 2 === 0);
        if (opening) {
          if (cur.some((x) => !x.stop && !has(x, 'filler') && !has(x, 'subj'))) flush();
          asideOpen = true;
          parenPending = c.punct === '(';
        } else {
          if (cur.length) {
            conn.add('aside');
            if (c.punct === ')') conn.add('pclose');
            flush();
          }
          asideOpen = false;
        }
      } else if (b && /^[.;!?]$/.test(c.punct ?? '')) asideOpen = false;
      asideState = asideOpen;
      if (b && b.length === 1 && b[0] === 'with' && /^(with|w\/)$/i.test(c.text)) {
        const nxt = chunks[ci + 1];
        const verbBefore = cur.some(
          (x) =>
            (has(x, 'verb') && sense(x, 'verb')!.cls !== 'state') ||
            has(x, 'event') ||
            has(x, 'ecue') ||
            has(x, 'bnoun'),
        );
        if (verbBefore && nxt && (has(nxt, 'order') || has(nxt, 'item') || has(nxt, 'flag'))) b = undefined;
      }
      if (b && c.punct === '-') {
        dashes++;
        if (dashes % 2 === 0) b = ['comma'];
      }
      if (b && c.punct === ')') b = ['comma'];
      // "exclude: Newark, Jersey City", "or: ...": a colon right after a connective only introduces its list
      if (
        b &&
        c.punct === ':' &&
        !cur.some((x) => !x.stop && !has(x, 'filler')) &&
        (conn.has('excl') || conn.has('or') || conn.has('and'))
      ) {
        this.used.add(c);
        continue;
      }
      if (b && b.includes('postexcl')) {
        // "employees excluded": the words before it are excluded
        this.used.add(c);
        if (cur.length) {
          cur.unshift({ ...c, unknown: false, stop: false, senses: [{ t: 'neg', word: 'excluded' }] });
          flush();
        }
        continue;
      }
      if (b) {
        this.used.add(c);
        if (cur.some((x) => !x.stop && !has(x, 'filler') && !has(x, 'subj'))) {
          flush();
        } else if (cur.length) {
          // only fillers so far: keep them with the next segment
        }
        for (const t of b) conn.add(t);
        if (
          b.includes('rel') ||
          b.includes('excl') ||
          b.includes('with') ||
          b.includes('without') ||
          b.includes('stop')
        )
          clause++;
        if (b.includes('without')) cur.push({ ...c, senses: [{ t: 'neg', word: 'without' }] });
        if (b.includes('neither')) cur.push({ ...c, senses: [{ t: 'neg', word: 'neither' }] });
        continue;
      }
      cur.push(c);
    }
    flush();
    return segs;
  }

  private boundary(c: Chunk): ConnType[] | undefined {
    if (/^(excluded|not included|left out|removed|taken out)$/i.test(c.text)) return ['postexcl'];
    if (c.punct) {
      if (c.punct === ',') return ['comma'];
      if (/^[.;!?]$/.test(c.punct)) return ['stop'];
      if (c.punct === '(' || c.punct === ':' || c.punct === '-') return ['def'];
      if (c.punct === ')') return ['comma'];
      if (c.punct === '/') return ['or'];
      if (c.punct === '+' || c.punct === '&') return ['and'];
      return undefined;
    }
    if (c.senses.length === 0) return undefined;
    // a chunk with content senses is not a boundary
    if (
      c.senses.some((s) =>
        ['value', 'rule', 'item', 'flag', 'event', 'model', 'verb', 'order', 'amb', 'measure', 'bnoun'].includes(s.t),
      )
    )
      return undefined;
    const out: ConnType[] = [];
    for (const s of c.senses) {
      if (s.t === 'conj')
        out.push(
          s.c === 'nor' ? 'nor' : s.c,
          ...(s.union ? (['plus'] as const) : []),
          ...(s.inner ? (['inner'] as const) : []),
          ...(s.line ? (['fline'] as const) : []),
        );
      else if (s.t === 'but') out.push('but');
      else if (s.t === 'rel') out.push('rel');
      else if (s.t === 'excl') out.push('excl');
      else if (s.t === 'with') out.push('with');
      else if (s.t === 'without') out.push('without');
      else if (s.t === 'def') out.push('def', 'defword');
      else if (s.t === 'neither') out.push('neither');
    }
    if (c.text.toLowerCase() === 'nor') return ['nor'];
    return out.length ? out : undefined;
  }

  // ---------------------------------------------------------------- interpret one phrase

  private interpret(chunks: Chunk[], conn: Set<ConnType>, seg: number, clause: number): Phrase {
    const phrase: Phrase = {
      seg,
      conn,
      clause,
      comps: [],
      elliptic: false,
      orphanTimes: [],
      hasVerb: false,
      chunks,
      looseQty: [],
      looseRank: [],
    };
    let pendingNeg = false;
    let beh: BehaviourAtom | undefined;
    let hasSubject = false;
    let buyerSubject = false;
    let otherAtoms = 0;
    const atomsAt: { atom: Atom; idx: number }[] = [];
    const times: { c: Chunk; idx: number }[] = [];
    const qtys: { c: Chunk; idx: number }[] = [];
    const levels: { c: Chunk; idx: number }[] = [];
    const facets: { c: Chunk; idx: number; facet: string }[] = [];
    const measures: { c: Chunk; idx: number }[] = [];
    const bnouns: { c: Chunk; idx: number }[] = [];
    const bdays: { c: Chunk; idx: number }[] = [];
    const anyChunks: { c: Chunk; idx: number }[] = [];
    const timesWords: { c: Chunk; idx: number }[] = [];
    const segUnknown: { c: Chunk; idx: number }[] = [];
    let weakChannel = false;

    const ensureBeh = (c: Chunk): BehaviourAtom => {
      if (!beh) {
        beh = emptyBeh(seg);
        if (pendingNeg) {
          beh.neg = true;
          pendingNeg = false;
        }
        atomsAt.push({ atom: beh, idx: chunks.indexOf(c) });
      }
      beh.spans.push(span(c));
      return beh;
    };
    const push = (atom: Atom, idx: number) => {
      if (pendingNeg) {
        atom.neg = true;
        pendingNeg = false;
      }
      atomsAt.push({ atom, idx });
      otherAtoms++;
    };
    const facetCue = (facet: string): boolean => {
      if (!this.facet(facet)) return false;
      if (chunks.some((x) => senses(x, 'facet').some((s) => s.facet === facet))) return true;
      // a cue word of the facet's synonyms said anywhere in the phrase ("signed up", "came from")
      const words = this.cueWords(facet);
      return chunks.some((x) => x.tokens.some((t) => words.has(t.norm)));
    };

    // subscriptions: "opted in to sms", "push turned off", "unsubscribed from email"
    const consumed = new Set<Chunk>();
    for (let idx = 0; idx < chunks.length; idx++) {
      const c = chunks[idx]!;
      const o = sense(c, 'optin');
      if (!o || has(c, 'value')) continue;
      // "unsubscribed from emails in the past month": with a window it is the event, not the state
      if (has(c, 'event') && chunks.some((x) => x.time?.kind === 'window')) continue;
      const found = this.optinFacet(chunks, idx);
      if (!found) continue;
      let value = o.value;
      const negBefore = chunks
        .slice(Math.max(0, Math.min(idx, found.idx) - 2), Math.min(idx, found.idx))
        .some((x) => has(x, 'neg'));
      if (negBefore || pendingNeg) value = !value;
      pendingNeg = false;
      consumed.add(c);
      consumed.add(found.c);
      this.used.add(c);
      this.used.add(found.c);
      const bag = this.lex.booleanBags.get(found.facet)!;
      for (let k = Math.max(0, idx - 3); k < Math.min(chunks.length, idx + 4); k++) {
        const x = chunks[k]!;
        if (
          !x.senses.some((s) => s.t === 'value' || s.t === 'rule' || s.t === 'item') &&
          x.tokens.some((tk) => bag.has(tk.stem))
        ) {
          consumed.add(x);
          this.used.add(x);
        }
      }
      const spans = [span(c), span(found.c)].sort((a, b) => a.cs - b.cs);
      atomsAt.push({
        atom: { k: 'attr', facet: found.facet, op: 'eq', value, spans, conf: 0.9 },
        idx: Math.min(idx, found.idx),
      });
      otherAtoms++;
      for (let k = Math.max(0, Math.min(idx, found.idx) - 2); k < Math.min(idx, found.idx); k++)
        if (has(chunks[k], 'neg')) consumed.add(chunks[k]!);
    }
    this.allEcues.push(...chunks.flatMap((c) => senses(c, 'ecue').map((s) => s.stem)));

    for (let idx = 0; idx < chunks.length; idx++) {
      const c = chunks[idx]!;
      if (consumed.has(c)) continue;
      if (c.time) {
        times.push({ c, idx });
        continue;
      }
      if (c.qty) {
        qtys.push({ c, idx });
        continue;
      }
      // "born in may": a month word that is also a stop word, right after the birth month
      if (
        c.stop &&
        MONTHS[c.text.toLowerCase()] &&
        senses(chunks[idx - 1], 'facet').some((s) => s.facet === this.lex.roles.birthMonth)
      ) {
        times.push({ c: this.monthChunk(c), idx });
        this.used.add(c);
        continue;
      }
      if (c.stop) continue;
      if (c.unknown) {
        // a text facet followed by its value: "last name Smith", "city Springfield"
        const prevF = chunks[idx - 1]
          ? senses(chunks[idx - 1], 'facet')
              .map((s) => this.facet(s.facet))
              .find((f) => f && f.type === 'string')
          : undefined;
        if (prevF && /^[A-Za-z][\w'.-]*$/.test(c.text)) {
          push(
            {
              k: 'attr',
              facet: prevF.name,
              op: 'eq',
              value: c.text,
              spans: [span(chunks[idx - 1]!), span(c)],
              conf: 0.8,
            },
            idx,
          );
          this.used.add(c);
          continue;
        }
        // month names next to a birthday: "March birthdays"
        const mo = MONTHS[c.text.toLowerCase()];
        if (
          mo &&
          (chunks.some((x) => has(x, 'bday')) ||
            chunks.some((x) => senses(x, 'facet').some((s) => s.facet === this.lex.roles.birthMonth)))
        ) {
          times.push({ c: this.monthChunk(c), idx });
          this.used.add(c);
          continue;
        }
        segUnknown.push({ c, idx });
        continue;
      }
      const S = c.senses;
      const t = (x: Sense['t']) => S.some((s) => s.t === x);
      if (t('unsupported')) {
        this.unknown.push(c);
        continue;
      }
      const gen = sense(c, 'generation');
      if (gen && this.lex.roles.age) {
        const y = parseIso(this.asOf).y;
        push(
          {
            k: 'attr',
            facet: this.lex.roles.age,
            op: 'between',
            min: Math.max(0, y - gen.to),
            max: y - gen.from,
            spans: [span(c)],
            conf: 0.8,
          },
          idx,
        );
        this.notes.push(`"${c.text}" read as born ${gen.from}-${gen.to}`);
        this.used.add(c);
        continue;
      }
      if (t('inject')) this.injection = true;

      // catalog values and grammar order words on the same phrase ("online", "app", "in store");
      // placeholder values ("none") count only where their facet is named ("device OS recorded as none")
      const values = senses(c, 'value').filter(
        (v) => !PLACEHOLDERS.has(String(v.value).toLowerCase()) || facetCue(v.facet),
      );
      const order = sense(c, 'order');
      const rule = sense(c, 'rule');
      const model = sense(c, 'model');
      const event = sense(c, 'event');
      const items = S.filter((s) => s.t === 'item' || s.t === 'flag') as Extract<Sense, { t: 'item' | 'flag' }>[];
      const verb = sense(c, 'verb');

      if (t('neg') && !rule && !values.length && !event && !order && !items.length) {
        // "not", "never", "no", "nothing" ("bought nothing": no purchase at all)
        pendingNeg = true;
        this.used.add(c);
        continue;
      }
      if (t('modelword') && !model && !rule && !values.length && !event && !t('facet')) {
        if (
          chunks.some(
            (x) =>
              has(x, 'model') ||
              senses(x, 'rule').some(
                (r) => this.lex.catalog.rules.find((d) => d.id === r.rule)?.definition.kind === 'model',
              ),
          )
        ) {
          this.used.add(c);
        } else segUnknown.push({ c, idx });
        continue;
      }
      if (t('amb')) {
        const a = sense(c, 'amb')!;
        // "engaged subscribers", "subscribers who haven't engaged in 60 days": with email named (or its
        // subscribers), engaged is the tenant's email-engagement rule; with SMS or push, a click or open there
        // "inactive for 90 days", "dormant for 6 months": no purchase in that time
        if (a.id === 'inactive') {
          const tc = chunks.find(
            (x) =>
              x.time && (x.time.kind === 'duration' || (x.time.kind === 'window' && x.time.window.type === 'last')),
          );
          if (tc?.time) {
            const b = ensureBeh(c);
            b.verb = 'purchase';
            b.hasVerbWord = true;
            b.neg = true;
            phrase.hasVerb = true;
            const tv = tc.time;
            b.window =
              tv.kind === 'duration'
                ? { type: 'last', n: tv.n, unit: tv.unit }
                : tv.kind === 'window'
                  ? tv.window
                  : undefined;
            b.spans.push(span(tc));
            this.used.add(tc);
            this.notes.push(`"${c.text}" with a time read as no purchase in that time`);
            this.used.add(c);
            continue;
          }
        }
        if (a.id === 'engaged') {
          const words = new Set(this.allChunks.flatMap((x) => x.tokens.map((tk) => tk.norm)));
          const emailRule = this.lex.catalog.rules.find(
            (r) => r.definition.kind === 'event' && r.definition.event_type.some((e) => /email/.test(e)),
          );
          const smsClick = this.lex.catalog.event_types.find((e) => /sms/.test(e.name) && /click/.test(e.name));
          const pushOpen = this.lex.catalog.event_types.find((e) => /push/.test(e.name) && /open/.test(e.name));
          const sms = ['sms', 'text', 'texts'].some((w) => words.has(w));
          const pushW = words.has('push');
          const explicitEmail = ['email', 'emails', 'newsletter', 'newsletters', 'inbox'].some((w) => words.has(w));
          const email =
            explicitEmail ||
            (!sms && !pushW && ['subscribers', 'subscriber', 'list', 'subscribed'].some((w) => words.has(w)));
          const ev = sms && !pushW ? smsClick : pushW && !sms ? pushOpen : undefined;
          if (ev && !email) {
            const b = ensureBeh(c);
            b.events.push(ev.name);
            b.verb = 'event';
            b.hasVerbWord = true;
            phrase.hasVerb = true;
            const w = emailRule?.definition.kind === 'event' ? emailRule.definition.window : undefined;
            if (w && !chunks.some((x) => x.time)) {
              b.window = w;
              this.notes.push(`"${c.text}" read as ${ev.label} in the window of the email-engagement rule`);
            }
            this.used.add(c);
            continue;
          }
          if (email && !sms && !pushW && emailRule) {
            push({ k: 'rule', rule: emailRule.id, spans: [span(c)], conf: 0.85 }, idx);
            this.notes.push(`"${c.text}" read as ${emailRule.label}, since the request is about email`);
            this.used.add(c);
            continue;
          }
        }
        push({ k: 'amb', id: a.id, term: c.text, spans: [span(c)], conf: 0.6 }, idx);
        this.used.add(c);
        continue;
      }
      // a rule phrase that is really "never bought" + an object: decompose
      if (rule && !model) {
        const next = chunks
          .slice(idx + 1)
          .find(
            (x) =>
              !x.stop &&
              !has(x, 'stop') &&
              !has(x, 'filler') &&
              !has(x, 'any') &&
              !has(x, 'prep') &&
              !has(x, 'itemword'),
          );
        const words = c.tokens.map((tk) => tk.norm);
        const decomposable =
          (PURCHASE_WORDS.has(words[0]!) || NEG_WORDS.has(words[0]!)) &&
          words.some((w) => PURCHASE_WORDS.has(w)) &&
          (has(next, 'item') || has(next, 'flag') || has(next, 'order') || !!next?.time || !!next?.qty);
        if (decomposable) {
          if (words.some((w) => NEG_WORDS.has(w))) pendingNeg = true;
          const b = ensureBeh(c);
          b.verb = 'purchase';
          b.hasVerbWord = true;
          if (words.includes('once')) b.threshold = { op: 'eq', value: 1 };
          this.used.add(c);
          continue;
        }
      }
      if (values.length && order && !rule) {
        // prefer the facet value only when its facet is cued ("signed up online")
        const cued = values.filter((v) => facetCue(v.facet));
        if (cued.length) {
          push(this.valueAtom(cued[0]!, c), idx);
          this.used.add(c);
          continue;
        }
        // not cued: the words are about the order ("bought online", "in-store shoppers")
        const b = ensureBeh(c);
        mergeBehOrder(b, order.filter);
        if (order.filter.channel && !b.neg && onlyNear(chunks, idx)) b.onlyChannel = true;
        if (order.filter.coupon_used === true && !b.neg && onlyNear(chunks, idx, true)) b.onlyCoupon = true;
        if (!b.neg && onlyNear(chunks, idx, true)) b.onlyField = onlyFieldOf(order.filter) ?? b.onlyField;
        if (order.channelWord && !t('verb')) weakChannel = true;
        this.used.add(c);
        continue;
      }
      if (verb && (verb.cls === 'purchase' || verb.cls === 'spend' || verb.cls === 'return') && !event && !rule) {
        const b = ensureBeh(c);
        if (!b.verb || b.verb === 'purchase') b.verb = verb.cls;
        b.hasVerbWord = true;
        phrase.hasVerb = true;
        if (order) mergeBehOrder(b, order.filter);
        if (order?.filter.coupon_used === true && !b.neg && onlyNear(chunks, idx, true)) b.onlyCoupon = true;
        if (order && !b.neg && onlyNear(chunks, idx, true)) b.onlyField = onlyFieldOf(order.filter) ?? b.onlyField;
        this.used.add(c);
        continue;
      }
      if (verb && verb.cls === 'state') {
        this.used.add(c);
        continue;
      }
      if (event && !rule) {
        const b = ensureBeh(c);
        if (!b.events.includes(event.event)) b.events.push(event.event);
        b.verb = 'event';
        b.hasVerbWord = true;
        phrase.hasVerb = true;
        this.used.add(c);
        continue;
      }
      // "least likely to churn", "unlikely to buy": the rule's model, low
      if (rule && !model) {
        const def = this.lex.catalog.rules.find((r) => r.id === rule.rule)?.definition;
        const prevText = (chunks[idx - 1]?.text ?? '').toLowerCase();
        if (
          def?.kind === 'model' &&
          def.level === 'high' &&
          (/^(least|less)$/.test(prevText) || /^(least|unlikely)\b/i.test(c.text))
        ) {
          push({ k: 'model', model: def.model, level: 'low', spans: [span(c)], conf: 0.9 }, idx);
          if (/^(least|less)$/.test(prevText)) this.used.add(chunks[idx - 1]!);
          this.used.add(c);
          continue;
        }
      }
      if (rule) {
        if (
          model &&
          (chunks.some((x) => x.qty?.kind === 'rank' || (x.qty && !x.qty.bare)) || chunks.some((x) => has(x, 'level')))
        ) {
          push({ k: 'model', model: model.model, spans: [span(c)], conf: 0.95 }, idx);
        } else {
          push({ k: 'rule', rule: rule.rule, spans: [span(c)], conf: c.exact ? 1 : 0.9 }, idx);
        }
        this.used.add(c);
        continue;
      }
      const store = sense(c, 'store');
      if (store) {
        // "whose home store is Acme Supercenter Denver": the preferred-store facet; otherwise a purchase there
        const storeFacet = [...this.lex.facets.values()].find(
          (f) =>
            /store/.test(f.name) &&
            f.type === 'number' &&
            chunks.some(
              (x) =>
                senses(x, 'facet').some((fs) => fs.facet === f.name) ||
                x.tokens.some((tk) => /^(preferred|home|favou?rite|usual|primary|regular|main)$/.test(tk.norm)),
            ),
        );
        const buyVerb = chunks.some((x) => {
          const v = sense(x, 'verb');
          return !!v && (v.cls === 'purchase' || v.cls === 'spend' || v.cls === 'return');
        });
        if (storeFacet && !buyVerb) {
          push(
            store.ids.length === 1
              ? { k: 'attr', facet: storeFacet.name, op: 'eq', value: store.ids[0]!, spans: [span(c)], conf: 0.95 }
              : { k: 'attr', facet: storeFacet.name, op: 'in', values: store.ids, spans: [span(c)], conf: 0.9 },
            idx,
          );
          for (const x of chunks) if (senses(x, 'facet').some((f) => f.facet === storeFacet.name)) this.used.add(x);
        } else {
          const b = ensureBeh(c);
          mergeOrder(b.order, { store_id: store.ids });
          if (!b.verb) b.verb = 'purchase';
        }
        this.used.add(c);
        continue;
      }
      if (order && !values.length && !items.length) {
        // "signed up on the website": a value of a facet named in the phrase, inside the order words
        let inner = this.innerValue(c).filter((v) => facetCue(v.facet));
        // "signed up via the app": a channel word that is also a value of the facet named
        if (!inner.length && order.channelWord) {
          const word = order.channelWord;
          for (const f of this.lex.facets.values())
            if (f.values?.some((v) => String(v.value) === word) && facetCue(f.name) && !/store/.test(f.name))
              inner = [{ t: 'value', facet: f.name, value: word, via: 'value' }];
        }
        if (inner.length) {
          push(this.valueAtom(inner[0]!, c), idx);
          this.used.add(c);
          continue;
        }
        const b = ensureBeh(c);
        mergeBehOrder(b, order.filter);
        if (order.filter.channel && !b.neg && onlyNear(chunks, idx)) b.onlyChannel = true;
        if (order.filter.coupon_used === true && !b.neg && onlyNear(chunks, idx, true)) b.onlyCoupon = true;
        if (!b.neg && onlyNear(chunks, idx, true)) b.onlyField = onlyFieldOf(order.filter) ?? b.onlyField;
        if (order.channelWord && !t('verb')) weakChannel = true;
        if (t('verb')) {
          b.verb = 'purchase';
          b.hasVerbWord = true;
          phrase.hasVerb = true;
        }
        this.used.add(c);
        continue;
      }
      if (items.length && !values.length) {
        const b = ensureBeh(c);
        const it = items[0]!;
        const prevC = chunks[idx - 1];
        const juxtaposedDept =
          it.t === 'item' &&
          it.field === 'department' &&
          (b.item.department?.length ?? 0) > 0 &&
          !!prevC &&
          senses(prevC, 'item').some((s) => s.field === 'department');
        if (!juxtaposedDept)
          for (const x of items)
            if (x.t === it.t && (x.t !== 'item' || (it.t === 'item' && x.field === it.field))) addItem(b.item, x);
        this.used.add(c);
        continue;
      }
      if (values.length) {
        // several facets claim the words: choose by context
        const vAmb = items.length ? undefined : this.valueAmbiguity(values, c, chunks);
        if (vAmb) {
          push(vAmb, idx);
          this.used.add(c);
          continue;
        }
        const nearby = new Set(
          this.allChunks
            .filter((x) => x !== c && x.cs !== c.cs)
            .flatMap((x) => senses(x, 'value'))
            .map((v) => v.facet),
        );
        const byNeighbour = values.filter((v) => nearby.has(v.facet));
        const v =
          byNeighbour.length && new Set(values.map((x) => x.facet)).size > 1
            ? byNeighbour[0]!
            : this.pickValue(values, c, chunks, idx, items.length > 0);
        if (v === 'item' && items.length) {
          const b = ensureBeh(c);
          addItem(b.item, items[0]!);
        } else if (v && v !== 'item') {
          push(this.valueAtom(v, c), idx);
        }
        this.used.add(c);
        continue;
      }
      if (model) {
        push({ k: 'model', model: model.model, spans: [span(c)], conf: 0.95 }, idx);
        this.used.add(c);
        continue;
      }
      if (t('bnoun')) {
        const bn = sense(c, 'bnoun')!;
        const b = ensureBeh(c);
        if (bn.cls === 'spend') {
          b.verb = 'spend';
          b.measure = 'spend';
        } else if (!b.verb) b.verb = bn.cls === 'return' ? 'return' : 'purchase';
        b.hasVerbWord = true;
        phrase.hasVerb = true;
        bnouns.push({ c, idx });
        this.used.add(c);
        continue;
      }
      if (t('measure')) {
        const m = sense(c, 'measure')!;
        if (m.measure === 'quantity') {
          measures.push({ c, idx });
          anyChunks.push({ c, idx });
          this.used.add(c);
          continue;
        }
        const b = ensureBeh(c);
        b.measure = m.measure;
        if (m.lifetime) b.lifetime = true;
        b.hasVerbWord = true;
        phrase.hasVerb = true;
        measures.push({ c, idx });
        this.used.add(c);
        continue;
      }
      const facetS = senses(c, 'facet');
      if (facetS.length) {
        for (const f of facetS) facets.push({ c, idx, facet: f.facet });
        this.used.add(c);
        if (!t('ecue')) continue;
      }
      if (t('ecue')) {
        const b = ensureBeh(c);
        for (const s of senses(c, 'ecue')) if (!b.ecues.includes(s.stem)) b.ecues.push(s.stem);
        b.hasVerbWord = true;
        phrase.hasVerb = true;
        this.used.add(c);
        continue;
      }
      if (t('level')) {
        levels.push({ c, idx });
        this.used.add(c);
        continue;
      }
      if (t('bday')) {
        bdays.push({ c, idx });
        this.used.add(c);
        continue;
      }
      if (t('any') && /^(one|it|them|any)$/i.test(c.text)) {
        anyChunks.push({ c, idx });
        this.used.add(c);
        continue;
      }
      if (t('subj')) {
        hasSubject = true;
        if (sense(c, 'subj')!.buyer) buyerSubject = true;
        this.used.add(c);
        continue;
      }
      if (t('times')) {
        timesWords.push({ c, idx });
        this.used.add(c);
        continue;
      }
      if (t('any')) {
        anyChunks.push({ c, idx });
        this.used.add(c);
        continue;
      }
      if (t('verb')) {
        this.used.add(c);
        continue;
      }
      // grammar words: fillers, prepositions, aux, decile, only, purpose...
      this.used.add(c);
    }

    // ---- bind quantities
    const findAtom = <K extends Atom['k']>(k: K, near: number, maxDist = 99): Extract<Atom, { k: K }> | undefined => {
      let best: { a: Atom; d: number } | undefined;
      for (const { atom, idx } of atomsAt) {
        if (atom.k !== k) continue;
        const d = Math.abs(idx - near);
        if (d <= maxDist && (!best || d < best.d)) best = { a: atom, d };
      }
      return best?.a as Extract<Atom, { k: K }> | undefined;
    };
    const nextContent = (idx: number): { c: Chunk; idx: number } | undefined => {
      for (let j = idx + 1; j < chunks.length; j++) {
        const c = chunks[j]!;
        if (
          c.stop ||
          has(c, 'prep') ||
          (has(c, 'filler') && !has(c, 'subj') && !has(c, 'measure')) ||
          (has(c, 'any') && !has(c, 'measure')) ||
          has(c, 'aux')
        )
          continue;
        return { c, idx: j };
      }
      return undefined;
    };
    const prevContent = (idx: number): { c: Chunk; idx: number } | undefined => {
      for (let j = idx - 1; j >= 0; j--) {
        const c = chunks[j]!;
        if (
          c.stop ||
          has(c, 'prep') ||
          has(c, 'aux') ||
          (has(c, 'verb') && sense(c, 'verb')!.cls === 'state') ||
          (has(c, 'filler') && !has(c, 'facet')) ||
          has(c, 'only') ||
          (has(c, 'modelword') && !has(c, 'model'))
        )
          continue;
        return { c, idx: j };
      }
      return undefined;
    };

    for (const { c, idx } of qtys) {
      const q = c.qty!;
      this.used.add(c);
      if (q.kind === 'rank') {
        const m = findAtom('model', idx) ?? this.modelFromRule(atomsAt, idx);
        if (m) {
          if (q.decile) m.decile = q.decile;
          else if (q.dir === 'top') m.top_percent = q.percent;
          else m.bottom_percent = q.percent;
          m.spans.push(span(c));
          continue;
        }
        // a model said in a neighbouring phrase ("most likely to buy - top 5 percent only"), else "top 10% of spenders"
        phrase.looseRank.push({ c, q, idx });
        continue;
      }
      if (
        !this.bindCmp(q, c, idx, {
          chunks,
          beh: () => beh,
          ensureBeh,
          atomsAt,
          facets,
          measures,
          bnouns,
          timesWords,
          push,
          nextContent,
          prevContent,
          hasSubject,
          levels,
        })
      ) {
        // bound later from a coordinated phrase ("in the 50-100k or 100-150k income bands"), or refused
        phrase.looseQty.push({ c, q, besideUnknown: this.besideUnknown(chunks, idx) });
      }
    }

    // ---- bind levels to models
    const decileWord = chunks.find((x) => has(x, 'decile'));
    const INTENSIFIERS = /^(very|highly|extremely|super|really|most)$/i;
    for (const { c, idx } of levels) {
      if (INTENSIFIERS.test(c.text) && levels.some((l) => l.c !== c && Math.abs(l.idx - idx) <= 2)) continue;
      const m = findAtom('model', idx, 3);
      const lv = sense(c, 'level')!.level;
      if (m && !m.level && !m.score && !m.decile && m.top_percent === undefined && m.bottom_percent === undefined) {
        const word = c.text.toLowerCase();
        if (decileWord && /^(top|highest|bottom|lowest|very top|very bottom)$/.test(word)) {
          m.decile = { op: 'eq', value: /top|highest/.test(word) ? 10 : 1 };
          m.spans.push(span(c), span(decileWord));
          this.used.add(decileWord);
        } else m.level = lv;
        m.spans.push(span(c));
      }
    }
    for (const { atom } of atomsAt) {
      if (
        atom.k === 'model' &&
        !atom.level &&
        !atom.score &&
        !atom.decile &&
        atom.top_percent === undefined &&
        atom.bottom_percent === undefined
      ) {
        atom.level = 'high';
        atom.conf = Math.min(atom.conf, 0.8);
        this.guesses++;
      }
    }

    // "90d buyers": buyers with a time bought in it
    if (
      !beh &&
      buyerSubject &&
      times.some((x) => x.c.time?.kind === 'window' || x.c.time?.kind === 'ambiguous') &&
      !facets.some((f) => !has(f.c, 'prep')) &&
      !bdays.length
    ) {
      const sc = chunks.find((x) => has(x, 'subj'))!;
      const bb = ensureBeh(sc);
      bb.verb = 'purchase';
    }
    // ---- bind times
    for (const [ti, { c, idx }] of times.entries()) {
      this.used.add(c);
      const tv = c.time!;
      const prevT = times[ti - 1];
      if (
        prevT &&
        prevT.idx >= idx - 2 &&
        tv.kind === 'window' &&
        prevT.c.time?.kind === 'window' &&
        (tv.window.type === 'this' || tv.window.type === 'year')
      ) {
        this.notes.push(`"${c.text}" read as part of "${prevT.c.text}"`);
        continue;
      }
      if (bdays.length || (tv.kind === 'future' && tv.when !== 'next_days') || (tv.kind === 'future' && bdays.length)) {
        if (this.bindBirthday(tv, c, bdays, push, idx, facets)) continue;
      }
      if (tv.kind === 'future') {
        // "likely to buy in the next 30 days": the model's own horizon
        if (atomsAt.some((a) => a.atom.k === 'rule' || a.atom.k === 'model')) {
          this.notes.push(`"${c.text}" is taken as part of the prediction`);
          continue;
        }
        // a future time that is not a birthday ("send it next week") says nothing about the customers
        this.ignored.push(c);
        continue;
      }
      // "recently lapsed VIPs", "newly churned": the rule's own definition already says when
      if (
        tv.kind === 'ambiguous' &&
        tv.id === 'recently' &&
        !(beh && (beh as BehaviourAtom).hasVerbWord) &&
        atomsAt.some((a) => a.atom.k === 'rule' && a.idx > idx && a.idx <= idx + 2)
      ) {
        this.notes.push(`"${c.text}" read as part of the business rule after it`);
        continue;
      }
      if (tv.kind === 'anaphor') {
        const bb = beh as BehaviourAtom | undefined;
        if (bb) {
          bb.windowAnaphor = true;
          bb.spans.push(span(c));
          continue;
        }
        phrase.orphanTimes.push({ time: tv, chunk: c });
        continue;
      }
      // a facet of dates or day counts takes the window ("signed up this year", "last purchase over 90 days ago")
      let dateFacet = facets.find((f) => this.facet(f.facet)?.type === 'date' && !this.facet(f.facet)?.pii);
      if (!dateFacet && !(beh && (beh as BehaviourAtom).hasVerbWord)) {
        for (const f of this.lex.facets.values()) {
          if (f.type !== 'date' || f.pii) continue;
          const cue = this.cueWords(f.name);
          const hit = chunks.find((x) => x.tokens.some((t) => cue.has(t.norm)));
          if (hit) {
            dateFacet = { c: hit, idx: chunks.indexOf(hit), facet: f.name };
            break;
          }
        }
      }
      const dayFacet = facets.find((f) => this.isDayFacet(f.facet));
      if (tv.kind === 'window' && dateFacet && !(beh && beh.hasVerbWord && beh.verb)) {
        push(
          {
            k: 'attr',
            facet: dateFacet.facet,
            ...windowToDateAttr(this.asOf, tv.window),
            spans: [span(dateFacet.c), span(c)],
            conf: 0.95,
          },
          idx,
        );
        continue;
      }
      if (
        (tv.kind === 'window' || tv.kind === 'duration') &&
        dayFacet &&
        !(beh && beh.verb && beh.hasVerbWord && !facets.length)
      ) {
        const a = this.dayAttr(dayFacet.facet, tv);
        // "recency over 60 days", "tenure over 5 years": more days than that, not a window of that length
        const more = /^(?:over|more than|above|longer than|beyond|greater than|at least)\s/i.exec(c.text.trim());
        if (a && more && tv.kind === 'window' && tv.window.type === 'last' && a.op === 'lte' && a.value !== undefined)
          a.op = /^at least/i.test(more[0]) ? 'gte' : 'gt';
        if (a) {
          push({ ...a, spans: [span(dayFacet.c), span(c)] }, idx);
          continue;
        }
      }
      if (
        tv.kind === 'window' &&
        dateFacet === undefined &&
        this.lex.roles.birthMonth &&
        facets.some((f) => f.facet === this.lex.roles.birthMonth)
      ) {
        if (tv.window.type === 'month') {
          push(
            {
              k: 'attr',
              facet: this.lex.roles.birthMonth,
              op: 'eq',
              value: tv.window.month,
              spans: [span(c)],
              conf: 0.95,
            },
            idx,
          );
          continue;
        }
        // "born Oct-Dec", "born between March and May": a run of whole months
        if (tv.window.type === 'between' && this.bindBirthday(tv, c, bdays, push, idx, facets)) continue;
        if (tv.window.type === 'year' && this.lex.roles.age) {
          const y = parseIso(this.asOf).y - tv.window.year;
          push(
            {
              k: 'attr',
              facet: this.lex.roles.age,
              op: 'between',
              min: Math.max(0, y - 1),
              max: y,
              spans: [span(c)],
              conf: 0.8,
            },
            idx,
          );
          continue;
        }
      }
      const b = beh as BehaviourAtom | undefined;
      if (
        b &&
        (b.hasVerbWord || !itemEmpty(b.item) || !orderEmpty(b.order) || (buyerSubject && b.verb === 'purchase'))
      ) {
        if (this.applyTime(b, tv, c)) continue;
      }
      // a rule with a window of its own definition: "engaged with email in the last 30 days", "inactive for 6 months"
      const r = findAtom('rule', idx);
      if (r && this.overrideRule(r, tv, c, atomsAt)) continue;
      phrase.orphanTimes.push({ time: tv, chunk: c });
    }

    // ---- birthdays with no time: this month
    for (const { c } of bdays) {
      if (!atomsAt.some((a) => a.atom.k === 'bday' && a.atom.spans.some((s) => s.cs === c.cs))) {
        if (!times.length) {
          push({ k: 'bday', when: 'this_month', spans: [span(c)], conf: 0.6 }, chunks.indexOf(c));
          this.notes.push(`"${c.text}" read as a birthday this month`);
          this.guesses++;
        }
      }
    }

    // ---- behaviour: channel words without a purchase make an event ("app users")
    const b = beh as BehaviourAtom | undefined;
    if (
      b &&
      itemEmpty(b.item) &&
      orderEmpty(b.order) &&
      !b.events.length &&
      (anyChunks.some((a) => /^(one|ones|it|them|any|those|some)$/i.test(a.c.text)) ||
        // "and spent over $200 on them"
        ((b.verb === 'spend' || b.measure === 'spend') &&
          chunks.some((x, i) => /^(them|those|these|it)$/i.test(x.text) && /^on$/i.test(chunks[i - 1]?.text ?? ''))))
    ) {
      b.inheritObject = true;
    }
    if (b && b.window && times.length && b.spans.length) {
      const firstVerb = chunks.findIndex((x) => has(x, 'verb') || has(x, 'ecue') || has(x, 'event') || has(x, 'bnoun'));
      if (firstVerb >= 0 && times[0]!.idx < firstVerb) b.windowLeading = true;
    }
    if (b) {
      if (
        weakChannel &&
        !b.verb &&
        itemEmpty(b.item) &&
        !buyerSubject &&
        Object.keys(b.order).length === 1 &&
        b.order.channel?.length === 1 &&
        // "web", "on the web" alone in a request is where the orders were placed (as "online" is)
        !(
          this.opts.channelAlone &&
          b.order.channel[0] === 'web' &&
          !b.events.length &&
          !b.ecues.some((e) => e !== 'web')
        )
      ) {
        b.droppedChannel = b.order.channel;
        b.order = {};
      }
      if (!b.verb && buyerSubject && !b.ecues.length) b.verb = 'purchase';
      if (pendingNeg && !b.neg && atomsAt.length === 1) b.neg = true;
      b.spans = dedupeSpans(b.spans);
    }
    if (pendingNeg && atomsAt.length === 0) {
      // "not" with nothing after it in this phrase: it negates the next phrase
      phrase.comps = [];
    }

    // ---- "repeat buyers of pet food", "one-time buyers of toys": a rule defined by purchases takes the items
    {
      const bb = beh as BehaviourAtom | undefined;
      const ruleAt = atomsAt.find((a) => a.atom.k === 'rule');
      const def = ruleAt
        ? this.lex.catalog.rules.find((r) => r.id === (ruleAt.atom as RuleAtom).rule)?.definition
        : undefined;
      if (
        ruleAt &&
        def?.kind === 'purchase' &&
        !def.item &&
        bb &&
        !bb.neg &&
        !itemEmpty(bb.item) &&
        !bb.events.length &&
        !bb.ecues.length &&
        !bb.threshold &&
        !bb.measure
      ) {
        const node = {
          ...JSON.parse(JSON.stringify(def)),
          item: bb.item,
          ...(bb.window ? { window: bb.window } : {}),
          ...(orderEmpty(bb.order) ? {} : { order: bb.order }),
        };
        const r = ruleAt.atom as RuleAtom;
        ruleAt.atom = { k: 'node', node, label: r.rule, spans: [...r.spans, ...bb.spans], conf: 0.85, neg: r.neg };
        const at = atomsAt.findIndex((a) => a.atom === bb);
        if (at >= 0) atomsAt.splice(at, 1);
        beh = undefined;
        this.notes.push(`the rule ${r.rule} was applied to the items named`);
      }
    }
    // ---- "frequent buyers of organic groceries", "spend a lot on baby stuff": the ambiguous term takes the items
    const ambAtom = atomsAt.find((a) => a.atom.k === 'amb')?.atom as AmbAtom | undefined;
    const bh = beh as BehaviourAtom | undefined;
    if (
      ambAtom &&
      bh &&
      !bh.events.length &&
      !bh.ecues.length &&
      !bh.threshold &&
      (!itemEmpty(bh.item) || !orderEmpty(bh.order))
    ) {
      ambAtom.absorb = bh;
      ambAtom.spans.push(...bh.spans);
      const at = atomsAt.findIndex((a) => a.atom === bh);
      if (at >= 0) atomsAt.splice(at, 1);
      beh = undefined;
    }

    // ---- unknown words: a condition we cannot read, or words around a condition we can?
    const isCond = [...conn].some((t) =>
      ['rel', 'with', 'without', 'excl', 'and', 'or', 'but', 'nor', 'neither'].includes(t),
    );
    const subjIdx = chunks.map((c, i) => (has(c, 'subj') ? i : -1)).filter((i) => i >= 0);
    const unknownSet = new Set(segUnknown.map((u) => u.c));
    for (const { c, idx } of segUnknown) {
      let fatal: boolean;
      const prevChunk = chunks[idx - 1];
      const afterPlacePrep =
        !!prevChunk &&
        /^(in|from|near|around|the|of)$/i.test(prevChunk.text) &&
        !!chunks
          .slice(0, idx)
          .reverse()
          .find((x) => /^(in|from|near|around)$/i.test(x.text));
      if (this.isName(c) || (afterPlacePrep && !c.tokens.some((tk) => /(ly|ing|ed)$/.test(tk.norm)))) fatal = true;
      else if (!atomsAt.length)
        fatal =
          !chunks.some((x) => has(x, 'purpose')) &&
          (isCond || ((conn.has('start') || conn.has('stop')) && subjIdx.length === 0));
      else if (
        isCond &&
        atomsAt.every((a) => a.idx > idx) &&
        atomsAt.every((a) => a.atom.k === 'attr' && !a.atom.fromQty && !this.cuedAnywhere(a.atom.facet))
      ) {
        // "who follow us on Instagram": an unknown verb relating the people to a bare value
        fatal = true;
      } else {
        const modifiesPeople = subjIdx.some(
          (s) => s > idx && chunks.slice(idx + 1, s).every((x) => unknownSet.has(x) || x.stop),
        );
        const name = this.isName(c);
        const head = !isCond && subjIdx.length === 0 && atomsAt.every((a) => a.idx > idx);
        let k = idx - 1;
        while (k >= 0 && (chunks[k]!.stop || has(chunks[k], 'filler') || has(chunks[k], 'any'))) k--;
        const prevK = chunks[k];
        const objectOfVerb =
          !!prevK &&
          ((has(prevK, 'verb') && ['purchase', 'spend', 'return'].includes(sense(prevK, 'verb')!.cls)) ||
            has(prevK, 'ecue')) &&
          !c.tokens.some((tk) => /(ly|ing)$/.test(tk.norm));
        // "who have a pet iguana", "with a lawn bigger than half an acre": a catalog item word that only
        // qualifies a thing the catalog does not know (no buying said): not a purchase of the item
        const prevItem = !!prevChunk && has(prevChunk, 'item') && prevChunk === prevK;
        const bought = chunks.some(
          (x) =>
            has(x, 'ecue') ||
            has(x, 'bnoun') ||
            has(x, 'event') ||
            senses(x, 'verb').some((v) => ['purchase', 'spend', 'return'].includes(v.cls)),
        );
        const qualifiesItem = prevItem && !bought && !subjIdx.some((si) => si > idx);
        fatal = modifiesPeople || name || head || objectOfVerb || qualifiesItem;
      }
      if (fatal) this.unknown.push(c);
      else {
        this.ignored.push(c);
        this.used.add(c);
      }
    }

    // ---- components
    atomsAt.sort((a, c2) => a.idx - c2.idx);
    for (const { atom } of atomsAt) {
      phrase.comps.push({ lf: atomLF(atom), key: this.keyOf(atom), atoms: [atom] });
    }
    phrase.beh = beh as BehaviourAtom | undefined;
    phrase.elliptic = !!phrase.beh && !phrase.beh.hasVerbWord && otherAtoms === 0;
    if (!atomsAt.length && !hasSubject && (phrase.orphanTimes.length || qtys.length)) phrase.elliptic = true;
    return phrase;
  }

  /** Facet values named by the words inside a chunk ("website" inside "on the website"). */
  private innerValue(c: Chunk): Extract<Sense, { t: 'value' }>[] {
    const out: Extract<Sense, { t: 'value' }>[] = [];
    for (let k = 0; k < c.tokens.length; k++) {
      for (const m of this.lex.matchAt(c.tokens, k)) {
        for (const e of m.entries) if (e.sense.t === 'value' && e.source === 'catalog') out.push(e.sense);
      }
    }
    return out;
  }

  /** The boolean facet a subscription word is about ("sms" in "opted in to sms"), near it in the phrase. */
  private optinFacet(chunks: Chunk[], at: number): { facet: string; c: Chunk; idx: number } | undefined {
    const bags = this.lex.booleanBags;
    let best: { facet: string; c: Chunk; idx: number; d: number } | undefined;
    for (let k = Math.max(0, at - 3); k < Math.min(chunks.length, at + 4); k++) {
      if (k === at) continue;
      const c = chunks[k]!;
      if (c.senses.some((s) => s.t === 'value' || s.t === 'rule' || s.t === 'item' || s.t === 'model')) continue;
      const stems = c.tokens.map((t) => t.stem);
      for (const [facet, bag] of bags) {
        if (stems.some((s) => bag.has(s))) {
          // words after the subscription word come first ("opted in to sms")
          const d = Math.abs(k - at) * 2 + (k < at ? 1 : 0);
          if (!best || d < best.d) best = { facet, c, idx: k, d };
        }
      }
    }
    return best;
  }

  private keyOf(a: Atom): string {
    if (a.k === 'attr') return `attr:${a.facet}`;
    if (a.k === 'model') return `model:${a.model}`;
    return a.k;
  }

  private valueAtom(v: Extract<Sense, { t: 'value' }>, c: Chunk): AttrAtom {
    const f = this.facet(v.facet);
    const conf = c.exact ? (v.via === 'derived' ? 0.85 : 1) : 0.9;
    if (f?.type === 'boolean') return { k: 'attr', facet: v.facet, op: 'eq', value: v.value, spans: [span(c)], conf };
    return { k: 'attr', facet: v.facet, op: 'eq', value: v.value, spans: [span(c)], conf };
  }

  /** Chooses among several facet values for the same words ("Washington": the state or the city?). */
  private pickValue(
    values: Extract<Sense, { t: 'value' }>[],
    c: Chunk,
    chunks: Chunk[],
    idx: number,
    hasItem: boolean,
  ): Extract<Sense, { t: 'value' }> | 'item' | undefined {
    const prev = chunks[idx - 1];
    const prevText = prev?.text.toLowerCase() ?? '';
    const location = /^(in|from|at|near|around|living in|lives in|based in|located in|of)$/.test(prevText);
    if (hasItem && !location) return 'item';
    // the words name a facet that is also said ("city of ...")
    const named = values.filter((v) => chunks.some((x) => senses(x, 'facet').some((s) => s.facet === v.facet)));
    if (named.length) return named[0];
    const score = (v: Extract<Sense, { t: 'value' }>) => {
      const f = this.facet(v.facet);
      let s = 0;
      if (f?.type === 'enum') s += 3;
      if (f?.type === 'boolean') s += 2;
      if (v.via === 'value' || v.via === 'label') s += 2;
      if (v.via === 'synonym') s += 1;
      // short codes typed in capitals are codes
      if (
        c.tokens.length === 1 &&
        c.tokens[0]!.upper &&
        c.text.length <= 3 &&
        String(v.value).toUpperCase() === c.text.toUpperCase()
      )
        s += 3;
      if (f?.pii) s -= 5;
      return s;
    };
    const sorted = [...values].sort((a, b) => score(b) - score(a));
    if (sorted.length > 1 && new Set(sorted.map((v) => v.facet)).size > 1 && score(sorted[0]!) === score(sorted[1]!))
      this.guesses++;
    return sorted[0];
  }

  /** Two facets both name these exact words as a value ("Washington": the state or the city)? */
  private valueAmbiguity(values: Extract<Sense, { t: 'value' }>[], c: Chunk, chunks: Chunk[]): AmbAtom | undefined {
    if (!c.exact) return undefined;
    const exact = values.filter((v) => (v.via === 'value' || v.via === 'label') && !this.facet(v.facet)?.pii);
    const facets = [...new Set(exact.map((v) => v.facet))];
    if (facets.length < 2) return undefined;
    // the request names one of the facets ("the state of Washington", "Washington state")
    if (chunks.some((x) => senses(x, 'facet').some((s) => facets.includes(s.facet)))) return undefined;
    // other values of one of the facets are said ("Washington or Oregon"): that facet
    const others = this.allChunks
      .filter((x) => x !== c && x.cs !== c.cs)
      .flatMap((x) => senses(x, 'value'))
      .filter((v) => facets.includes(v.facet));
    const otherFacets = new Set(others.map((v) => v.facet));
    if (otherFacets.size === 1) return undefined;
    const options = facets.slice(0, 4).map((f) => {
      const v = exact.find((x) => x.facet === f)!;
      const def = this.facet(f)!;
      const label = def.values?.find((x) => x.value === v.value)?.label ?? String(v.value);
      return {
        label: `${def.label}: ${label}${label !== String(v.value) ? ` (${v.value})` : ''}`,
        node: { kind: 'attribute' as const, facet: f, op: 'eq' as const, value: v.value },
      };
    });
    return {
      k: 'amb',
      id: `value:${c.text.toLowerCase()}`,
      term: c.text,
      options,
      question: `Which "${c.text}" do you mean?`,
      spans: [span(c)],
      conf: 0.5,
    };
  }

  private modelFromRule(atomsAt: { atom: Atom; idx: number }[], near: number): ModelAtom | undefined {
    // "top 10% by churn risk" where "churn risk" was read as the rule: use the rule's model
    let best: { r: RuleAtom; d: number } | undefined;
    for (const { atom, idx } of atomsAt) {
      if (atom.k !== 'rule') continue;
      const d = Math.abs(idx - near);
      if (!best || d < best.d) best = { r: atom, d };
    }
    if (!best) return undefined;
    const def = this.lex.catalog.rules.find((r) => r.id === best!.r.rule)?.definition;
    if (def?.kind !== 'model') return undefined;
    const r = best.r as unknown as ModelAtom;
    const m: ModelAtom = { k: 'model', model: def.model, spans: [...best.r.spans], conf: 0.9 };
    Object.assign(r, m);
    delete (r as unknown as { rule?: string }).rule;
    return r;
  }

  // ---------------------------------------------------------------- comparisons

  private bindCmp(
    q: Extract<QuantityValue, { kind: 'cmp' }>,
    c: Chunk,
    idx: number,
    ctx: {
      chunks: Chunk[];
      beh: () => BehaviourAtom | undefined;
      ensureBeh: (c: Chunk) => BehaviourAtom;
      atomsAt: { atom: Atom; idx: number }[];
      facets: { c: Chunk; idx: number; facet: string }[];
      measures: { c: Chunk; idx: number }[];
      bnouns: { c: Chunk; idx: number }[];
      timesWords: { c: Chunk; idx: number }[];
      push: (a: Atom, idx: number) => void;
      nextContent: (idx: number) => { c: Chunk; idx: number } | undefined;
      prevContent: (idx: number) => { c: Chunk; idx: number } | undefined;
      hasSubject: boolean;
      levels: { c: Chunk; idx: number }[];
    },
  ): boolean {
    const th = q.threshold;
    let next = ctx.nextContent(idx);
    const prev = ctx.prevContent(idx);
    const roles = this.lex.roles;
    {
      let j = next?.idx ?? -1;
      const skippable = (x: Chunk) =>
        !has(x, 'measure') &&
        !has(x, 'bnoun') &&
        (has(x, 'order') ||
          has(x, 'item') ||
          has(x, 'flag') ||
          (has(x, 'verb') && sense(x, 'verb')!.cls === 'return') ||
          has(x, 'itemword') ||
          x.time?.kind === 'alltime');
      while (j >= 0 && j < ctx.chunks.length && skippable(ctx.chunks[j]!)) j++;
      const cand = ctx.chunks[j];
      if (j !== next?.idx && cand && (has(cand, 'bnoun') || has(cand, 'measure'))) next = { c: cand, idx: j };
    }
    // a number right next to words nobody knows belongs to them ("net worth over $1M")
    const rawPrev = ctx.chunks
      .slice(0, idx)
      .reverse()
      .find(
        (x) =>
          !x.stop &&
          !has(x, 'prep') &&
          !has(x, 'aux') &&
          !(has(x, 'verb') && sense(x, 'verb')!.cls === 'state') &&
          !x.punct,
      );
    const rawNext = ctx.chunks.slice(idx + 1).find((x) => !x.stop && !has(x, 'prep') && !x.punct);
    const besideUnknown = !!rawPrev?.unknown || !!rawNext?.unknown;

    // a time unit right after the number: "3+ years" for a day-count facet
    const unitWord = next?.c.text.toLowerCase();
    const unitDays = unitWord && /^(days?|weeks?|months?|years?|yrs?)$/.test(unitWord) ? unitWord : undefined;

    // a count of something the tenant only knows as yes / no ("3+ kids", "two or more children"): that
    // number is data it does not have, so the request is refused with the facet as the nearest, not
    // read as the yes / no or given to another number ("households with 3+ kids" is not a household size)
    if (next && next.idx === idx + 1 && !/^(with|without|has|have|had|no)$/i.test(next.c.tokens[0]?.norm ?? '')) {
      const yesNo = [...senses(next.c, 'facet'), ...senses(next.c, 'value')].find(
        (fs) => this.facet(fs.facet)?.type === 'boolean',
      );
      const trivial =
        (th.op === 'eq' && th.value === 0) || (th.op === 'gte' && th.value === 1) || (th.op === 'gt' && th.value === 0);
      if (yesNo && !trivial && !has(next.c, 'optin') && !has(next.c, 'measure')) {
        this.unknown.push(c);
        this.notes.push(`"${c.text} ${next.c.text}": only whether there are any is known`);
        return true;
      }
    }
    // "bought from at least two departments", "3+ different brands": a count of distinct kinds of item,
    // which the segment model cannot say: refused, not read as a count of orders
    if (
      next &&
      !has(next.c, 'measure') &&
      /^(departments?|categories|category|brands?|aisles?|sections?)$/i.test(next.c.text.trim()) &&
      ctx.chunks.slice(idx + 1, next.idx).every((x) => x.stop || has(x, 'filler') || x.punct)
    ) {
      this.unknown.push(c, next.c);
      this.notes.push(`"${c.text} ${next.c.text}": a count of distinct kinds of item`);
      return true;
    }
    // 1. a numeric facet, model or measure right before: "churn risk above 0.8", "points over 5000", "AOV over $100"
    // 2. a noun right after: "5+ orders", "more than 5000 points", "40 years old"
    const candidates = [next, prev].filter(Boolean) as { c: Chunk; idx: number }[];
    for (const cand of candidates) {
      const x = cand.c;
      const isNext = cand === next;
      // model
      const model = sense(x, 'model');
      if (model && !isNext) {
        const m = ctx.atomsAt.find((a) => a.atom.k === 'model' && a.atom.spans.some((s) => s.cs === x.cs))?.atom as
          ModelAtom | undefined;
        const target = m ?? (sense(x, 'rule') ? this.modelFromRule(ctx.atomsAt, cand.idx) : undefined);
        if (target) {
          this.modelScore(target, q, c);
          return true;
        }
      }
      if (model && isNext) {
        const m = ctx.atomsAt.find((a) => a.atom.k === 'model' && a.atom.spans.some((s) => s.cs === x.cs))?.atom as
          ModelAtom | undefined;
        if (m) {
          this.modelScore(m, q, c);
          return true;
        }
      }
      // facet
      for (const fs of senses(x, 'facet')) {
        const f = this.facet(fs.facet);
        if (!f) continue;
        if (isNumericFacet(f)) {
          let value = th;
          if (this.isDayFacet(f.name) && unitDays && isNext === false) {
            value = this.toDays(th, unitDays);
          }
          if (this.isDayFacet(f.name) && !isNext) {
            const nn = ctx.nextContent(idx);
            const u = nn?.c.text.toLowerCase();
            if (u && /^(weeks?|months?|years?|yrs?)$/.test(u)) {
              value = this.toDays(th, u);
              this.used.add(nn!.c);
            }
          }
          // "born in the 80s", "born before 1970": years of birth are an age range, not a month
          if (f.name === roles.birthMonth && roles.age) {
            let bt: Threshold = th;
            const bounds = bt.op === 'between' ? [bt.min, bt.max] : [bt.value];
            // "born before 1970", "born after 2000": the word before the year says which way
            const before = ctx.chunks[idx - 1]?.text.toLowerCase();
            if (bt.op === 'eq' && before) {
              if (/^(before|prior to|earlier than)$/.test(before)) bt = { op: 'lt', value: bt.value };
              else if (/^(after|later than)$/.test(before)) bt = { op: 'gt', value: bt.value };
              else if (/^(since|from)$/.test(before)) bt = { op: 'gte', value: bt.value };
              if (bt.op !== 'eq') this.used.add(ctx.chunks[idx - 1]!);
            }
            if (bounds.some((v) => v > 12)) {
              const year = (v: number) => (v >= 1900 ? v : v < 30 ? 2000 + v : 1900 + v);
              const y = parseIso(this.asOf).y;
              let age: Threshold | undefined;
              if (bt.op === 'between')
                age = { op: 'between', min: Math.max(0, y - year(bt.max)), max: y - year(bt.min) };
              else if (bt.op === 'lt' || bt.op === 'lte')
                age = { op: 'gte', value: y - year(bt.value) + (bt.op === 'lt' ? 0 : -1) };
              else if (bt.op === 'gt' || bt.op === 'gte')
                age = { op: 'lte', value: y - year(bt.value) - (bt.op === 'gt' ? 1 : 0) };
              else if (bt.op === 'eq')
                age = { op: 'between', min: Math.max(0, y - year(bt.value) - 1), max: y - year(bt.value) };
              if (age) {
                ctx.push(this.thresholdAttr(roles.age, age, [span(x), span(c)], 0.8), idx);
                this.notes.push(`"${c.text}" read as a year of birth (age at the as-of date, by calendar year)`);
                return true;
              }
            }
          }
          ctx.push(this.thresholdAttr(f.name, value, [span(x), span(c)], 0.95), idx);
          return true;
        }
        const bands = roles.bands.get(f.name);
        if (bands) {
          const atom = this.bandAttr(f.name, bands, th, [span(x), span(c)]);
          if (atom) ctx.push(atom, idx);
          else this.unknown.push(c);
          return true;
        }
      }
      // measure or behaviour noun ("5+ orders", "zero returned orders")
      if (
        has(x, 'measure') ||
        has(x, 'bnoun') ||
        (has(x, 'verb') && /\b(orders?|purchases?|transactions?)\b/i.test(x.text))
      ) {
        const b = ctx.ensureBeh(c);
        const m = sense(x, 'measure');
        if (m && m.measure === 'quantity' && isNext && q.unit !== 'money') b.measure = 'quantity';
        else if (m && m.measure !== 'quantity') b.measure = m.measure;
        else if (sense(x, 'bnoun')?.cls === 'spend' || q.unit === 'money')
          b.measure = b.measure === 'avg_order_value' ? b.measure : 'spend';
        else if (!b.measure) b.measure = 'orders';
        if (m && m.measure === 'quantity' && isNext && q.unit !== 'money') {
          b.measure = 'quantity';
          this.used.add(x);
        }
        if (!b.verb) b.verb = 'purchase';
        b.threshold = this.adjustMoney(th, q);
        b.spans.push(span(c));
        return true;
      }
      // events: "opened 3+ emails", "visited the site more than 5 times"
      const bb = ctx.beh();
      if (
        (has(x, 'event') || has(x, 'ecue')) &&
        bb &&
        (bb.verb === 'event' || (!bb.verb && (bb.ecues.length || bb.events.length))) &&
        q.unit === 'count'
      ) {
        const b = ctx.beh()!;
        b.threshold = th;
        b.spans.push(span(c));
        return true;
      }
    }
    // a number followed by the unit of one numeric facet ("households of 4 or more people", "5,000 points")
    if (next && !q.times && q.unit === 'count') {
      const word = next.c.text.toLowerCase();
      const byUnit = [...this.lex.facets.values()].filter(
        (f) =>
          f.type === 'number' &&
          f.unit &&
          f.unit !== 'days' &&
          f.unit !== 'years' &&
          !f.pii &&
          (f.unit === word ||
            `${f.unit}s` === word ||
            f.unit === `${word}s` ||
            (f.unit === 'people' && /^(people|persons?|members)$/.test(word))),
      );
      if (byUnit.length === 1) {
        ctx.push(this.thresholdAttr(byUnit[0]!.name, th, [span(c), span(next.c)], 0.85), idx);
        this.used.add(next.c);
        return true;
      }
    }
    // "zip code 10001": a bare number right after a text facet is its value
    if (q.bare && th.op === 'eq' && prev && idx - prev.idx <= 1) {
      const tf = senses(prev.c, 'facet')
        .map((s) => this.facet(s.facet))
        .find((f) => f && f.type === 'string');
      if (tf) {
        ctx.push(
          { k: 'attr', facet: tf.name, op: 'eq', value: c.text.trim(), spans: [span(prev.c), span(c)], conf: 0.8 },
          idx,
        );
        return true;
      }
    }
    // age hints: "older than 50", "in their 30s", "N years old"
    const ageFacet = roles.age ? this.facet(roles.age) : undefined;
    const nextIsAge = !!next && senses(next.c, 'facet').some((f) => f.facet === roles.age);
    if (ageFacet && (q.age || q.decade || nextIsAge)) {
      ctx.push(this.thresholdAttr(ageFacet.name, th, nextIsAge ? [span(c), span(next!.c)] : [span(c)], 0.95), idx);
      if (nextIsAge) this.used.add(next!.c);
      return true;
    }
    if (besideUnknown) return false;
    // "the four southwest states": a bare count before a value counts nothing
    if (q.bare && q.threshold.op === 'eq' && next && senses(next.c, 'value').length && next.idx === idx + 1) {
      this.notes.push(`"${c.text}" ignored`);
      return true;
    }
    // money: spend
    if (q.unit === 'money') {
      const b = ctx.ensureBeh(c);
      if (b.measure !== 'avg_order_value') b.measure = 'spend';
      if (!b.verb || b.verb === 'purchase') b.verb = b.verb ?? 'spend';
      b.threshold = th.op === 'eq' && q.bare ? { op: 'gte', value: (th as { value: number }).value } : th;
      if (q.bare) {
        this.notes.push(`"${c.text}" read as at least ${c.text}`);
        this.guesses++;
      }
      return true;
    }
    // counts of occurrences: "more than once", "3+ times", "at least twice"
    const b = ctx.beh();
    if (q.times || ctx.timesWords.some((t) => Math.abs(t.idx - idx) <= 1)) {
      const bb = b ?? ctx.ensureBeh(c);
      bb.threshold = th;
      if ((bb.verb === 'purchase' || bb.verb === 'return') && !bb.measure) bb.measure = 'orders';
      bb.spans.push(span(c));
      return true;
    }
    // a count right after a verb: "bought 3", "ordered 5 or more"
    if (b && b.hasVerbWord && prev && (has(prev.c, 'verb') || has(prev.c, 'ecue') || has(prev.c, 'event'))) {
      b.threshold = th;
      if ((b.verb === 'purchase' || b.verb === 'return') && !b.measure) b.measure = 'orders';
      b.spans.push(span(c));
      return true;
    }
    // percentages with a model in the phrase: "churn risk of 80%"
    if (q.unit === 'percent') {
      const m = ctx.atomsAt.find((a) => a.atom.k === 'model')?.atom as ModelAtom | undefined;
      if (m) {
        this.modelScore(m, q, c);
        return true;
      }
    }
    // a bare number or range in an age's range next to people: "women 25-40", "over 50"
    if (ageFacet && q.unit === 'count' && !q.times) {
      const vals = th.op === 'between' ? [th.min, th.max] : [th.value];
      const inRange = vals.every((v) => v >= 13 && v <= 110);
      const nearPeople = ctx.hasSubject || ctx.atomsAt.some((a) => a.atom.k === 'attr') || !b;
      if (inRange && nearPeople && !(th.op === 'eq' && q.bare && !(prev && senses(prev.c, 'value').length))) {
        ctx.push(this.thresholdAttr(ageFacet.name, th, [span(c)], 0.8), idx);
        this.notes.push(`"${c.text}" read as age`);
        this.guesses++;
        return true;
      }
    }
    return false;
  }

  private toDays(th: Threshold, unit: string): Threshold {
    const f = unit.startsWith('week') ? 7 : unit.startsWith('month') ? 30 : unit.startsWith('y') ? 365 : 1;
    if (th.op === 'between') return { op: 'between', min: th.min * f, max: th.max * f };
    return { op: th.op, value: th.value * f };
  }

  private adjustMoney(th: Threshold, q: Extract<QuantityValue, { kind: 'cmp' }>): Threshold {
    if (q.bare && th.op === 'eq' && q.unit === 'money') return { op: 'gte', value: th.value };
    return th;
  }

  private modelScore(m: ModelAtom, q: Extract<QuantityValue, { kind: 'cmp' }>, c: Chunk): void {
    const def = this.lex.catalog.models.find((x) => x.name === m.model);
    let th = q.threshold;
    const scale = (v: number) => (def?.scale === 'probability' && (q.unit === 'percent' || v > 1) ? v / 100 : v);
    if (th.op === 'between') th = { op: 'between', min: scale(th.min), max: scale(th.max) };
    else th = { op: th.op, value: scale(th.value) };
    if (th.op === 'eq' && q.bare) th = { op: 'gte', value: th.value };
    m.score = th;
    m.spans.push(span(c));
  }

  private thresholdAttr(facet: string, th: Threshold, spans: Span[], conf: number): AttrAtom {
    if (th.op === 'between')
      return { k: 'attr', facet, op: 'between', min: th.min, max: th.max, spans, conf, fromQty: true };
    return { k: 'attr', facet, op: th.op, value: th.value, spans, conf, fromQty: true };
  }

  private bandAttr(
    facet: string,
    bands: { value: string | number | boolean; min: number; max: number }[],
    th: Threshold,
    spans: Span[],
  ): AttrAtom | undefined {
    // a bound inside a band ("income over $75k" against 50-100k bands) is a finer grain than the
    // tenant keeps: refused with the band facet as the nearest, not rounded to the bands around it
    const edges = new Set(bands.flatMap((b) => [b.min, b.max]));
    const bounds = th.op === 'between' ? [th.min, th.max] : th.op === 'eq' ? [] : [th.value];
    if (bounds.some((v) => !edges.has(v))) {
      this.notes.push(`${facet}: ${bounds.join('-')} falls inside a band`);
      return undefined;
    }
    const pick = bands.filter((b) => {
      switch (th.op) {
        case 'gt':
        case 'gte':
          return b.min >= th.value || (b.max > th.value && (b.max - th.value) / (b.max - b.min) >= 0.5);
        case 'lt':
        case 'lte':
          return b.max <= th.value || (b.min < th.value && (th.value - b.min) / (b.max - b.min) >= 0.5);
        case 'between':
          return b.max > th.min && b.min < th.max;
        case 'eq':
          return b.min <= th.value && th.value < b.max;
        default:
          return false;
      }
    });
    this.notes.push(`amount matched to ${facet} bands ${pick.map((p) => p.value).join(', ')}`);
    if (pick.length === 1)
      return { k: 'attr', facet, op: 'eq', value: pick[0]!.value, spans, conf: 0.85, fromQty: true };
    return { k: 'attr', facet, op: 'in', values: pick.map((p) => p.value), spans, conf: 0.85, fromQty: true };
  }

  private dayAttr(facet: string, tv: TimeValue): AttrAtom | undefined {
    if (tv.kind === 'duration') {
      const days = windowDays(this.asOf, { type: 'last', n: tv.n, unit: tv.unit })!.days!;
      return { k: 'attr', facet, op: tv.op === 'eq' ? 'gte' : tv.op, value: days, spans: [], conf: 0.9 };
    }
    if (tv.kind !== 'window') return undefined;
    const d = windowDays(this.asOf, tv.window);
    if (!d) return undefined;
    if (d.op === 'between') return { k: 'attr', facet, op: 'between', min: d.min, max: d.max, spans: [], conf: 0.9 };
    return { k: 'attr', facet, op: d.op, value: d.days, spans: [], conf: 0.9 };
  }

  private bindBirthday(
    tv: TimeValue,
    c: Chunk,
    bdays: { c: Chunk; idx: number }[],
    push: (a: Atom, idx: number) => void,
    idx: number,
    facets: { c: Chunk; idx: number; facet: string }[],
  ): boolean {
    const bd = bdays[0];
    const spans = bd ? [span(bd.c), span(c)] : [span(c)];
    if (!bd && !facets.some((f) => f.facet === this.lex.roles.birthMonth)) return false;
    if (tv.kind === 'future') {
      if (tv.when === 'next_days') push({ k: 'bday', when: 'next_days', days: tv.days, spans, conf: 0.95 }, idx);
      else push({ k: 'bday', when: tv.when, spans, conf: 1 }, idx);
      return true;
    }
    if (tv.kind === 'window') {
      const w = tv.window;
      if (w.type === 'this' && w.unit === 'month') {
        push({ k: 'bday', when: 'this_month', spans, conf: 1 }, idx);
        return true;
      }
      if (w.type === 'month' && this.lex.roles.birthMonth) {
        push({ k: 'attr', facet: this.lex.roles.birthMonth, op: 'eq', value: w.month, spans, conf: 0.95 }, idx);
        return true;
      }
      if (w.type === 'between' && w.from === w.to && w.from === this.asOf) {
        push({ k: 'bday', when: 'today', spans, conf: 1 }, idx);
        return true;
      }
      // "born Oct-Dec", "birthdays in Q4", "between November and February": whole months are birth months
      const bm = this.lex.roles.birthMonth;
      if (w.type === 'between' && bm) {
        const a = parseIso(w.from);
        const b = parseIso(w.to);
        const wholeMonths = a.d === 1 && addDays(w.to, 1).endsWith('-01');
        const n = (b.y - a.y) * 12 + (b.m - a.m) + 1;
        if (wholeMonths && n >= 2 && n <= 11) {
          const months = Array.from({ length: n }, (_, k) => ((a.m - 1 + k) % 12) + 1);
          const wraps = months[months.length - 1]! < months[0]!;
          push(
            wraps
              ? { k: 'attr', facet: bm, op: 'in', values: months, spans, conf: 0.9 }
              : {
                  k: 'attr',
                  facet: bm,
                  op: 'between',
                  min: months[0]!,
                  max: months[months.length - 1]!,
                  spans,
                  conf: 0.9,
                },
            idx,
          );
          return true;
        }
      }
      if (w.type === 'since' || (w.type === 'last' && w.unit === 'week')) {
        push({ k: 'bday', when: 'next_days', days: 7, spans, conf: 0.7 }, idx);
        return true;
      }
    }
    return false;
  }

  /** Puts a window on a behaviour. Returns false when the behaviour already has one. */
  private applyTime(b: BehaviourAtom, tv: TimeValue, c: Chunk): boolean {
    if (tv.kind === 'alltime') {
      b.lifetime = true;
      b.spans.push(span(c));
      return true;
    }
    // "holiday shoppers from last December": a concrete window settles the vague one said beside it
    if (b.windowAmb?.id === 'holidays' && !b.window && tv.kind === 'window' && tv.window.type === 'year') {
      // "holiday shoppers in 2025": the holidays of that year
      const season = holidaySeason(tv.window.year, this.asOf);
      if (season.kind === 'ambiguous') b.windowAmb = { id: season.id, term: season.term, options: season.options };
      b.spans.push(span(c));
      return true;
    }
    if (b.windowAmb && !b.window && tv.kind === 'window') {
      this.notes.push(`"${c.text}" read as the time meant by "${b.windowAmb.term}"`);
      delete b.windowAmb;
    }
    if (b.window || b.windowAmb) return false;
    if (tv.kind === 'window') b.window = tv.window;
    else if (tv.kind === 'ambiguous') b.windowAmb = { id: tv.id, term: tv.term, options: tv.options };
    else if (tv.kind === 'duration') {
      b.window = { type: 'last', n: tv.n, unit: tv.unit };
      if (!b.neg) {
        this.notes.push(`"${c.text}" read as ${b.window.n} ${b.window.unit}s back from today`);
        this.guesses++;
      }
    } else return false;
    b.spans.push(span(c));
    return true;
  }

  /** A rule followed by its own time ("engaged with email in the last 30 days", "lapsed for 200 days"). */
  private overrideRule(r: RuleAtom, tv: TimeValue, c: Chunk, atomsAt: { atom: Atom; idx: number }[]): boolean {
    const def = this.lex.catalog.rules.find((x) => x.id === r.rule)?.definition;
    if (!def) return false;
    // "first-time buyers in the last 45 days": an exact count over all history (one order) stays the rule; the
    // window says when that purchase was
    if (
      def.kind === 'purchase' &&
      !def.window &&
      def.threshold?.op === 'eq' &&
      (tv.kind === 'window' || (tv.kind === 'duration' && !r.neg))
    ) {
      const window: Window = tv.kind === 'window' ? tv.window : { type: 'last', n: tv.n, unit: tv.unit };
      const at = atomsAt.find((a) => a.atom === r);
      const atom: Atom = {
        k: 'node',
        node: {
          kind: 'and',
          children: [
            { kind: 'rule', rule: r.rule },
            { kind: 'purchase', window },
          ],
        },
        label: `${r.rule} (${tv.label})`,
        spans: [...r.spans, span(c)],
        conf: 0.9,
        neg: r.neg,
      };
      if (at) at.atom = atom;
      this.notes.push(`"${c.text}" read as when the one purchase of ${r.rule} was`);
      return true;
    }
    if ((def.kind === 'event' || def.kind === 'purchase') && (tv.kind === 'window' || tv.kind === 'duration')) {
      const window: Window = tv.kind === 'window' ? tv.window : { type: 'last', n: tv.n, unit: tv.unit };
      const node = { ...JSON.parse(JSON.stringify(def)), window };
      const atom: Atom = {
        k: 'node',
        node,
        label: `${r.rule} (${tv.label})`,
        spans: [...r.spans, span(c)],
        conf: 0.9,
        neg: r.neg,
      };
      const at = atomsAt.find((a) => a.atom === r);
      if (at) at.atom = atom;
      this.notes.push(`"${c.text}" replaces the window of the rule ${r.rule}`);
      return true;
    }
    if (def.kind === 'attribute' && this.isDayFacet(def.facet) && (tv.kind === 'window' || tv.kind === 'duration')) {
      const days =
        tv.kind === 'duration'
          ? windowDays(this.asOf, { type: 'last', n: tv.n, unit: tv.unit })!.days!
          : windowDays(this.asOf, tv.window)?.days;
      if (days === undefined) return false;
      const recentSide = def.op === 'lte' || def.op === 'lt';
      const node = recentSide
        ? { kind: 'attribute' as const, facet: def.facet, op: 'lte' as const, value: days }
        : { kind: 'attribute' as const, facet: def.facet, op: 'gt' as const, value: days };
      const at = atomsAt.find((a) => a.atom === r);
      const atom: Atom = {
        k: 'node',
        node,
        label: `${r.rule} (${tv.label})`,
        spans: [...r.spans, span(c)],
        conf: 0.85,
        neg: r.neg,
      };
      if (at) at.atom = atom;
      this.notes.push(`"${c.text}" redefines ${r.rule} for this request`);
      return true;
    }
    return false;
  }

  // ---------------------------------------------------------------- combine

  private combine(phrases: Phrase[]): LF | undefined {
    type Term = { alts: Phrase[]; excl: boolean };
    // top-level alternatives ("iOS users who ..., or Android users who ..."), each a list of terms
    const groups: Term[][] = [[]];
    let terms = groups[0]!;
    const exclTerms: Term[] = [];
    let inExcl = false;
    /** The exclusion names people ("excluding anyone who ...") rather than only values ("but not in Ohio"). */
    let exclSubject = false;
    let lastBehPhrase: Phrase | undefined;
    let carry: ConnType[] = [];
    let prevConn: Set<ConnType> | undefined;
    /** Where the last parenthesized group began: its top-level group and its first term there. */
    let parenAt: { group: number; start: number } | undefined;
    /** Where "either" began its alternatives: top-level group, first term there, whether an "or" followed. */
    let eitherAt: { group: number; start: number; used: boolean } | undefined;
    /** The alternative just said after "or", and the phrases said of it alone. */
    let openAlt: Phrase | undefined;
    const attached = new Map<Phrase, Phrase[]>();
    const kindOf = (p: Phrase | undefined): string | undefined => {
      const a = p?.comps[0]?.atoms[0];
      return !a ? undefined : a.k === 'attr' ? `attr:${a.facet}` : a.k === 'rule' ? 'rule' : a.k;
    };
    const listConj = (i: number): 'and' | 'or' => {
      // in "A, B or C" the commas take the final conjunction, unless "B or C" is a list of its own after a
      // different kind of condition ("churn risk in the top 2 deciles, gold or platinum members")
      for (let j = i; j < phrases.length; j++) {
        const cn = phrases[j]!.conn;
        if (cn.has('inner')) continue;
        if (cn.has('or') || cn.has('nor')) {
          let b = i - 2;
          while (b > 0 && !phrases[b]!.comps.length) b--;
          const before = kindOf(phrases[b]);
          const after = kindOf(phrases[i - 1]);
          if (before && after && before !== after && after === kindOf(phrases[j]) && j === i) return 'and';
          return 'or';
        }
        if (cn.has('and')) return 'and';
        if (!cn.has('comma')) break;
      }
      return 'and';
    };
    for (let i = 0; i < phrases.length; i++) {
      const p = phrases[i]!;
      const cn = p.conn;
      for (const t of carry) if (t !== 'start') cn.add(t);
      carry = [];
      // "bought neither toys nor electronics": the bare verb before "neither" is the negated one's
      const nx = phrases[i + 1];
      if (
        nx?.conn.has('neither') &&
        p.beh &&
        p.comps.length === 1 &&
        !p.orphanTimes.length &&
        itemEmpty(p.beh.item) &&
        orderEmpty(p.beh.order) &&
        !p.beh.events.length &&
        !p.beh.threshold &&
        !p.beh.window &&
        !p.beh.neg
      ) {
        if (nx.beh && !nx.beh.verb) nx.beh.verb = p.beh.verb;
        p.comps = [];
        p.beh = undefined;
      }
      const empty = p.comps.length === 0 && !p.orphanTimes.length;
      if (cn.has('excl')) {
        inExcl = true;
        exclSubject =
          p.chunks.some((c) => has(c, 'subj') || has(c, 'any')) ||
          !p.comps.every((cp) => cp.atoms.every((a) => a.k === 'attr'));
      } else if (
        // "in the Midwest but not in Illinois or Michigan who've bought ...": the clause is about the customers
        inExcl &&
        (cn.has('rel') || cn.has('with')) &&
        !cn.has('and') &&
        !cn.has('or') &&
        !p.chunks.some((c) => has(c, 'subj') || has(c, 'any')) &&
        !exclSubject &&
        exclTerms.length > 0
      )
        inExcl = false;
      if (cn.has('stop')) inExcl = cn.has('excl');
      if (cn.has('but') && !cn.has('excl')) inExcl = false;
      if (
        empty &&
        (cn.has('comma') || cn.has('and') || cn.has('or')) &&
        lastBehPhrase &&
        p.chunks.some((c) => c.unknown && this.ignored.includes(c))
      ) {
        // "bought diapers, wipes and formula": "wipes" is an item the catalog does not know
        for (const c of p.chunks) if (c.unknown && this.ignored.includes(c)) this.unknown.push(c);
        this.ignored = this.ignored.filter((c) => !(c.unknown && p.chunks.includes(c)));
      }
      if (empty) {
        // nothing in this phrase (fillers, "anyone", a dangling "not"): its connective moves on
        if (p.chunks.some((c) => has(c, 'neg')) && phrases[i + 1]) phrases[i + 1]!.conn.add('without');
        carry = [...cn].filter((t) => t !== 'rel' || !cn.has('or'));
        continue;
      }
      // definitions: "lapsed, by which I mean nothing for 200 days"
      if (cn.has('def') && !cn.has('or') && !cn.has('and') && (terms.length || groups.length > 1)) {
        if (
          this.applyDefinition(
            groups.flat().flatMap((t) => t.alts),
            p,
          )
        ) {
          // ("churned, by which I mean bought at some point but nothing in 18 months": "but nothing ..." is
          // the behaviour of the definition, not in that window)
          if (p.beh && !p.beh.neg) lastBehPhrase = p;
          continue;
        }
      }
      // "VIP means platinum tier only - not the CLV model": a part of the usual definition said not to apply
      if (this.redefs.size && p.comps.length && p.comps.every((cp) => cp.atoms.every((a) => this.leftOutOfRule(a)))) {
        this.notes.push(`"${p.chunks.map((c) => c.text).join(' ')}" read as what the definition leaves out`);
        continue;
      }
      if (cn.has('def') && !cn.has('or') && !cn.has('and') && (terms.length || groups.length > 1)) {
        // "customers with no mobile device on file, i.e. device OS recorded as none": the restatement wins
        const last = (inExcl ? exclTerms : terms).at(-1)?.alts.at(-1);
        if (cn.has('defword') && last && p.comps.length) {
          last.comps = p.comps;
          last.beh = p.beh;
          this.notes.push('the restatement after "i.e." replaced what came before it');
          continue;
        }
      }
      // asides that restate what was said: "(not the app)", "- tires, parts, car care -", "(opted out)"
      if (cn.has('def') && this.repeatsOptin(p, phrases[i - 1])) continue;
      if ((cn.has('def') || cn.has('aside')) && lastBehPhrase?.beh && this.redundantAside(p, lastBehPhrase.beh)) {
        this.notes.push('an aside restating the items or channel was read as a clarification');
        continue;
      }
      // "either A, or B who bought X and live in Y": what follows the second alternative is said of it alone
      if (
        openAlt &&
        !inExcl &&
        p.comps.length &&
        (cn.has('rel') || cn.has('with') || cn.has('and')) &&
        !['or', 'nor', 'comma', 'stop', 'but', 'excl', 'def', 'aside', 'popen', 'plus'].some((t) =>
          cn.has(t as ConnType),
        )
      ) {
        const list = attached.get(openAlt) ?? [];
        list.push(p);
        attached.set(openAlt, list);
        if (p.beh) lastBehPhrase = p;
        prevConn = cn;
        continue;
      }
      openAlt = undefined;
      // "bought in the app but never on the web": after a purchase in a channel, a bare "on the web" is one too
      if (p.beh?.droppedChannel && !p.beh.hasVerbWord && lastBehPhrase?.beh?.order.channel && !p.beh.order.channel) {
        p.beh.order = { ...p.beh.order, channel: p.beh.droppedChannel };
        delete p.beh.droppedChannel;
      }
      const block = inExcl ? exclTerms : terms;
      const prevTerm = block[block.length - 1];
      const prev = prevTerm?.alts[prevTerm.alts.length - 1];
      // "Tampa, FL, or ...": a city and the state after its comma are one place, whatever the list's conjunction
      const lastOfPrev = prev?.comps.at(-1)?.atoms.at(-1);
      const firstOfP = p.comps[0]?.atoms[0];
      const cityState =
        p.comps.length === 1 &&
        lastOfPrev?.k === 'attr' &&
        firstOfP?.k === 'attr' &&
        !lastOfPrev.neg &&
        !firstOfP.neg &&
        /city/.test(lastOfPrev.facet) &&
        /state/.test(firstOfP.facet) &&
        firstOfP.op === 'eq';
      if (cityState && cn.has('comma') && !cn.has('or') && !cn.has('and') && !cn.has('nor') && prev) {
        prev.comps.push(...p.comps);
        prevConn = cn;
        continue;
      }
      const conj: 'and' | 'or' | undefined =
        cn.has('or') || cn.has('nor') ? 'or' : cn.has('and') ? 'and' : cn.has('comma') ? listConj(i + 1) : undefined;
      // parentheses group: "(A and B) or C", "A or (B and C)"; "X who (A and B) or C" distributes X
      const afterParen =
        !!phrases[i - 1]?.conn.has('pclose') &&
        parenAt?.group === groups.length - 1 &&
        terms.length - parenAt.start >= 2;
      const opensParenGroup = cn.has('popen') && (!cn.has('pclose') || p.comps.length >= 2);
      let prefix = afterParen ? parenAt!.start : opensParenGroup ? terms.length : 0;
      if (cn.has('popen')) parenAt = undefined;
      // "either A and B, or C and D": the alternatives said after "either" are whole groups (up to a "but")
      if (cn.has('but') || cn.has('stop') || cn.has('excl') || cn.has('def')) eitherAt = undefined;
      if (!inExcl && p.chunks.some((c) => has(c, 'either')) && !eitherAt) {
        eitherAt = { group: groups.length - 1, start: terms.length, used: false };
      }
      const afterEither =
        conj === 'or' &&
        !!eitherAt &&
        eitherAt.group === groups.length - 1 &&
        terms.length - eitherAt.start >= (eitherAt.used ? 1 : 2);
      if (afterEither && !afterParen && !opensParenGroup) prefix = eitherAt!.start;
      const parenOr = conj === 'or' && !inExcl && (afterParen || opensParenGroup || afterEither);
      // elliptic phrase: continues the last behaviour ("or electronics", "in the last 30 days")
      // "bought at some point(,) but nothing in the last 8 months": the same behaviour, not in that window
      const butNothing =
        !inExcl &&
        (cn.has('but') || cn.has('and') || cn.has('comma')) &&
        !p.comps.length &&
        p.orphanTimes.length > 0 &&
        p.orphanTimes[0]!.time.kind === 'window' &&
        !!lastBehPhrase?.beh &&
        !lastBehPhrase.beh.neg &&
        p.chunks.some((c) => has(c, 'neg'));
      if (prev && conj && !cn.has('rel') && !parenOr && !butNothing && this.coordinate(prev, p, conj)) continue;
      if (butNothing && lastBehPhrase?.beh) {
        const base = cloneBeh(lastBehPhrase.beh);
        if (!base.measure || base.measure === 'orders') {
          delete base.threshold;
          delete base.measure;
        }
        const t0 = p.orphanTimes[0]!;
        if (t0.time.kind === 'window') base.window = t0.time.window;
        delete base.windowAmb;
        base.spans.push(span(t0.chunk));
        base.neg = true;
        p.orphanTimes = [];
        p.beh = base;
        p.comps = [{ lf: atomLF(base), key: 'beh', atoms: [base] }];
      }
      if (prev && !conj && p.comps.length === 0 && p.orphanTimes.length && this.coordinate(prev, p, 'and')) continue;
      // "bought X in the past 90 days but not in the last 30 days": the same behaviour in another window
      if (
        inExcl &&
        !p.comps.length &&
        p.orphanTimes.length &&
        lastBehPhrase?.beh &&
        p.orphanTimes[0]!.time.kind === 'window'
      ) {
        const base = cloneBeh(lastBehPhrase.beh);
        base.neg = false;
        // "bought 2+ times but not in the last 120 days": the count belongs to the first window only
        if (!base.measure || base.measure === 'orders') {
          delete base.threshold;
          delete base.measure;
        }
        base.window = p.orphanTimes[0]!.time.window;
        base.spans.push(span(p.orphanTimes[0]!.chunk));
        p.orphanTimes = [];
        p.beh = base;
        p.comps = [{ lf: atomLF(base), key: 'beh', atoms: [base] }];
      }
      // an elliptic phrase in an exclusion: "bought baby products but not diapers"
      if (inExcl && p.elliptic && p.beh && lastBehPhrase?.beh && !p.beh.hasVerbWord) {
        const base = cloneBeh(lastBehPhrase.beh);
        this.applyEllipsis(base, p.beh, 'replace');
        p.beh = base;
        p.comps = [{ lf: atomLF(base), key: 'beh', atoms: [base] }];
      }
      // ", or anyone who ...": more people join the audience (a group of its own)
      const gap =
        i > 0 && p.chunks.length && phrases[i - 1]!.chunks.length
          ? this.text.slice(phrases[i - 1]!.chunks.at(-1)!.ce, p.chunks[0]!.cs)
          : '';
      const anyoneElse =
        conj === 'or' && /,\s*or\s+(?:anyone|anybody|everyone|everybody|any customers?|people|those)\b/i.test(gap);
      const startsGroup =
        (!inExcl && anyoneElse && terms.length >= 2 && !parenOr) ||
        (parenOr && terms.length >= 1 && prefix < terms.length) ||
        (!inExcl &&
          conj === 'or' &&
          terms.length >= 2 &&
          (cn.has('plus') ||
            p.chunks.some((c) => has(c, 'subj')) ||
            (!!prevConn?.has('rel') && p.comps.some((c) => c.atoms.some((a) => a.k === 'attr' || a.k === 'rule')))));
      const shared = parenOr && startsGroup ? terms.slice(0, prefix) : [];
      if (!parenOr) prefix = 0;
      if (cn.has('popen') && !inExcl)
        parenAt = {
          group: startsGroup ? groups.length : groups.length - 1,
          start: startsGroup ? shared.length : terms.length,
        };
      if (startsGroup) {
        groups.push([...shared]);
        terms = groups[groups.length - 1]!;
        terms.push({ alts: [p], excl: false });
        if (afterEither && eitherAt) eitherAt = { group: groups.length - 1, start: shared.length, used: true };
      } else if (cn.has('nor') && prev) {
        // "neither VIPs nor employees": not the one and not the other
        const first = p.comps[0];
        if (p.beh && !p.beh.neg && first?.atoms.includes(p.beh)) {
          p.beh.neg = true;
          p.comps = p.comps.map((cp) => (cp.atoms.includes(p.beh!) ? { ...cp, lf: atomLF(p.beh!) } : cp));
        } else if (first && !first.atoms.some((a) => a.neg)) {
          for (const a of first.atoms) a.neg = true;
          first.lf = first.atoms.length === 1 ? atomLF(first.atoms[0]!) : { op: 'not', child: first.lf };
        }
        block.push({ alts: [p], excl: inExcl });
      } else if (prev && conj === 'or') {
        // "didn't open an email or click a text": the negation covers both
        if (prev.beh?.neg && p.beh && !p.beh.neg && p.hasVerb && !p.chunks.some((c) => has(c, 'neg'))) {
          p.beh.neg = true;
          p.comps = p.comps.map((cp) => (cp.atoms.includes(p.beh!) ? { ...cp, lf: atomLF(p.beh!) } : cp));
          block.push({ alts: [p], excl: inExcl });
        } else {
          prevTerm!.alts.push(p);
          // (the second alternative is a group of its own when a comma or "either" sets the first apart:
          // "either VIPs in the Southeast, or platinum members who ..."; without them, "women under 30 or men
          // under 25 who bought apparel" says the purchase of both)
          if (!inExcl && (cn.has('comma') || eitherAt)) openAlt = p;
        }
      } else {
        // "women in CA and men in TX": two groups that cannot both hold are a union
        if (prev && conj === 'and' && this.conflicts(prev, p)) prevTerm!.alts.push(p);
        else block.push({ alts: [p], excl: inExcl });
      }
      if (p.beh) lastBehPhrase = p;
      prevConn = cn;
    }
    // "VIP means platinum tier only. VIPs who haven't ordered ...": a later mention of a rule redefined earlier
    for (const q of phrases)
      for (const cp of q.comps) {
        const a = cp.atoms[0];
        if (cp.atoms.length !== 1 || a?.k !== 'rule' || a.redefined) continue;
        const r = this.redefs.get(a.rule);
        if (!r) continue;
        cp.lf = a.neg ? { op: 'not', child: r } : r;
        a.redefined = true;
      }
    this.attachOrphans(phrases);
    this.shareWindows(phrases);
    this.inheritObjects(phrases);
    // finalize behaviours into purchases / events
    const finalizeLF = (lf: LF): LF => {
      if (lf.op === 'atom') return lf.atom.k === 'beh' ? this.finalizeBeh(lf.atom) : lf;
      if (lf.op === 'not') return { op: 'not', child: finalizeLF(lf.child) };
      return { op: lf.op, children: lf.children.map(finalizeLF) };
    };
    const phraseLF = (p: Phrase): LF | undefined => {
      const kids = [p, ...(attached.get(p) ?? [])].flatMap((x) => x.comps.map((c) => c.lf));
      if (!kids.length) return undefined;
      return kids.length === 1 ? kids[0]! : { op: 'and', children: kids };
    };
    const termLF = (t: Term): LF | undefined => {
      const alts = t.alts.map(phraseLF).filter((x): x is LF => !!x);
      if (!alts.length) return undefined;
      return alts.length === 1 ? alts[0]! : { op: 'or', children: alts };
    };
    const andOf = (xs: LF[]): LF | undefined =>
      xs.length === 0 ? undefined : xs.length === 1 ? xs[0]! : { op: 'and', children: xs };
    const disjuncts = groups.map((g) => andOf(g.map(termLF).filter((x): x is LF => !!x))).filter((x): x is LF => !!x);
    const main: LF[] = [];
    if (disjuncts.length === 1) main.push(disjuncts[0]!);
    else if (disjuncts.length > 1) main.push({ op: 'or', children: disjuncts });
    const excl = exclTerms.map(termLF).filter((x): x is LF => !!x);
    if (excl.length) main.push({ op: 'not', child: excl.length === 1 ? excl[0]! : { op: 'or', children: excl } });
    const root = andOf(main);
    const done = root ? finalizeLF(root) : undefined;
    return done && this.xor ? this.exclusive(done) : done;
  }

  /** "A or B, but not both": the one OR said becomes "exactly one of" (each alternative without the others). */
  private exclusive(lf: LF): LF {
    type OrLF = { op: 'and' | 'or'; children: LF[] };
    const ors: OrLF[] = [];
    const find = (n: LF) => {
      if (n.op === 'or') ors.push(n);
      if (n.op === 'not') find(n.child);
      else if (n.op === 'and' || n.op === 'or') n.children.forEach(find);
    };
    find(lf);
    if (ors.length !== 1) {
      this.notes.push('"not both" was left out: there is not exactly one "or" to apply it to');
      return lf;
    }
    const target = ors[0]!;
    const kids = target.children;
    const xor: LF = {
      op: 'or',
      children: kids.map((k, i) => {
        const others = kids.filter((_, j) => j !== i);
        const rest: LF = others.length === 1 ? others[0]! : { op: 'or', children: others };
        return { op: 'and', children: [k, { op: 'not', child: rest }] };
      }),
    };
    this.notes.push('read as exactly one of the alternatives');
    const swap = (n: LF): LF => {
      if (n === target) return xor;
      if (n.op === 'not') return { op: 'not', child: swap(n.child) };
      if (n.op === 'and' || n.op === 'or') return { op: n.op, children: n.children.map(swap) };
      return n;
    };
    return swap(lf);
  }

  /** An aside that only repeats a subscription word ("unsubscribed from email (opted out)"). */
  private repeatsOptin(p: Phrase, prev: Phrase | undefined): boolean {
    if (!prev || !prev.chunks.some((c) => has(c, 'optin'))) return false;
    return p.chunks.every(
      (c) => c.punct || c.stop || has(c, 'optin') || has(c, 'filler') || has(c, 'prep') || has(c, 'neg'),
    );
  }

  /** An aside that only restates the channel or the items already said. */
  private redundantAside(p: Phrase, prevBeh: BehaviourAtom): boolean {
    const atoms = p.comps.flatMap((c) => c.atoms);
    if (!atoms.length || atoms.some((a) => a.k !== 'beh')) return false;
    const b = p.beh;
    if (!b || b.hasVerbWord || b.window || b.threshold) return false;
    // "(not the app)" after "on the website"
    if (b.neg && itemEmpty(b.item) && prevBeh.order.channel && (b.order.channel || b.droppedChannel)) return true;
    // "- tires, parts, car care -" after "the Automotive department"
    const depts = prevBeh.item.department ?? [];
    if (
      !b.neg &&
      depts.length &&
      Object.keys(b.item).every((k) => k === 'category') &&
      (b.item.category ?? []).length
    ) {
      const cats = new Set(
        this.lex.catalog.departments.filter((d) => depts.includes(d.name)).flatMap((d) => d.categories),
      );
      return (b.item.category ?? []).every((c) => cats.has(c));
    }
    return false;
  }

  /** "didn't buy one", "have not used one": the object of the behaviour said before. */
  private inheritObjects(phrases: Phrase[]): void {
    let prev: BehaviourAtom | undefined;
    for (const p of phrases) {
      for (const a of p.comps.flatMap((c) => c.atoms)) {
        if (a.k !== 'beh') continue;
        if (a.inheritObject && prev && itemEmpty(a.item) && orderEmpty(a.order) && !a.events.length) {
          a.item = JSON.parse(JSON.stringify(prev.item)) as ItemFilter;
          if (!orderEmpty(prev.order)) a.order = { ...prev.order };
          if (!a.verb && (a.ecues.length === 0 || a.ecues.every((e) => e === 'use')) && !orderEmpty(a.order))
            a.verb = 'purchase';
        }
        if (!itemEmpty(a.item) || !orderEmpty(a.order)) prev = a;
      }
    }
  }

  /** Two phrases that each fix a single-valued facet to different values. */
  private conflicts(a: Phrase, b: Phrase): boolean {
    const fixed = (p: Phrase) => {
      const m = new Map<string, string>();
      for (const c of p.comps)
        for (const at of c.atoms) if (at.k === 'attr' && at.op === 'eq' && !at.neg) m.set(at.facet, String(at.value));
      return m;
    };
    const fa = fixed(a);
    const fb = fixed(b);
    if (a.comps.length < 2 && b.comps.length < 2) return false;
    for (const [k, v] of fa) {
      const f = this.facet(k);
      if (f && f.type !== 'number' && fb.has(k) && fb.get(k) !== v) return true;
    }
    return false;
  }

  /** Component-level coordination; true when `b` was absorbed into `a`. */
  private coordinate(a: Phrase, b: Phrase, conj: 'and' | 'or'): boolean {
    // only a time: "..., in the last 30 days"
    if (b.comps.length === 0 && b.orphanTimes.length) {
      const lastComp = a.comps[a.comps.length - 1];
      const lastA = lastComp?.atoms[lastComp.atoms.length - 1];
      const t0 = b.orphanTimes.find((o) => o.time.kind === 'window') ?? b.orphanTimes[0]!;
      if (lastComp && lastA && lastA.k === 'attr' && t0.time.kind === 'window') {
        // "birthdays in October, November or December", "signed up in 2024 or 2025"
        let made: AttrAtom | undefined;
        const f = this.facet(lastA.facet);
        if (lastA.facet === this.lex.roles.birthMonth && t0.time.window.type === 'month') {
          made = {
            k: 'attr',
            facet: lastA.facet,
            op: 'eq',
            value: t0.time.window.month,
            spans: [span(t0.chunk)],
            conf: 0.9,
          };
        } else if (f?.type === 'date') {
          made = {
            k: 'attr',
            facet: lastA.facet,
            ...windowToDateAttr(this.asOf, t0.time.window),
            spans: [span(t0.chunk)],
            conf: 0.9,
          };
        }
        if (made) {
          lastComp.lf =
            conj === 'or' || f?.type !== 'date'
              ? { op: 'or', children: [lastComp.lf, atomLF(made)] }
              : { op: 'and', children: [lastComp.lf, atomLF(made)] };
          lastComp.atoms.push(made);
          b.orphanTimes = b.orphanTimes.slice(1);
          if (!b.orphanTimes.length) return true;
        }
      }
      const beh = a.beh;
      if (beh && !beh.window && (!beh.windowAmb || t0.time.kind === 'window')) {
        for (const o of b.orphanTimes) {
          // "AOV >= $75 (same window)": the window said before
          if (o.time.kind === 'anaphor') {
            beh.windowAnaphor = true;
            beh.spans.push(span(o.chunk));
          } else this.applyTime(beh, o.time, o.chunk);
        }
        b.orphanTimes = [];
        return true;
      }
      // "bought toys in 2025 and (again) in 2026": the behaviour in each window
      if (
        beh &&
        beh.window &&
        conj === 'and' &&
        b.conn.has('and') &&
        !['aside', 'def', 'popen', 'pclose'].some((x) => b.conn.has(x as ConnType)) &&
        !beh.neg &&
        t0.time.kind === 'window' &&
        b.orphanTimes.length === 1 &&
        JSON.stringify(t0.time.window) !== JSON.stringify(beh.window)
      ) {
        const again = cloneBeh(beh);
        again.window = t0.time.window;
        again.spans.push(span(t0.chunk));
        a.comps.push({ lf: atomLF(again), key: 'beh', atoms: [again] });
        b.orphanTimes = [];
        return true;
      }
      // "in November-December 2025 or at any point this year": the behaviour in either window
      if (beh && beh.window && conj === 'or' && t0.time.kind === 'window') {
        const comp = a.comps.find((c) => c.atoms.includes(beh));
        if (comp) {
          const alt = cloneBeh(beh);
          alt.window = t0.time.window;
          alt.spans.push(span(t0.chunk));
          alt.neg = false;
          const inner: LF = {
            op: 'or',
            children: [
              { op: 'atom', atom: { ...beh, neg: false } },
              { op: 'atom', atom: alt },
            ],
          };
          comp.lf = beh.neg ? { op: 'not', child: inner } : inner;
          comp.atoms.push(alt);
          b.orphanTimes = [];
          return true;
        }
      }
      a.orphanTimes.push(...b.orphanTimes);
      b.orphanTimes = [];
      return true;
    }
    // an elliptic behaviour: "or electronics", "or in the app"
    if (b.elliptic && b.beh && a.beh && b.comps.length === 1) {
      const ab = a.beh;
      const nb = b.beh;
      // "never returned anything and never used a coupon": a negation of its own makes a behaviour of its own
      if (conj === 'and' && ab.neg && b.chunks.some((c) => has(c, 'neg')) && !orderEmpty(nb.order)) return false;
      // "opened an email and used a coupon": an order condition after an event is a purchase of its own (events
      // have no orders to narrow)
      if (ab.events.length && !nb.events.length && !orderEmpty(nb.order) && !nb.verb) return false;
      // "bought Lego in 2025 or Hot Wheels in 2026": each alternative keeps its own window
      if (
        conj === 'or' &&
        !ab.neg &&
        nb.window &&
        ab.window &&
        JSON.stringify(nb.window) !== JSON.stringify(ab.window)
      ) {
        const comp = a.comps.find((cp) => cp.atoms.includes(ab));
        if (comp) {
          const alt = cloneBeh(ab);
          this.applyEllipsis(alt, nb, 'replace');
          alt.window = nb.window;
          comp.lf = { op: 'or', children: [comp.lf, atomLF(alt)] };
          comp.atoms.push(alt);
          return true;
        }
      }
      if (conj === 'or' || ab.neg) {
        this.applyEllipsis(ab, nb, 'alt');
        return true;
      }
      // filter lines "Purchased: Dairy | Brand: Chobani": a field the purchase does not have yet narrows it
      if (
        b.conn.has('fline') &&
        !nb.neg &&
        !itemEmpty(nb.item) &&
        Object.keys(nb.item).every((k) => !(k in ab.item)) &&
        !ab.itemAlts &&
        !nb.itemAlts
      ) {
        Object.assign(ab.item, nb.item);
        if (nb.window && !ab.window) ab.window = nb.window;
        ab.spans = dedupeSpans([...ab.spans, ...nb.spans]);
        return true;
      }
      // filter lines "Channel = app; Fulfillment = delivery": an order field the purchase does not have yet narrows it
      if (
        (b.conn.has('fline') || (b.conn.has('comma') && !b.hasVerb)) &&
        !nb.neg &&
        itemEmpty(nb.item) &&
        !orderEmpty(nb.order) &&
        !nb.events.length &&
        !nb.threshold &&
        Object.keys(nb.order).every((k) => !(k in ab.order)) &&
        (!nb.window || !ab.window || JSON.stringify(nb.window) === JSON.stringify(ab.window))
      ) {
        mergeBehOrder(ab, nb.order, nb);
        if (nb.window && !ab.window) ab.window = nb.window;
        ab.spans = dedupeSpans([...ab.spans, ...nb.spans]);
        return true;
      }
      // positive "and": a second behaviour of the same kind ("bought toys and electronics")
      const clone = cloneBeh(ab);
      if (nb.window && !ab.window && !ab.windowAmb) ab.window = nb.window;
      this.applyEllipsis(clone, nb, 'replace');
      clone.neg = !!nb.neg;
      // "bought in the last 6 months and never used a coupon": never is all of history
      if (nb.neg && !nb.window && !nb.windowAmb && b.chunks.some((c) => c.tokens.some((t) => t.norm === 'never'))) {
        delete clone.window;
        delete clone.windowAmb;
      }
      a.comps.push({ lf: atomLF(clone), key: 'beh', atoms: [clone] });
      a.beh = clone;
      return true;
    }
    // "ordered in the app and picked up in store": one order with both
    if (conj === 'and' && a.beh && b.beh && b.comps.length === 1 && !a.beh.neg && !b.beh.neg) {
      const x = a.beh;
      const y = b.beh;
      const orderOnly = (z: BehaviourAtom) =>
        itemEmpty(z.item) &&
        !orderEmpty(z.order) &&
        !z.events.length &&
        !z.threshold &&
        !z.measure &&
        (z.verb === 'purchase' || !z.verb);
      const disjoint = Object.keys(x.order).every((k) => !(k in y.order));
      const sameWindow = !x.window || !y.window || JSON.stringify(x.window) === JSON.stringify(y.window);
      if (orderOnly(x) && orderOnly(y) && disjoint && sameWindow && b.clause === a.clause) {
        mergeBehOrder(x, y.order, y);
        x.window = x.window ?? y.window;
        x.spans = dedupeSpans([...x.spans, ...y.spans]);
        this.notes.push('two order conditions joined by "and" were read as the same order');
        return true;
      }
    }
    const last = a.comps[a.comps.length - 1];
    const first = b.comps[0];
    if (!last || !first) return false;
    const lastAtom = last.atoms[last.atoms.length - 1]!;
    const firstAtom = first.atoms[0]!;
    const sameFacet = lastAtom.k === 'attr' && firstAtom.k === 'attr' && lastAtom.facet === firstAtom.facet;
    // "Florida, Georgia, or the Carolinas", "Texas and the Bay Area": places are alternatives whatever their kind
    // (a city and its state, "Austin, TX", narrow each other: only a named place joins as an alternative)
    const places =
      !sameFacet &&
      (lastAtom.k === 'rule' || firstAtom.k === 'rule') &&
      this.isPlace(lastAtom) &&
      this.isPlace(firstAtom) &&
      !lastAtom.neg &&
      !firstAtom.neg;
    const sameKind =
      places ||
      (lastAtom.k === 'rule' && firstAtom.k === 'rule') ||
      (lastAtom.k === 'model' && firstAtom.k === 'model' && lastAtom.model === firstAtom.model) ||
      (lastAtom.k === 'beh' && firstAtom.k === 'beh' && b.comps.length === 1 && !b.hasVerb && !firstAtom.hasVerbWord);
    if (!sameFacet && !sameKind) return false;
    // "Platinum members, or gold members with 20,000+ points": each alternative said with its own head
    // noun and set apart by a comma stays a phrase of its own, so what follows the second is said of it alone
    const headed = (p: Phrase) =>
      p.chunks.some(
        (c) => has(c, 'subj') || /\b(members?|customers?|shoppers?|buyers?|users?|folks|people)$/i.test(c.text),
      );
    if (conj === 'or' && b.conn.has('comma') && headed(a) && headed(b) && a.comps.length === 1) return false;
    if (places) {
      // a place cannot be two places at once: "and" between places is a union too
    } else if (sameFacet) {
      const f = this.facet((lastAtom as AttrAtom).facet);
      const exclusive =
        f &&
        f.type !== 'number' &&
        f.type !== 'date' &&
        (lastAtom as AttrAtom).op === 'eq' &&
        (firstAtom as AttrAtom).op === 'eq';
      if (conj === 'and' && !exclusive) return false;
      // "not in Texas and not in Florida": both negated stay two conditions (in neither)
      if (conj === 'and' && lastAtom.neg && firstAtom.neg) return false;
    } else if (conj === 'and') return false;
    // negation said on the first carries to the second ("not in CA or TX")
    const neg = (!!lastAtom.neg || (sameFacet && last.lf.op === 'not')) && !firstAtom.neg;
    if (neg) {
      // "not in TX, FL or CA": the negation said once covers the whole list
      const before = last.lf.op === 'not' ? last.lf.child : last.lf;
      const inner = [...(before.op === 'or' ? before.children : [before]), ...first.atoms.map((x) => atomLF(x))];
      last.lf = { op: 'not', child: { op: 'or', children: inner } };
    } else {
      last.lf = { op: 'or', children: [last.lf, first.lf] };
    }
    last.atoms.push(...first.atoms);
    last.key = `${last.key}|${first.key}`;
    a.comps.push(...b.comps.slice(1));
    if (b.beh && !a.beh) a.beh = b.beh;
    a.orphanTimes.push(...b.orphanTimes);
    b.orphanTimes = [];
    return true;
  }

  /** A condition on where a customer lives: a place facet's value, or a rule defined only on place facets. */
  private isPlace(a: Atom): boolean {
    if (a.k === 'attr') return this.lex.placeFacets.has(a.facet);
    if (a.k === 'rule') {
      const fs = this.lex.ruleFacets.get(a.rule);
      return !!fs && fs.size > 0 && [...fs].every((f) => this.lex.placeFacets.has(f));
    }
    return false;
  }

  /** Merges an elliptic behaviour into another: as alternatives ("toys or electronics") or replacing its arguments. */
  private applyEllipsis(into: BehaviourAtom, from: BehaviourAtom, mode: 'alt' | 'replace'): void {
    // "bought in the app but never on the web": after a purchase in a channel, "on the web" is the channel
    if (from.droppedChannel && into.order.channel && !from.order.channel) {
      from.order = { ...from.order, channel: from.droppedChannel };
      delete from.droppedChannel;
    }
    // "app or web buyers": a channel said alone before another channel is a channel too
    if (into.droppedChannel && from.order.channel && !into.order.channel && orderEmpty(into.order)) {
      into.order = { channel: into.droppedChannel };
      into.channelAlts = [into.droppedChannel];
      delete into.droppedChannel;
    }
    if (!itemEmpty(from.item)) {
      if (mode === 'alt') {
        into.itemAlts = [...(into.itemAlts ?? [into.item]), from.item];
      } else {
        into.item = from.item;
        delete into.itemAlts;
      }
    }
    if (!orderEmpty(from.order)) {
      if (mode === 'alt') mergeBehOrder(into, from.order, from);
      else into.order = { ...into.order, ...from.order };
    }
    if (from.events.length) {
      if (mode === 'alt') into.events = [...new Set([...into.events, ...from.events])];
      else into.events = from.events;
    }
    if (from.window) into.window = from.window;
    if (from.windowAmb) into.windowAmb = from.windowAmb;
    if (from.threshold) into.threshold = from.threshold;
    if (from.measure) into.measure = from.measure;
    into.spans = dedupeSpans([...into.spans, ...from.spans]);
    from.spans = [...into.spans];
  }

  /** A negated condition on a facet or model that the usual definition of a redefined rule uses. */
  private leftOutOfRule(a: Atom): boolean {
    if (!a.neg || (a.k !== 'attr' && a.k !== 'model')) return false;
    for (const rule of this.redefs.keys()) {
      const def = this.lex.catalog.rules.find((r) => r.id === rule)?.definition;
      let hit = false;
      const walk = (n: SegmentNode): void => {
        if (n.kind === 'and' || n.kind === 'or') n.children.forEach(walk);
        else if (n.kind === 'not') walk(n.child);
        else if (n.kind === 'attribute' && a.k === 'attr' && n.facet === a.facet) hit = true;
        else if (n.kind === 'model' && a.k === 'model' && n.model === a.model) hit = true;
      };
      if (def) walk(def);
      if (hit) return true;
    }
    return false;
  }

  private applyDefinition(all: Phrase[], def: Phrase): boolean {
    // the rule said right before the definition ("lapsed, by which I mean ...")
    for (let i = all.length - 1; i >= all.length - 1 && i >= 0; i--) {
      const p = all[i]!;
      for (const comp of p.comps.slice(-1)) {
        const idx = comp.atoms.findIndex((a) => a.k === 'rule' && !(a as RuleAtom).redefined);
        if (idx < 0) continue;
        const rule = comp.atoms[idx] as RuleAtom;
        rule.redefined = true;
        const ruleDef = this.lex.catalog.rules.find((r) => r.id === rule.rule)?.definition;
        const atoms: LF[] = [];
        for (const c of def.comps) {
          if (c.atoms.length === 1 && c.atoms[0]!.k === 'rule' && (c.atoms[0] as RuleAtom).rule === rule.rule) continue;
          atoms.push(c.lf);
        }
        // "engaged with email (14-day window)": only a window, for a rule whose definition has one
        if (
          !atoms.length &&
          !def.beh &&
          def.orphanTimes.length === 1 &&
          // (or a number of days for a rule on a day count: "'lapsed' means 120 days here", "treat 'new' as 14 days")
          (((ruleDef?.kind === 'event' || ruleDef?.kind === 'purchase') && ruleDef.window) ||
            (ruleDef?.kind === 'attribute' && this.isDayFacet(ruleDef.facet))) &&
          !def.chunks.some((c) => has(c, 'neg'))
        ) {
          const t = def.orphanTimes[0]!;
          const at = [{ atom: rule as Atom, idx: 0 }];
          if (this.overrideRule(rule, t.time, t.chunk, at) && at[0]!.atom !== rule) {
            def.orphanTimes = [];
            comp.atoms[idx] = at[0]!.atom;
            if (comp.atoms.length === 1) comp.lf = atomLF(at[0]!.atom);
            // the rule said before ("lapsed customers ('lapsed' means 120 days here)") is the one redefined
            if (ruleDef?.kind === 'attribute')
              for (const q of all)
                q.comps = q.comps.filter(
                  (cp) =>
                    cp === comp ||
                    !(
                      cp.atoms.length === 1 &&
                      cp.atoms[0]!.k === 'rule' &&
                      (cp.atoms[0] as RuleAtom).rule === rule.rule
                    ),
                );
            return true;
          }
        }
        // "nothing for 200 days" for a recency rule becomes the recency facet itself
        const beh = def.beh;
        if (def.orphanTimes.length && beh === undefined) {
          const t = def.orphanTimes[0]!;
          const b = emptyBeh(def.seg);
          b.neg = def.chunks.some((c) => has(c, 'neg'));
          this.applyTime(b, t.time, t.chunk);
          atoms.push(atomLF(b));
        }
        if (!atoms.length) return false;
        def.orphanTimes = [];
        let replacement: LF = atoms.length === 1 ? atoms[0]! : { op: 'and', children: atoms };
        if (ruleDef?.kind === 'attribute' && this.isDayFacet(ruleDef.facet)) {
          const onlyNegBeh =
            replacement.op === 'not' && replacement.child.op === 'atom' && replacement.child.atom.k === 'beh';
          const b = onlyNegBeh
            ? ((replacement as { child: { atom: BehaviourAtom } }).child.atom as BehaviourAtom)
            : undefined;
          if (b && b.window && itemEmpty(b.item) && orderEmpty(b.order) && !b.threshold && b.window.type === 'last') {
            const days = windowDays(this.asOf, b.window)!.days!;
            replacement = {
              op: 'atom',
              atom: {
                k: 'attr',
                facet: ruleDef.facet,
                op: 'gt',
                value: days,
                spans: [...rule.spans, ...b.spans],
                conf: 0.9,
              },
            };
          }
        }
        comp.lf = comp.atoms.length === 1 ? replacement : comp.lf;
        this.redefs.set(rule.rule, replacement);
        // "Lapsed customers - and by lapsed I mean ...": the earlier mention is the same rule, redefined
        for (const q of all) {
          q.comps = q.comps.filter(
            (cp) =>
              cp === comp ||
              !(cp.atoms.length === 1 && cp.atoms[0]!.k === 'rule' && (cp.atoms[0] as RuleAtom).rule === rule.rule),
          );
        }
        this.notes.push(`used the definition given in the request instead of the rule ${rule.rule}`);
        return true;
      }
    }
    return false;
  }

  private attachOrphans(phrases: Phrase[]): void {
    const behs = phrases.filter((p) => p.beh).map((p) => p.beh!);
    for (const [i, p] of phrases.entries()) {
      for (const o of p.orphanTimes) {
        if (o.time.kind === 'anaphor') {
          const source = phrases
            .slice(0, i + 1)
            .reverse()
            .find((q) => q.beh && (q.beh.window || q.beh.windowAmb))?.beh;
          // (the behaviour before it without a window, else the one after it: "and (in that window) opened ...")
          const target = (
            phrases
              .slice(0, i + 1)
              .reverse()
              .find((q) => q.beh && !q.beh.window && !q.beh.windowAmb) ??
            phrases.slice(i + 1).find((q) => q.beh && !q.beh.window && !q.beh.windowAmb)
          )?.beh;
          if (source && target) {
            target.window = source.window;
            target.windowAmb = source.windowAmb;
          }
          continue;
        }
        // "engaged with email (14-day window)": a rule with a window of its own takes it
        if (!behs.length && (o.time.kind === 'window' || o.time.kind === 'duration') && this.ruleTakesTime(phrases, o))
          continue;
        if (isBareWindow(o.time) && !behs.length) {
          this.ignored.push(o.chunk);
          continue;
        }
        // the nearest behaviour without a window: before, then after
        const before = phrases
          .slice(0, i + 1)
          .reverse()
          .find((q) => q.beh && !q.beh.window && !q.beh.windowAmb);
        const after = phrases.slice(i + 1).find((q) => q.beh && !q.beh.window && !q.beh.windowAmb);
        const target = (before ?? after)?.beh;
        if (target) {
          this.applyTime(target, o.time, o.chunk);
          // "in the past year, either bought a camera or spent $1,500": said ahead of the actions, for each
          if (!before) target.windowLeading = true;
          continue;
        }
        if (!behs.length && p.comps.length > 0 && o.time.kind !== 'alltime') {
          // "customers in the last 30 days": people who bought then
          const b = emptyBeh(p.seg);
          b.verb = 'purchase';
          this.applyTime(b, o.time, o.chunk);
          b.conf = 0.7;
          p.comps.push({ lf: atomLF(b), key: 'beh', atoms: [b] });
          p.beh = b;
          behs.push(b);
          this.notes.push(`"${o.chunk.text}" read as having bought in that time`);
          this.guesses++;
          continue;
        }
        if (o.time.kind === 'alltime') continue;
        // a window repeated after the one already given ("since January (this year)")
        if (behs.some((b) => b.window)) {
          this.ignored.push(o.chunk);
          this.notes.push(`"${o.chunk.text}" read as a repeat of the time already given`);
          continue;
        }
        this.unknown.push(o.chunk);
      }
    }
  }

  /** Gives an orphan window to the one rule of the request whose definition has a window; false when none. */
  private ruleTakesTime(phrases: Phrase[], o: { time: TimeValue; chunk: Chunk }): boolean {
    const found = phrases.flatMap((q) =>
      q.comps.filter(
        (cp) => cp.atoms.length === 1 && cp.atoms[0]!.k === 'rule' && !(cp.atoms[0] as RuleAtom).redefined,
      ),
    );
    if (found.length !== 1) return false;
    const comp = found[0]!;
    const r = comp.atoms[0] as RuleAtom;
    const def = this.lex.catalog.rules.find((x) => x.id === r.rule)?.definition;
    if (!def || !((def.kind === 'event' || def.kind === 'purchase') && def.window)) return false;
    const at = [{ atom: r as Atom, idx: 0 }];
    if (!this.overrideRule(r, o.time, o.chunk, at) || at[0]!.atom === r) return false;
    comp.atoms = [at[0]!.atom];
    comp.lf = atomLF(at[0]!.atom);
    return true;
  }

  /** "who bought toys and opened an email in the last 30 days": the window covers both. */
  private shareWindows(phrases: Phrase[]): void {
    // forward: "who in the past 12 months placed 10 orders and spent $1,500"; "received an SMS this month but didn't click any"
    for (let i = 0; i < phrases.length; i++) {
      const src = phrases[i]!.beh;
      if (!src || !(src.window || src.windowAmb)) continue;
      for (let j = i + 1; j < phrases.length; j++) {
        const q = phrases[j]!;
        if (q.clause !== phrases[i]!.clause || q.conn.has('rel') || q.conn.has('excl') || q.conn.has('stop')) break;
        const qb = q.beh;
        if (!qb) continue;
        if (qb.window || qb.windowAmb || qb.lifetime) break;
        const never = q.chunks.some((c) => c.tokens.some((t) => t.norm === 'never' || t.norm === 'ever'));
        const butNot = q.conn.has('but') && !!qb.neg && !never;
        if (!(src.windowLeading || butNot)) break;
        // "in 2025 bought toys but never electronics": never is all of history
        if (never && qb.neg) break;
        qb.window = src.window;
        qb.windowAmb = src.windowAmb;
        qb.windowShared = true;
        this.notes.push('the window said first applies to the next action too');
      }
    }
    // "in that same time": the window said before
    let lastWindow: BehaviourAtom | undefined;
    for (const p of phrases) {
      for (const comp of p.comps) {
        for (const a of comp.atoms) {
          if (a.k !== 'beh') continue;
          if (a.windowAnaphor && !a.window && !a.windowAmb && lastWindow) {
            a.window = lastWindow.window;
            a.windowAmb = lastWindow.windowAmb;
          }
          if (a.window || a.windowAmb) lastWindow = a;
        }
      }
    }
    for (let i = phrases.length - 1; i > 0; i--) {
      const p = phrases[i]!;
      const b = p.beh;
      if (!b || !(b.window || b.windowAmb) || b.windowShared) continue;
      // the window must close the phrase (said after the verb's objects)
      for (let j = i - 1; j >= 0; j--) {
        const q = phrases[j]!;
        const connBetween = phrases[j + 1]!.conn;
        if (
          connBetween.has('rel') ||
          connBetween.has('excl') ||
          connBetween.has('stop') ||
          connBetween.has('with') ||
          connBetween.has('without')
        )
          break;
        if (q.clause !== p.clause) break;
        const qb = q.beh;
        if (!qb) continue;
        if (qb.window || qb.windowAmb || qb.lifetime) break;
        if (!qb.hasVerbWord && itemEmpty(qb.item) && orderEmpty(qb.order)) break;
        // "never bought pets, but viewed pet products in the last 30 days": never is all of history
        if (qb.neg && q.chunks.some((c) => c.tokens.some((t) => t.norm === 'never'))) break;
        // "used to buy pet food but haven't ordered any in the last 3 months": not the same window
        // "bought electronics but haven't bought anything since March": the window of "no purchase at all"
        // is not that of the purchase of something
        const bare = (x: BehaviourAtom) => itemEmpty(x.item) && orderEmpty(x.order) && !x.events.length;
        if (
          !!qb.neg !== !!b.neg &&
          (qb.verb ?? 'purchase') === 'purchase' &&
          (b.verb ?? 'purchase') === 'purchase' &&
          !b.inheritObject &&
          bare(qb) !== bare(b)
        )
          break;
        // ("opened but didn't click in the last 30 days": two different events share it)
        if (
          !!qb.neg !== !!b.neg &&
          (b.inheritObject || JSON.stringify(qb.item) === JSON.stringify(b.item)) &&
          (qb.verb ?? 'purchase') === (b.verb ?? 'purchase') &&
          !(
            qb.ecues.length &&
            b.ecues.length &&
            !qb.ecues.every((e) => b.ecues.includes(e)) &&
            !b.ecues.every((e) => qb.ecues.includes(e))
          )
        )
          break;
        qb.window = b.window;
        qb.windowAmb = b.windowAmb;
        qb.windowShared = true;
        this.notes.push('a window said once applies to both actions');
      }
    }
  }

  // ---------------------------------------------------------------- behaviours

  private finalizeBeh(b: BehaviourAtom): LF {
    // "zero orders in the last 90 days", "placed 0 orders in store": no order at all
    const th = b.threshold;
    if (
      th &&
      (!b.measure || b.measure === 'orders') &&
      ((th.op === 'eq' && th.value === 0) || (th.op === 'lt' && th.value === 1) || (th.op === 'lte' && th.value === 0))
    ) {
      delete b.threshold;
      delete b.measure;
      return { op: 'not', child: this.finalizeBehInner(b) };
    }
    return this.finalizeBehInner(b);
  }

  private finalizeBehInner(b: BehaviourAtom): LF {
    const events = this.lex.catalog.event_types;
    const aboutProduct = (e: string) => events.find((x) => x.name === e)?.about_product ?? false;
    const isPurchase =
      b.verb === 'purchase' || b.verb === 'spend' || b.verb === 'return' || !!b.measure || !orderEmpty(b.order);
    let eventTypes = [...b.events];
    if (!eventTypes.length && !isPurchase && b.ecues.length) {
      const res = this.resolveEvents(b);
      if (res.length === 1) eventTypes = res[0]!;
      else if (res.length > 1) {
        this.eventAmbiguity = { term: b.ecues.join(' '), events: res.map((r) => r[0]!), beh: b };
        eventTypes = res[0]!;
      } else if (itemEmpty(b.item)) {
        // generic words alone ("use", "come") name nothing: no condition; other event words: nothing to build
        if (b.ecues.every((e) => GENERIC_EVENT_WORDS.has(e)) && !b.threshold && !b.window)
          return { op: 'and', children: [] };
        b.verb = 'event';
        b.events = [];
        return { op: 'atom', atom: b };
      }
    }
    if (eventTypes.length && !(b.verb === 'purchase' || b.verb === 'spend' || b.verb === 'return')) {
      b.verb = 'event';
      b.events = eventTypes;
      const withItems = !itemEmpty(b.item) || (b.itemAlts?.length ?? 0) > 0;
      if (withItems && !b.events.every(aboutProduct)) {
        const productEvents = b.events.filter(aboutProduct);
        if (productEvents.length) b.events = productEvents;
      }
      return this.altsLF(b);
    }
    if (!b.verb || b.verb === 'event') b.verb = 'purchase';
    const field = b.onlyField;
    const said = field ? (b.order[field] as readonly string[] | undefined) : undefined;
    if (field && said?.length && !b.neg && !b.threshold && !b.measure) {
      // ...and no order with another payment method / fulfillment (in the same window)
      const others = ORDER_FIELD_VALUES[field].filter((v) => !said.includes(v));
      if (others.length) {
        const other = cloneBeh(b);
        other.item = {};
        delete other.itemAlts;
        other.order = { [field]: others } as OrderFilter;
        delete other.onlyField;
        other.onlyCoupon = false;
        this.notes.push(`"only" read as no order with another ${field.replace('_', ' ')}`);
        return { op: 'and', children: [this.altsLF(b), { op: 'not', child: { op: 'atom', atom: other } }] };
      }
    }
    if (b.onlyCoupon && b.order.coupon_used === true && !b.neg && !b.threshold && !b.measure) {
      // ...and no order without one (in the same window)
      const other = cloneBeh(b);
      other.item = {};
      delete other.itemAlts;
      other.order = { coupon_used: false };
      other.onlyCoupon = false;
      this.notes.push('"only with a coupon" read as no order without one');
      return { op: 'and', children: [this.altsLF(b), { op: 'not', child: { op: 'atom', atom: other } }] };
    }
    if (b.onlyChannel && b.order.channel?.length && !b.neg) {
      // ...and no purchase (in the same window) in the other channels
      const others = ['store', 'web', 'app'].filter((ch) => !b.order.channel!.includes(ch as never));
      if (others.length) {
        const other = cloneBeh(b);
        other.item = {};
        delete other.itemAlts;
        other.order = { channel: others as never };
        delete other.threshold;
        delete other.measure;
        other.onlyChannel = false;
        this.notes.push(`"only" read as no purchase in the other channels (${others.join(', ')})`);
        return { op: 'and', children: [this.altsLF(b), { op: 'not', child: { op: 'atom', atom: other } }] };
      }
    }
    return this.altsLF(b);
  }

  /** Items said as alternatives become one item list when they differ in one field, else an OR. */
  private altsLF(b: BehaviourAtom): LF {
    // "bought online or in store, but not both": the channels said stay apart for the exclusive or
    const groups = b.channelAlts;
    if (this.xor && groups && groups.length >= 2 && (b.itemAlts?.length ?? 0) < 2 && !b.neg) {
      const distinct = [...new Map(groups.map((g) => [[...g].sort().join(','), g])).values()];
      if (distinct.length >= 2) {
        return {
          op: 'or',
          children: distinct.map((g) => {
            const c = cloneBeh(b);
            c.order = { ...c.order, channel: [...g] };
            delete c.channelAlts;
            return { op: 'atom', atom: c } as LF;
          }),
        };
      }
    }
    const alts = b.itemAlts;
    if (!alts || alts.length < 2) return { op: 'atom', atom: b };
    // "an Apple smartphone or tablet": the brand said first covers both;
    // "a Keurig or Ninja appliance": the kind said last covers both
    const first = alts[0]!;
    const last = alts[alts.length - 1]!;
    for (const a of alts) {
      if (
        first.brand &&
        (first.category || first.department) &&
        !a.brand &&
        (a.category || a.department) &&
        a !== first
      )
        a.brand = [...first.brand];
      // "Laptops from Dell or HP": brands after a kind share the kind
      if (first.brand && first.category && !first.department && a.brand && !a.category && !a.department && a !== first)
        a.category = [...first.category];
      // (only when the last names a brand too: "a Keurig, or anything from Coffee & Tea" is a union)
      if (last.brand && (last.category || last.department) && !a.category && !a.department && a.brand && a !== last) {
        if (last.category) a.category = [...last.category];
        if (last.department) a.department = [...last.department];
      }
    }
    const fields = alts.map((a) => Object.keys(a));
    const single = fields.every((f) => f.length === 1) && new Set(fields.map((f) => f[0])).size === 1;
    // (exclusive alternatives stay apart: "Dog Food or Cat Food, but not both")
    if (single && !this.xor) {
      const field = fields[0]![0] as keyof ItemFilter;
      if (field === 'private_label' || field === 'organic') {
        b.item = alts[0]!;
      } else {
        const vals = [...new Set(alts.flatMap((a) => (a[field] as string[]) ?? []))];
        b.item = { [field]: vals } as ItemFilter;
      }
      delete b.itemAlts;
      return { op: 'atom', atom: b };
    }
    const children: LF[] = alts.map((item) => {
      const c = cloneBeh(b);
      c.item = item;
      delete c.itemAlts;
      c.neg = false;
      return { op: 'atom', atom: c } as LF;
    });
    return { op: 'or', children };
  }

  /** Event types named by the event words of a behaviour, best first (several when tied). */
  private resolveEvents(b: BehaviourAtom): string[][] {
    const scores: { e: string; s: number }[] = [];
    for (const [e, bag] of this.lex.eventBags) {
      let s = 0;
      const object = this.lex.eventObjects.get(e);
      for (const st of b.ecues) if (bag.has(st)) s += st === object ? 2 : 1;
      if (s) scores.push({ e, s });
    }
    if (!scores.length) return [];
    const max = Math.max(...scores.map((x) => x.s));
    let best = scores.filter((x) => x.s === max).map((x) => x.e);
    if (best.length > 1 && !itemEmpty(b.item)) {
      const withProduct = best.filter((e) => this.lex.catalog.event_types.find((x) => x.name === e)?.about_product);
      if (withProduct.length) best = withProduct;
    }
    if (best.length > 1) {
      // the other event words of the request decide ("received an SMS ... didn't click")
      const others = this.allEcues.filter((s) => !b.ecues.includes(s));
      const score = (e: string) => others.filter((s) => this.lex.eventBags.get(e)!.has(s)).length;
      const top = Math.max(...best.map(score));
      if (top > 0) best = best.filter((e) => score(e) === top);
      else if (others.length) {
        // "opened but didn't click": the reading whose object the other words also act on (an email
        // is opened and clicked; a push is only opened, an SMS only clicked)
        const object = (e: string) => this.lex.eventObjects.get(e);
        const shared = best.filter((e) =>
          [...this.lex.eventBags].some(
            ([e2, bag]) => e2 !== e && object(e2) === object(e) && others.some((s) => bag.has(s)),
          ),
        );
        if (shared.length === 1) best = shared;
      }
    }
    // one generic word ("coming", "checking") names no event on its own
    if (max === 1 && b.ecues.length === 1 && GENERIC_EVENT_WORDS.has(b.ecues[0]!)) return [];
    if (best.length === 1) return [[best[0]!]];
    // several event types share the words: the caller asks which
    return best.slice(0, 4).map((e) => [e]);
  }
}

function dedupeSpans(spans: Span[]): Span[] {
  const seen = new Set<string>();
  const out: Span[] = [];
  for (const s of spans) {
    const k = `${s.cs}:${s.ce}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(s);
    }
  }
  return out.sort((a, b) => a.cs - b.cs);
}
