import type { Catalog, Segment, SegmentNode } from '@smartseg/segment-engine';
import { SegmentBuilder, type BuildResult, type NodeMeta } from '../build/builder';
import {
  DEFAULT_CLARIFICATIONS,
  clarificationTriggers,
  resolveClarification,
  type Clarification,
  type ResolvedOption,
} from '../clarify/clarifications';
import { editSegment, looksLikeEdit } from '../edit/editor';
import type { EmbeddingRanker } from '../lexicon/embedding-ranker';
import { lexiconFor, type Lexicon } from '../lexicon/lexicon';
import { wordnetSynonyms } from '../lexicon/wordnet';
import { normalize, type Token } from '../normalize/normalize';
import { stem } from '../text/stem';
import { chunk, has, type Chunk } from '../parse/chunker';
import { Parser, type ParseResult } from '../parse/parser';
import type { LF } from '../parse/atoms';
import { coverage, missingPhrases, nearestLexical, refusal } from '../verify/assess';
import { checkInput } from './guards';
import type { ClarifyOption, SpanInfo, UnderstandingResult } from './result.model';
import { explain, verify, type VerifyProblem } from './verify.adapter';
import { FILLER_WORDS } from '../text/english';

export interface UnderstandingOptions {
  /** Optional semantic ranker (lexical-only without it). */
  embeddings?: EmbeddingRanker;
  /** Ambiguous terms and their options; defaults to DEFAULT_CLARIFICATIONS. */
  clarifications?: readonly Clarification[];
}

export interface UnderstandContext {
  /** The as-of date (YYYY-MM-DD) times are read against. */
  asOf: string;
  permissions: { pii: boolean };
  /** The current segment of a conversation: the text may be an edit of it. */
  current?: Segment;
  /**
   * The conversation's earlier segments, oldest first, most recent last (not `current`): what
   * "undo that", "undo the age filter" and "go back" return to.
   */
  previous?: readonly Segment[];
}

/** Everything the pipeline learned about one request (for tests and diagnostics). */
export interface Analysis {
  tokens: Token[];
  chunks: Chunk[];
  parse: ParseResult;
  corrections: { from: string; to: string }[];
}

/**
 * The local understanding engine: words to a verified segment, a clarifying question, or an
 * honest refusal, in milliseconds, without a language model or the network. One instance
 * per catalog; the lexicon is built once per catalog version and shared.
 */
/** Sentences about the campaign rather than the customers ("We'll follow up with...", "This feeds our SMS"). */
const CONTEXT_OPENER =
  /^(?:we|we're|we'll|we've|we'd|our|i|i'm|i'll|i've|i'd|this|that|it|it's|they|they'll|she|he|note|fyi|ps|p\.s\.|thanks|thank you|so|because|goal|the goal|context|background)\b/i;
const CONTEXT_TALK =
  /\b(?:will|'ll|going to|later|for now|go(?:es)? out|goes live|feeds?|going forward|tomorrow|next week|this week's|campaign|newsletter|mailer|creative|journey|flow|push(?:ing)? (?:a|the|our)|launch(?:ing)?|promo(?:tion)?s?)\b/i;

/**
 * The reading whose values the request also names one by one ("the Pacific Northwest (Washington
 * and Oregon)"): every value of the option's attribute conditions appears as a word of the request
 * outside the ambiguous term.
 */
function valuesSaid(n: SegmentNode, chunks: Chunk[], term: string): boolean {
  const said = new Set<string>();
  for (const c of chunks) {
    if (term.toLowerCase().includes(c.text.toLowerCase())) continue;
    for (const sn of c.senses) if (sn.t === 'value') said.add(`${sn.facet}:${String(sn.value)}`);
  }
  const leaves: string[] = [];
  const walk = (x: SegmentNode): void => {
    if (x.kind === 'and' || x.kind === 'or') x.children.forEach(walk);
    else if (x.kind === 'attribute' && (x.op === 'in' || x.op === 'eq'))
      for (const v of x.values ?? [x.value]) leaves.push(`${x.facet}:${String(v)}`);
  };
  walk(n);
  const multi = leaves.filter((l) => !said.has(l));
  return leaves.length >= 2 && multi.length === 0;
}

