import { SmartsegError, ErrorCode } from '@smartseg/common';
import type { Dialect } from '../compiler.types';
import { BigQueryDialect } from './bigquery.dialect';
import { DuckDbDialect } from './duckdb.dialect';
import { PostgresDialect } from './postgres.dialect';
import { SnowflakeDialect } from './snowflake.dialect';
import { SparkDialect } from './spark.dialect';
import type { SqlDialect } from './sql-dialect';
import { TrinoDialect } from './trino.dialect';

const DIALECT_OBJECTS: Readonly<Record<Dialect, SqlDialect>> = {
  duckdb: new DuckDbDialect(),
  postgres: new PostgresDialect(),
  bigquery: new BigQueryDialect(),
  snowflake: new SnowflakeDialect(),
  spark: new SparkDialect(),
  trino: new TrinoDialect(),
};

/** The dialect object for a dialect name. */
export function sqlDialect(name: Dialect): SqlDialect {
  const d = (DIALECT_OBJECTS as Record<string, SqlDialect | undefined>)[name];
  if (!d) throw new SmartsegError(ErrorCode.BadInput, `Unknown SQL dialect '${String(name)}'.`);
  return d;
}
