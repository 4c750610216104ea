import { LlmProviderError, parseJsonAnswer, toProviderError } from './llm-provider.port';

describe('provider port helpers', () => {
  it('reads JSON from bare, fenced or wrapped text; undefined for prose', () => {
    expect(parseJsonAnswer('{"a":1}')).toEqual({ a: 1 });
    expect(parseJsonAnswer('Sure!\n```json\n{"a":2}\n```')).toEqual({ a: 2 });
    expect(parseJsonAnswer('Here: {"a":3} done')).toEqual({ a: 3 });
    expect(parseJsonAnswer('SELECT * FROM customers')).toBeUndefined();
    expect(parseJsonAnswer('{"a":')).toBeUndefined();
  });

  it('only 429 and 5xx are retryable; messages never carry keys', () => {
    expect(new LlmProviderError('x', 429, 'p').retryable).toBe(true);
    expect(new LlmProviderError('x', 503, 'p').retryable).toBe(true);
    expect(new LlmProviderError('x', 400, 'p').retryable).toBe(false);
    expect(new LlmProviderError('x', undefined, 'p', 'timeout').retryable).toBe(false);
    const e = toProviderError('p', new Error('bad apikey=sk-123 sent'));
    expect(e.message).not.toContain('sk-123');
    expect(toProviderError('p', Object.assign(new Error('rate'), { status: 429 })).status).toBe(429);
  });
});
