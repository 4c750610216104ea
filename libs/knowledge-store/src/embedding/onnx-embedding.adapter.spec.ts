/** @jest-environment ./libs/knowledge-store/src/embedding/testing/onnx-jest-environment.js */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { onnx } from 'onnx-proto';
import { EmbeddingUnavailableError, NullEmbeddingAdapter, type EmbeddingPort } from './embedding.port';
import { LruCache } from './lru-cache';
import { createEmbeddingPort, EmbeddingLoadError, OnnxEmbeddingAdapter } from './onnx-embedding.adapter';
import { buildTinyEmbeddingModel, TINY_MODEL_VOCAB, writeTinyModelFiles } from './testing/tiny-embedding-model';

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function norm(a: Float32Array): number {
  return Math.sqrt(dot(a, a));
}

describe('tiny embedding model', () => {
  it('serializes deterministically as ir_version 8, opset 13', () => {
    const a = buildTinyEmbeddingModel({ vocab: [...TINY_MODEL_VOCAB], dim: 16, seed: 3 });
    const b = buildTinyEmbeddingModel({ vocab: [...TINY_MODEL_VOCAB], dim: 16, seed: 3 });
    const c = buildTinyEmbeddingModel({ vocab: [...TINY_MODEL_VOCAB], dim: 16, seed: 4 });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
    const model = onnx.ModelProto.decode(a);
    expect(Number(model.irVersion)).toBe(8);
    expect(Number(model.opsetImport[0]!.version)).toBe(13);
    expect(model.graph?.input?.map((i) => i.name)).toEqual(['input_ids', 'attention_mask']);
    expect(model.graph?.output?.map((o) => o.name)).toEqual(['last_hidden_state']);
  });
});

