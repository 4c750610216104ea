import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ErrorCode, SmartsegError, warehousePath } from '@smartseg/common/server';
import { DuckDbConnection, PostgresConnection, type WarehouseConnection } from '@smartseg/warehouse';
import { TenantService, type TenantEntity, type TenantWarehouseSettings } from '@smartseg/tenant-config';
import { AppConfig } from '@smartseg/common/server';
import { maskPostgresUrl, readOnlyPostgresUrl, scrubPostgresUrl } from './warehouse-settings';

interface Open {
  connection: Promise<WarehouseConnection>;
  /** What was opened: the DuckDB file, or a digest of the PostgreSQL url and schema. */
  key: string;
  /** DuckDB only: the file's mtime when opened (a rewritten file is reopened). */
  mtimeMs: number | undefined;
}

/** Connections per tenant PostgreSQL warehouse (a pool each). */
const POSTGRES_POOL_SIZE = 4;
/**
 * Memory DuckDB's allocator may keep once a query is done before giving it back to the system
 * (DuckDB's defaults, 128MB and 512MB, are for batch jobs): with it, and the allocator's background
 * thread, a server that ran a few large joins does not keep their memory (bench:api: RSS -40 to -70 MB).
 */
const DUCKDB_ALLOCATOR_FLUSH_THRESHOLD = '16MB';
/** Longest a readiness probe waits for one warehouse. */
const CHECK_TIMEOUT_MS = 3000;
/** Longest opening a PostgreSQL warehouse may take before the request fails. */
const OPEN_TIMEOUT_MS = 15_000;

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
}

function timeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * One warehouse connection per tenant, opened on first use. The default is the embedded DuckDB
 * file, opened read-only (so `smartseg demo init` can rewrite it) and reopened when the file
 * changes. A tenant whose settings say `warehouse: {kind:'postgres', url, schema?}` gets a pooled
 * PostgreSQL connection whose sessions are read-only and search the schema first; its url is a
 * secret, masked in every message and log line.
 */
@Injectable()
export class TenantWarehouses implements OnApplicationShutdown {
  private readonly logger = new Logger('TenantWarehouses');
  private readonly open = new Map<string, Open>();

  constructor(
    private readonly config: AppConfig,
    private readonly tenants: TenantService,
  ) {}

  private async settingsOf(tenantId: string): Promise<TenantWarehouseSettings | undefined> {
    return (await this.tenants.get(tenantId)).settings.warehouse;
  }

  /** The file of a tenant's embedded warehouse; undefined when its warehouse is not a file (PostgreSQL). */
  async pathOf(tenantId: string): Promise<string | undefined> {
    return this.filePath(tenantId, await this.settingsOf(tenantId));
  }

  /** pathOf for a tenant row already read (no lookup). */
  pathFor(tenant: Pick<TenantEntity, 'id' | 'settings'>): string | undefined {
    return this.filePath(tenant.id, tenant.settings.warehouse);
  }

  private filePath(tenantId: string, w: TenantWarehouseSettings | undefined): string | undefined {
    if (w?.kind === 'postgres') return undefined;
    return w?.path ?? warehousePath(tenantId, { SMARTSEG_HOME: this.config.SMARTSEG_HOME });
  }

  /** `tenant`: the tenant's row when the caller has already read it (saves reading it again). */
  async connection(tenantId: string, tenant?: Pick<TenantEntity, 'id' | 'settings'>): Promise<WarehouseConnection> {
    const w = tenant && tenant.id === tenantId ? tenant.settings.warehouse : await this.settingsOf(tenantId);
    if (w?.kind === 'postgres') return this.postgres(tenantId, w);
    return this.duckdb(tenantId, this.filePath(tenantId, w)!);
  }

