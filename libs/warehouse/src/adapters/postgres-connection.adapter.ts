import type { Readable } from 'node:stream';
import { Pool, types as pgTypes, type ClientBase, type CustomTypesConfig, type PoolConfig } from 'pg';
import { ErrorCode, SmartsegError } from '@smartseg/common';
import { WarehouseConnection, type WarehouseRow } from '../ports/warehouse-connection.port';

export interface PostgresOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** Schema the tenant's tables live in (becomes the search_path); default: the server's (public). */
  schema?: string;
  /** Pool size (default 4). */
  max?: number;
  /** Per-statement timeout in milliseconds (default: none). */
  statementTimeoutMs?: number;
  applicationName?: string;
}

/** PostgreSQL type OIDs the adapter reads differently from pg's defaults. */
const OID = {
  int8: 20,
  numeric: 1700,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
} as const;

/**
 * A timestamp as the DuckDB adapter gives it: ISO 8601 in UTC with milliseconds, or just the
 * date when the time is midnight, so both adapters return the same strings for the same data.
 */
function isoTimestamp(date: string, time: string): string {
  const [hms = '00:00:00', frac = ''] = time.split('.');
  const ms = (frac + '000').slice(0, 3);
  if (hms === '00:00:00' && ms === '000') return date;
  return `${date}T${hms}.${ms}Z`;
}

function parseTimestamp(value: string): string {
  const m = /^(\d{4,}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/.exec(value);
  return m ? isoTimestamp(m[1]!, m[2]!) : value;
}

function parseTimestamptz(value: string): string {
  const d = new Date(value.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'));
  if (Number.isNaN(d.getTime())) return value;
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/**
 * Type parsers of this adapter's pool only (pg's global parsers stay untouched): BIGINT and
 * NUMERIC become numbers, DATE stays 'YYYY-MM-DD', timestamps become ISO strings.
 */
export const POSTGRES_TYPE_PARSERS: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format === 'binary') return pgTypes.getTypeParser(oid, 'binary');
    switch (oid) {
      case OID.int8:
      case OID.numeric:
        return (v: string) => (v === 'NaN' ? Number.NaN : Number(v));
      case OID.date:
        return (v: string) => v;
      case OID.timestamp:
        return parseTimestamp;
      case OID.timestamptz:
        return parseTimestamptz;
      default:
        return pgTypes.getTypeParser(oid, 'text');
    }
  }) as CustomTypesConfig['getTypeParser'],
};

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Quotes a plain SQL identifier (letters, digits, underscore); anything else is refused. */
export function quotePgIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new SmartsegError(ErrorCode.BadInput, `not a plain SQL identifier: ${JSON.stringify(name)}`);
  }
  return `"${name}"`;
}

function toPg(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** PostgreSQL adapter: the same warehouse port over a pg Pool ($1, $2 ... parameters). */
export class PostgresConnection extends WarehouseConnection {
  readonly dialect = 'postgres' as const;

  private constructor(
    private readonly pool: Pool,
    readonly schema: string | undefined,
  ) {
    super();
  }

  /** Opens a pool and checks that the server answers. */
  static async open(options: PostgresOptions): Promise<PostgresConnection> {
    const pgOptions: string[] = [];
    if (options.schema) pgOptions.push(`-c search_path=${quotePgIdentifier(options.schema)},public`);
    if (options.statementTimeoutMs) pgOptions.push(`-c statement_timeout=${Math.trunc(options.statementTimeoutMs)}`);
    const config: PoolConfig = {
      connectionString: options.url,
      max: options.max ?? 4,
      types: POSTGRES_TYPE_PARSERS,
      application_name: options.applicationName ?? 'smartseg',
      ...(pgOptions.length > 0 ? { options: pgOptions.join(' ') } : {}),
    };
    const pool = new Pool(config);
    // An idle client's socket error must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    try {
      await pool.query('SELECT 1');
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw new SmartsegError(ErrorCode.WarehouseError, `cannot connect to PostgreSQL: ${(err as Error).message}`);
    }
    return new PostgresConnection(pool, options.schema);
  }

  async query<T extends WarehouseRow = WarehouseRow>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const res = await this.pool.query({ text: sql, values: params.map(toPg) });
    return res.rows as T[];
  }

  /** Runs a script (several statements allowed: the simple query protocol, no parameters). */
  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  /** Runs `fn` on one pooled client (a transaction, a COPY), releasing it after. */
  async withClient<T>(fn: (client: ClientBase) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      return await fn(client);
    } catch (err) {
      broken = true;
      throw err;
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** The parts of pg's wire connection a COPY FROM STDIN drives (pg's own Query uses the same). */
interface PgWire {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
}

/**
 * `COPY ... FROM STDIN` fed from a readable stream, with back-pressure, on a pg client -
 * without pg-copy-streams: a submittable query that pg drives through the same message
 * handlers its own queries use. Resolves with the number of rows copied.
 */
export function pgCopyFrom(client: ClientBase, copySql: string, source: Readable): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let settled = false;
    let rows = 0;
    let sourceError: Error | null = null;
    const finish = (err: Error | null): void => {
      if (settled) return;
      settled = true;
      if (err) {
        source.destroy();
        reject(err);
      } else resolve(rows);
    };
    const submittable = {
      submit(wire: PgWire): void {
        wire.query(copySql);
      },
      handleCopyInResponse(wire: PgWire): void {
        source.on('data', (chunk: Buffer | string) => {
          wire.sendCopyFromChunk(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
          if (wire.stream.writableNeedDrain) {
            source.pause();
            wire.stream.once('drain', () => source.resume());
          }
        });
        source.once('end', () => wire.endCopyFrom());
        source.once('error', (err: Error) => {
          sourceError = err;
          wire.sendCopyFail(err.message);
        });
      },
      handleCommandComplete(msg: { text?: string }): void {
        const m = /^COPY (\d+)/.exec(msg.text ?? '');
        if (m) rows = Number(m[1]);
      },
      handleReadyForQuery(): void {
        finish(sourceError);
      },
      handleError(err: Error): void {
        finish(sourceError ?? err);
      },
      // Messages a COPY FROM never receives; present so pg never calls a missing handler.
      handleRowDescription(): void {},
      handleDataRow(): void {},
      handleEmptyQuery(): void {},
      handlePortalSuspended(): void {},
      handleCopyData(): void {},
    };
    try {
      (client as unknown as { query(q: unknown): unknown }).query(submittable);
    } catch (err) {
      finish(err as Error);
    }
  });
}
