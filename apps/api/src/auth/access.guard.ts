import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode, SmartsegError } from '@smartseg/common/server';
import { ApiKeyService, safeEqual } from '@smartseg/tenant-config';
import { AppConfig } from '@smartseg/common/server';
import { hasRole, TenantContext } from '@smartseg/common/server';
import { ACCESS_KEY, type AccessRule } from './access.decorator';
import { CALLER, credentialOf, type RequestCaller } from './credentials';
import { RequestTenant } from './request-tenant';

type Req = { headers: Record<string, string | string[] | undefined>; [CALLER]?: RequestCaller };

const DENIALS: ReadonlySet<ErrorCode> = new Set([
  ErrorCode.Unauthorized,
  ErrorCode.Forbidden,
  ErrorCode.PiiNotPermitted,
]);

/**
 * The first global guard. Reads the route's @Access rule (none: refused at once), authenticates
 * the key, and for tenant routes puts the tenant and roles into the tenant context (nestjs-cls).
 * A refusal (401/403) is recorded on the request and thrown by AccessEnforcer after the
 * throttler has counted the call, so guessing keys is rate-limited like any anonymous traffic.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('AccessGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
    private readonly keys: ApiKeyService,
    private readonly tenant: TenantContext,
    private readonly requestTenant: RequestTenant,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) {
      this.logger.error(
        `Route ${context.getClass().name}.${context.getHandler().name} declares no @Access rule; refused`,
      );
      throw new SmartsegError(ErrorCode.Forbidden, 'This route is not available');
    }
    const req = context.switchToHttp().getRequest<Req>();
    try {
      await this.identify(rule, req);
    } catch (e) {
      if (!(e instanceof SmartsegError) || !DENIALS.has(e.code)) throw e;
      req[CALLER] = { ...(req[CALLER] ?? { kind: 'anonymous' }), denial: e };
    }
    return true;
  }

  private async identify(rule: AccessRule, req: Req): Promise<void> {
    if (rule.kind === 'public') {
      req[CALLER] = { kind: 'public' };
      return;
    }
    const key = credentialOf(req.headers);
    if (!key)
      throw new SmartsegError(
        ErrorCode.Unauthorized,
        'An API key is required (x-api-key header or Authorization: Bearer)',
      );
    if (rule.kind === 'admin') {
      if (!this.config.ADMIN_API_KEY || !safeEqual(key, this.config.ADMIN_API_KEY)) {
        throw new SmartsegError(ErrorCode.Unauthorized, 'Invalid admin key');
      }
      req[CALLER] = { kind: 'admin' };
      return;
    }
    const found = await this.keys.authenticate(key);
    if (!found) throw new SmartsegError(ErrorCode.Unauthorized, 'Invalid, revoked or disabled API key');
    const roles = found.key.roles;
    this.tenant.set({ tenantId: found.tenant.id, actorId: found.key.id, roles });
    this.requestTenant.remember(found.tenant);
    req[CALLER] = {
      kind: 'tenant',
      tenantId: found.tenant.id,
      keyId: found.key.id,
      limits: found.tenant.settings.rateLimit ?? {},
    };
    const missing = rule.roles.filter((r) => !hasRole(roles, r));
    if (missing.length > 0) {
      throw new SmartsegError(
        missing.includes('pii') ? ErrorCode.PiiNotPermitted : ErrorCode.Forbidden,
        `This key lacks the role(s): ${missing.join(', ')}`,
        {
          required: rule.roles,
          held: roles,
        },
      );
    }
  }
}

/** The third global guard (after the throttler): answers with the refusal AccessGuard recorded. */
@Injectable()
export class AccessEnforcer implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const caller = context.switchToHttp().getRequest<Req>()[CALLER];
    if (!caller) throw new SmartsegError(ErrorCode.Forbidden, 'This route is not available');
    if (caller.denial) throw caller.denial;
    return true;
  }
}
