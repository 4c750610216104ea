import { Global, Logger, Module } from '@nestjs/common';
import { getToken } from '@willsoto/nestjs-prometheus';
import type { Counter, Histogram } from 'prom-client';
import { DataSource } from 'typeorm';
import { AppConfig } from '@smartseg/common/server';
import { DatabaseSpendStore, ModelRouter, ModelRouterModule } from '@smartseg/model-router';
import { TenantService } from '@smartseg/tenant-config';
import { METRIC } from '../metrics/metrics.module';
import { embeddingRankerFromConfig } from './embedding-ranker.factory';
import { AudiencePort, SegmentCompiler, SegmentExplainer, SegmentVerifier, Understander } from './engine.ports';
import { modelRouterOptions, RoutedUnderstander } from './routed-understander';
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
 * libs/warehouse (AudienceService). The router reads each tenant's stored `settings.model`
 * (TenantService; the admin controller invalidates its copy on update) and keeps monthly spend in
 * the state database (`llm_spend`), so budgets hold across replicas and restarts.
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
        DataSource,
        TenantService,
      ],
      useFactory: async (
        config: AppConfig,
        tokens: Counter<string>,
        cost: Counter<string>,
        latency: Histogram<string>,
        cacheHits: Counter<string>,
        cacheMisses: Counter<string>,
        dataSource: DataSource,
        tenants: TenantService,
      ) => {
        // embeddings from configured paths, or lexical-only: either way one line at start says which
        const ranker = await embeddingRankerFromConfig(config, (line) => new Logger('Embeddings').log(line));
        // one engine LRU per app: the router's local step (one UnderstandingEngine per tenant catalog)
        return modelRouterOptions(
          config,
          { tokens, cost, latency, cacheHits, cacheMisses },
          new UnderstandingEngines(ranker),
          {
            tenantSettings: async (tenantId) => (await tenants.find(tenantId))?.settings.model,
            spendStore: DatabaseSpendStore.fromDataSource(dataSource),
          },
        );
      },
    }),
  ],
  providers: [
    { provide: SegmentVerifier, useClass: SegmentEngineVerifier },
    { provide: SegmentExplainer, useClass: SegmentEngineExplainer },
    { provide: SegmentCompiler, useClass: SegmentEngineCompiler },
    {
      provide: Understander,
      inject: [ModelRouter],
      useFactory: (router: ModelRouter) => new RoutedUnderstander(router),
    },
    { provide: AudiencePort, inject: [SegmentCompiler], useFactory: (c: SegmentCompiler) => new WarehouseAudience(c) },
  ],
  exports: [SegmentVerifier, SegmentExplainer, SegmentCompiler, Understander, AudiencePort],
})
export class EngineModule {}
