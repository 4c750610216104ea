import * as fs from 'node:fs';
import * as path from 'node:path';
import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { WarehouseConnection, type WarehouseRow } from '../ports/warehouse-connection.port';

export interface DuckDbOptions {
  /** File path, or ':memory:'. */
  path: string;
  readOnly?: boolean;
  /** DuckDB thread count; default: all cores. */
  threads?: number;
  memoryLimit?: string;
}

/** Normalizes DuckDB's JS values to plain JSON-able values. */
function toPlain(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  return String(value);
}

function toDuck(value: unknown): DuckDBValue {
  if (value === undefined) return null;
  return value as DuckDBValue;
}

/** DuckDB adapter: the embedded warehouse ($SMARTSEG_HOME/warehouses/T.duckdb). */
export class DuckDbConnection extends WarehouseConnection {
  readonly dialect = 'duckdb' as const;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {
    super();
  }

  static async open(options: DuckDbOptions): Promise<DuckDbConnection> {
    if (options.path !== ':memory:' && !options.readOnly) {
      fs.mkdirSync(path.dirname(options.path), { recursive: true });
    }
    const config: Record<string, string> = {};
    if (options.readOnly) config['access_mode'] = 'READ_ONLY';
    if (options.threads) config['threads'] = String(options.threads);
    if (options.memoryLimit) config['memory_limit'] = options.memoryLimit;
    const instance = await DuckDBInstance.create(options.path, config);
    const connection = await instance.connect();
    return new DuckDbConnection(instance, connection);
  }

  async query<T extends WarehouseRow = WarehouseRow>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql, params.map(toDuck));
    const rows = reader.getRowObjectsJS();
    return rows.map((row) => {
      const out: WarehouseRow = {};
      for (const [k, v] of Object.entries(row)) out[k] = toPlain(v);
      return out as T;
    });
  }

  async exec(sql: string): Promise<void> {
    await this.connection.run(sql);
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