/**
 * The build without the conditions a vague term ("seniors") made, when every facet they use is
 * also said outright ("over 65") in the same AND; undefined otherwise.
 */
function withoutVagueTerm(built: BuildResult, term: string, text: string): BuildResult | undefined {
  const w = built.segment.where;
  if (w.kind !== 'and') return undefined;
  const t = term.toLowerCase();
  const fromTerm = (n: SegmentNode) =>
    (built.meta.get(n)?.spans ?? []).some((sp) => {
      const said = text.slice(sp.cs, sp.ce).toLowerCase();
      return said.length > 0 && (t.includes(said) || said.includes(t));
    });
  const vague = w.children.filter(fromTerm);
  if (!vague.length) return undefined;
  const facets = new Set<string>();
  const slot = (n: SegmentNode): string | undefined =>
    n.kind === 'attribute'
      ? n.facet
      : n.kind === 'purchase' && !n.item
        ? `purchase:${n.measure ?? 'orders'}`
        : n.kind === 'model'
          ? `model:${n.model}`
          : undefined;
  const walk = (n: SegmentNode): boolean => {
    if (n.kind === 'and' || n.kind === 'or') return n.children.every(walk);
    const k = slot(n);
    if (k) facets.add(k);
    return !!k;
  };
  if (!vague.every(walk) || !facets.size) return undefined;
  const rest = w.children.filter((c) => !vague.includes(c));
  const explicit = new Set(
    rest.flatMap((c) => {
      const k = c.kind === 'purchase' && !c.threshold ? undefined : slot(c);
      return k ? [k] : [];
    }),
  );
  if (![...facets].every((f) => explicit.has(f))) return undefined;
  const where: SegmentNode = rest.length === 1 ? rest[0]! : { kind: 'and', children: rest };
  return { ...built, segment: { ...built.segment, where }, ambiguities: [] };
}

/** The leaf conditions of a segment. */
function conditionCount(n: SegmentNode): number {
  if (n.kind === 'and' || n.kind === 'or') return n.children.reduce((t, c) => t + conditionCount(c), 0);
  if (n.kind === 'not') return conditionCount(n.child);
  return 1;
}

/** Two children of one AND that say the same thing (values compared as sets). */
function hasRestatedCondition(n: SegmentNode): boolean {
  if (n.kind !== 'and') return false;
  const canon = (x: unknown): unknown =>
    Array.isArray(x)
      ? [...x.map(canon)].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
      : x && typeof x === 'object'
        ? Object.fromEntries(
            Object.entries(x as Record<string, unknown>)
              .filter(([k]) => k !== 'id')
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => [k, canon(v)]),
          )
        : x;
  const seen = new Set<string>();
  for (const c of n.children) {
    let key = JSON.stringify(canon(c));
    // "state in [OR, WA]" and "state = WA or state = OR" alike
    if (c.kind === 'attribute' && c.op === 'eq')
      key = JSON.stringify(canon({ ...c, op: 'in', values: [c.value], value: undefined }));
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}

