import { walkSegment, type Catalog, type FacetDef, type Scalar, type SegmentNode } from '@smartseg/segment-engine';
import { ENGINE_WORDS, GRAMMAR_ENTRIES, STOPWORDS } from '../text/english';
import { stem } from '../text/stem';
import { FuzzyVocabulary } from '../text/fuzzy';
import { tokenize, foldNumbers, type Token, type Vocabulary } from '../normalize/normalize';
import type { Sense } from './senses';
import { isEnglishWord } from './wordnet';

/**
 * Stage 3, lexicon: everything the tenant's catalog names (facets, values and their labels
 * and synonyms, business rules, departments, categories, brands, event types, models), plus
 * the engine's grammar words, as one trie over stemmed tokens. Built once per catalog
 * (tenant id + version) and shared by every request.
 */

export interface LexEntry {
  phrase: string;
  norms: string[];
  stems: string[];
  sense: Sense;
  source: 'catalog' | 'grammar' | 'clarify';
  /** 3 = the value or name itself / its label, 2 = a synonym, 1 = derived by the engine. */
  strength: number;
  /** Short codes that are also English words ("IN", "OR", "ME") match only when typed in capitals. */
  needsUpper?: boolean;
}

export interface LexMatch {
  start: number;
  /** Index after the last token used. */
  end: number;
  entries: LexEntry[];
  /** All tokens matched their entry's words exactly (not only by stem). */
  exact: boolean;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  entries: LexEntry[];
}

/** Adverbs skipped inside multi-word matches ("can actually text"). */
const ADVERBS = new Set([
  'actually',
  'really',
  'still',
  'also',
  'just',
  'even',
  'easily',
  'currently',
  'ever',
  'already',
  'recently',
]);

/** Words skipped inside multi-word matches ("opened our email" matches "opened an email"). */
const DETERMINERS = new Set([
  'a',
  'an',
  'the',
  'our',
  'their',
  'any',
  'some',
  'my',
  'your',
  'his',
  'her',
  'its',
  'one',
  'of',
]);
/** Facet names and labels that say where someone lives. */
const PLACE_FACET =
  /\b(state|city|region|zip|postal|postcode|country|county|metro|dma|province)\b|_(state|city|region|zip)\b/i;

/** The attribute facets a node reads (rules it names are not followed). */
function facetsOf(node: SegmentNode): Set<string> {
  const out = new Set<string>();
  walkSegment(node, (n) => {
    if (n.kind === 'attribute') out.add(n.facet);
    else if (n.kind !== 'and' && n.kind !== 'or' && n.kind !== 'not') out.add(`@${n.kind}`);
  });
  return out;
}

/** Units of distance and size are words, never typos ("10 miles" is not "10 males"). */
const UNIT_WORDS = new Set([
  'miles',
  'mile',
  'mi',
  'km',
  'kms',
  'kilometers',
  'kilometres',
  'meters',
  'metres',
  'yards',
  'feet',
  'acres',
  'radius',
]);

const PLACEHOLDER_VALUES = new Set(['unknown', 'other', 'none', 'n/a', 'na', 'true', 'false', 'null', 'yes', 'no']);

export interface AmbiguityTrigger {
  id: string;
  phrases: string[];
}

/** Structural facts about the catalog the grammar needs (found by derivation, not by name). */
export interface CatalogRoles {
  age?: string;
  birthMonth?: string;
  recency?: string;
  firstPurchase?: string;
  tenure?: string;
  signupDate?: string;
  /** Enum facets whose values are numeric bands (income bands), with their parsed bounds. */
  bands: Map<string, { value: Scalar; min: number; max: number }[]>;
}

