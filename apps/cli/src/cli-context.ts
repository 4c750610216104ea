import * as fs from 'node:fs';
import { ErrorCode, SmartsegError, warehousePath } from '@smartseg/common';
import { CatalogFileStore } from '@smartseg/knowledge-store';
import type { Catalog, Permissions } from '@smartseg/segment-engine';
import { AudienceService, DuckDbConnection } from '@smartseg/warehouse';

export interface TenantOptions {
  tenant: string;
  asOf?: string;
  pii?: boolean;
}

/** What a command needs for one tenant: its catalog, its warehouse, the caller's permissions. */
export class TenantSession {
  private constructor(
    readonly tenantId: string,
    readonly catalog: Catalog,
    readonly asOf: string,
    readonly permissions: Permissions,
    private readonly connection: DuckDbConnection | undefined,
  ) {}

  static async open(options: TenantOptions, needWarehouse = true): Promise<TenantSession> {
    const catalog = new CatalogFileStore().load(options.tenant);
    const asOf = options.asOf ?? catalog.as_of;
    let connection: DuckDbConnection | undefined;
    if (needWarehouse) {
      const file = warehousePath(options.tenant);
      if (!fs.existsSync(file)) {
        throw new SmartsegError(
          ErrorCode.WarehouseMissing,
          `tenant "${options.tenant}" has no warehouse at ${file}; run "smartseg demo init" first`,
        );
      }
      connection = await DuckDbConnection.open({ path: file, readOnly: true });
    }
    return new TenantSession(options.tenant, catalog, asOf, { pii: options.pii === true }, connection);
  }

  get audience(): AudienceService {
    if (!this.connection) throw new SmartsegError(ErrorCode.Internal, 'warehouse not opened');
    return new AudienceService(this.connection, this.catalog);
  }

  async close(): Promise<void> {
    await this.connection?.close();
  }
}

/** Validates a YYYY-MM-DD option. */
export function parseAsOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!m || !d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw new SmartsegError(ErrorCode.BadInput, `--as-of: "${value}" is not a date (YYYY-MM-DD)`, [
      { path: '--as-of', message: 'expected YYYY-MM-DD' },
    ]);
  }
  return value;
}
