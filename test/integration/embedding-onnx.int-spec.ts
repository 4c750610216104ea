/** @jest-environment ./libs/knowledge-store/src/embedding/testing/onnx-jest-environment.js */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CatalogEmbeddingRanker,
  type CatalogEntry,
} from '../../libs/knowledge-store/src/embedding/catalog-embedding-ranker';
import type { EmbeddingPort } from '../../libs/knowledge-store/src/embedding/embedding.port';
import { createEmbeddingPort } from '../../libs/knowledge-store/src/embedding/onnx-embedding.adapter';
import { writeTinyModelFiles } from '../../libs/knowledge-store/src/embedding/testing/tiny-embedding-model';
import { EmbeddedVectorIndex } from '../../libs/knowledge-store/src/vector-index/embedded-vector-index.adapter';

/**
 * End to end with the real onnxruntime-node: the project's tiny trigram-feature model is
 * written to a temp dir, loaded through createEmbeddingPort, and a small retail catalog is
 * indexed and ranked. Nothing is downloaded.
 */
const CATALOG: CatalogEntry[] = [
  ...[
    'Electronics',
    'Electrical Appliances',
    'Home & Garden',
    "Women's Clothing",
    "Men's Clothing",
    'Toys',
    'Books',
    'Beauty',
    'Sports & Outdoors',
    'Grocery',
    'Pet Supplies',
    'Jewelry & Watches',
  ].map((name) => ({ id: `department:${name}`, text: name, kind: 'department' })),
  ...['Phones', 'Laptops', 'Cameras', 'Headphones', 'Kitchen Appliances', 'Shoes', 'Video Games', 'Furniture'].map(
    (name) => ({ id: `category:${name}`, text: name, kind: 'category' }),
  ),
  { id: 'facet:state', text: 'state', kind: 'facet' },
  { id: 'facet:loyalty_tier', text: 'loyalty tier member', kind: 'facet' },
  { id: 'facet:email_opt_in', text: 'email opt in', kind: 'facet' },
  { id: 'facet:lifetime_value', text: 'customer lifetime value', kind: 'facet' },
  { id: 'rule:high_value', text: 'high value customers', kind: 'rule' },
  { id: 'event:purchase', text: 'purchase order', kind: 'event_type' },
  { id: 'model:churn', text: 'churn risk', kind: 'model' },
];

describe('embeddings end to end (onnxruntime-node + tiny model)', () => {
  let dir: string;
  let port: EmbeddingPort;
  let ranker: CatalogEmbeddingRanker;
  const lines: string[] = [];
  let loadMs = 0;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smartseg-emb-int-'));
    const files = writeTinyModelFiles(dir, { dim: 64, seed: 7, includeTokenTypeIds: true });
    const started = performance.now();
    port = await createEmbeddingPort({ modelPath: files.modelPath, vocabPath: files.vocabPath }, (l) => lines.push(l));
    loadMs = performance.now() - started;
    ranker = new CatalogEmbeddingRanker(port, new EmbeddedVectorIndex(), {
      tenant: 'acme-retail',
      version: 1,
      entries: CATALOG,
      log: (l) => lines.push(l),
    });
  });

  afterAll(async () => {
    await port?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads the model and says so', () => {
    expect(port.status.mode).toBe('onnx');
    expect(port.dimension).toBe(64);
    expect(lines[0]).toMatch(/^embeddings: onnx \(.*model\.onnx, dim 64, loaded in \d+ ms\)$/);
  });

  it('ranks "electronic" to Electronics first', async () => {
    const ranked = await ranker.rank('electronic', 5);
    expect(ranked[0]!.id).toBe('department:Electronics');
    expect(ranked[0]!.score).toBeGreaterThan(0.7);
    expect(ranked.map((r) => r.id)).toContain('department:Electrical Appliances');
    expect(lines.some((l) => /indexed 27 catalog entries into catalog_acme_2d_retail_v1/.test(l))).toBe(true);
  });

  it.each([
    ['laptop', 'category:Laptops'],
    ['kitchen appliance', 'category:Kitchen Appliances'],
    ['women clothing', "department:Women's Clothing"],
    ['loyalty members', 'facet:loyalty_tier'],
    ['churn', 'model:churn'],
  ])('ranks "%s" to %s first', async (phrase, expected) => {
    const ranked = await ranker.rank(phrase, 3);
    expect(ranked[0]!.id).toBe(expected);
  });

  it('filters by kind', async () => {
    const ranked = await ranker.rank('electronic', 3, { kinds: ['category'] });
    expect(ranked.every((r) => r.kind === 'category')).toBe(true);
    expect(ranked).toHaveLength(3);
  });

  it('embeds 100 texts and reports the timings', async () => {
    const words = ['electronics', 'shoes', 'kitchen', 'women', 'toys', 'loyal', 'customers', 'california', 'bought'];
    const texts = Array.from(
      { length: 100 },
      (_, i) => `${words[i % words.length]} ${words[(i * 7 + 3) % words.length]} segment ${i}`,
    );
    let started = performance.now();
    const vectors = await port.embed(texts);
    const coldMs = performance.now() - started;
    started = performance.now();
    await port.embed(texts);
    const cachedMs = performance.now() - started;
    started = performance.now();
    for (let i = 0; i < 20; i++) await ranker.rank(`${words[i % words.length]} shoppers ${i}`, 5);
    const rankMs = (performance.now() - started) / 20;
    expect(vectors).toHaveLength(100);
    expect(new Set(vectors.map((v) => v.length))).toEqual(new Set([64]));
    console.log(
      [
        `embedding timings (tiny model, dim 64, CPU):`,
        `  createEmbeddingPort (load + probe): ${loadMs.toFixed(1)} ms`,
        `  embed 100 texts, cold: ${coldMs.toFixed(1)} ms (${(coldMs / 100).toFixed(2)} ms/text)`,
        `  embed 100 texts, cached: ${cachedMs.toFixed(2)} ms`,
        `  rank (embed phrase + search ${CATALOG.length} entries): ${rankMs.toFixed(2)} ms/query`,
      ].join('\n'),
    );
  });

  it('falls back to lexical-only, never throws, when the model file is garbage', async () => {
    const garbage = path.join(dir, 'garbage.onnx');
    fs.writeFileSync(garbage, Buffer.from('definitely not an onnx model'));
    const fallbackLines: string[] = [];
    const fallback = await createEmbeddingPort({ modelPath: garbage, vocabPath: path.join(dir, 'vocab.txt') }, (l) =>
      fallbackLines.push(l),
    );
    expect(fallback.status.mode).toBe('lexical-only');
    expect(fallbackLines).toHaveLength(1);
    console.log(`fallback: ${fallbackLines[0]}\n  status.reason: ${fallback.status.reason}`);
    const r = new CatalogEmbeddingRanker(fallback, new EmbeddedVectorIndex(), {
      tenant: 'acme',
      version: 1,
      entries: CATALOG,
    });
    expect(r.enabled).toBe(false);
  });
});
