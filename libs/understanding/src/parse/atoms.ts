import type {
  AttributeOp,
  ItemFilter,
  OrderFilter,
  PurchaseMeasure,
  Scalar,
  Threshold,
  Window,
} from '@smartseg/segment-engine';
import type { TimeOption } from '../time/time';

/** A stretch of the request (character offsets, end exclusive). */
export interface Span {
  cs: number;
  ce: number;
}

export interface AmbiguousWindow {
  id: string;
  term: string;
  options: TimeOption[];
}

interface AtomBase {
  spans: Span[];
  /** Confidence in this reading (0-1). */
  conf: number;
  neg?: boolean;
  notes?: string[];
}

export interface AttrAtom extends AtomBase {
  k: 'attr';
  facet: string;
  op: AttributeOp;
  value?: Scalar;
  values?: Scalar[];
  min?: number | string;
  max?: number | string;
  /** Built from an amount ("over 5,000 points", "50-100k income"). */
  fromQty?: boolean;
}

export interface RuleAtom extends AtomBase {
  k: 'rule';
  rule: string;
  /** A definition given in the request replaced it. */
  redefined?: boolean;
}

export interface ModelAtom extends AtomBase {
  k: 'model';
  model: string;
  level?: 'high' | 'medium' | 'low';
  score?: Threshold;
  decile?: Threshold;
  top_percent?: number;
  bottom_percent?: number;
}

export interface BirthdayAtom extends AtomBase {
  k: 'bday';
  when: 'today' | 'this_month' | 'next_month' | 'next_days';
  days?: number;
}

/** Something done (a purchase or an event), gathered word by word before it is decided. */
export interface BehaviourAtom extends AtomBase {
  k: 'beh';
  /** Verb class said ("bought", "spent", "returned"); 'event' when a catalog event was named. */
  verb?: 'purchase' | 'spend' | 'return' | 'event';
  /** Event types named by catalog phrases ("opened an email"). */
  events: string[];
  /** Event words seen (stems), to compose an event ("clicked" + "text"). */
  ecues: string[];
  item: ItemFilter;
  order: OrderFilter;
  window?: Window;
  windowAmb?: AmbiguousWindow;
  /** The window was copied from a neighbour or inferred. */
  windowShared?: boolean;
  /** "in that same time": the window of the behaviour said before. */
  windowAnaphor?: boolean;
  /** The window was said before the verb ("who in the past 12 months placed ... and spent ..."). */
  windowLeading?: boolean;
  /** "online only", "store-only shoppers": bought in this channel and in no other. */
  onlyChannel?: boolean;
  /** "only buys with a coupon", "always uses a coupon": every order of theirs had one. */
  onlyCoupon?: boolean;
  /** "only pays with PayPal", "always uses pickup": no order with another value of that field. */
  onlyField?: 'payment_method' | 'fulfillment';
  /** "didn't buy one": the object is the one said before. */
  inheritObject?: boolean;
  /** A channel word read as an event ("the app") rather than an order channel. */
  droppedChannel?: ('store' | 'web' | 'app')[];
  measure?: PurchaseMeasure;
  threshold?: Threshold;
  /** "lifetime value": all history, said explicitly. */
  lifetime?: boolean;
  /** A word such as "bought", "orders", "opened" was said (not only an object). */
  hasVerbWord: boolean;
  /** Alternatives (OR) of item filters from coordination ("toys or electronics"). */
  itemAlts?: ItemFilter[];
  /** The channel groups said one by one ("online or in store": web+app, store), for "but not both". */
  channelAlts?: ('store' | 'web' | 'app')[][];
  /** Alternatives of events from coordination ("opened an email or a push"). */
  eventAlts?: string[][];
  /** Index of the segment that opened it. */
  seg: number;
}

export interface AmbAtom extends AtomBase {
  k: 'amb';
  id: string;
  term: string;
  /** Readings given inline (a word two facets claim: "Washington" the state or the city). */
  options?: { label: string; node: import('@smartseg/segment-engine').SegmentNode }[];
  question?: string;
  /** Items / order filters said with the term ("frequent buyers of organic groceries"). */
  absorb?: BehaviourAtom;
}

/** A ready node with a fixed shape (e.g. a rule definition inlined with a new window). */
export interface NodeAtom extends AtomBase {
  k: 'node';
  node: import('@smartseg/segment-engine').SegmentNode;
  label: string;
}

export type Atom = AttrAtom | RuleAtom | ModelAtom | BirthdayAtom | BehaviourAtom | AmbAtom | NodeAtom;

export type LF = { op: 'and' | 'or'; children: LF[] } | { op: 'not'; child: LF } | { op: 'atom'; atom: Atom };

export function atomLF(atom: Atom): LF {
  return atom.neg ? { op: 'not', child: { op: 'atom', atom } } : { op: 'atom', atom };
}
