import { createEmbeddingPort } from '@smartseg/knowledge-store';
import { EmbedderRanker, type EmbeddingRanker } from '@smartseg/understanding';

/**
 * The engine's semantic ranker from configuration: an ONNX sentence-embedding model and its
 * vocabulary read from the configured paths (never downloaded), or none: lexical-only. Either
 * way one line says which, at start ("embeddings: lexical-only (no model configured)").
 */
export async function embeddingRankerFromConfig(
  config: { EMBEDDING_MODEL_PATH?: string; EMBEDDING_VOCAB_PATH?: string },
  log: (line: string) => void,
): Promise<EmbeddingRanker | undefined> {
  const port = await createEmbeddingPort(
    { modelPath: config.EMBEDDING_MODEL_PATH, vocabPath: config.EMBEDDING_VOCAB_PATH },
    log,
  );
  return port.status.mode === 'onnx' ? new EmbedderRanker(port) : undefined;
}
