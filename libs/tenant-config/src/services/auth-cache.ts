import { Injectable } from '@nestjs/common';
import type { TenantEntity } from '../entities/tenant.entity';
import type { ApiKeyView } from './api-key.service';

/** How long a verified key is trusted without reading it again (see AuthCache). */
export const AUTH_CACHE_TTL_MS = 10_000;
/** Keys kept at most; the oldest entry goes first when full. */
export const AUTH_CACHE_MAX_ENTRIES = 10_000;

export interface AuthenticatedKey {
  key: ApiKeyView;
  tenant: TenantEntity;
}

interface Entry {
  value: AuthenticatedKey;
  expires: number;
}

/**
 * Keys verified recently (by key hash), so a request does not read its key and tenant rows
 * every time. Only valid keys of active tenants are kept (an unknown key is read every time:
 * guessing cannot fill the cache). In this process an entry is dropped at once when its key is
 * revoked or its tenant disabled, enabled or reconfigured (ApiKeyService / TenantService call
 * `dropKey` / `dropTenant`); a change made by another process (another API replica, the CLI) is
 * seen at the latest AUTH_CACHE_TTL_MS later, which bounds how long a revoked key still works there.
 */
@Injectable()
export class AuthCache {
  private readonly entries = new Map<string, Entry>();
  /** Moves on at every drop: a read that began before a drop does not put its (maybe stale) answer back. */
  private generation = 0;
  ttlMs = AUTH_CACHE_TTL_MS;
  now: () => number = Date.now;

  get(keyHash: string): AuthenticatedKey | undefined {
    const e = this.entries.get(keyHash);
    if (!e) return undefined;
    if (e.expires <= this.now()) {
      this.entries.delete(keyHash);
      return undefined;
    }
    return e.value;
  }

  /** Call before reading the rows; pass the result to `set`. */
  begin(): number {
    return this.generation;
  }

  set(keyHash: string, value: AuthenticatedKey, generation: number): void {
    if (this.ttlMs <= 0 || generation !== this.generation) return;
    this.entries.delete(keyHash);
    if (this.entries.size >= AUTH_CACHE_MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(keyHash, { value, expires: this.now() + this.ttlMs });
  }

  dropKey(keyId: string): void {
    this.generation++;
    for (const [hash, e] of this.entries) if (e.value.key.id === keyId) this.entries.delete(hash);
  }

  dropTenant(tenantId: string): void {
    this.generation++;
    for (const [hash, e] of this.entries) if (e.value.tenant.id === tenantId) this.entries.delete(hash);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
