import type { Token } from '../normalize/normalize';
import { tagQuantities, type QuantityValue } from '../normalize/quantity';
import { STOPWORDS } from '../text/english';
import { tagTime, type TimeValue } from '../time/time';
import type { LexEntry, Lexicon } from '../lexicon/lexicon';
import type { Sense } from '../lexicon/senses';

/**
 * Tagging: the token stream becomes chunks, each a stretch of words with what it can mean:
 * a time expression, a quantity, lexicon senses (catalog and grammar, several when the
 * words are ambiguous), or an unknown word. Longest match wins at each position.
 */

export interface Chunk {
  /** Token range [start, end). */
  start: number;
  end: number;
  /** Character range in the request. */
  cs: number;
  ce: number;
  text: string;
  senses: Sense[];
  /** The lexicon entries behind the senses (for confidence). */
  entries: LexEntry[];
  time?: TimeValue;
  qty?: QuantityValue;
  punct?: string;
  /** A word the engine does not know. */
  unknown?: boolean;
  /** A stopword with no sense of its own. */
  stop?: boolean;
  exact: boolean;
  /** Some token was typo-corrected. */
  fuzzy: boolean;
  /** Number tokens (for a bare number chunk). */
  tokens: Token[];
}

export function has(c: Chunk | undefined, t: Sense['t']): boolean {
  return !!c && c.senses.some((s) => s.t === t);
}

export function sense<T extends Sense['t']>(c: Chunk | undefined, t: T): Extract<Sense, { t: T }> | undefined {
  return c?.senses.find((s) => s.t === t) as Extract<Sense, { t: T }> | undefined;
}

export function senses<T extends Sense['t']>(c: Chunk | undefined, t: T): Extract<Sense, { t: T }>[] {
  return (c?.senses.filter((s) => s.t === t) ?? []) as Extract<Sense, { t: T }>[];
}

export function chunk(tokens: readonly Token[], lexicon: Lexicon, asOf: string, text: string): Chunk[] {
  const times = new Map<number, { end: number; value: TimeValue }>();
  for (const m of tagTime(tokens, asOf)) times.set(m.start, { end: m.end, value: m.value });
  const qtys = new Map<number, { end: number; value: QuantityValue }>();
  for (const m of tagQuantities(tokens)) qtys.set(m.start, { end: m.end, value: m.value });

  const out: Chunk[] = [];
  const make = (start: number, end: number, extra: Partial<Chunk>): Chunk => {
    const toks = tokens.slice(start, end);
    const cs = toks[0]!.start;
    const ce = Math.max(...toks.map((t) => t.end));
    return {
      start,
      end,
      cs,
      ce,
      text: text.slice(cs, ce),
      senses: [],
      entries: [],
      exact: true,
      fuzzy: toks.some((t) => t.corrected !== undefined),
      tokens: toks,
      ...extra,
    };
  };
  let i = 0;
  while (i < tokens.length) {
    const tok = tokens[i]!;
    if (tok.kind === 'punct' && !qtys.has(i) && !times.has(i)) {
      out.push(make(i, i + 1, { punct: tok.norm }));
      i++;
      continue;
    }
    const lex = lexicon.matchAt(tokens, i);
    const lexLen = lex.length ? lex[0]!.end - i : 0;
    const t = times.get(i);
    const q = qtys.get(i);
    const tLen = t ? t.end - i : 0;
    const qLen = q ? q.end - i : 0;
    // a catalog phrase that starts inside the time and runs past it ("for 30-day purchase propensity")
    // takes its words: the time gives way
    let overrun = false;
    if (tLen > 1)
      for (let k = i + 1; k < t!.end && !overrun; k++)
        overrun = lexicon
          .matchAt(tokens, k)
          .some((m) => m.end > t!.end && m.entries.some((e) => e.source !== 'grammar'));
    // time and quantities win ties against the lexicon, except a longer catalog phrase
    if (tLen && !overrun && tLen >= lexLen && tLen >= qLen) {
      out.push(make(i, t!.end, { time: t!.value }));
      i = t!.end;
      continue;
    }
    // a value written as its code ("150k_plus", "under_25k") is the value, not an amount
    const code =
      lexLen >= qLen &&
      lexLen > 1 &&
      tokens.slice(i, i + lexLen - 1).some((tk) => tk.snake) &&
      lex[0]!.entries.some((e) => e.sense.t === 'value');
    if (qLen && qLen >= lexLen && !code) {
      out.push(make(i, q!.end, { qty: q!.value }));
      i = q!.end;
      continue;
    }
    // a grammar phrase ("at store") that a catalog phrase starting inside it runs past ("store 14") gives way
    if (lexLen > 1) {
      const outerGrammar = lex[0]!.entries.every((e) => e.source === 'grammar');
      let inner = false;
      for (let k = i + 1; k < i + lexLen && !inner; k++)
        inner = lexicon
          .matchAt(tokens, k)
          .some(
            (m) =>
              m.end > i + lexLen &&
              m.entries.some((e) => (outerGrammar && e.source !== 'grammar') || e.sense.t === 'store'),
          );
      if (inner) {
        const shorter = lex.find((m) => m.end === i + 1);
        if (shorter) {
          const senseList: Sense[] = [];
          for (const e of shorter.entries)
            if (!senseList.some((x) => JSON.stringify(x) === JSON.stringify(e.sense))) senseList.push(e.sense);
          out.push(make(i, i + 1, { senses: senseList, entries: shorter.entries, exact: shorter.exact }));
        } else {
          const c = make(i, i + 1, {});
          if (STOPWORDS.has(tokens[i]!.norm)) c.stop = true;
          out.push(c);
        }
        i++;
        continue;
      }
    }
    if (lexLen) {
      const m = lex[0]!;
      // keep all senses of the longest phrase (catalog and grammar); a capitalised word in mid-sentence
      // that the engine only knows as a filler ("Target") is a name it does not know
      let entries = m.entries;
      if (
        lexLen === 1 &&
        isMidSentenceName(tokens, i, text) &&
        entries.every((e) => e.source === 'grammar' && (e.sense.t === 'filler' || e.sense.t === 'purpose'))
      ) {
        entries = [];
      }
      // lower-case two-letter codes ("co" in "co-funding") count only where a place is expected
      const codeOnly =
        lexLen === 1 &&
        entries.length > 0 &&
        entries.every(
          (e) =>
            e.source === 'catalog' &&
            e.sense.t === 'value' &&
            e.sense.via === 'value' &&
            e.norms.length === 1 &&
            e.norms[0]!.length <= 2,
        );
      if (codeOnly && !tok.upper) {
        const prev = tokens[i - 1]?.norm;
        const okPrev = i === 0 || (prev !== undefined && CODE_CONTEXT.has(prev));
        if (!okPrev) entries = [];
      }
      if (!entries.length) {
        const c = make(i, i + 1, { unknown: true });
        out.push(c);
        i++;
        continue;
      }
      const senseList: Sense[] = [];
      for (const e of entries)
        if (!senseList.some((x) => JSON.stringify(x) === JSON.stringify(e.sense))) senseList.push(e.sense);
      const c = make(i, m.end, { senses: senseList, entries, exact: m.exact });
      addEventCue(c, tokens, lexicon);
      out.push(c);
      i = m.end;
      continue;
    }
    const c = make(i, i + 1, {});
    addEventCue(c, tokens, lexicon);
    if (!c.senses.length) {
      if (STOPWORDS.has(tok.norm)) c.stop = true;
      else if (
        tok.kind === 'num' ||
        tok.kind === 'money' ||
        tok.kind === 'percent' ||
        tok.kind === 'range' ||
        tok.kind === 'date'
      )
        c.unknown = true;
      else c.unknown = true;
    }
    out.push(c);
    i++;
  }
  sharedHeads(out, tokens, lexicon);
  return out;
}

