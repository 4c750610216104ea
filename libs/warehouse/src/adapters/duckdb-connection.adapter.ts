import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DuckDBConnection,
  DuckDBInstance,
  type DuckDBPreparedStatement,
  type DuckDBResultReader,
  type DuckDBValue,
} from '@duckdb/node-api';
import { ErrorCode, SmartsegError } from '@smartseg/common';
import { WarehouseConnection, type WarehouseRow } from '../ports/warehouse-connection.port';

export interface DuckDbOptions {
  /** File path, or ':memory:'. */
  path: string;
  readOnly?: boolean;
  /** DuckDB thread count; default: all cores. */
  threads?: number;
  /** DuckDB's memory_limit, e.g. '256MB' (DuckDB's default: 80% of the machine's RAM). */
  memoryLimit?: string;
  /**
   * Memory DuckDB's allocator may keep after a query before it hands it back to the system
   * (allocator_flush_threshold and allocator_bulk_deallocation_flush_threshold, e.g. '16MB'; DuckDB's
   * defaults, 128MB and 512MB, suit a batch job more than a long-running server).
   */
  allocatorFlushThreshold?: string;
  /** DuckDB's allocator background thread, which returns freed memory to the system while idle. */
  allocatorBackgroundThreads?: boolean;
  /** Connections to the one DuckDB instance that queries may use at once (default 4). */
  poolSize?: number;
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

/**
 * One statement with parameters: prepared, bound and run directly. (`runAndReadAll(sql, values)`
 * first splits the text into statements and parses it once more to prepare the last one; a query
 * here is one statement.) Text that is not one statement (DuckDB cannot prepare several at once)
 * goes the general way, which runs all but the last and binds the last.
 */
async function runPrepared(
  conn: DuckDBConnection,
  sql: string,
  params: readonly unknown[],
): Promise<DuckDBResultReader> {
  let prepared: DuckDBPreparedStatement;
  try {
    prepared = await conn.prepare(sql);
  } catch (err) {
    if (/multiple statements/i.test((err as Error).message)) return conn.runAndReadAll(sql, params.map(toDuck));
    throw err;
  }
  try {
    prepared.bind(params.map(toDuck));
    return await prepared.runAndReadAll();
  } finally {
    prepared.destroySync();
  }
}

/** Connections a DuckDbConnection opens at most unless told otherwise. */
export const DEFAULT_DUCKDB_POOL_SIZE = 4;

/**
 * DuckDB adapter: the embedded warehouse ($SMARTSEG_HOME/warehouses/T.duckdb). One DuckDB
 * instance and a small pool of connections to it (`poolSize`, default 4, opened on demand), so
 * concurrent queries run side by side instead of queueing on one connection. Each call
 * (`query`, or a whole `exec` script) holds one connection until it ends; calls that do not
 * overlap always get the first connection, so a caller that runs statements one after another
 * (temp tables, SET, BEGIN ... COMMIT across calls) sees one session, as with a single connection.
 * A script that fails is rolled back on its connection, so no connection is left mid-transaction.
 */
export class DuckDbConnection extends WarehouseConnection {
  readonly dialect = 'duckdb' as const;
  private readonly idle: boolean[] = [];
  private readonly connections: DuckDBConnection[] = [];
  private readonly waiting: ((index: number) => void)[] = [];
  private opening = 0;
  private closed = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    first: DuckDBConnection,
    readonly poolSize: number,
  ) {
    super();
    this.connections.push(first);
    this.idle.push(true);
  }

  static async open(options: DuckDbOptions): Promise<DuckDbConnection> {
    if (options.path !== ':memory:' && !options.readOnly) {
      fs.mkdirSync(path.dirname(options.path), { recursive: true });
    }
    const size = options.poolSize ?? DEFAULT_DUCKDB_POOL_SIZE;
    if (!Number.isInteger(size) || size < 1) {
      throw new SmartsegError(ErrorCode.BadInput, `poolSize must be a whole number of at least 1, got ${size}`);
    }
    const config: Record<string, string> = {};
    if (options.readOnly) config['access_mode'] = 'READ_ONLY';
    if (options.threads) config['threads'] = String(options.threads);
    if (options.memoryLimit) config['memory_limit'] = options.memoryLimit;
    if (options.allocatorFlushThreshold) {
      config['allocator_flush_threshold'] = options.allocatorFlushThreshold;
      config['allocator_bulk_deallocation_flush_threshold'] = options.allocatorFlushThreshold;
    }
    if (options.allocatorBackgroundThreads !== undefined) {
      config['allocator_background_threads'] = String(options.allocatorBackgroundThreads);
    }
    const instance = await DuckDBInstance.create(options.path, config);
    const connection = await instance.connect();
    return new DuckDbConnection(instance, connection, size);
  }

  /** Connections open now (at most poolSize). */
  get openConnections(): number {
    return this.connections.length;
  }

  /** The lowest idle connection, a new one while the pool is not full, else the next to be released. */
  private async acquire(): Promise<number> {
    if (this.closed) throw new SmartsegError(ErrorCode.WarehouseError, 'the DuckDB connection is closed');
    const free = this.idle.indexOf(true);
    if (free >= 0) {
      this.idle[free] = false;
      return free;
    }
    if (this.connections.length + this.opening < this.poolSize) {
      this.opening++;
      try {
        const conn = await this.instance.connect();
        this.connections.push(conn);
        this.idle.push(false);
        return this.connections.length - 1;
      } finally {
        this.opening--;
      }
    }
    return new Promise<number>((resolve) => this.waiting.push(resolve));
  }

  private release(index: number): void {
    const next = this.waiting.shift();
    if (next) next(index);
    else this.idle[index] = true;
  }

  private async withConnection<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const index = await this.acquire();
    try {
      return await fn(this.connections[index]!);
    } finally {
      this.release(index);
    }
  }

  async query<T extends WarehouseRow = WarehouseRow>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.withConnection(async (conn) => {
      const reader = params.length === 0 ? await conn.runAndReadAll(sql) : await runPrepared(conn, sql, params);
      const rows = reader.getRowObjectsJS();
      return rows.map((row) => {
        const out: WarehouseRow = {};
        for (const [k, v] of Object.entries(row)) out[k] = toPlain(v);
        return out as T;
      });
    });
  }

  async exec(sql: string): Promise<void> {
    await this.withConnection(async (conn) => {
      try {
        await conn.run(sql);
      } catch (err) {
        // A script that failed between BEGIN and COMMIT must not leave the connection in its transaction.
        if (/\bBEGIN\b/i.test(sql)) await conn.run('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const conn of this.connections) conn.closeSync();
    this.instance.closeSync();
  }
}
