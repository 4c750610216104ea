import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { referenceRetailTestCatalog } from '@smartseg/knowledge-store';
import {
  DatabaseSpendStore,
  LlmSpendEntity,
  ModelRouter,
  type LocalUnderstander,
  type SpendStore,
} from '@smartseg/model-router';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from '../../migrations';
import { startFakeProviders, type FakeProviders } from '../support/fake-providers';
import { startTempPostgres, type TempPostgres } from './migrations-postgres.helper';

/**
 * Monthly spend in the state database (`llm_spend`): budgets hold across router instances,
 * processes and restarts, on SQLite and PostgreSQL; concurrent increments never lose one another.
 */

jest.setTimeout(60_000);

const catalog = referenceRetailTestCatalog();
const ctx = (tenantId = 'acme') => ({ tenantId, catalog, asOf: catalog.as_of, permissions: { pii: false } });
const unreadable: LocalUnderstander = {
  understand: () => ({ status: 'refuse', reason: 'could not read', missing: [], nearest: [] }),
};
const CA = { version: 1, where: { kind: 'attribute', facet: 'state', op: 'eq', value: 'CA' } };

let f: FakeProviders;
beforeAll(async () => {
  f = await startFakeProviders();
});
afterAll(async () => f?.close());
afterEach(() => f.reset());

function router(store: SpendStore, budgetUsdPerMonth: number): ModelRouter {
  return new ModelRouter({
    settings: {
      providers: [{ id: 'openai', kind: 'openai', baseUrl: f.openai.sdkBaseUrl, apiKey: 'test-key-not-secret' }],
      tiers: { standard: [{ provider: 'openai', model: 'gpt-4.1-mini' }] },
      tenants: { acme: { budgetUsdPerMonth } },
      resilience: { timeoutMs: 2_000, maxRetries: 0 },
      cache: { enabled: false },
    },
    localEngine: () => unreadable,
    registry: new Registry(),
    spendStore: store,
  });
}

type Dialect = { name: string; open(): Promise<DataSource>; cleanup(): void | Promise<void> };

async function migrated(ds: DataSource): Promise<DataSource> {
  await ds.initialize();
  await ds.runMigrations();
  return ds;
}

const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smartseg-spend-'));
const sqliteFile = path.join(sqliteDir, 'app.sqlite');
let pg: TempPostgres | undefined;
let pgReady = false;

const dialects: Dialect[] = [
  {
    name: 'SQLite (one file, two connections)',
    open: () =>
      migrated(
        new DataSource({
          type: 'better-sqlite3',
          database: sqliteFile,
          entities: [LlmSpendEntity],
          migrations: SQLITE_MIGRATIONS,
          migrationsTableName: 'smartseg_migrations',
          prepareDatabase: (db: { pragma(s: string): unknown }) => {
            db.pragma('journal_mode = WAL');
            db.pragma('busy_timeout = 5000');
          },
        }),
      ),
    cleanup: () => fs.rmSync(sqliteDir, { recursive: true, force: true }),
  },
  {
    name: 'PostgreSQL (two pools)',
    open: async () => {
      if (!pgReady) {
        const first = new DataSource({ type: 'postgres', url: pg!.url });
        await first.initialize();
        await first.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
        await first.destroy();
        pgReady = true;
      }
      return migrated(
        new DataSource({
          type: 'postgres',
          url: pg!.url,
          entities: [LlmSpendEntity],
          migrations: POSTGRES_MIGRATIONS,
          migrationsTableName: 'smartseg_migrations',
        }),
      );
    },
    cleanup: () => pg?.stop(),
  },
];

beforeAll(() => {
  pg = startTempPostgres();
});

describe.each(dialects)('DatabaseSpendStore on $name', (d) => {
  const sources: DataSource[] = [];
  const available = () => !d.name.startsWith('PostgreSQL') || pg !== undefined;
  const open = async () => {
    const ds = await d.open();
    sources.push(ds);
    return ds;
  };
  afterAll(async () => {
    for (const ds of sources.splice(0)) if (ds.isInitialized) await ds.destroy();
    await d.cleanup();
  });

  it('adds atomically: concurrent increments from two connections all count', async () => {
    if (!available()) return void process.stdout.write('PostgreSQL not available: skipped\n');
    const a = DatabaseSpendStore.fromDataSource(await open());
    const b = DatabaseSpendStore.fromDataSource(await open());
    const adds = Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).add('tenant:concurrent', '2026-05', 0.25));
    await Promise.all(adds);
    expect(await a.get('tenant:concurrent', '2026-05')).toBeCloseTo(15, 9);
    expect(await b.get('tenant:concurrent', '2026-05')).toBeCloseTo(15, 9);
    // per key and per month
    await a.add('tenant:concurrent', '2026-06', 1);
    expect(await b.get('tenant:concurrent', '2026-06')).toBe(1);
    expect(await b.get('tenant:nobody', '2026-05')).toBe(0);
  });

  it('spend recorded by one router is seen by a second router on another connection, whose budget notice fires', async () => {
    if (!available()) return void process.stdout.write('PostgreSQL not available: skipped\n');
    f.openai.setDefault({ kind: 'json', value: { segment: CA } });
    const first = router(DatabaseSpendStore.fromDataSource(await open()), 0.000001);
    const a = await first.answer('?? first', ctx());
    expect(a.answered_by).toBe('openai:gpt-4.1-mini');
    expect(a.usage.costUsd).toBeGreaterThan(0.000001);
    await first.close();

    // "after a restart": a new connection and a new router, nothing shared in memory
    const second = router(DatabaseSpendStore.fromDataSource(await open()), 0.000001);
    expect(await second.ledger.tenantMonthUsd('acme')).toBeCloseTo(a.usage.costUsd, 12);
    expect(await second.ledger.providerMonthUsd('openai')).toBeCloseTo(a.usage.costUsd, 12);
    const b = await second.answer('?? second', ctx());
    expect(b).toMatchObject({ answered_by: 'local' });
    expect(b.notes.join(' ')).toMatch(/budget is used up/);
    expect(f.openai.requests).toHaveLength(1);
    // another tenant still reaches the model
    expect((await second.answer('?? other', ctx('other'))).answered_by).toBe('openai:gpt-4.1-mini');
    await second.close();
  });
});
