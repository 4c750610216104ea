import * as fs from 'node:fs';
import * as path from 'node:path';
import { onnx } from 'onnx-proto';

/**
 * A tiny sentence-embedding model the project builds itself (no download), shaped like a
 * BERT/BGE export: inputs input_ids / attention_mask [batch, seq] int64 (and optionally
 * token_type_ids, declared but unused), output last_hidden_state [batch, seq, dim] float.
 *
 * Each vocab token's row in the embedding table is the normalized sum of pseudo-random
 * vectors of its character trigrams ("<electronic>" -> "<el", "ele", ..., "ic>"; `##`
 * continuations have no "<"), seeded by `seed`, so tokens that share spelling get similar
 * vectors ("electronic" ~ "electronics"). Special tokens ([PAD], [CLS], ...) are zero.
 *
 * Graph (opset 13): tok = Gather(table, input_ids) * mask; mean = ReduceSum(tok, seq) /
 * max(ReduceSum(mask), eps); last_hidden_state = tok + mean * mask. Every real position,
 * [CLS] included, therefore carries the masked mean of the text, so CLS pooling and mean
 * pooling give the same direction, and padding changes nothing.
 */
export interface TinyEmbeddingModelOptions {
  vocab: string[];
  dim: number;
  seed: number;
  /** Also declare a token_type_ids input (BERT exports have it; it is not used). */
  includeTokenTypeIds?: boolean;
}

const OPSET = 13;
const IR_VERSION = 8;
const SPECIAL_RE = /^\[[A-Z]+\]$/;

/** Whole words and suffixes of the default tiny vocab: retail catalog and segment words. */
export const TINY_MODEL_WORDS: readonly string[] = `
  electronic electronics electrical electric appliance appliances home garden kitchen women woman men
  man kids baby shoe shoes clothing apparel toy toys book books beauty sport sports outdoor outdoors
  grocery groceries jewelry watch watches furniture pet pets health phone phones computer computers
  laptop laptops camera cameras tv television audio headphones music game games video customer
  customers loyal loyalty member members purchase purchased purchases bought buyer buyers spend spent
  high low value last days month months year state california texas new york email opt in out the and
  of for who with brand brands category department store online order orders churn risk lifetime ##s
  ##es ##ed ##ing ##er ##ers ##ly ##al ##ic ##ics ##tion ##able
`
  .trim()
  .split(/\s+/);

/**
 * The default tiny vocab: special tokens first ([PAD]=0, [UNK], [CLS], [SEP], [MASK]), then ASCII
 * punctuation, digits, letters and their `##` forms (so any ASCII word tokenizes), then the words.
 */
export const TINY_MODEL_VOCAB: readonly string[] = (() => {
  const punct: string[] = [];
  for (let cp = 33; cp <= 126; cp++) {
    const ch = String.fromCharCode(cp);
    if (!/[A-Za-z0-9]/.test(ch)) punct.push(ch);
  }
  const alnum = [...'0123456789abcdefghijklmnopqrstuvwxyz'];
  const vocab = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', ...punct, ...alnum, ...alnum.map((c) => `##${c}`)];
  for (const w of TINY_MODEL_WORDS) if (!vocab.includes(w)) vocab.push(w);
  return vocab;
})();

/** FNV-1a over UTF-16 code units. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function trigrams(token: string): string[] {
  const continuation = token.startsWith('##');
  const s = `${continuation ? '' : '<'}${continuation ? token.slice(2) : token}>`;
  if (s.length < 3) return [s];
  const out: string[] = [];
  for (let i = 0; i + 3 <= s.length; i++) out.push(s.slice(i, i + 3));
  return out;
}

/** The row of one token: normalized sum of its trigrams' seeded random vectors (zero for [SPECIAL] tokens). */
export function tinyTokenVector(token: string, dim: number, seed: number): Float32Array {
  const v = new Float32Array(dim);
  if (SPECIAL_RE.test(token)) return v;
  for (const g of trigrams(token)) {
    const rand = mulberry32(hash32(g) ^ Math.imul(seed, 0x9e3779b1));
    for (let d = 0; d < dim; d++) v[d]! += rand() * 2 - 1;
  }
  let norm = 0;
  for (let d = 0; d < dim; d++) norm += v[d]! * v[d]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let d = 0; d < dim; d++) v[d]! /= norm;
  return v;
}

