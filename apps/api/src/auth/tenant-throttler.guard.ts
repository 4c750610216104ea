import { createHash } from 'node:crypto';
import { Injectable, type ExecutionContext } from '@nestjs/common';
import {
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { ErrorCode, SmartsegError } from '@smartseg/common/server';
import type { AppConfig } from '@smartseg/common/server';
import { CALLER, type RequestCaller } from './credentials';

type Req = { ip?: string; [CALLER]?: RequestCaller };

const callerOf = (ctx: ExecutionContext): RequestCaller | undefined => ctx.switchToHttp().getRequest<Req>()[CALLER];
/** An authenticated tenant key (a refused one is counted as anonymous traffic, by IP). */
/** An authenticated tenant key (a call with a wrong key is anonymous traffic, counted by IP). */
const isTenant = (ctx: ExecutionContext) => callerOf(ctx)?.kind === 'tenant';

/**
 * Three limits: per API key and per tenant (tenant routes; a tenant's settings override the
 * defaults), and per IP address for everything else, including calls with a wrong key. Runs
 * after AccessGuard and before AccessEnforcer.
 */
export function throttlers(config: AppConfig): ThrottlerOptions[] {
  const ttl = config.RATE_LIMIT_TTL_SECONDS * 1000;
  return [
    {
      name: 'key',
      ttl,
      limit: (ctx) => callerOf(ctx)?.limits?.perKey ?? config.RATE_LIMIT_PER_KEY,
      skipIf: (ctx) => !isTenant(ctx),
      getTracker: (req) => `key:${(req as Req)[CALLER]?.keyId}`,
    },
    {
      name: 'tenant',
      ttl,
      limit: (ctx) => callerOf(ctx)?.limits?.perTenant ?? config.RATE_LIMIT_PER_TENANT,
      skipIf: (ctx) => !isTenant(ctx),
      getTracker: (req) => `tenant:${(req as Req)[CALLER]?.tenantId}`,
    },
    {
      name: 'anonymous',
      ttl,
      limit: config.RATE_LIMIT_ANONYMOUS,
      skipIf: (ctx) =>
        isTenant(ctx) || ctx.switchToHttp().getRequest<{ url?: string }>().url?.startsWith('/health') === true,
      getTracker: (req) => `ip:${(req as Req).ip ?? 'unknown'}`,
    },
  ];
}

export function throttlerModuleOptions(config: AppConfig, storage?: ThrottlerStorage): ThrottlerModuleOptions {
  return { throttlers: throttlers(config), ...(storage ? { storage } : {}) };
}

@Injectable()
export class TenantThrottlerGuard extends ThrottlerGuard {
  /** One counter per throttler and tracker across all routes (the default keys per route). */
  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return createHash('sha256').update(`${name}:${tracker}`).digest('hex');
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const scope = detail.key && detail.tracker.split(':')[0];
    throw new SmartsegError(
      ErrorCode.RateLimited,
      `Rate limit exceeded (${detail.limit} requests per ${Math.round(detail.ttl / 1000)} s for this ${scope === 'ip' ? 'address' : scope}); retry later`,
      {
        retryAfterSeconds: detail.timeToBlockExpire,
        limit: detail.limit,
        scope,
      },
    );
  }
}