export class Lexicon {
  readonly root: TrieNode = { next: new Map(), entries: [] };
  readonly entries: LexEntry[] = [];
  readonly facets = new Map<string, FacetDef>();
  readonly eventBags = new Map<string, Set<string>>();
  /** Stems that occur in event words (verbs and objects such as open, click, email, cart). */
  readonly eventStems = new Set<string>();
  /** Boolean facets by the words that tell them apart ("sms", "text" -> sms_opt_in). */
  readonly booleanBags = new Map<string, Set<string>>();
  /** The object of each event type (email in email_open, cart in add_to_cart). */
  readonly eventObjects = new Map<string, string>();
  readonly roles: CatalogRoles = { bands: new Map() };
  /** Facets that say where a customer lives (state, city, region, zip, ...), by their names and labels. */
  readonly placeFacets = new Set<string>();
  /** The facets each business rule's definition reads. */
  readonly ruleFacets = new Map<string, Set<string>>();
  readonly vocabulary: Vocabulary;
  private readonly known = new Set<string>();
  private readonly fuzzy: FuzzyVocabulary;

  constructor(
    readonly catalog: Catalog,
    ambiguities: readonly AmbiguityTrigger[] = [],
  ) {
    for (const f of catalog.facets ?? []) this.facets.set(f.name, f);
    this.addCatalog(catalog);
    for (const [phrases, sense0] of GRAMMAR_ENTRIES) {
      let sense: Sense = sense0;
      if (sense0.t === 'role') {
        const facet = this.roles[sense0.role];
        if (!facet) continue;
        sense = { t: 'facet', facet };
      }
      for (const p of phrases.split('|')) this.add(p, sense, 'grammar', 3);
    }
    for (const [phrases] of ENGINE_WORDS) for (const p of phrases.split('|')) this.known.add(p);
    for (const a of ambiguities) for (const p of a.phrases) this.add(p, { t: 'amb', id: a.id }, 'clarify', 3);
    this.buildBooleanBags(catalog);
    for (const w of STOPWORDS) this.known.add(w);
    const fuzzyWords = new Set<string>();
    for (const [phrases] of ENGINE_WORDS) for (const p of phrases.split('|')) if (p.length >= 4) fuzzyWords.add(p);
    // single words that name one catalog thing: two of them naming the same thing ("texas",
    // "texans") are not a tie for a typo ("texaas")
    const meaning = new Map<string, Set<string>>();
    for (const e of this.entries) {
      for (const n of e.norms) {
        this.known.add(n);
        if (e.source !== 'grammar' || n.length >= 4) fuzzyWords.add(n);
      }
      if (e.norms.length === 1 && e.source === 'catalog') {
        const set = meaning.get(e.norms[0]!) ?? new Set<string>();
        const { via: _via, ...what } = e.sense as Sense & { via?: string };
        set.add(JSON.stringify(what));
        meaning.set(e.norms[0]!, set);
      }
    }
    const sameThing = (a: string, b: string) => {
      const ma = meaning.get(a);
      const mb = meaning.get(b);
      return !!ma && !!mb && ma.size === 1 && mb.size === 1 && [...ma][0] === [...mb][0];
    };
    this.fuzzy = new FuzzyVocabulary(fuzzyWords);
    const known = this.known;
    const fuzzy = this.fuzzy;
    const cache = new Map<string, string | undefined>();
    this.vocabulary = {
      // (a plural of an English word is a word too: "miles" is not a typo of "males")
      isKnown: (w) =>
        known.has(w) ||
        known.has(stem(w)) ||
        isEnglishWord(w) ||
        UNIT_WORDS.has(w) ||
        (w.length > 4 && w.endsWith('s') && !w.endsWith('es') && isEnglishWord(w.slice(0, -1))),
      correct: (w) => {
        if (cache.has(w)) return cache.get(w);
        const c = fuzzy.correct(
          w,
          (a, b) => stem(a) === stem(b) || a.startsWith(b) || b.startsWith(a) || sameThing(a, b),
        )?.word;
        if (cache.size < 5000) cache.set(w, c);
        return c;
      },
    };
  }

  /** True when a word is in the lexicon (any entry). */
  knows(word: string): boolean {
    return this.known.has(word);
  }

