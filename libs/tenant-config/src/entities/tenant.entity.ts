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
  /** Model settings for model-router (validated by the router when written and when read). */
  model?: TenantModelSettingsRecord;
}

/**
 * A tenant's own model settings, as stored (libs/model-router's TenantModelSettings: the router
 * validates them; they win over its static `tenants.<id>` and defaults). API keys are stored here
 * and never shown back (the admin API masks them).
 */
export interface TenantModelSettingsRecord {
  /** false: never call a model for this tenant. */
  enabled?: boolean;
  confidenceThreshold?: number;
  maxImprovements?: number;
  budgetUsdPerMonth?: number;
  maxTokens?: number;
  temperature?: number;
  /** Tier -> models in preference order (a whole list per tier). */
  tiers?: Record<string, { provider: string; model: string; maxTokens?: number; temperature?: number }[]>;
  /** Task -> tier. */
  tasks?: Record<string, string>;
  /** Provider id -> the tenant's own key / base URL. */
  providers?: Record<string, { apiKey?: string; baseUrl?: string }>;
  /** Negotiated prices, USD per million tokens, by `model` or `provider:model`. */
  prices?: Record<string, { input: number; output: number; cached?: number }>;
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
