import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalogPath, ErrorCode, SmartsegError } from '@smartseg/common';
import type { Catalog } from '@smartseg/segment-engine';

/**
 * The embedded catalog store: $SMARTSEG_HOME/catalogs/T.json, written atomically. Each save
 * bumps the version (caches and saved answers key on it).
 */
export class CatalogFileStore {
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  pathOf(tenantId: string): string {
    return catalogPath(tenantId, this.env);
  }

  exists(tenantId: string): boolean {
    return fs.existsSync(this.pathOf(tenantId));
  }

  load(tenantId: string): Catalog {
    const file = this.pathOf(tenantId);
    if (!fs.existsSync(file)) {
      throw new SmartsegError(
        ErrorCode.WarehouseMissing,
        `tenant "${tenantId}" has no catalog at ${file}; run "smartseg demo init" (demo tenant) first`,
      );
    }
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Catalog;
  }

  /** Writes the catalog with version = previous version + 1 (or the catalog's own when larger). */
  save(catalog: Catalog): Catalog {
    const file = this.pathOf(catalog.tenant_id);
    let previous = 0;
    if (fs.existsSync(file)) {
      try {
        previous = (JSON.parse(fs.readFileSync(file, 'utf8')) as Catalog).version ?? 0;
      } catch {
        previous = 0;
      }
    }
    const saved: Catalog = { ...catalog, version: Math.max(previous + 1, catalog.version) };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(saved, null, 2));
    fs.renameSync(tmp, file);
    return saved;
  }
}