  private add(phrase: string, sense: Sense, source: LexEntry['source'], strength: number): void {
    // "TVs" -> also "TV"
    if (/^[A-Z]{2,}s$/.test(phrase.trim())) this.add(phrase.trim().slice(0, -1), sense, source, strength);
    const cleaned = phrase.trim().toLowerCase();
    if (!cleaned) return;
    const toks = foldNumbers(tokenize(cleaned), cleaned).filter((t) => t.kind !== 'punct' || t.norm === '/');
    let words = toks.filter((t) => t.kind !== 'punct');
    // leading articles are dropped ("the Northeast" -> northeast); determiners inside are skipped
    while (words.length > 1 && (words[0]!.norm === 'the' || words[0]!.norm === 'a' || words[0]!.norm === 'an'))
      words = words.slice(1);
    if (words.length > 1) words = words.filter((t, i) => i === 0 || !DETERMINERS.has(t.norm));
    if (!words.length) return;
    const norms = words.map((t) => t.norm);
    const stems = words.map((t) => t.stem);
    const entry: LexEntry = { phrase: cleaned, norms, stems, sense, source, strength };
    if (
      source === 'catalog' &&
      words.length === 1 &&
      norms[0]!.length <= 3 &&
      (STOPWORDS.has(norms[0]!) || GRAMMAR_SINGLE.has(norms[0]!))
    ) {
      entry.needsUpper = true;
    }
    let node = this.root;
    for (const s of stems) {
      let child = node.next.get(s);
      if (!child) {
        child = { next: new Map(), entries: [] };
        node.next.set(s, child);
      }
      node = child;
    }
    const same = (e: LexEntry) =>
      sameSense(e.sense, sense) && e.source === source && e.norms.join(' ') === norms.join(' ');
    if (node.entries.some(same)) {
      const existing = node.entries.find(same)!;
      existing.strength = Math.max(existing.strength, strength);
      return;
    }
    node.entries.push(entry);
    this.entries.push(entry);
  }

