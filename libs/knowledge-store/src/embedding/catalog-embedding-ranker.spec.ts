import { EmbeddedVectorIndex } from '../vector-index/embedded-vector-index.adapter';
import { CatalogEmbeddingRanker, CatalogEmbeddingRankerRegistry, type CatalogEntry } from './catalog-embedding-ranker';
import { EmbeddingPort, EmbeddingUnavailableError, NullEmbeddingAdapter, type EmbeddingStatus } from './embedding.port';

/** Letter-count vectors: enough to make "shoes" closer to "Shoes & Boots" than to "Toys". */
class LetterEmbedding extends EmbeddingPort {
  readonly status: EmbeddingStatus = { mode: 'onnx', model: 'letters' };
  readonly dimension = 26;
  calls: string[][] = [];
  failNext = false;

  async embed(texts: string[]): Promise<Float32Array[]> {
    this.calls.push(texts);
    if (this.failNext) {
      this.failNext = false;
      throw new Error('boom');
    }
    return texts.map((t) => {
      const v = new Float32Array(26);
      for (const ch of t.toLowerCase()) {
        const i = ch.charCodeAt(0) - 97;
        if (i >= 0 && i < 26) v[i]! += 1;
      }
      return v;
    });
  }
}

const ENTRIES: CatalogEntry[] = [
  { id: 'department:Shoes', text: 'Shoes', kind: 'department' },
  { id: 'department:Toys', text: 'Toys', kind: 'department' },
  { id: 'category:Shoes/Boots', text: 'Boots', kind: 'category' },
  { id: 'brand:Shoeco', text: 'Shoeco', kind: 'brand' },
  { id: 'facet:state', text: 'state region', kind: 'facet' },
];

describe('CatalogEmbeddingRanker', () => {
  it('ranks entries by similarity, best first, with scores and the entry fields', async () => {
    const ranker = new CatalogEmbeddingRanker(new LetterEmbedding(), new EmbeddedVectorIndex(), {
      tenant: 'acme',
      version: 4,
      entries: ENTRIES,
    });
    expect(ranker.enabled).toBe(true);
    expect(ranker.collection).toBe('catalog_acme_v4');
    const ranked = await ranker.rank('shoes', 2);
    expect(ranked).toHaveLength(2);
    expect(ranked[0]).toEqual({
      id: 'department:Shoes',
      text: 'Shoes',
      kind: 'department',
      score: expect.closeTo(1, 5),
    });
    expect(ranked[1]!.id).toBe('brand:Shoeco');
    expect(ranked[0]!.score).toBeGreaterThan(ranked[1]!.score);
  });

  it('filters by kind and minimum score', async () => {
    const ranker = new CatalogEmbeddingRanker(new LetterEmbedding(), new EmbeddedVectorIndex(), {
      tenant: 'acme',
      version: 1,
      entries: ENTRIES,
    });
    expect((await ranker.rank('shoes', 5, { kinds: ['category'] })).map((r) => r.id)).toEqual(['category:Shoes/Boots']);
    const strict = await ranker.rank('shoes', 5, { minScore: 0.75 });
    expect(strict.map((r) => r.id)).toEqual(['department:Shoes', 'brand:Shoeco']);
    expect(await ranker.rank('shoes', 0)).toEqual([]);
  });

  it('embeds and indexes the catalog once, even for concurrent callers', async () => {
    const embedding = new LetterEmbedding();
    const index = new EmbeddedVectorIndex();
    const upsert = jest.spyOn(index, 'upsert');
    const ranker = new CatalogEmbeddingRanker(embedding, index, {
      tenant: 'acme',
      version: 1,
      entries: ENTRIES,
      indexBatchSize: 2,
    });
    await Promise.all([ranker.rank('toys', 1), ranker.rank('boots', 1), ranker.ensureIndexed()]);
    await ranker.rank('state', 1);
    const indexingCalls = embedding.calls.filter((c) => c.length > 1 || ENTRIES.some((e) => e.text === c[0]));
    expect(indexingCalls.flat().sort()).toEqual(ENTRIES.map((e) => e.text).sort());
    expect(upsert).toHaveBeenCalledTimes(3); // 5 entries in batches of 2
    expect(index.count('catalog_acme_v1')).toBe(5);
  });

  it('drops what a previous process left in the collection before indexing', async () => {
    const index = new EmbeddedVectorIndex();
    await index.upsert('catalog_acme_v1', [
      { id: 'department:Shoes-old', vector: Float32Array.from({ length: 26 }, () => 1) },
    ]);
    const ranker = new CatalogEmbeddingRanker(new LetterEmbedding(), index, {
      tenant: 'acme',
      version: 1,
      entries: ENTRIES,
    });
    const ranked = await ranker.rank('shoes', 10);
    expect(ranked.map((r) => r.id)).not.toContain('department:Shoes-old');
    expect(index.count('catalog_acme_v1')).toBe(5);
  });

  it('retries indexing after a failure', async () => {
    const embedding = new LetterEmbedding();
    const ranker = new CatalogEmbeddingRanker(embedding, new EmbeddedVectorIndex(), {
      tenant: 'acme',
      version: 1,
      entries: ENTRIES,
    });
    embedding.failNext = true;
    await expect(ranker.rank('toys', 1)).rejects.toThrow('boom');
    expect((await ranker.rank('toys', 1))[0]!.id).toBe('department:Toys');
  });

  it('is disabled and rejects with EmbeddingUnavailableError when lexical-only', async () => {
    const ranker = new CatalogEmbeddingRanker(
      new NullEmbeddingAdapter('no model configured'),
      new EmbeddedVectorIndex(),
      {
        tenant: 'acme',
        version: 1,
        entries: ENTRIES,
      },
    );
    expect(ranker.enabled).toBe(false);
    await expect(ranker.rank('shoes', 3)).rejects.toBeInstanceOf(EmbeddingUnavailableError);
  });

  it('refuses duplicate entry ids', () => {
    expect(
      () =>
        new CatalogEmbeddingRanker(new LetterEmbedding(), new EmbeddedVectorIndex(), {
          tenant: 'acme',
          version: 1,
          entries: [ENTRIES[0]!, ENTRIES[0]!],
        }),
    ).toThrow(/appears twice/);
  });
});

describe('CatalogEmbeddingRankerRegistry', () => {
  it('keeps one ranker per tenant and version, and drops the old version collection', async () => {
    const index = new EmbeddedVectorIndex();
    const registry = new CatalogEmbeddingRankerRegistry(new LetterEmbedding(), index);
    const v1 = registry.forCatalog({ tenant: 'acme', version: 1, entries: ENTRIES });
    expect(registry.forCatalog({ tenant: 'acme', version: 1, entries: ENTRIES })).toBe(v1);
    await v1.ensureIndexed();
    const other = registry.forCatalog({ tenant: 'globex', version: 1, entries: ENTRIES.slice(0, 2) });
    await other.ensureIndexed();
    const v2 = registry.forCatalog({ tenant: 'acme', version: 2, entries: ENTRIES.slice(1) });
    expect(v2).not.toBe(v1);
    await v2.rank('toys', 1);
    expect(index.listCollections().sort()).toEqual(['catalog_acme_v2', 'catalog_globex_v1']);
    expect((await other.rank('shoes', 1))[0]!.id).toBe('department:Shoes');
  });
});
