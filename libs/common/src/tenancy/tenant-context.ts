import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { ErrorCode } from '../errors/error-code.enum';
import { SmartsegError } from '../errors/smartseg.error';

/** Roles a tenant API key may hold. admin > editor > viewer; pii is orthogonal (may see personal data). */
export const ROLES = ['admin', 'editor', 'viewer', 'pii'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, set once per request by the auth guard (or per job by the queue). */
export interface TenantPrincipal {
  tenantId: string;
  /** The API key's id (never the key); 'system' for jobs and boot tasks. */
  actorId: string;
  roles: readonly Role[];
}

export const TENANT_PRINCIPAL_KEY = 'smartseg.tenant';

const RANK: Record<Exclude<Role, 'pii'>, number> = { viewer: 1, editor: 2, admin: 3 };

/** True when `held` satisfies `required`: the ranked roles imply the lower ones, pii must be held itself. */
export function hasRole(held: readonly Role[], required: Role): boolean {
  if (required === 'pii') return held.includes('pii');
  const best = Math.max(0, ...held.filter((r): r is Exclude<Role, 'pii'> => r !== 'pii').map((r) => RANK[r]));
  return best >= RANK[required];
}

/**
 * The current request's tenant, read from nestjs-cls. Every accessor THROWS when no tenant was
 * set: code that needs a tenant can never run silently unscoped.
 */
@Injectable()
export class TenantContext {
  constructor(private readonly cls: ClsService) {}

  /** Sets the principal for the current CLS context (auth guard, job runner). */
  set(principal: TenantPrincipal): void {
    this.cls.set(TENANT_PRINCIPAL_KEY, Object.freeze({ ...principal, roles: Object.freeze([...principal.roles]) }));
  }

  get principal(): TenantPrincipal {
    const p = this.cls.isActive() ? this.cls.get<TenantPrincipal | undefined>(TENANT_PRINCIPAL_KEY) : undefined;
    if (!p) {
      throw new SmartsegError(
        ErrorCode.Internal,
        'No tenant in context: this code path must run inside an authenticated request or a tenant job',
      );
    }
    return p;
  }

  /** The principal, or undefined outside a tenant request (for logging and metrics only). */
  peek(): TenantPrincipal | undefined {
    return this.cls.isActive() ? this.cls.get<TenantPrincipal | undefined>(TENANT_PRINCIPAL_KEY) : undefined;
  }

  get tenantId(): string {
    return this.principal.tenantId;
  }

  get actorId(): string {
    return this.principal.actorId;
  }

  get roles(): readonly Role[] {
    return this.principal.roles;
  }

  has(role: Role): boolean {
    return hasRole(this.principal.roles, role);
  }

  /** Whether the caller may see personal data (the 'pii' role). */
  get canSeePii(): boolean {
    return this.has('pii');
  }

  /** Runs `fn` in a fresh CLS context scoped to `principal` (jobs, boot tasks, tests). */
  run<T>(principal: TenantPrincipal, fn: () => T): T {
    return this.cls.run({ ifNested: 'override' }, () => {
      this.set(principal);
      return fn();
    });
  }
}
