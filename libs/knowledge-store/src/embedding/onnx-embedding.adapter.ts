import * as fs from 'node:fs';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { EmbeddingPort, NullEmbeddingAdapter, type EmbeddingStatus } from './embedding.port';
import { LruCache } from './lru-cache';
import { WordPieceTokenizer, type EncodedText } from './wordpiece-tokenizer';

export type EmbeddingPooling = 'cls' | 'mean';

export interface OnnxEmbeddingOptions {
  /** The ONNX export (e.g. BAAI/bge-small-en-v1.5 model.onnx). */
  modelPath: string;
  /** Its WordPiece vocab.txt. */
  vocabPath: string;
  /** Tokens per text including [CLS]/[SEP]; longer texts are truncated. Default 64 (catalog entries and phrases are short). */
  maxLength?: number;
  /** BGE uses the [CLS] vector: default 'cls'. */
  pooling?: EmbeddingPooling;
  /** L2-normalize vectors (cosine = dot product): default true. */
  normalize?: boolean;
  /** Texts per inference call. Default 32. */
  batchSize?: number;
  /** Entries of the text -> vector LRU cache. Default 10,000; 0 disables it. */
  cacheSize?: number;
  /** ONNX Runtime intra-op threads; default: its own choice. */
  intraOpNumThreads?: number;
}

/** Why a model could not be loaded: `not-found` (a configured file is missing) or `failed` (anything else). */
export class EmbeddingLoadError extends Error {
  constructor(
    readonly kind: 'not-found' | 'failed',
    readonly path: string,
    readonly detail: string,
  ) {
    super(kind === 'not-found' ? `file not found at ${path}` : `failed to load ${path}: ${detail}`);
    this.name = 'EmbeddingLoadError';
  }
}

const KNOWN_INPUTS = ['input_ids', 'attention_mask', 'token_type_ids'] as const;
type KnownInput = (typeof KNOWN_INPUTS)[number];
type OrtModule = typeof import('onnxruntime-node');

/** First line of an error, bounded: ONNX Runtime messages can be long. */
function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const first = (text.split('\n').find((l) => l.trim()) ?? 'unknown error').trim().replace(/^Error: /, '');
  return first.length > 300 ? `${first.slice(0, 297)}...` : first;
}

function checkFile(path: string, what: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch {
    throw new EmbeddingLoadError('not-found', path, `${what} not found`);
  }
  if (!stat.isFile()) throw new EmbeddingLoadError('failed', path, `${what} is not a file`);
}

/**
 * Sentence embeddings from a local BERT-style ONNX export (BGE-small in production) via
 * onnxruntime-node on CPU. Texts are WordPiece-tokenized, batched (bounded, padded to the
 * longest text of a batch, sorted by length to pad little), run through the model, pooled
 * ([CLS] or masked mean) and L2-normalized. A bounded LRU cache keeps text -> vector.
 * Inference calls are serialized (one at a time per adapter).
 */
export class OnnxEmbeddingAdapter extends EmbeddingPort {
  readonly status: EmbeddingStatus;
  private readonly cache: LruCache<string, Float32Array>;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private dim = 0;

  private constructor(
    private readonly ort: OrtModule,
    private readonly session: InferenceSession,
    private readonly tokenizer: WordPieceTokenizer,
    private readonly inputs: readonly { name: KnownInput; type: 'int64' | 'int32' }[],
    private readonly outputName: string,
    private readonly options: Required<Pick<OnnxEmbeddingOptions, 'pooling' | 'normalize' | 'batchSize'>>,
    cacheSize: number,
    modelPath: string,
  ) {
    super();
    this.cache = new LruCache(cacheSize);
    this.status = { mode: 'onnx', model: modelPath };
  }

  get dimension(): number {
    return this.dim;
  }

  /**
   * Loads the model and vocab, checks the model's inputs and output, and embeds one probe
   * text to learn the dimension, so a model that loads but cannot run fails here.
   * Throws `EmbeddingLoadError` (use `createEmbeddingPort` for the never-throwing path).
   */
  static async load(opts: OnnxEmbeddingOptions): Promise<OnnxEmbeddingAdapter> {
    const maxLength = opts.maxLength ?? 64;
    const batchSize = opts.batchSize ?? 32;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new EmbeddingLoadError('failed', opts.modelPath, `batchSize must be a positive integer`);
    }
    checkFile(opts.modelPath, 'model file');
    checkFile(opts.vocabPath, 'vocab file');

    let tokenizer: WordPieceTokenizer;
    try {
      tokenizer = WordPieceTokenizer.fromVocabFile(opts.vocabPath, { maxLength });
    } catch (err) {
      throw new EmbeddingLoadError('failed', opts.vocabPath, `bad vocab: ${oneLine(err)}`);
    }

