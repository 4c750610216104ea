import type { Catalog } from '@smartseg/segment-engine';
import type { Chunk } from '../parse/chunker';
import { has } from '../parse/chunker';
import { STOPWORDS } from '../text/english';
import { stem } from '../text/stem';
import type { RefuseResult } from '../engine/result.model';

/**
 * Stage 6, assess: how much of the request the reading explains (coverage), how sure it is
 * (confidence), and, when words that ask for data are left unexplained, the refusal that
 * names what is missing and the nearest facets the tenant does have.
 */

/** Content chunks: those that carry meaning (not punctuation, stopwords, fillers or connectives). */
export function isContent(c: Chunk): boolean {
  if (c.punct || c.stop) return false;
  if (c.unknown) return true;
  if (c.time || c.qty) return true;
  return c.senses.some((s) =>
    [
      'value',
      'facet',
      'rule',
      'item',
      'flag',
      'event',
      'model',
      'amb',
      'verb',
      'bnoun',
      'measure',
      'order',
      'ecue',
      'bday',
      'level',
    ].includes(s.t),
  );
}

export function coverage(chunks: readonly Chunk[], unexplained: ReadonlySet<Chunk>): number {
  let total = 0;
  let covered = 0;
  for (const c of chunks) {
    if (!isContent(c)) continue;
    const w = c.end - c.start;
    total += w;
    if (!unexplained.has(c)) covered += w;
  }
  return total ? covered / total : 1;
}

/** Groups unexplained chunks into phrases, extending over adjacent words of the same stretch. */
export function missingPhrases(
  chunks: readonly Chunk[],
  unknown: readonly Chunk[],
  text: string,
): { phrase: string; chunks: Chunk[] }[] {
  const set = new Set(unknown);
  const out: { phrase: string; chunks: Chunk[] }[] = [];
  let cur: Chunk[] = [];
  const flush = () => {
    if (!cur.length) return;
    // trim stopwords at the edges
    while (cur.length && (cur[0]!.stop || has(cur[0], 'prep') || has(cur[0], 'filler'))) cur.shift();
    while (
      cur.length &&
      (cur[cur.length - 1]!.stop || has(cur[cur.length - 1], 'prep') || has(cur[cur.length - 1], 'filler'))
    )
      cur.pop();
    if (cur.length && cur.some((c) => set.has(c))) {
      out.push({ phrase: text.slice(cur[0]!.cs, cur[cur.length - 1]!.ce), chunks: cur });
    }
    cur = [];
  };
  for (let i = 0; i < chunks.length; i++) {
    const c = chunks[i]!;
    const isBoundary =
      !!c.punct || c.senses.some((s) => ['conj', 'but', 'rel', 'excl', 'with', 'without'].includes(s.t));
    if (isBoundary) {
      flush();
      continue;
    }
    if (set.has(c)) {
      cur.push(c);
      continue;
    }
    // keep a stretch going over stopwords and the catalog words right next to an unknown word
    if (cur.length) {
      const next = chunks[i + 1];
      if (c.stop || has(c, 'prep') || has(c, 'filler') || (next && set.has(next))) cur.push(c);
      else if (isContent(c) && cur.some((x) => set.has(x))) {
        cur.push(c);
        flush();
      } else flush();
    } else if (chunks[i + 1] && set.has(chunks[i + 1]!) && isContent(c) && !c.time) {
      cur.push(c);
    }
  }
  flush();
  return out;
}

interface Named {
  label: string;
  words: Set<string>;
}

const NAMES = new WeakMap<Catalog, Map<boolean, Named[]>>();

function catalogNames(catalog: Catalog, pii: boolean): Named[] {
  let byPii = NAMES.get(catalog);
  if (!byPii) {
    byPii = new Map();
    NAMES.set(catalog, byPii);
  }
  const hit = byPii.get(pii);
  if (hit) return hit;
  const out: Named[] = [];
  byPii.set(pii, out);
  const words = (...texts: (string | undefined)[]) =>
    new Set(
      texts
        .filter((t): t is string => !!t)
        .flatMap((t) =>
          t
            .toLowerCase()
            .replace(/_/g, ' ')
            .split(/[^a-z0-9]+/),
        )
        .filter((w) => w.length > 2 && !STOPWORDS.has(w))
        .map(stem),
    );
  for (const f of catalog.facets) {
    if (f.pii && !pii) continue;
    out.push({ label: f.label, words: words(f.name, f.label, f.description, ...(f.synonyms ?? [])) });
  }
  for (const m of catalog.models)
    out.push({ label: `${m.label} (model)`, words: words(m.name, m.label, m.description, ...m.synonyms) });
  for (const e of catalog.event_types)
    out.push({ label: `${e.label} (event)`, words: words(e.name, e.label, ...e.synonyms) });
  return out;
}

/** Facets (and models, events) sharing words with the phrase, best first. */
export function nearestLexical(catalog: Catalog, phrase: string, pii: boolean, k = 3): string[] {
  const q = new Set(
    phrase
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2 && !STOPWORDS.has(w))
      .map(stem),
  );
  const scored = catalogNames(catalog, pii)
    .map((n) => ({ label: n.label, s: [...q].filter((w) => n.words.has(w)).length }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s);
  return [...new Set(scored.map((x) => x.label))].slice(0, k);
}

export function refusal(catalog: Catalog, missing: string[], pii: boolean, extraNearest: string[] = []): RefuseResult {
  const nearest = new Set<string>(extraNearest);
  for (const m of missing) for (const n of nearestLexical(catalog, m, pii)) nearest.add(n);
  if (!nearest.size) {
    // nothing shares a word: offer the kinds of data the tenant has
    for (const f of catalog.facets.filter((x) => !x.pii).slice(0, 0)) nearest.add(f.label);
  }
  const list = missing.map((m) => `"${m}"`).join(', ');
  const near = [...nearest].slice(0, 5);
  const reason = `This tenant has no data for ${list}.${near.length ? ` Nearest available: ${near.join(', ')}.` : ''}`;
  return { status: 'refuse', reason, missing, nearest: near };
}
