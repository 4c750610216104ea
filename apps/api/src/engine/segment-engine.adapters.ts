import type { Catalog, Segment } from '@smartseg/segment-engine';
import { compileSegment, DIALECTS, explainSegment, verifySegment } from '@smartseg/segment-engine';
import { UnderstandingEngine, type EmbeddingRanker } from '@smartseg/understanding';
import { AudienceService } from '@smartseg/warehouse';
import { pageIds } from './id-pager';
import {
  AudiencePort,
  SegmentCompiler,
  type AudienceContext,
  type BreakdownRow,
  type CompiledSql,
  type SqlDialect,
  type WaterfallStep,
  type WhyResult,
  SegmentExplainer,
  SegmentVerifier,
  type VerifyContext,
  type VerifyResult,
} from './engine.ports';

/** libs/segment-engine's verifier (every path's one verifier). */
export class SegmentEngineVerifier extends SegmentVerifier {
  verify(segment: unknown, context: VerifyContext): VerifyResult {
    return verifySegment(segment, context);
  }
}

/** libs/segment-engine's explainer. */
export class SegmentEngineExplainer extends SegmentExplainer {
  explain(segment: Segment, catalog: Catalog): string {
    return explainSegment(segment, catalog).text;
  }
}

const MAX_ENGINES = 64;

/**
 * libs/understanding's engines, one per tenant catalog version (an engine's lexicon is built
 * once per catalog), kept in a small LRU, used by the model router's local tier.
 */
export class UnderstandingEngines {
  private readonly engines = new Map<string, UnderstandingEngine>();

  /** With a ranker (embeddings configured), refusals name the facets nearest in meaning too. */
  constructor(private readonly embeddings?: EmbeddingRanker) {}

  get(tenantId: string, catalog: Catalog): UnderstandingEngine {
    const key = `${tenantId}@${catalog.version}@${catalog.as_of}@${catalog.facets.length}`;
    let engine = this.engines.get(key);
    if (engine && engine.catalog === catalog) {
      this.engines.delete(key);
      this.engines.set(key, engine);
      return engine;
    }
    engine = new UnderstandingEngine(catalog, this.embeddings ? { embeddings: this.embeddings } : {});
    this.engines.set(key, engine);
    if (this.engines.size > MAX_ENGINES) this.engines.delete(this.engines.keys().next().value!);
    return engine;
  }
}

/** libs/segment-engine's compiler: every condition kind, six dialects. */
export class SegmentEngineCompiler extends SegmentCompiler {
  readonly dialects: readonly SqlDialect[] = DIALECTS;

  compile(
    segment: Segment,
    options: { dialect: SqlDialect; catalog: Catalog; select: 'count' | 'ids'; asOf?: string },
  ): CompiledSql {
    return compileSegment(segment, options);
  }
}

/**
 * libs/warehouse's AudienceService for count, breakdown, waterfall and why (its semantics and
 * labels), mapped to the API's shapes; ids stream in pages through the compiled `ids` statement
 * (exports may be millions of rows).
 */
const COUNT_TTL_MS = 60_000;
const COUNT_CACHE_ENTRIES = 2_000;

export class WarehouseAudience extends AudiencePort {
  constructor(private readonly compiler: SegmentCompiler) {
    super();
  }

  private service(ctx: AudienceContext): AudienceService {
    return new AudienceService(ctx.connection, ctx.catalog);
  }

  /**
   * Counts are kept per warehouse connection (a changed DuckDB file is a new connection) for a
   * minute: a conversation, the page and the bench ask the same size again and again.
   */
  private readonly counts = new WeakMap<object, Map<string, { n: number; at: number }>>();

  async count(ctx: AudienceContext, segment: Segment): Promise<number> {
    let cache = this.counts.get(ctx.connection);
    if (!cache) this.counts.set(ctx.connection, (cache = new Map()));
    const key = `${ctx.catalog.version}|${ctx.asOf ?? ''}|${JSON.stringify(segment.where)}`;
    const hit = cache.get(key);
    const now = Date.now();
    if (hit && now - hit.at < COUNT_TTL_MS) {
      cache.delete(key);
      cache.set(key, hit); // most recently used last
      return hit.n;
    }
    const n = await this.service(ctx).count(segment, { asOf: ctx.asOf });
    cache.set(key, { n, at: now });
    if (cache.size > COUNT_CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    return n;
  }

  ids(
    ctx: AudienceContext,
    segment: Segment,
    options?: { limit?: number; fields?: string[] },
  ): AsyncIterable<Record<string, unknown>> {
    const compiled = this.compiler.compile(segment, {
      dialect: ctx.connection.dialect,
      catalog: ctx.catalog,
      select: 'ids',
      asOf: ctx.asOf,
    });
    return pageIds(ctx, compiled, options);
  }

  async breakdown(ctx: AudienceContext, segment: Segment, facet: string, limit = 50): Promise<BreakdownRow[]> {
    // PII was checked by the caller (AudienceFacade) with the key's roles.
    const b = await this.service(ctx).breakdown(segment, facet, { asOf: ctx.asOf, permissions: { pii: true } });
    return b.buckets.slice(0, limit).map((x) => ({ value: x.key, label: x.label, count: x.count }));
  }

  waterfall(ctx: AudienceContext, segment: Segment): Promise<WaterfallStep[]> {
    return this.service(ctx).waterfall(segment, { asOf: ctx.asOf });
  }

  async why(ctx: AudienceContext, segment: Segment, customerId: number): Promise<WhyResult> {
    const [exists] = await ctx.connection.query('SELECT COUNT(*) AS n FROM customers WHERE customer_id = $1', [
      customerId,
    ]);
    const known = Number(exists?.['n'] ?? 0) > 0;
    // An id this tenant's warehouse does not hold is simply out (AudienceService answers 404).
    if (!known) return { customer_id: customerId, known, in_segment: false, conditions: [] };
    const w = await this.service(ctx).why(segment, customerId, { asOf: ctx.asOf });
    return {
      customer_id: customerId,
      known,
      in_segment: w.matches,
      conditions: w.conditions.map((c) => ({ path: c.path, label: c.label, matched: c.holds })),
    };
  }
}
