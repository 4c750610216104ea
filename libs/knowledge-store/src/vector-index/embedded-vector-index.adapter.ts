import { VectorIndexPort, type VectorHit, type VectorItem } from './vector-index.port';

/** One collection: unit-length rows in one contiguous Float32Array (row i at i * dim). */
class Collection {
  rows = 0;
  data: Float32Array;
  readonly ids: string[] = [];
  readonly payloads: Record<string, unknown>[] = [];
  readonly rowById = new Map<string, number>();

  constructor(readonly dim: number) {
    this.data = new Float32Array(dim * 64);
  }

  put(item: VectorItem): void {
    let row = this.rowById.get(item.id);
    if (row === undefined) {
      row = this.rows++;
      if (this.rows * this.dim > this.data.length) {
        const grown = new Float32Array(Math.max(this.data.length * 2, this.rows * this.dim));
        grown.set(this.data);
        this.data = grown;
      }
      this.rowById.set(item.id, row);
      this.ids.push(item.id);
      this.payloads.push({});
    }
    const offset = row * this.dim;
    const v = item.vector;
    let norm = 0;
    for (let d = 0; d < this.dim; d++) norm += v[d]! * v[d]!;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0; // a zero vector scores 0 against everything
    for (let d = 0; d < this.dim; d++) this.data[offset + d] = v[d]! * scale;
    this.payloads[row] = item.payload ?? {};
  }
}

/**
 * In-process vector index: exact cosine similarity by a linear scan over a contiguous
 * Float32Array per collection (vectors normalized on upsert, so a score is one dot product).
 * Right for catalogs (thousands of entries per tenant); nothing persists across restarts.
 * Ties are broken by id so results are deterministic. Payloads are returned as stored.
 */
export class EmbeddedVectorIndex extends VectorIndexPort {
  private readonly collections = new Map<string, Collection>();

  async upsert(collection: string, items: VectorItem[]): Promise<void> {
    if (items.length === 0) return;
    let c = this.collections.get(collection);
    const dim = c?.dim ?? items[0]!.vector.length;
    if (dim === 0) throw new Error(`cannot index zero-length vectors in ${collection}`);
    for (const item of items) {
      if (item.vector.length !== dim) {
        throw new Error(`vector for '${item.id}' has dimension ${item.vector.length}; ${collection} has ${dim}`);
      }
    }
    if (!c) {
      c = new Collection(dim);
      this.collections.set(collection, c);
    }
    for (const item of items) c.put(item);
  }

  async search(collection: string, vector: Float32Array, k: number): Promise<VectorHit[]> {
    const c = this.collections.get(collection);
    if (!c || k <= 0 || c.rows === 0) return [];
    if (vector.length !== c.dim) {
      throw new Error(`query has dimension ${vector.length}; ${collection} has ${c.dim}`);
    }
    const dim = c.dim;
    let qn = 0;
    for (let d = 0; d < dim; d++) qn += vector[d]! * vector[d]!;
    const q = new Float32Array(dim);
    if (qn > 0) for (let d = 0; d < dim; d++) q[d] = vector[d]! / Math.sqrt(qn);

    // Top-k kept sorted best-first in small arrays (k is small; catalogs are thousands of rows).
    const limit = Math.min(k, c.rows);
    const topRows: number[] = [];
    const topScores: number[] = [];
    const data = c.data;
    for (let row = 0; row < c.rows; row++) {
      const offset = row * dim;
      let s = 0;
      for (let d = 0; d < dim; d++) s += data[offset + d]! * q[d]!;
      if (topRows.length === limit && !this.better(s, row, topScores[limit - 1]!, topRows[limit - 1]!, c)) continue;
      let i = topRows.length === limit ? limit - 1 : topRows.length;
      while (i > 0 && this.better(s, row, topScores[i - 1]!, topRows[i - 1]!, c)) {
        topScores[i] = topScores[i - 1]!;
        topRows[i] = topRows[i - 1]!;
        i--;
      }
      topScores[i] = s;
      topRows[i] = row;
    }
    return topRows.map((row, i) => ({ id: c.ids[row]!, score: topScores[i]!, payload: c.payloads[row]! }));
  }

  async drop(collection: string): Promise<void> {
    this.collections.delete(collection);
  }

  /** Collections present (for diagnostics and tests). */
  listCollections(): string[] {
    return [...this.collections.keys()];
  }

  /** Number of items in a collection; 0 when it does not exist. */
  count(collection: string): number {
    return this.collections.get(collection)?.rows ?? 0;
  }

  private better(score: number, row: number, otherScore: number, otherRow: number, c: Collection): boolean {
    if (score !== otherScore) return score > otherScore;
    return c.ids[row]! < c.ids[otherRow]!;
  }
}