/** A name in quotes: "'Empty Nest'", "\u201cSummer Splash\u201d" (not an apostrophe inside a word). */
const QUOTED_NAME =
  /(?:^|[\s(:\u2014\u2013-])(?:'[A-Z][^'\n]{0,40}'|"[A-Z][^"\n]{0,40}"|\u2018[A-Z][^\u2019\n]{0,40}\u2019|\u201c[A-Z][^\u201d\n]{0,40}\u201d)(?=[\s.,:;!?)\u2014\u2013-]|$)/;

const PEOPLE =
  /\b(?:customers?|people|anyone|everyone|anybody|everybody|shoppers?|buyers?|users?|members?|subscribers?|contacts?|profiles?|folks|those who|ones who)\b/i;

/** "They must be reachable by email", "They need to have bought this year": a condition on the people said before. */
const REQUIREMENT =
  /^\s*(?:they|those|these)\s+(?:must|should|need to|needs to|have to|has to|all need to)\b|^\s*(?:i|we)\s+(?:need|want|would like|'d like)\s+(?:those|these|the|all|every|any)\b/i;

/**
 * The text with its context sentences blanked (same length): a sentence after the first that opens
 * like talk about the campaign ("We'll...", "This feeds...") and names no customers.
 */
function contextSentences(text: string): { text: string; dropped: string[] } {
  const ends = [...text.matchAll(/[.!?]+(?=\s+[A-Z"'(]|\s*$)/g)].map((m) => m.index + m[0].length);
  if (ends.length < 2 && !(ends.length === 1 && ends[0]! < text.trimEnd().length)) return { text, dropped: [] };
  let out = text;
  const dropped: string[] = [];
  let from = 0;
  const bounds = [...ends, text.length];
  bounds.forEach((end, i) => {
    const piece = text.slice(from, end);
    if (i > 0 && piece.trim() && CONTEXT_OPENER.test(piece.trim()) && !PEOPLE.test(piece) && !REQUIREMENT.test(piece)) {
      dropped.push(piece.trim());
      out = out.slice(0, from) + ' '.repeat(end - from) + out.slice(end);
    }
    from = end;
  });
  return { text: out, dropped };
}

export class UnderstandingEngine {
  readonly lexicon: Lexicon;
  private readonly clarifications: readonly Clarification[];
  private readonly resolved = new Map<string, { question: string; options: ResolvedOption[] }>();

  constructor(
    readonly catalog: Catalog,
    private readonly options: UnderstandingOptions = {},
  ) {
    this.clarifications = options.clarifications ?? DEFAULT_CLARIFICATIONS;
    this.lexicon = lexiconFor(catalog, clarificationTriggers(this.clarifications));
    for (const c of this.clarifications)
      this.resolved.set(c.id, { question: c.question, options: resolveClarification(c, this.lexicon) });
  }

  /** Reads a request (or a follow-up to `ctx.current`). Never throws. */
  understand(text: string, ctx: UnderstandContext): UnderstandingResult {
    try {
      const guard = checkInput(text, { editing: ctx.current !== undefined });
      if (guard) return guard;
      if (ctx.current && looksLikeEdit(text, this, ctx)) {
        const edited = editSegment(ctx.current, text, ctx, this);
        if (edited) return edited;
      }
      return this.create(text, ctx);
    } catch (err) {
      return {
        status: 'refuse',
        reason: `the request could not be read (${err instanceof Error ? err.message : String(err)})`,
        missing: [],
        nearest: [],
      };
    }
  }

  /** Like `understand`, but uses the embedding ranker (if any) to name nearer facets in refusals. */
  async understandAsync(text: string, ctx: UnderstandContext): Promise<UnderstandingResult> {
    const res = this.understand(text, ctx);
    const ranker = this.options.embeddings;
    if (res.status !== 'refuse' || !ranker || !res.missing.length) return res;
    try {
      const candidates = this.catalog.facets
        .filter((f) => !f.pii || ctx.permissions.pii)
        .map((f) => ({ id: f.label, text: `${f.label}: ${f.description}` }));
      const ranked = await ranker.rank(res.missing.join('; '), candidates, 3);
      const nearest = [...new Set([...res.nearest, ...ranked.map((r) => r.id)])].slice(0, 5);
      return { ...res, nearest };
    } catch {
      return res;
    }
  }

  /** Runs the stages up to the parse (for tests and the editor). */
  /**
   * `whole`: the text is a request of its own (not a fragment an edit reads against the segment), so a
   * channel said alone ("web", "on the web") is where the orders were placed.
   */
  analyze(text: string, asOf: string, opts: { whole?: boolean } = {}): Analysis {
    const norm = normalize(text, this.lexicon.vocabulary);
    let chunks = chunk(norm.tokens, this.lexicon, asOf, norm.text);
    // unknown words: try WordNet synonyms that the lexicon knows ("acquired" -> buy)
    if (chunks.some((c) => c.unknown)) {
      let changed = false;
      for (const c of chunks) {
        if (!c.unknown || c.tokens.length !== 1) continue;
        const tok = c.tokens[0]!;
        if (tok.kind !== 'word' || tok.norm.length < 4 || /^[A-Z][a-z]/.test(tok.raw)) continue;
        const syn = this.wordnetSubstitute(tok.norm);
        if (syn) {
          tok.corrected = tok.corrected ?? tok.norm;
          tok.norm = syn;
          tok.stem = stem(syn);
          changed = true;
        }
      }
      if (changed) chunks = chunk(norm.tokens, this.lexicon, asOf, norm.text);
    }
    const parser = new Parser(this.lexicon, asOf, { channelAlone: !!opts.whole });
    const parse = parser.parse(chunks, norm.text);
    return {
      tokens: norm.tokens,
      chunks,
      parse,
      corrections: norm.corrections.map((c) => ({ from: c.from, to: c.to })),
    };
  }

  /** An unknown verb whose most common WordNet sense is a buying verb ("acquired" -> get). */
  private readonly substitutes = new Map<string, string | undefined>();

  private wordnetSubstitute(word: string): string | undefined {
    if (this.substitutes.has(word)) return this.substitutes.get(word);
    const found = this.findSubstitute(word);
    if (this.substitutes.size < 5000) this.substitutes.set(word, found);
    return found;
  }

  private findSubstitute(word: string): string | undefined {
    for (const s of wordnetSynonyms(word, 'verb', 1)) {
      if (s === word || s.includes(' ')) continue;
      const toks = normalize(s).tokens;
      const m = this.lexicon.matchAt(toks, 0).find((x) => x.end === toks.length);
      if (
        m &&
        m.entries.some(
          (e) =>
            e.sense.t === 'verb' && (e.sense.cls === 'purchase' || e.sense.cls === 'spend' || e.sense.cls === 'return'),
        )
      )
        return s;
    }
    return undefined;
  }

  /** A segment builder for this engine's catalog and clarifications. */
  builderFor(text: string, eventChoices?: ParseResult['eventAmbiguity']): SegmentBuilder {
    return new SegmentBuilder({ lexicon: this.lexicon, text, clarifications: this.resolved, eventChoices });
  }

  /**
   * A new request (not an edit). A brief that wraps the audience in context ("We're opening a
   * pop-up in Austin next month - can you find everyone who lives in Austin, TX?") is read again
   * without the sentences that name no customers, when the whole of it cannot be read.
   */
  create(original: string, ctx: UnderstandContext): UnderstandingResult {
    // sentences after the first that talk about the campaign ("We use this as the seed audience for
    // lookalikes on Meta.") are context, whatever catalog words they happen to contain
    const context = contextSentences(original);
    const text = context.text;
    const whole = this.withNote(this.createOnce(text, ctx), context.dropped);
    if (whole.status !== 'refuse' || whole.missing.some((m) => m === 'instructions to the system')) return whole;
    const focused = this.focus(text, ctx.asOf);
    if (!focused) return whole;
    const again = this.createOnce(focused.text, ctx);
    if (again.status === 'refuse') return whole;
    const lowered =
      again.status === 'segment'
        ? { ...again, confidence: Math.max(0.05, Math.round((again.confidence - 0.1) * 100) / 100) }
        : again;
    return this.withNote(lowered, [...context.dropped, ...focused.dropped]);
  }

  private withNote(r: UnderstandingResult, dropped: string[]): UnderstandingResult {
    if (!dropped.length || (r.status !== 'segment' && r.status !== 'clarify')) return r;
    const note = `left out as context: ${dropped.map((d) => `"${d}"`).join(', ')}`;
    return { ...r, notes: [...(r.notes ?? []), note] };
  }

  /**
   * The request with its context blanked out (same length, so spans keep their offsets): sentences
   * and clause pieces that state no condition, and pieces with words the catalog lacks that do not
   * name the customers ("Birthday points go out Friday!"), and a leading label ("Reactivation
   * ladder, step 1:"). Undefined when nothing would be left out or nothing would be left.
   */
  private focus(text: string, asOf: string): { text: string; dropped: string[] } | undefined {
    const pieces: { start: number; end: number }[] = [];
    const boundary = /[.!?;]+(?=\s|$)|\s[\u2014\u2013]\s|\s--?\s|\u2014|:\s|\s=\s/g;
    let from = 0;
    for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
      pieces.push({ start: from, end: m.index });
      from = m.index + m[0].length;
    }
    pieces.push({ start: from, end: text.length });
    const real = pieces.filter((p) => text.slice(p.start, p.end).trim().length > 0);
    if (real.length < 2) return undefined;
    const REQUEST =
      /\b(?:pull|find|get|give|show|target|grab|build|create|list|select|include|anyone|everyone|anybody|everybody|those|people|customers|shoppers|buyers|users|members|subscribers)\b/i;
    const keep: boolean[] = real.map((p, i) => {
      const piece = text.slice(p.start, p.end);
      // a piece naming the campaign in quotes ("Campaign brief - 'Empty Nest' home refresh") names no customers
      if (QUOTED_NAME.test(piece) && !PEOPLE.test(piece) && !REQUEST.test(piece)) return false;
      // a leading label ("Engaged-in-60-days segment, Omnisend style:") names the list, not the people
      const label = i === 0 && /^\s*:/.test(text.slice(p.end)) && piece.trim().split(/\s+/).length <= 10;
      const a = this.analyze(piece, asOf);
      if (!a.parse.lf) return false;
      const unknown = a.parse.unknown.filter(
        (c) => !(c.tokens.length === 1 && FILLER_WORDS.has(c.tokens[0]!.norm) && !/^[A-Z][a-z]/.test(c.text)),
      );
      if (!unknown.length) return true;
      if (label) return false;
      if (a.chunks.some((c) => has(c, 'subj')) || REQUEST.test(piece)) return true;
      // a condition the tenant may lack ("Credit score above 700.") stays; talk about the campaign goes
      return !(CONTEXT_OPENER.test(piece.trim()) || CONTEXT_TALK.test(piece));
    });
    if (keep.every(Boolean) || !keep.some(Boolean)) return undefined;
    let out = text;
    const dropped: string[] = [];
    real.forEach((p, i) => {
      if (keep[i]) return;
      dropped.push(text.slice(p.start, p.end).trim());
      out = out.slice(0, p.start) + ' '.repeat(p.end - p.start) + out.slice(p.end);
    });
    return { text: out, dropped };
  }

  private createOnce(text: string, ctx: UnderstandContext): UnderstandingResult {
    const code = promoCode(text);
    if (code) {
      const r = refusal(this.catalog, [`promo code ${code}`], ctx.permissions.pii, ['used a coupon (orders)']);
      return {
        ...r,
        reason: `This tenant has no data for the promo code "${code}": an order only records whether a coupon was used. Nearest available: used a coupon (orders).`,
        nearest: ['used a coupon (orders)'],
      };
    }
    const a = this.analyze(text, ctx.asOf, { whole: true });
    const p = a.parse;
    if (p.injection) {
      return {
        status: 'refuse',
        reason: 'the request gives instructions to the system rather than describing customers',
        missing: ['instructions to the system'],
        nearest: [],
      };
    }
    const unknown = p.unknown.filter(
      (c) => !(c.tokens.length === 1 && FILLER_WORDS.has(c.tokens[0]!.norm) && !/^[A-Z][a-z]/.test(c.text)),
    );
    if (unknown.length) {
      const phrases = missingPhrases(a.chunks, unknown, text);
      const missing = phrases.length ? phrases.map((x) => x.phrase) : unknown.map((c) => c.text);
      const extra = phrases
        .flatMap((ph) => ph.chunks.flatMap((c) => c.senses))
        .flatMap((s) => {
          if (s.t === 'value' || s.t === 'facet') {
            const f = this.lexicon.facets.get(s.facet);
            return f && (!f.pii || ctx.permissions.pii) ? [f.label] : [];
          }
          return [];
        });
      return refusal(this.catalog, missing, ctx.permissions.pii, extra);
    }
    if (!p.lf) {
      const said = a.chunks
        .filter((c) => !c.punct && !c.stop)
        .map((c) => c.text)
        .join(' ');
      return {
        status: 'refuse',
        reason: 'I could not find any condition on customers in the request',
        missing: said ? [said.slice(0, 80)] : [],
        nearest: nearestLexical(this.catalog, text, ctx.permissions.pii),
      };
    }
    const builder = new SegmentBuilder({
      lexicon: this.lexicon,
      text,
      clarifications: this.resolved,
      eventChoices: p.eventAmbiguity,
    });
    const lf = this.withoutRestatedVague(p.lf);
    if (lf !== p.lf) {
      p.lf = lf;
      p.notes.push('a vague word was read through the condition the request states for it');
    }
    const first = builder.build(p.lf);
    if (first.failed.length) {
      const missing = first.failed.map((f) =>
        text.slice(Math.min(...f.spans.map((s) => s.cs)), Math.max(...f.spans.map((s) => s.ce))),
      );
      return refusal(this.catalog, missing, ctx.permissions.pii);
    }
    // several readings, one of them said outright too ("affluent shoppers - $150k+ household income",
    // "the Pacific Northwest (Washington and Oregon)"): that one
    if (first.ambiguities.length) {
      const amb = first.ambiguities[0]!;
      const picks = amb.options.map((_, i) => ({ i, built: builder.build(p.lf!, { picks: new Map([[amb.key, i]]) }) }));
      // "recent buyers in the last 30 days": the reading that merges into a condition said outright leaves
      // fewer conditions than the others
      const sizes = picks.map((x) => conditionCount(x.built.segment.where));
      const fewest = Math.min(...sizes);
      const merged = sizes.filter((n) => n === fewest).length === 1 && Math.max(...sizes) > fewest;
      const restated = picks.filter(
        (x, k) =>
          hasRestatedCondition(x.built.segment.where) ||
          valuesSaid(x.built.segment.where, a.chunks, amb.term) ||
          (merged && sizes[k] === fewest),
      );
      // "seniors over 65": the request says the ambiguous facet outright; the vague word adds nothing
      if (first.ambiguities.length === 1) {
        const said = withoutVagueTerm(builder.build(p.lf!, { picks: new Map([[amb.key, 0]]) }), amb.term, text);
        if (said) return this.finish(said, a, ctx, text, [`"${amb.term}" read through what the request says of it`]);
      }
      if (restated.length === 1 && first.ambiguities.length === 1) {
        return this.finish(restated[0]!.built, a, ctx, text, [
          `"${amb.term}" read as ${amb.options[restated[0]!.i]!.label}, as the request says`,
        ]);
      }
    }
    // several readings: ask
    if (first.ambiguities.length) {
      const amb = first.ambiguities[0]!;
      const options: ClarifyOption[] = [];
      for (let i = 0; i < amb.options.length && options.length < 4; i++) {
        const built = builder.build(p.lf, { picks: new Map([[amb.key, i]]) });
        const v = verify(built.segment, { catalog: this.catalog, permissions: ctx.permissions, asOf: ctx.asOf });
        if (v.ok) options.push({ label: amb.options[i]!.label, segment: built.segment });
      }
      if (options.length >= 2) {
        const rest = first.ambiguities.slice(1).map((x) => `"${x.term}" read as ${x.options[0]!.label}`);
        return { status: 'clarify', question: amb.question, options, ...(rest.length ? { notes: rest } : {}) };
      }
      if (options.length === 1) {
        const single = builder.build(p.lf, {
          picks: new Map([[amb.key, amb.options.findIndex((o) => o.label === options[0]!.label)]]),
        });
        return this.finish(single, a, ctx, text, [`"${amb.term}" read as ${options[0]!.label}`]);
      }
    }
    return this.finish(first, a, ctx, text, []);
  }

  /**
   * "affluent shoppers - $150k+ household income": a vague word whose every reading is a condition on facets the
   * same AND also states outright adds nothing; the LF without it (the same LF when there is none).
   */
  private withoutRestatedVague(lf: LF): LF {
    if (lf.op !== 'and') return lf;
    const stated = new Set(
      lf.children.flatMap((c) => (c.op === 'atom' && c.atom.k === 'attr' && !c.atom.neg ? [c.atom.facet] : [])),
    );
    if (!stated.size) return lf;
    const facetsOf = (n: SegmentNode, out: Set<string>): boolean => {
      if (n.kind === 'and' || n.kind === 'or') return n.children.every((x) => facetsOf(x, out));
      if (n.kind !== 'attribute') return false;
      out.add(n.facet);
      return true;
    };
    const restated = (c: LF): boolean => {
      if (c.op !== 'atom' || c.atom.k !== 'amb' || c.atom.absorb) return false;
      const options = c.atom.options ?? this.resolved.get(c.atom.id)?.options ?? [];
      if (!options.length) return false;
      return options.every((o) => {
        const fs = new Set<string>();
        return facetsOf(o.node, fs) && fs.size > 0 && [...fs].every((f) => stated.has(f));
      });
    };
    const kept = lf.children.filter((c) => !restated(c));
    if (kept.length === lf.children.length) return lf;
    return kept.length === 1 ? kept[0]! : { op: 'and', children: kept };
  }

  private finish(
    built: BuildResult,
    a: Analysis,
    ctx: UnderstandContext,
    text: string,
    extraNotes: string[],
  ): UnderstandingResult {
    const v = verify(built.segment, { catalog: this.catalog, permissions: ctx.permissions, asOf: ctx.asOf });
    if (!v.ok) return this.verifyRefusal(v.problems, ctx);
    // never a value the catalog does not list ("metro area" is not a city)
    const unknownValues = v.warnings.filter(
      (w): w is Exclude<typeof w, string> => typeof w !== 'string' && w.code === 'UNKNOWN_VALUE',
    );
    if (unknownValues.length) {
      const said = unknownValues.map((w) => /value "([^"]+)"/.exec(w.message)?.[1] ?? w.message);
      return refusal(this.catalog, said, ctx.permissions.pii);
    }
    const segment = v.segment;
    // the verifier returns a copy: spans are read from the built tree (same shape)
    const spans = spansOf(built.segment, built.meta, text);
    const unexplained = new Set<Chunk>([...a.parse.unknown, ...a.parse.unused]);
    const cov = coverage(a.chunks, unexplained);
    const minCond = spans.length ? Math.min(...spans.map((s) => s.confidence)) : 0.5;
    let confidence = Math.min(minCond, 1) * (0.5 + 0.5 * cov);
    confidence -= 0.05 * a.corrections.length;
    confidence -= 0.04 * a.parse.guesses;
    if (a.parse.unused.length) confidence -= 0.1 * a.parse.unused.length;
    confidence = Math.max(0.05, Math.min(1, Math.round(confidence * 100) / 100));
    const notes = [
      ...a.corrections.map((c) => `read "${c.from}" as "${c.to}"`),
      ...a.parse.notes,
      ...extraNotes,
      ...a.parse.unused.map((c) => `"${c.text}" was recognised but not used`),
    ];
    if (v.warnings.length) notes.push(...v.warnings.map((w) => (typeof w === 'string' ? w : w.message)));
    return {
      status: 'segment',
      segment,
      explanation: explain(segment, this.catalog),
      spans,
      confidence,
      notes: [...new Set(notes)],
    };
  }

  private verifyRefusal(problems: VerifyProblem[], ctx: UnderstandContext): UnderstandingResult {
    const pii = problems.filter((p) => /PII|PERSONAL|RESTRICT|PERMISSION/i.test(p.code));
    if (pii.length) {
      const names = [...new Set(pii.map((p) => p.message))];
      return {
        status: 'refuse',
        reason: `The request uses personal data that needs the 'pii' permission (${names.join('; ')}).`,
        missing: names,
        nearest: nearestLexical(this.catalog, names.join(' '), ctx.permissions.pii),
      };
    }
    return {
      status: 'refuse',
      reason: `I could not build a valid segment: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      missing: problems.map((p) => p.message),
      nearest: [],
    };
  }

  /** Verifies and explains a segment produced elsewhere (the editor) into a segment result. */
  result(
    segment: Segment,
    meta: Map<SegmentNode, NodeMeta>,
    text: string,
    ctx: UnderstandContext,
    notes: string[],
    confidence: number,
  ): UnderstandingResult {
    const v = verify(segment, { catalog: this.catalog, permissions: ctx.permissions, asOf: ctx.asOf });
    if (!v.ok) return this.verifyRefusal(v.problems, ctx);
    return {
      status: 'segment',
      segment: v.segment,
      explanation: explain(v.segment, this.catalog),
      spans: spansOf(segment, meta, text),
      confidence,
      notes,
    };
  }
}

/** One span per condition: the stretch of words it came from, with its confidence. */
export function spansOf(segment: Segment, meta: Map<SegmentNode, NodeMeta>, text: string): SpanInfo[] {
  const out: SpanInfo[] = [];
  const walk = (n: SegmentNode, path: string) => {
    if (n.kind === 'and' || n.kind === 'or') {
      // (a ready-made group, "one-time buyers who bought in the last 30 days", lends its span to its parts)
      const m = meta.get(n);
      if (m) for (const c of n.children) if (!meta.get(c)) meta.set(c, m);
      n.children.forEach((c, i) => walk(c, `${path}.children[${i}]`));
      return;
    }
    if (n.kind === 'not') {
      const m = meta.get(n);
      if (m && !meta.get(n.child)) meta.set(n.child, m);
      walk(n.child, `${path}.child`);
      return;
    }
    const m = meta.get(n);
    if (!m || !m.spans.length) return;
    const start = Math.min(...m.spans.map((s) => s.cs));
    const end = Math.max(...m.spans.map((s) => s.ce));
    out.push({ path, start, end, text: text.slice(start, end), confidence: Math.round(m.conf * 100) / 100 });
  };
  walk(segment.where, 'where');
  return out;
}

export { has };

/**
 * A named promo code ("used SUMMER20", "promo code SAVE10", "the WELCOME15 coupon", "code FREESHIP"): orders
 * record whether a coupon was used, not which, so the request is refused naming the coupon.
 */
export function promoCode(text: string): string | undefined {
  const CODE = String.raw`["']?([A-Z]{2,}[0-9]+[A-Z0-9]*|[A-Z]{3,}[0-9]*)["']?`;
  const named =
    new RegExp(
      String.raw`\b(?:promo(?:tion(?:al)?)?|coupon|discount|offer|voucher|gift)?\s*codes?\s+` +
        CODE +
        String.raw`(?![\w-])`,
      'i',
    ).exec(text) ??
    new RegExp(
      String.raw`\b(?:used|redeemed|applied|with)\s+(?:the\s+|a\s+)?["']?([A-Z]{2,}[0-9]+[A-Z0-9]*)["']?(?![\w-])`,
    ).exec(text) ??
    new RegExp(String.raw`\b([A-Z]{2,}[0-9]+[A-Z0-9]*)\s+(?:coupon|promo|promo code|discount code|code|offer)\b`).exec(
      text,
    );
  const code = named?.[1];
  if (!code || (!/[0-9]/.test(code) && !/^[A-Z]+$/.test(code))) return undefined;
  // a code has a digit, or is written in capitals after the word "code"
  if (!/[0-9]/.test(code) && !/\bcodes?\s+["']?[A-Z]{3,}/.test(text)) return undefined;
  return code.toUpperCase();
}
