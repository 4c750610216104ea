/**
 * Optional semantic ranking of catalog entries. The engine is lexical-only without it;
 * with it, refusals name nearer facets and unknown phrases can be matched by meaning.
 * Never required for correctness.
 */

export interface RankCandidate {
  id: string;
  text: string;
}

export interface RankedCandidate {
  id: string;
  score: number;
}

export interface EmbeddingRanker {
  /** Candidates ordered by similarity to the phrase, best first (at most k). */
  rank(phrase: string, candidates: readonly RankCandidate[], k?: number): Promise<RankedCandidate[]>;
}

/** What an embedding adapter (e.g. ONNX) provides. */
export interface TextEmbedder {
  embed(texts: string[]): Promise<Float32Array[]>;
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** An EmbeddingRanker over any TextEmbedder, caching candidate vectors. */
export class EmbedderRanker implements EmbeddingRanker {
  private readonly cache = new Map<string, Float32Array>();

  constructor(private readonly embedder: TextEmbedder) {}

  async rank(phrase: string, candidates: readonly RankCandidate[], k = 5): Promise<RankedCandidate[]> {
    const missing = candidates.filter((c) => !this.cache.has(c.text)).map((c) => c.text);
    if (missing.length) {
      const vecs = await this.embedder.embed(missing);
      missing.forEach((t, i) => {
        if (vecs[i]) this.cache.set(t, vecs[i]!);
      });
    }
    const [q] = await this.embedder.embed([phrase]);
    if (!q) return [];
    return candidates
      .map((c) => ({ id: c.id, score: this.cache.has(c.text) ? cosine(q, this.cache.get(c.text)!) : 0 }))
      .sort((a, b) => b.score - a.score)
      .slice(0, k);
  }
}