function floatsLE(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((x, i) => view.setFloat32(i * 4, x, true));
  return bytes;
}

function tensorInfo(
  name: string,
  elemType: onnx.TensorProto.DataType,
  dims: (string | number)[],
): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

function node(
  opType: string,
  inputs: string[],
  outputs: string[],
  attribute: onnx.IAttributeProto[] = [],
): onnx.INodeProto {
  return { opType, input: inputs, output: outputs, name: outputs[0], attribute };
}

/** Serializes the tiny model (a valid ONNX ModelProto, ir_version 8, opset 13). Same options -> same bytes. */
export function buildTinyEmbeddingModel(opts: TinyEmbeddingModelOptions): Uint8Array {
  const { vocab, dim, seed } = opts;
  if (!Number.isInteger(dim) || dim < 1) throw new Error(`dim must be a positive integer (got ${dim})`);
  if (vocab.length === 0) throw new Error('vocab is empty');
  const table = new Float32Array(vocab.length * dim);
  vocab.forEach((token, id) => table.set(tinyTokenVector(token, dim, seed), id * dim));

  const F = onnx.TensorProto.DataType.FLOAT;
  const I64 = onnx.TensorProto.DataType.INT64;
  const inputs = [tensorInfo('input_ids', I64, ['batch', 'seq']), tensorInfo('attention_mask', I64, ['batch', 'seq'])];
  if (opts.includeTokenTypeIds) inputs.push(tensorInfo('token_type_ids', I64, ['batch', 'seq']));

  const graph: onnx.IGraphProto = {
    name: 'tiny_trigram_embedding',
    input: inputs,
    output: [tensorInfo('last_hidden_state', F, ['batch', 'seq', dim])],
    initializer: [
      { name: 'embedding_table', dataType: F, dims: [vocab.length, dim], rawData: floatsLE(table) },
      { name: 'axis_seq', dataType: I64, dims: [1], int64Data: [1] },
      { name: 'axis_last', dataType: I64, dims: [1], int64Data: [2] },
      { name: 'eps', dataType: F, dims: [], floatData: [1e-9] },
    ],
    node: [
      node(
        'Gather',
        ['embedding_table', 'input_ids'],
        ['token_embeddings'],
        [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
      ),
      node(
        'Cast',
        ['attention_mask'],
        ['mask_float'],
        [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: F }],
      ),
      node('Unsqueeze', ['mask_float', 'axis_last'], ['mask3']),
      node('Mul', ['token_embeddings', 'mask3'], ['masked']),
      node(
        'ReduceSum',
        ['masked', 'axis_seq'],
        ['sum'],
        [{ name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 1 }],
      ),
      node(
        'ReduceSum',
        ['mask3', 'axis_seq'],
        ['count'],
        [{ name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 1 }],
      ),
      node('Max', ['count', 'eps'], ['count_safe']),
      node('Div', ['sum', 'count_safe'], ['mean']),
      node('Mul', ['mean', 'mask3'], ['context']),
      node('Add', ['masked', 'context'], ['last_hidden_state']),
    ],
  };

  const model: onnx.IModelProto = {
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: 'smartseg-tiny-embedding',
    producerVersion: '1',
    docString: `tiny trigram-feature embedding model (dim ${dim}, seed ${seed}, vocab ${vocab.length}) for tests`,
    graph,
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

export interface TinyModelFiles {
  modelPath: string;
  vocabPath: string;
  vocab: readonly string[];
  dim: number;
}

/** Writes model.onnx and vocab.txt (one token per line) into `dir` (created if needed). */
export function writeTinyModelFiles(dir: string, opts: Partial<TinyEmbeddingModelOptions> = {}): TinyModelFiles {
  const vocab = opts.vocab ?? [...TINY_MODEL_VOCAB];
  const dim = opts.dim ?? 64;
  const seed = opts.seed ?? 7;
  fs.mkdirSync(dir, { recursive: true });
  const modelPath = path.join(dir, 'model.onnx');
  const vocabPath = path.join(dir, 'vocab.txt');
  fs.writeFileSync(
    modelPath,
    buildTinyEmbeddingModel({ vocab, dim, seed, includeTokenTypeIds: opts.includeTokenTypeIds ?? false }),
  );
  fs.writeFileSync(vocabPath, `${vocab.join('\n')}\n`);
  return { modelPath, vocabPath, vocab, dim };
}