  private async duckdb(tenantId: string, file: string): Promise<WarehouseConnection> {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat) {
      throw new SmartsegError(
        ErrorCode.WarehouseMissing,
        `Tenant '${tenantId}' has no warehouse yet (expected ${tenantId}.duckdb in the data home; run \`smartseg demo init\` for the demo tenant)`,
      );
    }
    return this.reuseOrOpen(tenantId, file, stat.mtimeMs, () =>
      DuckDbConnection.open({
        path: file,
        readOnly: true,
        threads: this.config.DUCKDB_THREADS,
        memoryLimit: this.config.DUCKDB_MEMORY_LIMIT,
        allocatorFlushThreshold: DUCKDB_ALLOCATOR_FLUSH_THRESHOLD,
        allocatorBackgroundThreads: true,
      }),
    ).catch((e: unknown) => {
      throw new SmartsegError(ErrorCode.WarehouseError, `The warehouse of tenant '${tenantId}' could not be opened`, {
        cause: firstLine(e),
      });
    });
  }

  private async postgres(
    tenantId: string,
    w: Extract<TenantWarehouseSettings, { kind: 'postgres' }>,
  ): Promise<WarehouseConnection> {
    const key = `postgres:${createHash('sha256')
      .update(`${w.url}\n${w.schema ?? ''}`)
      .digest('hex')}`;
    const url = readOnlyPostgresUrl(w.url, w.schema);
    return this.reuseOrOpen(tenantId, key, undefined, () => {
      const p = PostgresConnection.open({
        url,
        ...(w.schema ? { schema: w.schema } : {}),
        max: POSTGRES_POOL_SIZE,
        applicationName: `smartseg-${tenantId}`.slice(0, 63),
      });
      // A pool that opens after the timeout gave up is closed, not leaked.
      return timeout(p, OPEN_TIMEOUT_MS, 'PostgreSQL').catch(async (e: unknown) => {
        void p.then((c) => c.close()).catch(() => undefined);
        throw e;
      });
    }).catch((e: unknown) => {
      const cause = scrubPostgresUrl(firstLine(e), w.url);
      this.logger.warn(`tenant ${tenantId}: PostgreSQL warehouse ${maskPostgresUrl(w.url)} unavailable: ${cause}`);
      throw new SmartsegError(
        ErrorCode.WarehouseError,
        `The PostgreSQL warehouse of tenant '${tenantId}' could not be opened`,
        { cause },
      );
    });
  }

  /**
   * The tenant's connection for `key` (and `mtimeMs`): the one already open or opening when it
   * matches (checked synchronously, so concurrent first requests share one), else a new one; a
   * stale one is closed.
   */
  private async reuseOrOpen(
    tenantId: string,
    key: string,
    mtimeMs: number | undefined,
    open: () => Promise<WarehouseConnection>,
  ): Promise<WarehouseConnection> {
    const current = this.open.get(tenantId);
    if (current && current.key === key && current.mtimeMs === mtimeMs) {
      const connection = await current.connection.catch(() => undefined);
      if (connection) return connection;
    }
    const entry: Open = { key, mtimeMs, connection: open() };
    this.open.set(tenantId, entry);
    if (current) void current.connection.then((c) => c.close()).catch(() => undefined);
    try {
      return await entry.connection;
    } catch (e) {
      if (this.open.get(tenantId) === entry) this.open.delete(tenantId);
      throw e;
    }
  }

  /**
   * Each tenant warehouse's state ('up' or 'down: why'): every opened warehouse, and the PostgreSQL
   * warehouse of every active tenant (opened now when it was not yet). Messages never carry a url.
   * One tenant's warehouse is that tenant's problem: readiness reports these, it does not fail on them.
   */
  async check(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    const active = (await this.tenants.list()).filter((t) => t.status === 'active');
    const activeIds = new Set(active.map((t) => t.id));
    // a disabled tenant's warehouse is nobody's concern
    const tenantIds = new Set([
      ...[...this.open.keys()].filter((id) => activeIds.has(id)),
      ...active
        .filter((t) => t.settings.warehouse?.kind === 'postgres')
        .slice(0, 100)
        .map((t) => t.id),
    ]);
    await Promise.all(
      [...tenantIds].map(async (tenantId) => {
        try {
          const opened = this.open.get(tenantId);
          const connection = await timeout(
            opened ? opened.connection : this.connection(tenantId),
            CHECK_TIMEOUT_MS,
            'the warehouse',
          );
          await timeout(connection.query('SELECT 1 AS ok'), CHECK_TIMEOUT_MS, 'the warehouse');
          out[tenantId] = 'up';
        } catch (e) {
          const w = active.find((t) => t.id === tenantId)?.settings.warehouse;
          const message =
            e instanceof SmartsegError && e.details && 'cause' in e.details ? String(e.details['cause']) : firstLine(e);
          out[tenantId] = `down: ${w?.kind === 'postgres' ? scrubPostgresUrl(message, w.url) : message}`;
        }
      }),
    );
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
  }

  async onApplicationShutdown(): Promise<void> {
    for (const o of this.open.values()) {
      const connection = await o.connection.catch(() => undefined);
      await connection?.close().catch((e: Error) => this.logger.warn(e.message));
    }
    this.open.clear();
  }
}
