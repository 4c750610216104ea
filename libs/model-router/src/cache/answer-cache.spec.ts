import { Registry } from 'prom-client';
import { routerMetrics } from '../metrics/router-metrics';
import { AnswerCache, LruAnswerCache, RedisAnswerCache, cacheKey, type RedisLike } from './answer-cache';

const parts = {
  tenantId: 't',
  model: 'gemini:m',
  promptVersion: 'plan-v1',
  normalizedRequest: 'texans',
  catalogVersion: 3,
  context: '[]',
};

describe('answer cache', () => {
  it('keys change with model, prompt version, request, catalog version and tenant', () => {
    const k = cacheKey(parts);
    for (const change of [
      { model: 'openai:m' },
      { promptVersion: 'plan-v2' },
      { normalizedRequest: 'ohioans' },
      { catalogVersion: 4 },
      { tenantId: 'u' },
    ]) {
      expect(cacheKey({ ...parts, ...change })).not.toBe(k);
    }
    expect(cacheKey({ ...parts })).toBe(k);
  });

  it('LRU evicts the least recently used entry and honours the TTL', async () => {
    const lru = new LruAnswerCache(2);
    await lru.set('a', { provider: 'p', model: 'm', question: 'a' }, 60);
    await lru.set('b', { provider: 'p', model: 'm', question: 'b' }, 60);
    await lru.get('a');
    await lru.set('c', { provider: 'p', model: 'm', question: 'c' }, 60);
    expect(await lru.get('b')).toBeUndefined();
    expect(await lru.get('a')).toBeDefined();
    await lru.set('old', { provider: 'p', model: 'm', question: 'x' }, -1);
    expect(await lru.get('old')).toBeUndefined();
  });

  it('layers: a Redis hit fills the LRU; hits and misses are counted per layer; Redis errors are misses', async () => {
    const store = new Map<string, string>();
    let broken = false;
    const redis: RedisLike = {
      get: async (k) => {
        if (broken) throw new Error('down');
        return store.get(k) ?? null;
      },
      set: async (k, v) => store.set(k, v),
    };
    const m = routerMetrics({ registry: new Registry() });
    const lru = new LruAnswerCache(10);
    const cache = new AnswerCache([lru, new RedisAnswerCache(redis, 'x:')], 60, m);
    store.set('x:k', JSON.stringify({ provider: 'p', model: 'm', question: 'q' }));
    expect(await cache.get('k')).toMatchObject({ layer: 'llm_answer_redis' });
    expect(await cache.get('k')).toMatchObject({ layer: 'llm_answer_lru' });
    broken = true;
    expect(await cache.get('other')).toBeUndefined();
    const hits = (await m.cacheHits.get()).values;
    const misses = (await m.cacheMisses.get()).values;
    expect(hits.map((v) => [v.labels.cache, v.value])).toEqual(
      expect.arrayContaining([
        ['llm_answer_redis', 1],
        ['llm_answer_lru', 1],
      ]),
    );
    expect(misses.map((v) => [v.labels.cache, v.value])).toEqual(
      expect.arrayContaining([
        ['llm_answer_lru', 2],
        ['llm_answer_redis', 1],
      ]),
    );
  });
});
