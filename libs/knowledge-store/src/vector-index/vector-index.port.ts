/** One vector to index; `id` is unique within a collection (upserting an id replaces it). */
export interface VectorItem {
  id: string;
  vector: Float32Array;
  payload?: Record<string, unknown>;
}

/** One search hit: cosine similarity in [-1, 1], best first. */
export interface VectorHit {
  id: string;
  score: number;
  payload: Record<string, unknown>;
}

/**
 * Nearest-neighbour search by cosine similarity over named collections. Collections are per
 * tenant and catalog version (`catalogCollectionName`); a collection's dimension is set by
 * its first upsert. Adapters: embedded (in memory, exact) and Milvus.
 */
export abstract class VectorIndexPort {
  /** Inserts or replaces items by id, creating the collection if needed. */
  abstract upsert(collection: string, items: VectorItem[]): Promise<void>;
  /** The k items most similar to `vector`; [] when the collection does not exist. */
  abstract search(collection: string, vector: Float32Array, k: number): Promise<VectorHit[]>;
  /** Removes the collection and everything in it; no-op when it does not exist. */
  abstract drop(collection: string): Promise<void>;
  /** Releases connections; default none. */
  async close(): Promise<void> {}
}

/** Letters and digits pass; every other character (including `_`) becomes `_xx_` (hex code point). */
function encodeNamePart(part: string): string {
  let out = '';
  for (const ch of part) {
    out += /[A-Za-z0-9]/.test(ch) ? ch : `_${ch.codePointAt(0)!.toString(16)}_`;
  }
  return out;
}

/** Milvus' limit on collection names. */
const MAX_COLLECTION_NAME = 255;

/**
 * The collection of one tenant's catalog at one version: `catalog_<tenant>_v<version>`.
 * Valid for Milvus (letters, digits, `_`) and injective: distinct (tenant, version) pairs
 * never share a collection (`acme-eu` -> `catalog_acme_2d_eu_v3`, `acme_eu` -> `catalog_acme_5f_eu_v3`).
 */
export function catalogCollectionName(tenant: string, version: string | number): string {
  if (!tenant) throw new Error('tenant is empty');
  const v = String(version);
  if (!v) throw new Error('catalog version is empty');
  const name = `catalog_${encodeNamePart(tenant)}_v${encodeNamePart(v)}`;
  if (name.length > MAX_COLLECTION_NAME) {
    throw new Error(`collection name for tenant '${tenant.slice(0, 40)}...' is longer than ${MAX_COLLECTION_NAME}`);
  }
  return name;
}
