/** @jest-environment ./libs/knowledge-store/src/embedding/testing/onnx-jest-environment.js */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { referenceRetailTestCatalog } from '@smartseg/knowledge-store';
import { UnderstandingEngine } from '@smartseg/understanding';
import { writeTinyModelFiles } from '../../libs/knowledge-store/src/embedding/testing/tiny-embedding-model';
import { embeddingRankerFromConfig } from '../../apps/api/src/engine/embedding-ranker.factory';

/** The API's embeddings switch: lexical-only said at start, or a real ONNX model the project builds. */
describe('embeddings in the API engine', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smartseg-emb-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('says lexical-only when nothing is configured, and when the model file is missing', async () => {
    const lines: string[] = [];
    expect(await embeddingRankerFromConfig({}, (l) => lines.push(l))).toBeUndefined();
    expect(
      await embeddingRankerFromConfig(
        { EMBEDDING_MODEL_PATH: path.join(dir, 'nope.onnx'), EMBEDDING_VOCAB_PATH: path.join(dir, 'nope.txt') },
        (l) => lines.push(l),
      ),
    ).toBeUndefined();
    expect(lines[0]).toBe('embeddings: lexical-only (no model configured)');
    expect(lines[1]).toMatch(/^embeddings: lexical-only \(failed to load .*nope/);
  });

  it("loads a real ONNX model and ranks a refusal's nearest facets with it", async () => {
    const files = writeTinyModelFiles(dir);
    const lines: string[] = [];
    const ranker = await embeddingRankerFromConfig(
      { EMBEDDING_MODEL_PATH: files.modelPath, EMBEDDING_VOCAB_PATH: files.vocabPath },
      (l) => lines.push(l),
    );
    expect(lines[0]).toMatch(/^embeddings: onnx \(/);
    expect(ranker).toBeDefined();
    const engine = new UnderstandingEngine(referenceRetailTestCatalog(), { embeddings: ranker! });
    const r = await engine.understandAsync('customers with a credit score over 700', {
      asOf: '2026-06-30',
      permissions: { pii: false },
    });
    expect(r.status).toBe('refuse');
    if (r.status === 'refuse') expect(r.nearest.length).toBeGreaterThan(0);
  });
});
