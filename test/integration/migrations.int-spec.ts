import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from '../../migrations';
import { loadAppConfig } from '@smartseg/common/server';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { ALL_ENTITIES } from '../../apps/api/src/database/entities';
import { startTempPostgres, type TempPostgres } from './migrations-postgres.helper';

/** Fails when entities and migrations drift: after the migrations, TypeORM must want no change. */
async function pendingSchemaChanges(ds: DataSource): Promise<string[]> {
  const log = await ds.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}

describe('migrations (SQLite)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smartseg-mig-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the app never synchronizes and runs migrations at boot', () => {
    const opts = dataSourceOptions(loadAppConfig({ SMARTSEG_HOME: dir }));
    expect(opts).toMatchObject({
      synchronize: false,
      migrationsRun: true,
      type: 'better-sqlite3',
      database: path.join(dir, 'app.sqlite'),
    });
    expect(
      dataSourceOptions(
        loadAppConfig({
          SMARTSEG_HOME: dir,
          DATABASE_URL: 'postgres://x/y',
          ADMIN_API_KEY: 'a'.repeat(30),
          API_KEY_PEPPER: 'p'.repeat(30),
        }),
      ),
    ).toMatchObject({ type: 'postgres', synchronize: false, migrationsRun: true });
  });

  it('a fresh database migrated up matches the entities exactly', async () => {
    const ds = new DataSource({
      type: 'better-sqlite3',
      database: path.join(dir, 'fresh.sqlite'),
      entities: ALL_ENTITIES,
      migrations: SQLITE_MIGRATIONS,
      synchronize: false,
    });
    await ds.initialize();
    const ran = await ds.runMigrations();
    expect(ran.length).toBe(SQLITE_MIGRATIONS.length);
    const pending = await pendingSchemaChanges(ds);
    if (pending.length) process.stdout.write(`SQLite drift:\n${pending.join('\n')}\n`);
    expect(pending).toEqual([]);
    await ds.undoLastMigration();
    await ds.destroy();
  });

  it('both dialects have the same migrations, by timestamp', () => {
    const stamp = (m: { name: string }) => /(\d{13})$/.exec(m.name)?.[1];
    expect(SQLITE_MIGRATIONS.map(stamp)).toEqual(POSTGRES_MIGRATIONS.map(stamp));
  });
});

describe('migrations (PostgreSQL)', () => {
  let pg: TempPostgres | undefined;
  beforeAll(() => {
    pg = startTempPostgres();
  }, 60_000);
  afterAll(() => pg?.stop());

  it('a fresh database migrated up matches the entities exactly (skipped without PostgreSQL)', async () => {
    if (!pg) {
      process.stdout.write('PostgreSQL not available (set TEST_DATABASE_URL): drift check skipped\n');
      return;
    }
    const ds = new DataSource({
      type: 'postgres',
      url: pg.url,
      entities: ALL_ENTITIES,
      migrations: POSTGRES_MIGRATIONS,
      synchronize: false,
      migrationsTableName: 'smartseg_migrations',
    });
    await ds.initialize();
    await ds.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    await ds.runMigrations();
    const pending = await pendingSchemaChanges(ds);
    if (pending.length) process.stdout.write(`PostgreSQL drift:\n${pending.join('\n')}\n`);
    expect(pending).toEqual([]);
    await ds.undoLastMigration();
    await ds.destroy();
  }, 60_000);
});
