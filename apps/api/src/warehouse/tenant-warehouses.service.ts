import * as fs from 'node:fs';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ErrorCode, SmartsegError, warehousePath } from '@smartseg/common/server';
import { DuckDbConnection, type WarehouseConnection } from '@smartseg/warehouse';
import { TenantService } from '@smartseg/tenant-config';
import { AppConfig } from '@smartseg/common/server';

interface Open {
  connection: WarehouseConnection;
  path: string;
  mtimeMs: number;
}

/**
 * One warehouse connection per tenant, opened on first use. The embedded DuckDB file is opened
 * read-only (so `smartseg demo init` can rewrite it) and reopened when the file changes.
 */
@Injectable()
export class TenantWarehouses implements OnApplicationShutdown {
  private readonly logger = new Logger('TenantWarehouses');
  private readonly open = new Map<string, Promise<Open>>();

  constructor(
    private readonly config: AppConfig,
    private readonly tenants: TenantService,
  ) {}

  /** The file of a tenant's embedded warehouse. */
  async pathOf(tenantId: string): Promise<string> {
    const tenant = await this.tenants.get(tenantId);
    const w = tenant.settings.warehouse;
    if (w && w.kind !== 'duckdb') {
      throw new SmartsegError(
        ErrorCode.WarehouseMissing,
        `Tenant '${tenantId}' uses a ${w.kind} warehouse, which this server does not connect to yet`,
      );
    }
    return w?.path ?? warehousePath(tenantId, { SMARTSEG_HOME: this.config.SMARTSEG_HOME });
  }

  async connection(tenantId: string): Promise<WarehouseConnection> {
    const file = await this.pathOf(tenantId);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat) {
      throw new SmartsegError(
        ErrorCode.WarehouseMissing,
        `Tenant '${tenantId}' has no warehouse yet (expected ${tenantId}.duckdb in the data home; run \`smartseg demo init\` for the demo tenant)`,
      );
    }
    const cached = this.open.get(tenantId);
    if (cached) {
      const o = await cached.catch(() => undefined);
      if (o && o.path === file && o.mtimeMs === stat.mtimeMs) return o.connection;
      this.open.delete(tenantId);
      if (o) await o.connection.close().catch(() => undefined);
    }
    const opening = DuckDbConnection.open({ path: file, readOnly: true, threads: 2 }).then((connection) => ({
      connection,
      path: file,
      mtimeMs: stat.mtimeMs,
    }));
    this.open.set(tenantId, opening);
    try {
      return (await opening).connection;
    } catch (e) {
      this.open.delete(tenantId);
      throw new SmartsegError(ErrorCode.WarehouseError, `The warehouse of tenant '${tenantId}' could not be opened`, {
        cause: (e as Error).message.split('\n')[0],
      });
    }
  }

  /** Readiness: every opened warehouse answers. */
  async check(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const [tenantId, p] of this.open) {
      try {
        await (await p).connection.query('SELECT 1 AS ok');
        out[tenantId] = 'up';
      } catch (e) {
        out[tenantId] = `down: ${(e as Error).message.split('\n')[0]}`;
      }
    }
    return out;
  }

  async onApplicationShutdown(): Promise<void> {
    for (const p of this.open.values()) {
      const o = await p.catch(() => undefined);
      await o?.connection.close().catch((e: Error) => this.logger.warn(e.message));
    }
    this.open.clear();
  }
}
