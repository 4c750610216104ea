import fc from 'fast-check';
import { referenceRetailTestCatalog } from '@smartseg/knowledge-store';
import { verifySegment } from '@smartseg/segment-engine';
import { Registry } from 'prom-client';
import { LlmProvider, type LlmRequest, type LlmResponse } from '../providers/llm-provider.port';
import { ModelRouter, type LocalUnderstander } from './model-router';

const catalog = referenceRetailTestCatalog();
const ctx = { tenantId: 't', catalog, asOf: catalog.as_of, permissions: { pii: false } };
const unreadable: LocalUnderstander = {
  understand: () => ({ status: 'refuse', reason: 'could not read', missing: [], nearest: [] }),
};

class ScriptedProvider extends LlmProvider {
  readonly kind = 'scripted';
  requests: LlmRequest[] = [];
  constructor(private readonly next: () => unknown) {
    super();
  }
  async complete(req: LlmRequest): Promise<LlmResponse> {
    this.requests.push(req);
    const json = this.next();
    if (json instanceof Error) throw json;
    return {
      text: JSON.stringify(json) ?? '',
      json,
      usage: { inputTokens: 100, outputTokens: 10, cachedTokens: 0 },
      latencyMs: 1,
    };
  }
}

function router(provider: LlmProvider) {
  return new ModelRouter({
    settings: {
      providers: [{ id: 'openai', kind: 'openai', apiKey: 'k' }],
      tiers: { standard: [{ provider: 'openai', model: 'gpt-4.1-mini' }] },
      resilience: { timeoutMs: 200, maxRetries: 0, breakerThreshold: 1000 },
      cache: { enabled: false },
    },
    localEngine: () => unreadable,
    providerFactory: () => provider,
    registry: new Registry(),
  });
}

describe('ModelRouter (in-memory provider)', () => {
  it('never returns a segment that does not pass verifySegment, whatever the model answers', async () => {
    const facets = catalog.facets.map((f) => f.name);
    const leaf = fc.record({
      kind: fc.constantFrom('attribute', 'purchase', 'event', 'rule', 'model', 'sql'),
      facet: fc.oneof(fc.constantFrom(...facets), fc.string()),
      op: fc.constantFrom('eq', 'in', 'gt', 'between', 'drop'),
      value: fc.oneof(fc.string(), fc.integer(), fc.constant("'; DROP TABLE customers; --")),
    });
    const answer = fc.oneof(
      fc.anything(),
      fc.record({
        segment: fc.record({
          version: fc.constantFrom(1, 2),
          where: fc.oneof(leaf, fc.record({ kind: fc.constant('and'), children: fc.array(leaf) })),
        }),
      }),
      fc.record({ question: fc.oneof(fc.string(), fc.integer()) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(answer, { minLength: 3, maxLength: 3 }), async (answers) => {
        let i = 0;
        const r = router(new ScriptedProvider(() => answers[i++ % answers.length]));
        const a = await r.answer('???', ctx);
        if (a.status === 'segment') expect(verifySegment(a.segment, ctx).ok).toBe(true);
        else expect(a.segment).toBeUndefined();
        if (a.status === 'clarify') expect(typeof a.question).toBe('string');
      }),
      { numRuns: 150 },
    );
  });

  it('a throwing provider never becomes an error to the user', async () => {
    const a = await router(new ScriptedProvider(() => new TypeError('socket hang up'))).answer('???', ctx);
    expect(a).toMatchObject({ status: 'refuse', answered_by: 'local' });
    expect(a.notes.join(' ')).toMatch(/unavailable/);
  });

  it('a throwing step listener never breaks an answer', async () => {
    const a = await router(new ScriptedProvider(() => ({ question: 'Which state?' }))).answer('???', ctx, () => {
      throw new Error('listener');
    });
    expect(a).toMatchObject({ status: 'clarify', question: 'Which state?' });
  });
});