/** A capitalised word that does not start a sentence ("shop at Target"). */
export function isMidSentenceName(tokens: readonly Token[], i: number, text: string): boolean {
  const t = tokens[i]!;
  if (!/^[A-Z][a-z]/.test(t.raw)) return false;
  if (i === 0) return false;
  const before = text.slice(0, t.start).trimEnd();
  if (!before || /[.!?:;|(\-"]$/.test(before)) return false;
  // a field label ("| Window: past 2 weeks") is not a name
  if (/^\s*:/.test(text.slice(t.end))) return false;
  return true;
}

const COORD = new Set(['and', 'or', '/', '+', ',', '&', 'nor']);
const CODE_CONTEXT = new Set([
  'in',
  'from',
  'of',
  'at',
  'near',
  'outside',
  'not',
  ',',
  '/',
  '+',
  '&',
  'and',
  'or',
  '(',
  'except',
  'excluding',
  'state',
  'states',
]);

/**
 * "dog or cat food" = dog food or cat food; "email + sms opted in" = email opted in and sms
 * opted in: a word before a conjunction borrows the rest of the phrase after it.
 */
function sharedHeads(out: Chunk[], tokens: readonly Token[], lexicon: Lexicon): void {
  for (let i = 0; i + 2 < out.length; i++) {
    const x = out[i]!;
    const conj = out[i + 1]!;
    const y = out[i + 2]!;
    if (x.end - x.start !== 1 || x.time || x.qty) continue;
    if (!COORD.has(conj.text.toLowerCase())) continue;
    if (y.end - y.start < 2 || !y.entries.some((e) => e.source === 'catalog')) continue;
    if (x.senses.some((s) => s.t === 'value' || s.t === 'item' || s.t === 'rule' || s.t === 'flag' || s.t === 'model'))
      continue;
    const rest = tokens.slice(y.start + 1, y.end);
    const probe = [tokens[x.start]!, ...rest];
    const m = lexicon
      .matchAt(probe, 0)
      .find((mm) => mm.end === probe.length && mm.entries.some((e) => e.source === 'catalog'));
    if (!m) continue;
    x.senses = m.entries.filter((e) => e.source === 'catalog').map((e) => e.sense);
    x.entries = m.entries.filter((e) => e.source === 'catalog');
    x.unknown = false;
    x.stop = false;
    x.exact = false;
  }
}

function addEventCue(c: Chunk, tokens: readonly Token[], lexicon: Lexicon): void {
  if (c.senses.length && c.senses.every((s) => s.t === 'filler' || s.t === 'stop' || s.t === 'aux' || s.t === 'prep'))
    return;
  for (let k = c.start; k < c.end; k++) {
    const st = tokens[k]!.stem;
    if (lexicon.eventStems.has(st) && !STOPWORDS.has(tokens[k]!.norm)) {
      if (!c.senses.some((s) => s.t === 'ecue' && s.stem === st)) c.senses.push({ t: 'ecue', stem: st });
    }
  }
}
