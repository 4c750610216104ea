export * from './tenant.entity';
export * from './api-key.entity';
export * from './prompt-version.entity';
export * from './audit-entry.entity';

import { ApiKeyEntity } from './api-key.entity';
import { AuditEntryEntity } from './audit-entry.entity';
import { PromptVersionEntity } from './prompt-version.entity';
import { TenantEntity } from './tenant.entity';

export const TENANT_CONFIG_ENTITIES = [TenantEntity, ApiKeyEntity, PromptVersionEntity, AuditEntryEntity];
