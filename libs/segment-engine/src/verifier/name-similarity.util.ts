/**
 * Small, dependency-free string similarity used to suggest the nearest known name
 * ("did you mean ...?"): edit distance blended with word overlap, on normalised text.
 */

/** Lower case, `&` -> `and`, every run of other non-alphanumerics -> one space. */
export function normalizeName(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Levenshtein distance (insert, delete, substitute each cost 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** Longest text compared; longer input gets no suggestion (keeps hostile input cheap). */
const MAX_COMPARED_LENGTH = 64;

/** Similarity in [0, 1]: 1 for the same normalised text. */
export function nameSimilarity(a: string, b: string): number {
  const na = normalizeName(a);
  const nb = normalizeName(b);
  if (!na || !nb) return 0;
  if (na === nb) return 1;
  if (na.length > MAX_COMPARED_LENGTH || nb.length > MAX_COMPARED_LENGTH) return 0;
  const squashedA = na.replace(/ /g, '');
  const squashedB = nb.replace(/ /g, '');
  if (squashedA === squashedB) return 0.98;
  const edit = 1 - editDistance(squashedA, squashedB) / Math.max(squashedA.length, squashedB.length);
  const ta = new Set(na.split(' '));
  const tb = new Set(nb.split(' '));
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  const overlap = shared / (ta.size + tb.size - shared);
  const contains =
    Math.min(squashedA.length, squashedB.length) >= 3 &&
    (squashedA.includes(squashedB) || squashedB.includes(squashedA))
      ? 0.75
      : 0;
  return Math.max(edit, overlap * 0.9, contains);
}

export interface NameCandidate<K> {
  key: K;
  /** The words that name the candidate: its name, label, synonyms. */
  words: readonly string[];
}

export interface NearestName<K> {
  key: K;
  score: number;
}

/** The candidates nearest to `query`, best first, one entry per key. */
export function nearestNames<K>(
  query: string,
  candidates: readonly NameCandidate<K>[],
  options: { limit?: number; minScore?: number } = {},
): NearestName<K>[] {
  const { limit = 3, minScore = 0.5 } = options;
  const best = new Map<K, number>();
  for (const c of candidates) {
    let score = 0;
    for (const w of c.words) score = Math.max(score, nameSimilarity(query, w));
    if (score >= minScore && score > (best.get(c.key) ?? -1)) best.set(c.key, score);
  }
  return [...best.entries()]
    .map(([key, score]) => ({ key, score }))
    .sort((x, y) => y.score - x.score)
    .slice(0, limit);
}
