import { Module, type DynamicModule } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueModule } from '@smartseg/queue';
import { SkillRegistryModule } from '@smartseg/skill-registry';
import { TenantConfigModule } from '@smartseg/tenant-config';
import { AppConfig, AppConfigModule } from '@smartseg/common/server';
import { TenancyModule } from '@smartseg/common/server';
import { AudienceFacade } from './audience/audience.facade';
import { RequestTenant } from './auth/request-tenant';
import { CatalogService } from './catalog/catalog.service';
import { ConversationRepository } from './conversations/conversation.repository';
import { ConversationService } from './conversations/conversation.service';
import { dataSourceOptions } from './database/data-source-options';
import { API_ENTITIES } from './database/entities';
import { EngineModule } from './engine/engine.module';
import { FeedbackService } from './feedback/feedback.controller';
import { ExportIdsJob } from './jobs/export-ids.job';
import { MetricsModule } from './metrics/metrics.module';
import { SegmentRepository } from './segments/segment.repository';
import { SegmentsService } from './segments/segments.service';
import { TenantWarehouses } from './warehouse/tenant-warehouses.service';

export interface CoreOptions {
  role: 'api' | 'worker';
  /** skills/ folder (default: the repository's). */
  skillsDir?: string;
}

const SERVICES = [
  RequestTenant,
  TenantWarehouses,
  CatalogService,
  AudienceFacade,
  SegmentRepository,
  SegmentsService,
  ConversationRepository,
  ConversationService,
  FeedbackService,
  ExportIdsJob,
];

/**
 * Everything but HTTP: config, tenant context, database (migrations at boot), tenant-config,
 * queue, skills, engine ports, catalogs, warehouses, segments, conversations, job handlers.
 * apps/api adds controllers and guards; apps/worker consumes jobs with the same modules.
 */
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, options: CoreOptions): DynamicModule {
    if (!config.API_KEY_PEPPER)
      throw new Error('API_KEY_PEPPER must be resolved before the modules are built (see resolveSecrets)');
    return {
      module: CoreModule,
      global: true,
      imports: [
        AppConfigModule.forRoot(config),
        TenancyModule,
        TypeOrmModule.forRoot(dataSourceOptions(config)),
        TypeOrmModule.forFeature(API_ENTITIES),
        TenantConfigModule.forRoot({ pepper: config.API_KEY_PEPPER }),
        QueueModule.forRoot({ ...(config.REDIS_URL ? { redisUrl: config.REDIS_URL } : {}), role: options.role }),
        SkillRegistryModule.forRoot(options.skillsDir ? { dir: options.skillsDir } : {}),
        EngineModule,
        MetricsModule,
      ],
      providers: SERVICES,
      exports: [...SERVICES, TypeOrmModule],
    };
  }
}

/** Redis storage for the rate limiter when REDIS_URL is set (in-memory otherwise). */
export function throttlerStorage(config: AppConfig): ThrottlerStorageRedisService | undefined {
  return config.REDIS_URL ? new ThrottlerStorageRedisService(config.REDIS_URL) : undefined;
}
