import { createHash } from 'node:crypto';
import Redis from 'ioredis';
import type { Counter } from 'prom-client';
import type { Segment } from '@smartseg/segment-engine';

/** What is cached: a model's answer that already passed the verifier (it is verified again on every hit). */
export interface CachedAnswer {
  provider: string;
  model: string;
  segment?: Segment;
  question?: string;
}

export interface CacheKeyParts {
  tenantId: string;
  model: string;
  promptVersion: string;
  normalizedRequest: string;
  catalogVersion: number;
  /** Everything else the prompt depended on (as-of date, pii permission, current segment). */
  context: string;
}

/** The key: a hash of (tenant, model, prompt version, normalized request, catalog version, context). A new catalog or prompt version is a new key. */
export function cacheKey(p: CacheKeyParts): string {
  const h = createHash('sha256')
    .update(JSON.stringify([p.tenantId, p.model, p.promptVersion, p.normalizedRequest, p.catalogVersion, p.context]))
    .digest('base64url');
  return `${p.tenantId}:${p.catalogVersion}:${p.promptVersion}:${h}`;
}

export interface AnswerCacheLayer {
  readonly name: string;
  get(key: string): Promise<CachedAnswer | undefined>;
  set(key: string, value: CachedAnswer, ttlSeconds: number): Promise<void>;
  close?(): Promise<void>;
}

/** In-process LRU with a TTL. */
export class LruAnswerCache implements AnswerCacheLayer {
  readonly name = 'llm_answer_lru';
  private readonly map = new Map<string, { value: CachedAnswer; expires: number }>();

  constructor(private readonly maxEntries = 5000) {}

  async get(key: string): Promise<CachedAnswer | undefined> {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    if (hit.expires < Date.now()) {
      this.map.delete(key);
      return undefined;
    }
    this.map.delete(key);
    this.map.set(key, hit);
    return hit.value;
  }

  async set(key: string, value: CachedAnswer, ttlSeconds: number): Promise<void> {
    this.map.delete(key);
    this.map.set(key, { value, expires: Date.now() + ttlSeconds * 1000 });
    while (this.map.size > this.maxEntries) this.map.delete(this.map.keys().next().value!);
  }

  get size(): number {
    return this.map.size;
  }
}

/** The subset of an ioredis client the cache uses (so tests can pass a fake). */
export interface RedisLike {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, mode: 'EX', seconds: number): Promise<unknown>;
  quit?(): Promise<unknown>;
}

/** Redis layer (ioredis), shared by replicas. Errors read as misses: a cache never fails a request. */
export class RedisAnswerCache implements AnswerCacheLayer {
  readonly name = 'llm_answer_redis';

  constructor(
    private readonly redis: RedisLike,
    private readonly prefix = 'smartseg:llm:',
  ) {}

  /** Connects lazily; connection errors are swallowed (the LRU layer keeps working). */
  static fromUrl(url: string, prefix?: string): RedisAnswerCache {
    const client = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: true,
      connectTimeout: 2000,
    });
    client.on('error', () => undefined);
    return new RedisAnswerCache(client as unknown as RedisLike, prefix);
  }

  async get(key: string): Promise<CachedAnswer | undefined> {
    try {
      const raw = await this.redis.get(this.prefix + key);
      return raw ? (JSON.parse(raw) as CachedAnswer) : undefined;
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: CachedAnswer, ttlSeconds: number): Promise<void> {
    try {
      await this.redis.set(this.prefix + key, JSON.stringify(value), 'EX', ttlSeconds);
    } catch {
      // a lost write only costs a future miss
    }
  }

  async close(): Promise<void> {
    await this.redis.quit?.().catch(() => undefined);
  }
}

/** Layers in order (LRU, then Redis); a lower-layer hit fills the layers above it. Hits and misses counted per layer. */
export class AnswerCache {
  constructor(
    private readonly layers: AnswerCacheLayer[],
    private readonly ttlSeconds: number,
    private readonly metrics?: { cacheHits: Counter<string>; cacheMisses: Counter<string> },
  ) {}

  async get(key: string): Promise<{ value: CachedAnswer; layer: string } | undefined> {
    for (let i = 0; i < this.layers.length; i++) {
      const layer = this.layers[i]!;
      const value = await layer.get(key);
      if (value) {
        this.metrics?.cacheHits.inc({ cache: layer.name });
        for (let j = 0; j < i; j++) await this.layers[j]!.set(key, value, this.ttlSeconds);
        return { value, layer: layer.name };
      }
      this.metrics?.cacheMisses.inc({ cache: layer.name });
    }
    return undefined;
  }

  async set(key: string, value: CachedAnswer): Promise<void> {
    for (const layer of this.layers) await layer.set(key, value, this.ttlSeconds);
  }

  async close(): Promise<void> {
    for (const layer of this.layers) await layer.close?.();
  }
}
