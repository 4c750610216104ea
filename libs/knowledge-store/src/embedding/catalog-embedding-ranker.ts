import { catalogCollectionName } from '../vector-index/vector-index.port';
import type { VectorIndexPort } from '../vector-index/vector-index.port';
import { EmbeddingUnavailableError, type EmbeddingPort } from './embedding.port';

/** A thing of the catalog to match a phrase against (facet, value, department, category, brand, rule, event type, model). */
export interface CatalogEntry {
  /** Unique within the catalog, e.g. `facet:state`, `value:state=CA`, `department:Electronics`. */
  id: string;
  /** The words to embed (label, synonyms, description: whatever should match). */
  text: string;
  kind: string;
}

export interface RankedCatalogEntry extends CatalogEntry {
  /** Cosine similarity of the phrase and the entry, in [-1, 1]. */
  score: number;
}

export interface CatalogEmbeddingRankerOptions {
  tenant: string;
  /** The catalog version; a new version is a new collection. */
  version: string | number;
  entries: readonly CatalogEntry[];
  /** Texts per embed call while indexing; default 256 (the port batches further). */
  indexBatchSize?: number;
  log?: (line: string) => void;
}

export interface RankOptions {
  /** Only entries of these kinds. */
  kinds?: readonly string[];
  /** Drop hits scoring below this. */
  minScore?: number;
}

/**
 * Ranks one tenant's catalog entries by embedding similarity to a phrase: what the
 * understanding engine calls when embeddings are on (`enabled`). The entries are embedded
 * and written to the vector index once per tenant and catalog version (collection
 * `catalog_<tenant>_v<version>`), on the first `rank` or on `ensureIndexed`; the collection
 * is dropped first, so entries removed since a previous process are not found. Concurrent
 * callers share one indexing; a failed indexing is retried on the next call.
 */
export class CatalogEmbeddingRanker {
  readonly collection: string;
  private readonly byId: ReadonlyMap<string, CatalogEntry>;
  private indexing?: Promise<void>;

  constructor(
    private readonly embedding: EmbeddingPort,
    private readonly index: VectorIndexPort,
    private readonly options: CatalogEmbeddingRankerOptions,
  ) {
    this.collection = catalogCollectionName(options.tenant, options.version);
    const byId = new Map<string, CatalogEntry>();
    for (const entry of options.entries) {
      if (byId.has(entry.id)) throw new Error(`catalog entry id '${entry.id}' appears twice`);
      byId.set(entry.id, entry);
    }
    this.byId = byId;
  }

  /** True when embeddings are on; when false, `rank` rejects and the caller should rank lexically. */
  get enabled(): boolean {
    return this.embedding.status.mode === 'onnx';
  }

  /** Embeds and indexes the entries (once). */
  ensureIndexed(): Promise<void> {
    if (!this.indexing) {
      this.indexing = this.build();
      this.indexing.catch(() => (this.indexing = undefined));
    }
    return this.indexing;
  }

  /** The k entries most similar to the phrase, best first. */
  async rank(phrase: string, k: number, opts: RankOptions = {}): Promise<RankedCatalogEntry[]> {
    if (k <= 0 || this.byId.size === 0) return [];
    await this.ensureIndexed();
    const [query] = await this.embedding.embed([phrase]);
    const kinds = opts.kinds && new Set(opts.kinds);
    // With a kind filter, search everything (catalogs are small) so k matching entries are found.
    const hits = await this.index.search(this.collection, query!, kinds ? this.byId.size : k);
    const ranked: RankedCatalogEntry[] = [];
    for (const hit of hits) {
      const entry = this.byId.get(hit.id);
      if (!entry || (kinds && !kinds.has(entry.kind))) continue;
      if (opts.minScore !== undefined && hit.score < opts.minScore) continue;
      ranked.push({ ...entry, score: hit.score });
      if (ranked.length === k) break;
    }
    return ranked;
  }

  private async build(): Promise<void> {
    if (!this.enabled) throw new EmbeddingUnavailableError(this.embedding.status.reason ?? 'embeddings are off');
    const started = Date.now();
    const entries = [...this.byId.values()];
    const batch = this.options.indexBatchSize ?? 256;
    await this.index.drop(this.collection);
    for (let start = 0; start < entries.length; start += batch) {
      const slice = entries.slice(start, start + batch);
      const vectors = await this.embedding.embed(slice.map((e) => e.text));
      await this.index.upsert(
        this.collection,
        slice.map((e, i) => ({ id: e.id, vector: vectors[i]!, payload: { kind: e.kind, text: e.text } })),
      );
    }
    this.options.log?.(
      `embeddings: indexed ${entries.length} catalog entries into ${this.collection} in ${Date.now() - started} ms`,
    );
  }
}

/**
 * Keeps one ranker per tenant, for its latest catalog version, so entries are embedded once
 * per tenant and version however many requests ask. A new version replaces the tenant's
 * ranker and drops the old collection (best effort).
 */
export class CatalogEmbeddingRankerRegistry {
  private readonly byTenant = new Map<string, CatalogEmbeddingRanker>();

  constructor(
    private readonly embedding: EmbeddingPort,
    private readonly index: VectorIndexPort,
    private readonly log?: (line: string) => void,
  ) {}

  get enabled(): boolean {
    return this.embedding.status.mode === 'onnx';
  }

  /** The tenant's ranker for this catalog version (entries are read only when the version is new). */
  forCatalog(catalog: {
    tenant: string;
    version: string | number;
    entries: readonly CatalogEntry[];
  }): CatalogEmbeddingRanker {
    const collection = catalogCollectionName(catalog.tenant, catalog.version);
    const current = this.byTenant.get(catalog.tenant);
    if (current?.collection === collection) return current;
    const ranker = new CatalogEmbeddingRanker(this.embedding, this.index, { ...catalog, log: this.log });
    this.byTenant.set(catalog.tenant, ranker);
    if (current) {
      this.index.drop(current.collection).catch((err: unknown) => {
        this.log?.(
          `embeddings: could not drop ${current.collection}: ${err instanceof Error ? err.message : String(err)}`,
        );
      });
    }
    return ranker;
  }
}
