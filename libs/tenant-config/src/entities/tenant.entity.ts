import { Column, Entity, PrimaryColumn } from 'typeorm';

export type TenantStatus = 'active' | 'disabled';

/** Where a tenant's customer data lives. Default: the embedded DuckDB file $SMARTSEG_HOME/warehouses/<id>.duckdb. */
export type TenantWarehouseSettings =
  { kind: 'duckdb'; path?: string } | { kind: 'postgres'; url: string; schema?: string };

/** A tenant's configurable settings (stored as JSON; every field optional, defaults from AppConfig). */
export interface TenantSettings {
  /** Requests per rate-limit window: for each key, and for the tenant's keys together. */
  rateLimit?: { perKey?: number; perTenant?: number };
  warehouse?: TenantWarehouseSettings;
  /** Facets this tenant's users may never use, whatever their roles. */
  restrictedFacets?: string[];
  /** Model settings for model-router (tier, provider, budget); opaque here. */
  model?: Record<string, unknown>;
}

/**
 * Timestamps are ISO-8601 UTC strings (varchar 32): portable between SQLite and PostgreSQL,
 * sortable as text.
 */
@Entity({ name: 'tenants' })
export class TenantEntity {
  /** Slug: lower-case letters, digits, '-' and '_' (used in file paths). */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: TenantStatus;

  @Column({ type: 'text', transformer: jsonText<TenantSettings>({}) })
  settings!: TenantSettings;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt!: string;
}

/** JSON stored in a text column (portable; 'simple-json' would do the same with less control over nulls). */
export function jsonText<T>(fallback: T) {
  return {
    to: (value: T | undefined | null): string | null =>
      value === undefined || value === null ? null : JSON.stringify(value),
    from: (value: string | null): T => (value === null || value === undefined ? fallback : (JSON.parse(value) as T)),
  };
}
