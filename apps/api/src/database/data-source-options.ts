import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from '../../../../migrations';
import type { AppConfig } from '@smartseg/common/server';
import { ALL_ENTITIES } from './entities';

export type DatabaseKind = 'sqlite' | 'postgres';

export function databaseKind(config: Pick<AppConfig, 'DATABASE_URL'>): DatabaseKind {
  return config.DATABASE_URL ? 'postgres' : 'sqlite';
}

/** The embedded store: $SMARTSEG_HOME/app.sqlite. */
export function sqlitePath(config: Pick<AppConfig, 'SMARTSEG_HOME'>): string {
  return path.join(config.SMARTSEG_HOME, 'app.sqlite');
}

/**
 * TypeORM options: SQLite (better-sqlite3) at $SMARTSEG_HOME/app.sqlite by default,
 * PostgreSQL when DATABASE_URL is set. Never synchronize; explicit migrations run at boot.
 */
export function dataSourceOptions(
  config: Pick<AppConfig, 'DATABASE_URL' | 'SMARTSEG_HOME'>,
  overrides: { migrationsRun?: boolean } = {},
): DataSourceOptions {
  const common = {
    entities: ALL_ENTITIES,
    synchronize: false as const,
    migrationsRun: overrides.migrationsRun ?? true,
    migrationsTableName: 'smartseg_migrations',
    logging: ['error'] as 'error'[],
  };
  if (config.DATABASE_URL) {
    return {
      ...common,
      type: 'postgres',
      url: config.DATABASE_URL,
      migrations: POSTGRES_MIGRATIONS,
      migrationsTransactionMode: 'each',
    };
  }
  const file = sqlitePath(config);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: file,
    migrations: SQLITE_MIGRATIONS,
    migrationsTransactionMode: 'each',
    prepareDatabase: (db: { pragma(s: string): unknown }) => {
      // WAL: readers do not wait for the writer. synchronous=NORMAL (the setting SQLite advises
      // with WAL): a commit is not fsynced on its own, the WAL is at each checkpoint; a process
      // crash loses nothing, a power cut may lose the last commits, never the file's integrity.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  };
}
