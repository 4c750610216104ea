import { Client, types } from 'pg';
import { WarehouseConnection, type WarehouseRow } from '@smartseg/warehouse';

/**
 * A minimal PostgreSQL WarehouseConnection for the compiler's tests, on `pg` directly (until
 * the warehouse's PostgresConnection adapter lands). BIGINT and NUMERIC come back as numbers,
 * DATE as YYYY-MM-DD, like the DuckDB adapter. Every statement runs in its own schema.
 */
const parsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === types.builtins.INT8 || oid === types.builtins.NUMERIC) return (v: string) => Number(v);
    if (oid === types.builtins.DATE) return (v: string) => v;
    return types.getTypeParser(oid, format);
  },
} as unknown as typeof types;

export class PgTestConnection extends WarehouseConnection {
  readonly dialect = 'postgres' as const;

  private constructor(private readonly client: Client) {
    super();
  }

  /** Connects and creates (then selects) a fresh schema. */
  static async open(url: string, schema: string): Promise<PgTestConnection> {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name ${schema}`);
    const client = new Client({ connectionString: url, types: parsers });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.query(`SET search_path TO ${schema}`);
    return new PgTestConnection(client);
  }

  async query<T extends WarehouseRow = WarehouseRow>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const result = await this.client.query(sql, params as unknown[]);
    return result.rows as T[];
  }

  async exec(sql: string): Promise<void> {
    await this.client.query(sql);
  }

  async dropSchema(schema: string): Promise<void> {
    await this.client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