    let ort: OrtModule;
    try {
      ort = await import('onnxruntime-node');
    } catch (err) {
      throw new EmbeddingLoadError('failed', opts.modelPath, `onnxruntime-node unavailable: ${oneLine(err)}`);
    }

    let session: InferenceSession;
    try {
      const sessionOptions: InferenceSession.SessionOptions = {
        executionProviders: ['cpu'],
        graphOptimizationLevel: 'all',
        logSeverityLevel: 4, // fatal only: load and run errors come back to us as exceptions and are reported once
      };
      if (opts.intraOpNumThreads !== undefined) sessionOptions.intraOpNumThreads = opts.intraOpNumThreads;
      session = await ort.InferenceSession.create(opts.modelPath, sessionOptions);
    } catch (err) {
      throw new EmbeddingLoadError('failed', opts.modelPath, oneLine(err));
    }

    try {
      const inputs = OnnxEmbeddingAdapter.resolveInputs(session);
      const outputName = session.outputNames.includes('last_hidden_state')
        ? 'last_hidden_state'
        : session.outputNames[0];
      if (outputName === undefined) throw new Error('model declares no outputs');
      const adapter = new OnnxEmbeddingAdapter(
        ort,
        session,
        tokenizer,
        inputs,
        outputName,
        { pooling: opts.pooling ?? 'cls', normalize: opts.normalize ?? true, batchSize },
        opts.cacheSize ?? 10_000,
        opts.modelPath,
      );
      const [probe] = await adapter.runBatch([tokenizer.encode('probe')]);
      if (!probe || probe.length === 0) throw new Error('model returned an empty vector');
      adapter.dim = probe.length;
      return adapter;
    } catch (err) {
      await session.release().catch(() => undefined);
      if (err instanceof EmbeddingLoadError) throw err;
      let detail = oneLine(err);
      if (/tensor's data must be type of/.test(detail) && process.env['JEST_WORKER_ID']) {
        detail += ' (under jest, use testing/onnx-jest-environment.js)';
      }
      throw new EmbeddingLoadError('failed', opts.modelPath, detail);
    }
  }

  /** Feeds only the inputs the model declares; refuses inputs it cannot fill. */
  private static resolveInputs(session: InferenceSession): { name: KnownInput; type: 'int64' | 'int32' }[] {
    if (!session.inputNames.includes('input_ids')) {
      throw new Error(`model has no input_ids input (inputs: ${session.inputNames.join(', ')})`);
    }
    return session.inputNames.map((name, i) => {
      if (!(KNOWN_INPUTS as readonly string[]).includes(name)) {
        throw new Error(`model input '${name}' is not one of ${KNOWN_INPUTS.join(', ')}`);
      }
      const meta = session.inputMetadata?.[i];
      const type = meta && meta.isTensor && meta.type === 'int32' ? 'int32' : 'int64';
      return { name: name as KnownInput, type };
    });
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    if (this.closed) throw new Error('embedding adapter is closed');
    const out: (Float32Array | undefined)[] = new Array(texts.length);
    const pending = new Map<string, number[]>();
    texts.forEach((text, i) => {
      const hit = this.cache.get(text);
      if (hit) out[i] = hit.slice();
      else pending.set(text, [...(pending.get(text) ?? []), i]);
    });

    if (pending.size > 0) {
      const unique = [...pending.keys()];
      const encoded = unique.map((t) => this.tokenizer.encode(t));
      const order = unique.map((_, i) => i).sort((a, b) => encoded[a]!.ids.length - encoded[b]!.ids.length);
      for (let start = 0; start < order.length; start += this.options.batchSize) {
        const slice = order.slice(start, start + this.options.batchSize);
        const vectors = await this.runExclusive(() => this.runBatch(slice.map((i) => encoded[i]!)));
        slice.forEach((u, j) => {
          const text = unique[u]!;
          const vector = vectors[j]!;
          this.cache.set(text, vector);
          for (const i of pending.get(text)!) out[i] = vector.slice();
        });
      }
    }
    return out as Float32Array[];
  }

  override async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.cache.clear();
    await this.runExclusive(() => this.session.release());
  }

  private runExclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runBatch(encoded: EncodedText[]): Promise<Float32Array[]> {
    const batch = this.tokenizer.pad(encoded);
    const { batchSize, seqLength } = batch;
    const dims = [batchSize, seqLength];
    const columns: Record<KnownInput, number[]> = {
      input_ids: batch.inputIds,
      attention_mask: batch.attentionMask,
      token_type_ids: new Array(batchSize * seqLength).fill(0),
    };
    const feeds: Record<string, Tensor> = {};
    for (const input of this.inputs) {
      const values = columns[input.name];
      feeds[input.name] = new this.ort.Tensor(input.type, values, dims);
    }

    const results = await this.session.run(feeds, [this.outputName]);
    const output = results[this.outputName];
    if (!output || output.type !== 'float32') {
      throw new Error(`output '${this.outputName}' is ${output?.type ?? 'missing'}, expected float32`);
    }
    // Read ORT's output, never hand it out: vectors are our own copies (and of our realm, see testing/onnx-jest-environment.js).
    const data = output.data as Float32Array;
    const shape = output.dims;
    const vectors: Float32Array[] = [];
    if (shape.length === 3 && shape[0] === batchSize && shape[1] === seqLength) {
      const dim = shape[2]!;
      for (let b = 0; b < batchSize; b++) {
        const v = new Float32Array(dim);
        if (this.options.pooling === 'cls') {
          v.set(data.subarray(b * seqLength * dim, b * seqLength * dim + dim));
        } else {
          let count = 0;
          for (let s = 0; s < seqLength; s++) {
            if (batch.attentionMask[b * seqLength + s] === 0) continue;
            count++;
            const base = (b * seqLength + s) * dim;
            for (let d = 0; d < dim; d++) v[d]! += data[base + d]!;
          }
          if (count > 0) for (let d = 0; d < dim; d++) v[d]! /= count;
        }
        vectors.push(v);
      }
    } else if (shape.length === 2 && shape[0] === batchSize) {
      // Already pooled ([batch, dim], e.g. a 'sentence_embedding' output).
      const dim = shape[1]!;
      for (let b = 0; b < batchSize; b++) vectors.push(Float32Array.from(data.subarray(b * dim, (b + 1) * dim)));
    } else {
      throw new Error(`output '${this.outputName}' has shape [${shape.join(', ')}], expected [batch, seq, dim]`);
    }
    if (this.options.normalize) for (const v of vectors) l2Normalize(v);
    return vectors;
  }
}