describe('OnnxEmbeddingAdapter on the tiny model', () => {
  let dir: string;
  let files: ReturnType<typeof writeTinyModelFiles>;
  const opened: EmbeddingPort[] = [];
  const load = async (opts: Partial<Parameters<typeof OnnxEmbeddingAdapter.load>[0]> = {}) => {
    const port = await OnnxEmbeddingAdapter.load({ modelPath: files.modelPath, vocabPath: files.vocabPath, ...opts });
    opened.push(port);
    return port;
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smartseg-emb-'));
    files = writeTinyModelFiles(dir, { dim: 64, seed: 11 });
  });

  afterAll(async () => {
    await Promise.all(opened.map((p) => p.close()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads through onnxruntime-node and returns normalized vectors of the model dimension', async () => {
    const port = await load();
    expect(port.status).toEqual({ mode: 'onnx', model: files.modelPath });
    expect(port.dimension).toBe(64);
    const vectors = await port.embed(['Electronics', 'women shoes', '', 'ünknöwn wörds ✓']);
    expect(vectors).toHaveLength(4);
    for (const v of vectors) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v.length).toBe(64);
    }
    expect(norm(vectors[0]!)).toBeCloseTo(1, 5);
    expect(norm(vectors[1]!)).toBeCloseTo(1, 5);
    expect(await port.embed([])).toEqual([]);
  });

  it('is deterministic across loads and gives identical texts identical vectors', async () => {
    const a = await load({ cacheSize: 0 });
    const b = await load({ cacheSize: 0 });
    const [x1, x2, y] = await a.embed(['kitchen appliances', 'kitchen appliances', 'books']);
    const [x3] = await b.embed(['kitchen appliances']);
    expect(Array.from(x1!)).toEqual(Array.from(x2!));
    expect(Array.from(x1!)).toEqual(Array.from(x3!));
    expect(Array.from(x1!)).not.toEqual(Array.from(y!));
  });

  it.each(['cls', 'mean'] as const)('padding does not change a text vector (%s pooling)', async (pooling) => {
    const port = await load({ pooling, cacheSize: 0 });
    const [alone] = await port.embed(['electronics']);
    const [, inBatch] = await port.embed([
      'customers who bought electronics and kitchen appliances in california last year',
      'electronics',
    ]);
    for (let i = 0; i < alone!.length; i++) expect(inBatch![i]).toBeCloseTo(alone![i]!, 5);
  });

  it('gives the same vectors whatever the batch size and whether cached', async () => {
    const texts = ['toys', 'pet food', 'electronic', 'women clothing', 'garden', 'toys'];
    const small = await load({ batchSize: 2, cacheSize: 0 });
    const big = await load({ batchSize: 32 });
    const a = await small.embed(texts);
    const b = await big.embed(texts);
    const c = await big.embed(texts);
    a.forEach((v, i) => {
      for (let d = 0; d < v.length; d++) expect(b[i]![d]).toBeCloseTo(v[d]!, 5);
      expect(Array.from(c[i]!)).toEqual(Array.from(b[i]!));
    });
    c[0]![0] = 42; // callers get copies: mutating one does not corrupt the cache
    expect((await big.embed(['toys']))[0]![0]).not.toBe(42);
  });

  it('puts similarly spelled words close (trigram features)', async () => {
    const port = await load();
    const [electronic, electronics, shoes] = await port.embed(['electronic', 'Electronics', 'shoes']);
    expect(dot(electronic!, electronics!)).toBeGreaterThan(0.7);
    expect(dot(electronic!, electronics!)).toBeGreaterThan(dot(electronic!, shoes!) + 0.3);
  });

  it('feeds only the inputs the model declares (token_type_ids when present)', async () => {
    const withTypes = writeTinyModelFiles(path.join(dir, 'with-types'), {
      dim: 64,
      seed: 11,
      includeTokenTypeIds: true,
    });
    const a = await load({ modelPath: withTypes.modelPath, vocabPath: withTypes.vocabPath });
    const b = await load();
    const [x] = await a.embed(['loyal customers']);
    const [y] = await b.embed(['loyal customers']);
    for (let d = 0; d < x!.length; d++) expect(x![d]).toBeCloseTo(y![d]!, 6);
  });

  it('refuses a model whose inputs it cannot fill', async () => {
    const graph: onnx.IGraphProto = {
      name: 'identity',
      input: [{ name: 'pixel_values', type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 2 }] } } } }],
      output: [{ name: 'out', type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 2 }] } } } }],
      node: [{ opType: 'Identity', input: ['pixel_values'], output: ['out'] }],
    };
    const bytes = onnx.ModelProto.encode(
      onnx.ModelProto.create({ irVersion: 8, opsetImport: [{ domain: '', version: 13 }], graph }),
    ).finish();
    const modelPath = path.join(dir, 'identity.onnx');
    fs.writeFileSync(modelPath, bytes);
    await expect(OnnxEmbeddingAdapter.load({ modelPath, vocabPath: files.vocabPath })).rejects.toThrow(
      /no input_ids input/,
    );
  });

  it('rejects with EmbeddingLoadError on a missing file', async () => {
    await expect(
      OnnxEmbeddingAdapter.load({ modelPath: path.join(dir, 'nope.onnx'), vocabPath: files.vocabPath }),
    ).rejects.toBeInstanceOf(EmbeddingLoadError);
  });
});

