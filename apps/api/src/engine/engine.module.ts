import { Global, Module } from '@nestjs/common';
import { getToken } from '@willsoto/nestjs-prometheus';
import type { Counter, Histogram } from 'prom-client';
import { AppConfig } from '@smartseg/common/server';
import { ModelRouter, ModelRouterModule } from '@smartseg/model-router';
import { METRIC } from '../metrics/metrics.module';
import { AudiencePort, SegmentCompiler, SegmentExplainer, SegmentVerifier, Understander } from './engine.ports';
import { modelRouterOptions, modelsConfigured, RoutedUnderstander } from './routed-understander';
import {
  SegmentEngineCompiler,
  SegmentEngineExplainer,
  SegmentEngineVerifier,
  UnderstandingEngines,
  WarehouseAudience,
} from './segment-engine.adapters';

/**
 * The engine rooms behind ports. Each provider is the one line to change when a room's export
 * changes: libs/segment-engine (verifySegment, explainSegment, compileSegment),
 * libs/understanding (UnderstandingEngine) behind libs/model-router (ModelRouter),
 * libs/warehouse (AudienceService).
 */
@Global()
@Module({
  imports: [
    ModelRouterModule.forRootAsync({
      inject: [
        AppConfig,
        getToken(METRIC.llmTokens),
        getToken(METRIC.llmCost),
        getToken(METRIC.llmLatency),
        getToken(METRIC.cacheHits),
        getToken(METRIC.cacheMisses),
      ],
      useFactory: (
        config: AppConfig,
        tokens: Counter<string>,
        cost: Counter<string>,
        latency: Histogram<string>,
        cacheHits: Counter<string>,
        cacheMisses: Counter<string>,
      ) =>
        // one engine LRU per app: the router's local step (one UnderstandingEngine per tenant catalog)
        modelRouterOptions(config, { tokens, cost, latency, cacheHits, cacheMisses }, new UnderstandingEngines()),
    }),
  ],
  providers: [
    { provide: SegmentVerifier, useClass: SegmentEngineVerifier },
    { provide: SegmentExplainer, useClass: SegmentEngineExplainer },
    { provide: SegmentCompiler, useClass: SegmentEngineCompiler },
    {
      provide: Understander,
      inject: [ModelRouter, AppConfig],
      useFactory: (router: ModelRouter, config: AppConfig) => new RoutedUnderstander(router, modelsConfigured(config)),
    },
    { provide: AudiencePort, inject: [SegmentCompiler], useFactory: (c: SegmentCompiler) => new WarehouseAudience(c) },
  ],
  exports: [SegmentVerifier, SegmentExplainer, SegmentCompiler, Understander, AudiencePort],
})
export class EngineModule {}