  private addCatalog(catalog: Catalog): void {
    const spaced = (s: string) => s.replace(/_/g, ' ');
    for (const f of catalog.facets ?? []) {
      const boolean = f.type === 'boolean';
      const words = [spaced(f.name), f.label, ...(f.synonyms ?? [])];
      for (const [i, w] of words.entries()) {
        if (boolean) {
          this.add(
            w,
            { t: 'value', facet: f.name, value: true, via: i < 2 ? 'label' : 'synonym' },
            'catalog',
            i < 2 ? 3 : 2,
          );
          // "has children" -> "children", "with kids" -> "kids"
          const m = /^(?:has|have|with|is|are|is an?|are an?)\s+(.+)$/.exec(w.toLowerCase());
          if (m) this.add(m[1]!, { t: 'value', facet: f.name, value: true, via: 'derived' }, 'catalog', 1);
        } else {
          this.add(w, { t: 'facet', facet: f.name }, 'catalog', i < 2 ? 3 : 2);
        }
      }
      if (f.source.kind === 'derived') {
        const d = f.source.derivation;
        if (d === 'age') this.roles.age = f.name;
        else if (d === 'birth_month') this.roles.birthMonth = f.name;
        else if (d === 'days_since_last_purchase') this.roles.recency = f.name;
        else if (d === 'days_since_first_purchase') this.roles.firstPurchase = f.name;
        else if (d === 'days_since_signup') this.roles.tenure = f.name;
      }
      if (f.type === 'date' && !f.pii && /sign|join|regist|enrol|member/i.test(`${f.name} ${f.label}`))
        this.roles.signupDate = f.name;
      if (boolean) continue;
      const bands: { value: Scalar; min: number; max: number }[] = [];
      for (const v of f.values ?? []) {
        if (typeof v.value === 'string' && !PLACEHOLDER_VALUES.has(v.value.toLowerCase())) {
          this.add(spaced(v.value), { t: 'value', facet: f.name, value: v.value, via: 'value' }, 'catalog', 3);
        } else if (typeof v.value === 'string' && ['none', 'unknown', 'other'].includes(v.value.toLowerCase())) {
          // "recorded as none": usable only where the facet is named (the parser checks)
          this.add(v.value, { t: 'value', facet: f.name, value: v.value, via: 'value' }, 'catalog', 0);
        }
        if (v.label) this.add(v.label, { t: 'value', facet: f.name, value: v.value, via: 'label' }, 'catalog', 3);
        for (const syn of v.synonyms ?? [])
          this.add(syn, { t: 'value', facet: f.name, value: v.value, via: 'synonym' }, 'catalog', 2);
        const band = parseBand(String(v.value)) ?? (v.label ? parseBand(v.label) : undefined);
        if (band) bands.push({ value: v.value, ...band });
      }
      if (bands.length >= 2 && bands.length === (f.values ?? []).length) this.roles.bands.set(f.name, bands);
    }
    for (const f of catalog.facets) {
      if (!f.pii && PLACE_FACET.test(`${f.name} ${f.label}`)) this.placeFacets.add(f.name);
    }
    for (const r of catalog.rules ?? []) {
      this.ruleFacets.set(r.id, facetsOf(r.definition));
      for (const w of [spaced(r.id), r.label, ...(r.synonyms ?? [])]) {
        this.add(w, { t: 'rule', rule: r.id }, 'catalog', w === r.label ? 3 : 2);
        for (const v of phraseVariants(w)) this.add(v, { t: 'rule', rule: r.id }, 'catalog', 1);
      }
    }
    const privateLabel = catalog.private_label_brand;
    for (const d of catalog.departments ?? []) {
      for (const w of [d.name, ...(d.synonyms ?? [])])
        this.add(w, { t: 'item', field: 'department', value: d.name }, 'catalog', w === d.name ? 3 : 2);
      for (const c of d.categories ?? []) this.add(c, { t: 'item', field: 'category', value: c }, 'catalog', 3);
    }
    // optional per-category words, when the catalog carries them
    const extra = catalog as unknown as {
      categories?: { name: string; synonyms?: string[] }[];
      category_synonyms?: Record<string, string[]>;
    };
    for (const c of Array.isArray(extra.categories) ? extra.categories : []) {
      for (const w of c.synonyms ?? []) this.add(w, { t: 'item', field: 'category', value: c.name }, 'catalog', 2);
    }
    if (extra.category_synonyms && typeof extra.category_synonyms === 'object') {
      for (const [name, words] of Object.entries(extra.category_synonyms)) {
        for (const w of Array.isArray(words) ? words : [])
          this.add(w, { t: 'item', field: 'category', value: name }, 'catalog', 2);
      }
    }
    for (const b of catalog.brands ?? []) {
      const sense: Sense =
        b.name === privateLabel ? { t: 'flag', flag: 'private_label' } : { t: 'item', field: 'brand', value: b.name };
      for (const w of [b.name, ...(b.synonyms ?? [])]) this.add(w, sense, 'catalog', w === b.name ? 3 : 2);
    }
    // stores: by name ("Acme Supercenter Denver", "Supercenter Denver", "Denver Supercenter"), by number
    // ("store 14", "store #14"), and all of a city's ("the Denver store", "our Denver stores")
    const byCity = new Map<string, number[]>();
    // the chain's own name, when every store name starts with it ("Acme"), may be left out
    const firsts = new Set((catalog.stores ?? []).map((st) => st.name.split(/\s+/)[0]!.toLowerCase()));
    const chain = firsts.size === 1 && (catalog.stores?.length ?? 0) > 1 ? [...firsts][0]! : undefined;
    for (const st of catalog.stores ?? []) {
      if (st.format === 'online') continue;
      const short = chain ? st.name.split(/\s+/).slice(1).join(' ') : st.name;
      const kind = short
        .replace(new RegExp(`\\s*${st.city.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*`, 'i'), ' ')
        .trim();
      const one: Sense = { t: 'store', ids: [st.id] };
      for (const w of [st.name, short, kind ? `${st.city} ${kind}` : ''].filter(Boolean))
        this.add(w, one, 'catalog', 3);
      for (const w of [
        `store ${st.id}`,
        `store #${st.id}`,
        `store number ${st.id}`,
        `store no ${st.id}`,
        `store id ${st.id}`,
      ])
        this.add(w, one, 'catalog', 3);
      byCity.set(st.city, [...(byCity.get(st.city) ?? []), st.id]);
    }
    // "our Ohio stores": every store of a state, by the state's name
    const stateFacet = catalog.facets.find((f) => f.name === 'state');
    const byState = new Map<string, number[]>();
    for (const st of catalog.stores ?? [])
      if (st.format !== 'online') byState.set(st.state, [...(byState.get(st.state) ?? []), st.id]);
    for (const [code, ids] of byState) {
      const label = stateFacet?.values?.find((v) => String(v.value) === code)?.label;
      if (!label) continue;
      const all: Sense = { t: 'store', ids };
      for (const w of [`${label} stores`, `${label} store`, `${label} locations`]) this.add(w, all, 'catalog', 3);
    }
    for (const [city, ids] of byCity) {
      const all: Sense = { t: 'store', ids };
      for (const w of [`${city} store`, `${city} stores`, `${city} location`, `${city} locations`])
        this.add(w, all, 'catalog', 3);
    }
    for (const e of catalog.event_types ?? []) {
      const words = [spaced(e.name), e.label, ...(e.synonyms ?? [])];
      const bag = new Set<string>();
      for (const w of words) {
        this.add(w, { t: 'event', event: e.name }, 'catalog', w === e.label ? 3 : 2);
        for (const tk of tokenize(w.toLowerCase())) {
          if (tk.kind !== 'word' || STOPWORDS.has(tk.norm) || DETERMINERS.has(tk.norm)) continue;
          bag.add(tk.stem);
        }
      }
      this.eventBags.set(e.name, bag);
      const parts = e.name.toLowerCase().split('_').filter(Boolean);
      if (parts.length === 2) this.eventObjects.set(e.name, stem(parts[0]!));
      else if (parts.length > 2) this.eventObjects.set(e.name, stem(parts[parts.length - 1]!));
      for (const st of bag) this.eventStems.add(st);
    }
    for (const m of catalog.models ?? []) {
      for (const w of [spaced(m.name), m.label, ...(m.synonyms ?? [])])
        this.add(w, { t: 'model', model: m.name }, 'catalog', w === m.label ? 3 : 2);
    }
    this.addCategoryParts(catalog);
    this.addFacetWords(catalog);
  }