describe('createEmbeddingPort', () => {
  let dir: string;
  let files: ReturnType<typeof writeTinyModelFiles>;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smartseg-emb-factory-'));
    files = writeTinyModelFiles(dir, { dim: 32, seed: 1 });
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function create(config: Parameters<typeof createEmbeddingPort>[0]) {
    const lines: string[] = [];
    const port = await createEmbeddingPort(config, (l) => lines.push(l));
    return { port, lines };
  }

  it('returns the ONNX adapter when both paths are configured and load', async () => {
    const { port, lines } = await create({ modelPath: files.modelPath, vocabPath: files.vocabPath });
    expect(port.status.mode).toBe('onnx');
    expect(port.dimension).toBe(32);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^embeddings: onnx \(.*model\.onnx, dim 32, loaded in \d+ ms\)$/);
    await port.close();
  });

  it('is lexical-only with "no model configured" when nothing is configured', async () => {
    const { port, lines } = await create({ modelPath: '', vocabPath: undefined });
    expect(port).toBeInstanceOf(NullEmbeddingAdapter);
    expect(port.status).toEqual({ mode: 'lexical-only', reason: 'no model configured' });
    expect(port.dimension).toBe(0);
    expect(lines).toEqual(['embeddings: lexical-only (no model configured)']);
    await expect(port.embed(['x'])).rejects.toBeInstanceOf(EmbeddingUnavailableError);
  });

  it('says which path is missing when only one is configured', async () => {
    const { port } = await create({ modelPath: files.modelPath });
    expect(port.status.reason).toBe('no model configured (vocabPath is not set)');
  });

  it('falls back when the model file is missing', async () => {
    const missing = path.join(dir, 'missing', 'model.onnx');
    const { port, lines } = await create({ modelPath: missing, vocabPath: files.vocabPath });
    expect(port.status).toEqual({ mode: 'lexical-only', reason: `model file not found at ${missing}` });
    expect(lines).toEqual([`embeddings: lexical-only (failed to load ${missing}: file not found)`]);
  });

  it('falls back when the vocab file is missing', async () => {
    const missing = path.join(dir, 'missing-vocab.txt');
    const { port } = await create({ modelPath: files.modelPath, vocabPath: missing });
    expect(port.status.reason).toBe(`vocab file not found at ${missing}`);
  });

  it('falls back, never throws, when the model file is garbage', async () => {
    const garbage = path.join(dir, 'garbage.onnx');
    fs.writeFileSync(garbage, crypto.randomBytes(4096));
    const { port, lines } = await create({ modelPath: garbage, vocabPath: files.vocabPath });
    expect(port.status.mode).toBe('lexical-only');
    expect(port.status.reason).toMatch(
      new RegExp(`^failed to load: ${garbage.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .+`),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^embeddings: lexical-only \(failed to load .*garbage\.onnx: .+\)$/);
    expect(lines[0]).not.toContain('\n');
  });

  it('falls back when the model path is a directory or the vocab lacks special tokens', async () => {
    expect((await create({ modelPath: dir, vocabPath: files.vocabPath })).port.status.reason).toMatch(
      /failed to load: .*is not a file/,
    );
    const badVocab = path.join(dir, 'bad-vocab.txt');
    fs.writeFileSync(badVocab, 'a\nb\n');
    expect((await create({ modelPath: files.modelPath, vocabPath: badVocab })).port.status.reason).toMatch(
      /failed to load: .*bad-vocab\.txt: bad vocab: vocab has no \[UNK\] token/,
    );
  });

  it('falls back when the vocab has ids beyond the model table', async () => {
    const bigVocab = path.join(dir, 'big-vocab.txt');
    fs.writeFileSync(
      bigVocab,
      `${[...TINY_MODEL_VOCAB.slice(0, 5).map((t) => t), ...Array.from({ length: 5000 }, (_, i) => `w${i}`), 'probe'].join('\n')}\n`,
    );
    const { port } = await create({ modelPath: files.modelPath, vocabPath: bigVocab });
    expect(port.status.mode).toBe('lexical-only');
    expect(port.status.reason).toMatch(/^failed to load: /);
  });
});

describe('LruCache', () => {
  it('evicts the least recently used entry', () => {
    const c = new LruCache<string, number>(2);
    c.set('a', 1);
    c.set('b', 2);
    expect(c.get('a')).toBe(1);
    c.set('c', 3);
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe(1);
    expect(c.get('c')).toBe(3);
    expect(c.size).toBe(2);
    const off = new LruCache<string, number>(0);
    off.set('a', 1);
    expect(off.get('a')).toBeUndefined();
  });
});
