import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TENANT_CONFIG_ENTITIES } from './entities';
import { API_KEY_PEPPER, ApiKeyService } from './services/api-key.service';
import { AuditService } from './services/audit.service';
import { AuthCache } from './services/auth-cache';
import { PromptVersionService } from './services/prompt-version.service';
import { TenantService } from './services/tenant.service';

/** Tenants, keys, roles, limits, prompt versions, audit. Needs a TypeORM root connection. */
@Module({})
export class TenantConfigModule {
  static forRoot(options: { pepper: string }): DynamicModule {
    return {
      module: TenantConfigModule,
      global: true,
      imports: [TypeOrmModule.forFeature(TENANT_CONFIG_ENTITIES)],
      providers: [
        { provide: API_KEY_PEPPER, useValue: options.pepper },
        AuditService,
        AuthCache,
        TenantService,
        ApiKeyService,
        PromptVersionService,
      ],
      exports: [AuditService, AuthCache, TenantService, ApiKeyService, PromptVersionService],
    };
  }
}
