import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { TenantContext } from '@smartseg/common/server';
import { TenantService, type TenantEntity } from '@smartseg/tenant-config';

const TENANT_ROW_KEY = 'smartseg.api.tenantRow';

/**
 * The current tenant's row (its settings) for this request. The AccessGuard keeps the row it
 * authenticated the key against, so a request does not read its tenant again; anywhere else
 * (jobs, boot tasks) the row is read.
 */
@Injectable()
export class RequestTenant {
  constructor(
    private readonly cls: ClsService,
    private readonly context: TenantContext,
    private readonly tenants: TenantService,
  ) {}

  /** Called by the AccessGuard once the key and its tenant are known. */
  remember(row: TenantEntity): void {
    if (this.cls.isActive()) this.cls.set(TENANT_ROW_KEY, row);
  }

  async row(): Promise<TenantEntity> {
    const tenantId = this.context.tenantId;
    const kept = this.cls.isActive() ? this.cls.get<TenantEntity | undefined>(TENANT_ROW_KEY) : undefined;
    return kept && kept.id === tenantId ? kept : this.tenants.get(tenantId);
  }
}