export function l2Normalize(v: Float32Array): Float32Array {
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i]! * v[i]!;
  norm = Math.sqrt(norm);
  if (norm > 1e-12) for (let i = 0; i < v.length; i++) v[i]! /= norm;
  return v;
}

/** Embedding settings as configured (env/tenant config); empty strings count as unset. */
export interface EmbeddingConfig {
  modelPath?: string;
  vocabPath?: string;
  maxLength?: number;
  pooling?: EmbeddingPooling;
  normalize?: boolean;
  batchSize?: number;
  cacheSize?: number;
  intraOpNumThreads?: number;
}

/**
 * The product's entry point: the ONNX adapter when both paths are configured and the model
 * loads and runs, else the lexical-only Null adapter with the reason. Never throws. Logs one
 * line: "embeddings: onnx (<path>, dim N, loaded in X ms)", "embeddings: lexical-only (no model
 * configured)" or "embeddings: lexical-only (failed to load <path>: <reason>)".
 */
export async function createEmbeddingPort(
  config: EmbeddingConfig,
  log: (line: string) => void = () => undefined,
): Promise<EmbeddingPort> {
  const modelPath = config.modelPath?.trim() || undefined;
  const vocabPath = config.vocabPath?.trim() || undefined;
  if (!modelPath || !vocabPath) {
    const reason =
      !modelPath && !vocabPath
        ? 'no model configured'
        : `no model configured (${modelPath ? 'vocabPath' : 'modelPath'} is not set)`;
    log(`embeddings: lexical-only (${reason})`);
    return new NullEmbeddingAdapter(reason);
  }
  const started = Date.now();
  try {
    const port = await OnnxEmbeddingAdapter.load({ ...config, modelPath, vocabPath });
    log(`embeddings: onnx (${modelPath}, dim ${port.dimension}, loaded in ${Date.now() - started} ms)`);
    return port;
  } catch (err) {
    const e = err instanceof EmbeddingLoadError ? err : new EmbeddingLoadError('failed', modelPath, oneLine(err));
    const isVocab = e.path === vocabPath && e.path !== modelPath;
    const reason =
      e.kind === 'not-found'
        ? `${isVocab ? 'vocab' : 'model'} file not found at ${e.path}`
        : `failed to load: ${e.path}: ${e.detail}`;
    log(`embeddings: lexical-only (failed to load ${e.path}: ${e.kind === 'not-found' ? 'file not found' : e.detail})`);
    return new NullEmbeddingAdapter(reason);
  }
}
