import { Module, ValidationPipe, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import type { AppConfig } from '@smartseg/common/server';
import { SmartsegExceptionFilter, validationExceptionFactory } from '@smartseg/common/server';
import { AdminController } from './admin/admin.controller';
import { AudienceController } from './audience/audience.controller';
import { AccessEnforcer, AccessGuard } from './auth/access.guard';
import { MeController } from './auth/me.controller';
import { TenantThrottlerGuard, throttlerModuleOptions } from './auth/tenant-throttler.guard';
import { CatalogController } from './catalog/catalog.controller';
import { ConversationsController } from './conversations/conversations.controller';
import { CoreModule, throttlerStorage, type CoreOptions } from './core.module';
import { DemoSeed } from './demo-seed';
import { FeedbackController } from './feedback/feedback.controller';
import { HealthController, RedisHealth, WarehouseHealth } from './health/health.controller';
import { SegmentsController } from './segments/segments.controller';
import { WebModule } from './web/web.module';

/** The HTTP API: controllers; guards in order AccessGuard, throttler, AccessEnforcer; one error filter; validation. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: Omit<CoreOptions, 'role'> = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, { ...options, role: 'api' }),
        TerminusModule.forRoot({ logger: false }),
        ThrottlerModule.forRoot(throttlerModuleOptions(config, throttlerStorage(config))),
        WebModule,
      ],
      controllers: [
        ConversationsController,
        AudienceController,
        SegmentsController,
        CatalogController,
        FeedbackController,
        MeController,
        AdminController,
        HealthController,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_GUARD, useClass: TenantThrottlerGuard },
        { provide: APP_GUARD, useClass: AccessEnforcer },
        { provide: APP_FILTER, useClass: SmartsegExceptionFilter },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({
            whitelist: true,
            forbidNonWhitelisted: true,
            transform: true,
            exceptionFactory: (errors) => validationExceptionFactory(errors),
          }),
        },
        WarehouseHealth,
        RedisHealth,
        DemoSeed,
      ],
    };
  }
}