  private buildBooleanBags(catalog: Catalog): void {
    const generic = new Set([
      'opt',
      'in',
      'out',
      'subscrib',
      'subscriber',
      'opted',
      'enabl',
      'sign',
      'up',
      'to',
      'has',
      'have',
      'with',
      'is',
      'are',
    ]);
    const bags = new Map<string, Set<string>>();
    for (const f of catalog.facets ?? []) {
      if (f.type !== 'boolean' || f.pii) continue;
      const bag = new Set<string>();
      for (const w of [f.name.replace(/_/g, ' '), f.label, ...(f.synonyms ?? [])]) {
        for (const tk of tokenize(w.toLowerCase()))
          if (tk.kind === 'word' && !STOPWORDS.has(tk.norm) && !generic.has(tk.stem)) bag.add(tk.stem);
      }
      bags.set(f.name, bag);
    }
    // keep only the words that tell one facet from the others
    const count = new Map<string, number>();
    for (const bag of bags.values()) for (const s of bag) count.set(s, (count.get(s) ?? 0) + 1);
    for (const [f, bag] of bags) this.booleanBags.set(f, new Set([...bag].filter((s) => count.get(s) === 1)));
  }

  /** Single words of facet names and labels ("loyalty", "income", "household") point at the facet. */
  private addFacetWords(catalog: Catalog): void {
    const byWord = new Map<string, Set<string>>();
    for (const f of catalog.facets ?? []) {
      for (const w of `${f.name.replace(/_/g, ' ')} ${f.label}`.toLowerCase().split(/[^a-z]+/)) {
        if (
          w.length < 4 ||
          STOPWORDS.has(w) ||
          GRAMMAR_SINGLE.has(w) ||
          ENGINE_SINGLE.has(w) ||
          GENERIC_FACET_WORDS.has(w)
        )
          continue;
        (byWord.get(w) ?? byWord.set(w, new Set()).get(w)!).add(f.name);
      }
    }
    for (const [w, facets] of byWord) {
      if (this.root.next.get(stem(w))?.entries.length) continue;
      if (facets.size === 1) {
        const facet = [...facets][0]!;
        const f = this.facets.get(facet)!;
        if (f.type === 'boolean') continue;
        this.add(w, { t: 'facet', facet }, 'catalog', 1);
      } else this.add(w, { t: 'filler' }, 'catalog', 1);
    }
  }

