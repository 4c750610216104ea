import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ErrorCode, SmartsegError } from '@smartseg/common/server';
import { TenantEntity, type TenantSettings } from '../entities/tenant.entity';
import { AuditService } from './audit.service';
import { AuthCache } from './auth-cache';
import { TENANT_ID_PATTERN, nowIso } from './clock';

export const PLATFORM_AUDIT_TENANT = '_admin';

/** Tenants: create, configure, disable. Platform-level (admin) operations. */
@Injectable()
export class TenantService {
  constructor(
    @InjectRepository(TenantEntity) private readonly repo: Repository<TenantEntity>,
    private readonly audit: AuditService,
    private readonly authCache: AuthCache,
  ) {}

  async create(input: { id: string; name: string; settings?: TenantSettings }, actor: string): Promise<TenantEntity> {
    if (!TENANT_ID_PATTERN.test(input.id)) {
      throw new SmartsegError(ErrorCode.BadInput, 'Tenant id must be 2-64 characters of a-z, 0-9, - and _', [
        { path: 'id', message: 'must match ^[a-z0-9][a-z0-9_-]{1,63}$' },
      ]);
    }
    if (await this.repo.existsBy({ id: input.id })) {
      throw new SmartsegError(ErrorCode.Conflict, `Tenant '${input.id}' already exists`);
    }
    const now = nowIso();
    const tenant = await this.repo.save(
      this.repo.create({
        id: input.id,
        name: input.name,
        status: 'active',
        settings: input.settings ?? {},
        createdAt: now,
        updatedAt: now,
      }),
    );
    await this.audit.record(tenant.id, {
      actor,
      action: 'tenant.create',
      entityType: 'tenant',
      entityId: tenant.id,
      details: { name: tenant.name },
    });
    return tenant;
  }

  async find(tenantId: string): Promise<TenantEntity | null> {
    return this.repo.findOneBy({ id: tenantId });
  }

  async get(tenantId: string): Promise<TenantEntity> {
    const t = await this.find(tenantId);
    if (!t) throw new SmartsegError(ErrorCode.NotFound, `No tenant '${tenantId}'`);
    return t;
  }

  async list(): Promise<TenantEntity[]> {
    return this.repo.find({ order: { id: 'ASC' } });
  }

  /** Merges `patch` into the settings (a key set to null is removed) and/or renames. */
  async configure(
    tenantId: string,
    patch: { name?: string; settings?: Partial<Record<keyof TenantSettings, unknown>> },
    actor: string,
  ): Promise<TenantEntity> {
    const t = await this.get(tenantId);
    if (patch.name !== undefined) t.name = patch.name;
    if (patch.settings) {
      const next: Record<string, unknown> = { ...t.settings };
      for (const [k, v] of Object.entries(patch.settings)) {
        if (v === null) delete next[k];
        else if (v !== undefined) next[k] = v;
      }
      t.settings = next as TenantSettings;
    }
    t.updatedAt = nowIso();
    const saved = await this.repo.save(t);
    // Requests carry the tenant row they authenticated with (settings: limits, restricted facets).
    this.authCache.dropTenant(tenantId);
    await this.audit.record(tenantId, {
      actor,
      action: 'tenant.configure',
      entityType: 'tenant',
      entityId: tenantId,
      details: redactSecrets({ ...patch }) as Record<string, unknown>,
    });
    return saved;
  }

  async setStatus(tenantId: string, status: 'active' | 'disabled', actor: string): Promise<TenantEntity> {
    const t = await this.get(tenantId);
    t.status = status;
    t.updatedAt = nowIso();
    const saved = await this.repo.save(t);
    this.authCache.dropTenant(tenantId);
    await this.audit.record(tenantId, {
      actor,
      action: status === 'disabled' ? 'tenant.disable' : 'tenant.enable',
      entityType: 'tenant',
      entityId: tenantId,
    });
    return saved;
  }
}

/** Keys whose values are secrets: never written to the audit trail. */
const SECRET_KEY = /^(api_?key|password|secret|token|url|connection_?string|dsn)$/i;

/**
 * A copy of `value` with secrets replaced by "[redacted]" (provider keys, warehouse URLs with their
 * passwords), so the audit trail records that a setting changed, never the secret itself.
 */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) && typeof v === 'string' ? '[redacted]' : redactSecrets(v),
      ]),
    );
  }
  return value;
}
