/**
 * Typo correction: restricted Damerau-Levenshtein distance (adjacent transpositions count
 * as one edit) against a vocabulary, with an early exit once the bound is passed.
 */
export function damerauLevenshtein(a: string, b: string, max = Infinity): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}

/** Allowed edits for a word of this length: none under 5 letters, 1 from 5, 2 from 8. */
export function allowedEdits(word: string): number {
  if (word.length >= 8) return 2;
  if (word.length >= 4) return 1;
  return 0;
}

/** `a` is `b` with one letter left out (not the first). */
function isDeletion(a: string, b: string): boolean {
  if (b.length !== a.length + 1 || a[0] !== b[0]) return false;
  for (let i = 0; i < b.length; i++) if (b.slice(0, i) + b.slice(i + 1) === a) return true;
  return false;
}

function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
}

/** A vocabulary indexed by length for fast fuzzy lookup. */
export class FuzzyVocabulary {
  private readonly byLength = new Map<number, string[]>();
  private readonly all = new Set<string>();

  constructor(words: Iterable<string>) {
    for (const w of words) {
      if (!/^[a-z][a-z']*$/.test(w) || this.all.has(w)) continue;
      this.all.add(w);
      const list = this.byLength.get(w.length) ?? [];
      list.push(w);
      this.byLength.set(w.length, list);
    }
  }

  has(word: string): boolean {
    return this.all.has(word);
  }

  /**
   * The single closest vocabulary word within the allowed edits, or undefined when there
   * is none or the best is tied between different words.
   */
  correct(word: string, sameKey?: (a: string, b: string) => boolean): { word: string; distance: number } | undefined {
    if (word.length === 4) {
      // four-letter words: a swap of two letters first ("teir", "Ohoi"), else one missing letter ("texs", "spnt")
      const swaps = (this.byLength.get(4) ?? []).filter((c) => isTransposition(word, c));
      if (swaps.length === 1) return { word: swaps[0]!, distance: 1 };
      if (swaps.length > 1) return undefined;
      const dels = (this.byLength.get(5) ?? []).filter((c) => isDeletion(word, c));
      if (dels.length === 1) return { word: dels[0]!, distance: 1 };
      return undefined;
    }
    const max = allowedEdits(word);
    if (max === 0 || /[^a-z']/.test(word)) return undefined;
    let best: string | undefined;
    let bestD = max + 1;
    let tie = false;
    const short = word.length === 4;
    for (let len = word.length - max; len <= word.length + max; len++) {
      for (const cand of this.byLength.get(len) ?? []) {
        if (cand.length < 4) continue;
        // first letter typos are rare; require the same first letter for speed and precision
        if (cand[0] !== word[0] && !(cand[1] === word[0] && cand[0] === word[1])) continue;
        // four-letter words: a swap of two letters ("teir", "Ohoi") or one missing letter ("texs", "spnt")
        if (
          short &&
          !((cand.length === 4 && isTransposition(word, cand)) || (cand.length === 5 && isDeletion(word, cand)))
        )
          continue;
        const d = damerauLevenshtein(word, cand, bestD);
        if (d < bestD) {
          bestD = d;
          best = cand;
          tie = false;
        } else if (d === bestD && cand !== best) {
          if (sameKey && best && sameKey(cand, best)) {
            // same word, other inflection: keep the one ending like the typed word ("churnd" -> churned)
            if (cand[cand.length - 1] === word[word.length - 1] && best[best.length - 1] !== word[word.length - 1])
              best = cand;
          } else tie = true;
        }
      }
    }
    if (!best || bestD > max || tie) return undefined;
    return { word: best, distance: bestD };
  }
}