  /**
   * Shorter names for categories: the parts of "Vitamins & Supplements", and a category name
   * without its department's word ("Baby Formula" -> formula), when no other entry claims them.
   */
  private addCategoryParts(catalog: Catalog): void {
    const derived = new Map<string, string[]>();
    const note = (phrase: string, category: string) => {
      const p = phrase.trim().toLowerCase();
      if (!p) return;
      (derived.get(p) ?? derived.set(p, []).get(p)!).push(category);
    };
    for (const d of catalog.departments ?? []) {
      const deptWords = [d.name, ...(d.synonyms ?? [])].map((x) => x.toLowerCase()).filter((x) => !x.includes(' '));
      for (const c of d.categories ?? []) {
        const parts = c.split(/\s*(?:&|\band\b|,)\s*/).filter(Boolean);
        if (parts.length > 1) for (const p of parts) if (p.length >= 3) note(p, c);
        const words = c.toLowerCase().split(/\s+/);
        if (words.length > 1 && deptWords.some((dw) => stem(dw) === stem(words[0]!))) {
          const rest = words.slice(1).join(' ');
          if (rest.length >= 5 && !rest.includes('&')) note(rest, c);
        } else if (words.length === 2 && !c.includes('&') && words[1]!.length >= 5) {
          // "Fresh Produce" -> produce; "Board Games" and "Video Games" -> games (both)
          note(words[1]!, c);
        }
      }
    }
    for (const [p, cats] of derived) {
      const unique = [...new Set(cats)];
      if (unique.length > 2) continue;
      const toks = tokenize(p);
      if (this.matchAt(toks, 0).some((m) => m.end === toks.length)) continue;
      if (toks.length === 1 && (STOPWORDS.has(p) || GRAMMAR_SINGLE.has(p) || GENERIC_FACET_WORDS.has(p))) continue;
      for (const c of unique) this.add(p, { t: 'item', field: 'category', value: c }, 'catalog', 1);
    }
  }

  /** All entries matching at token i (every length), longest first. */
  matchAt(tokens: readonly Token[], i: number): LexMatch[] {
    const out: LexMatch[] = [];
    let node: TrieNode | undefined = this.root;
    let j = i;
    const used: number[] = [];
    while (node && j < tokens.length) {
      const tok: Token = tokens[j]!;
      if (tok.kind === 'punct' && tok.norm !== '/') break;
      let child: TrieNode | undefined = node.next.get(tok.stem);
      if (!child && tok.norm !== tok.stem) child = node.next.get(tok.norm);
      if (!child && j > i && (DETERMINERS.has(tok.norm) || ADVERBS.has(tok.norm))) {
        j++;
        continue;
      }
      if (!child) break;
      node = child;
      used.push(j);
      j++;
      if (node.entries.length) {
        const single = used.length === 1 ? tokens[used[0]!]! : undefined;
        const entries = node.entries.filter((e) => {
          if (e.needsUpper && !(single && single.upper)) return false;
          if (single && e.norms.length === 1 && e.norms[0] !== single.norm) {
            // a stem-only match of one word must agree in inflection ("emails" is not "emailed")
            if (e.source === 'grammar' && (e.sense.t === 'filler' || e.sense.t === 'stop')) return false;
            if (inflection(e.norms[0]!) !== inflection(single.norm)) return false;
          }
          return true;
        });
        if (entries.length) {
          const exact = entries.some(
            (e) => e.norms.length === used.length && e.norms.every((n, k) => n === tokens[used[k]!]!.norm),
          );
          out.push({ start: i, end: j, entries, exact });
        }
      }
    }
    return out.reverse();
  }
}

/**
 * English variants of a multi-word phrase: "reachable by sms" -> "reach by sms";
 * "can be texted" -> "can text", "we can text".
 */
