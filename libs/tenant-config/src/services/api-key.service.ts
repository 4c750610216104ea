import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ErrorCode, SmartsegError } from '@smartseg/common/server';
import { ROLES, type Role } from '@smartseg/common/server';
import { ApiKeyEntity } from '../entities/api-key.entity';
import { TenantEntity } from '../entities/tenant.entity';
import { AuditService } from './audit.service';
import { AuthCache, type AuthenticatedKey } from './auth-cache';
import { newId, nowIso } from './clock';

/** DI token for the server-side secret mixed into every key hash. */
export const API_KEY_PEPPER = Symbol('API_KEY_PEPPER');

export const API_KEY_PREFIX = 'ssk_';

/** What a key looks like to its tenant (never the key itself, never the hash). */
export interface ApiKeyView {
  id: string;
  tenantId: string;
  name: string;
  prefix: string;
  roles: Role[];
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
}

export function toApiKeyView(k: ApiKeyEntity): ApiKeyView {
  return {
    id: k.id,
    tenantId: k.tenantId,
    name: k.name,
    prefix: k.prefix,
    roles: [...k.roles],
    createdAt: k.createdAt,
    createdBy: k.createdBy,
    revokedAt: k.revokedAt,
  };
}

/** HMAC-SHA256 of the key with the pepper, hex. */
export function hashApiKey(key: string, pepper: string): string {
  return createHmac('sha256', pepper).update(key, 'utf8').digest('hex');
}

/** Constant-time string comparison (for the admin key). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHmac('sha256', 'cmp').update(a).digest();
  const hb = createHmac('sha256', 'cmp').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

/** API keys: created once and shown once, stored hashed, revocable. */
@Injectable()
export class ApiKeyService {
  constructor(
    @InjectRepository(ApiKeyEntity) private readonly repo: Repository<ApiKeyEntity>,
    @InjectRepository(TenantEntity) private readonly tenants: Repository<TenantEntity>,
    private readonly audit: AuditService,
    @Inject(API_KEY_PEPPER) private readonly pepper: string,
    private readonly cache: AuthCache,
  ) {
    if (!pepper || pepper.length < 16) throw new SmartsegError(ErrorCode.ConfigInvalid, 'API_KEY_PEPPER is not set');
  }

  /** Creates a key; the returned `key` is the only time the secret exists outside the caller. */
  async create(
    tenantId: string,
    input: { name: string; roles: Role[] },
    actor: string,
  ): Promise<{ key: string; record: ApiKeyView }> {
    if (!(await this.tenants.existsBy({ id: tenantId })))
      throw new SmartsegError(ErrorCode.NotFound, `No tenant '${tenantId}'`);
    const roles = [...new Set(input.roles)];
    const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
    if (roles.length === 0 || bad.length > 0) {
      throw new SmartsegError(ErrorCode.BadInput, `Roles must be a non-empty subset of ${ROLES.join(', ')}`, [
        { path: 'roles', message: bad.length ? `unknown role(s): ${bad.join(', ')}` : 'at least one role' },
      ]);
    }
    const key = `${API_KEY_PREFIX}${randomBytes(30).toString('base64url')}`;
    const entity = this.repo.create({
      id: newId(),
      tenantId,
      name: input.name,
      prefix: key.slice(0, 12),
      keyHash: hashApiKey(key, this.pepper),
      roles,
      createdAt: nowIso(),
      createdBy: actor,
      revokedAt: null,
    });
    await this.repo.save(entity);
    await this.audit.record(tenantId, {
      actor,
      action: 'key.create',
      entityType: 'api_key',
      entityId: entity.id,
      details: { name: entity.name, roles },
    });
    return { key, record: toApiKeyView(entity) };
  }

  async list(tenantId: string): Promise<ApiKeyView[]> {
    const rows = await this.repo.find({ where: { tenantId }, order: { createdAt: 'ASC' } });
    return rows.map(toApiKeyView);
  }

  async revoke(tenantId: string, keyId: string, actor: string): Promise<ApiKeyView> {
    const k = await this.repo.findOneBy({ tenantId, id: keyId });
    if (!k) throw new SmartsegError(ErrorCode.NotFound, `No key '${keyId}' for tenant '${tenantId}'`);
    if (!k.revokedAt) {
      k.revokedAt = nowIso();
      await this.repo.save(k);
      this.cache.dropKey(k.id);
      await this.audit.record(tenantId, { actor, action: 'key.revoke', entityType: 'api_key', entityId: k.id });
    }
    return toApiKeyView(k);
  }

  /**
   * The key's record and its tenant when the key is valid, live and its tenant active;
   * undefined otherwise (callers answer 401 without saying which check failed).
   * This lookup is by hash across tenants: it is how a request finds its tenant.
   * A valid key is kept in the AuthCache for a few seconds (revocation and tenant changes made
   * in this process drop it at once; see AuthCache for changes made by other processes).
   */
  async authenticate(key: string): Promise<AuthenticatedKey | undefined> {
    if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) return undefined;
    const keyHash = hashApiKey(key, this.pepper);
    const cached = this.cache.get(keyHash);
    if (cached) return cached;
    const generation = this.cache.begin();
    const k = await this.repo.findOneBy({ keyHash });
    if (!k || k.revokedAt) return undefined;
    const tenant = await this.tenants.findOneBy({ id: k.tenantId });
    if (!tenant || tenant.status !== 'active') return undefined;
    const found = { key: toApiKeyView(k), tenant };
    this.cache.set(keyHash, found, generation);
    return found;
  }
}
