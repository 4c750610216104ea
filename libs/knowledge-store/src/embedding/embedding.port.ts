import { ErrorCode, SmartsegError } from '@smartseg/common';

/**
 * What the embedding side of the product is doing right now, for status endpoints and logs.
 * `lexical-only` always carries a `reason` a person can act on.
 */
export interface EmbeddingStatus {
  mode: 'onnx' | 'lexical-only';
  /** The model in use (its path), when mode is 'onnx'. */
  model?: string;
  /** Why embeddings are off, when mode is 'lexical-only'. */
  reason?: string;
}

/**
 * Sentence embeddings for ranking catalog entries by meaning. Adapters: ONNX (a local
 * BGE-style model read from configured paths) and Null (lexical-only). Nothing is ever
 * downloaded at run time.
 */
export abstract class EmbeddingPort {
  abstract readonly status: EmbeddingStatus;
  /** Vector length; 0 when lexical-only. */
  abstract readonly dimension: number;
  /** One vector per text, in order (L2-normalized by the ONNX adapter unless configured otherwise). */
  abstract embed(texts: string[]): Promise<Float32Array[]>;
  /** Releases native resources; the port must not be used afterwards. */
  async close(): Promise<void> {}
}

/**
 * Thrown by `embed` when embeddings are off. Callers are expected to check
 * `status.mode` first; this error means one did not.
 */
export class EmbeddingUnavailableError extends SmartsegError {
  constructor(readonly reason: string) {
    super(ErrorCode.Internal, `embeddings are off (lexical-only): ${reason}`, { reason });
    this.name = 'EmbeddingUnavailableError';
  }
}

/**
 * Lexical-only: no model. `embed` always rejects with `EmbeddingUnavailableError`
 * (rather than returning [] or zero vectors, which would silently rank everything alike).
 * `status.reason` says why: 'no model configured', 'model file not found at X',
 * 'failed to load: ...'.
 */
export class NullEmbeddingAdapter extends EmbeddingPort {
  readonly dimension = 0;
  readonly status: EmbeddingStatus;

  constructor(reason = 'no model configured') {
    super();
    this.status = { mode: 'lexical-only', reason };
  }

  async embed(_texts: string[]): Promise<Float32Array[]> {
    throw new EmbeddingUnavailableError(this.status.reason ?? 'no model configured');
  }
}