export function phraseVariants(phrase: string): string[] {
  const out: string[] = [];
  const words = phrase.toLowerCase().split(/\s+/);
  if (words.length > 1) {
    const able = words.map((w) => (w.length >= 8 && w.endsWith('able') ? w.slice(0, -4) : w));
    if (able.join(' ') !== words.join(' ')) out.push(able.join(' '));
  }
  const rb = /^reachable by (.+)$/.exec(phrase.toLowerCase());
  if (rb) out.push(`${rb[1]} reachable`, `reachable via ${rb[1]}`, `reachable through ${rb[1]}`);
  const m = /^can be (\w+?)(?:ed|d)$/.exec(phrase.toLowerCase());
  if (m) {
    const base = m[1]!.endsWith('t') || m[1]!.endsWith('l') ? m[1]! : m[1]!;
    out.push(`can ${base}`, `we can ${base}`, `can still ${base}`, `we can still ${base}`);
  }
  return out;
}

function inflection(w: string): 'ed' | 'ing' | 'base' {
  if (/[^e]ed$/.test(w) || /ied$/.test(w)) return 'ed';
  if (/ing$/.test(w) && w.length > 5) return 'ing';
  return 'base';
}

const ENGINE_SINGLE = new Set<string>(ENGINE_WORDS.flatMap(([p]) => p.split('|')));
/** Words too general to point at one facet on their own. */
const GENERIC_FACET_WORDS = new Set([
  'name',
  'number',
  'code',
  'address',
  'date',
  'days',
  'since',
  'last',
  'first',
  'preferred',
  'size',
  'month',
  'body',
  'care',
  'home',
  'supplies',
  'phone',
  'email',
]);

const GRAMMAR_SINGLE = new Set<string>();
for (const [phrases] of GRAMMAR_ENTRIES)
  for (const p of phrases.split('|')) if (!p.includes(' ')) GRAMMAR_SINGLE.add(p);

function sameSense(a: Sense, b: Sense): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** "under_25k" -> [0, 24999.99]; "25k_50k" -> [25000, 50000); "150k_plus" -> [150000, inf). */
export function parseBand(text: string): { min: number; max: number } | undefined {
  const t = text.toLowerCase().replace(/\$/g, '').replace(/,/g, '');
  const num = (s: string) => {
    const m = /^(\d+(?:\.\d+)?)([km]?)$/.exec(s);
    if (!m) return undefined;
    return Number(m[1]) * (m[2] === 'k' ? 1000 : m[2] === 'm' ? 1_000_000 : 1);
  };
  let m = /^(?:under|below|less than|<)[_\s-]*(\d+(?:\.\d+)?[km]?)$/.exec(t);
  if (m) {
    const v = num(m[1]!);
    return v === undefined ? undefined : { min: 0, max: v };
  }
  m = /^(\d+(?:\.\d+)?[km]?)[_\s-]*(?:plus|\+|or more|and up|and above|or above)$/.exec(t);
  if (m) {
    const v = num(m[1]!);
    return v === undefined ? undefined : { min: v, max: Number.POSITIVE_INFINITY };
  }
  m = /^(\d+(?:\.\d+)?[km]?)[_\s-]+(?:to[_\s-]+)?(\d+(?:\.\d+)?[km]?)$/.exec(t);
  if (m) {
    const a = num(m[1]!);
    const b = num(m[2]!);
    if (a === undefined || b === undefined || b <= a) return undefined;
    return { min: a, max: b };
  }
  return undefined;
}

const CACHE = new Map<string, { catalog: Catalog; lexicon: Lexicon; ambiguityKey: string }>();

/** The lexicon of a catalog, built once per tenant id + version (and per ambiguity list). */
export function lexiconFor(catalog: Catalog, ambiguities: readonly AmbiguityTrigger[] = []): Lexicon {
  const key = `${catalog.tenant_id}@${catalog.version}`;
  const ambiguityKey = ambiguities.map((a) => `${a.id}:${a.phrases.join('|')}`).join(';');
  const hit = CACHE.get(key);
  if (hit && hit.ambiguityKey === ambiguityKey && (hit.catalog === catalog || hit.catalog.as_of === catalog.as_of))
    return hit.lexicon;
  const lexicon = new Lexicon(catalog, ambiguities);
  if (CACHE.size > 64) CACHE.delete(CACHE.keys().next().value!);
  CACHE.set(key, { catalog, lexicon, ambiguityKey });
  return lexicon;
}
