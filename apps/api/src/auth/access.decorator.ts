import { SetMetadata } from '@nestjs/common';
import type { Role } from '@smartseg/common/server';

export type AccessKind = 'public' | 'admin' | 'tenant';

export interface AccessRule {
  kind: AccessKind;
  /** For 'tenant': the caller needs every one of these (admin > editor > viewer; pii held itself). */
  roles: Role[];
}

export const ACCESS_KEY = 'smartseg:access';

/**
 * Every route declares who may call it. The global AccessGuard refuses a route that declares
 * nothing, and test/e2e/api-routes lists every route with its rule.
 * - `@Access('public')`: no key (probes, metrics, docs)
 * - `@Access('admin')`: the platform admin key (ADMIN_API_KEY)
 * - `@Access('tenant', ['editor'])`: a tenant API key holding the roles (default viewer)
 */
export const Access = (kind: AccessKind, roles: Role[] = kind === 'tenant' ? ['viewer'] : []) =>
  SetMetadata(ACCESS_KEY, { kind, roles } satisfies AccessRule);
