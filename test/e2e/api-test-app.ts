import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DuckDbConnection, retailDdl } from '@smartseg/warehouse';
import { referenceRetailTestCatalog } from '@smartseg/knowledge-store';
import { catalogPath, warehousePath } from '@smartseg/common/server';
import { loadAppConfig, type AppConfig } from '@smartseg/common/server';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp, fastifyAdapter } from '../../apps/api/src/bootstrap';
import { resolveSecrets } from '../../apps/api/src/secrets';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';

const STATES = ['TX', 'CA', 'NY', 'FL', 'WA'];
const TIERS = ['none', 'silver', 'gold', 'platinum'];
const GENDERS = ['female', 'male', 'nonbinary', 'unknown'];

/**
 * A hand-made tiny warehouse (the spec's tables; customers only are filled) with ids from
 * `firstId`: deterministic values so tests can compute expected counts.
 */
export async function writeTinyWarehouse(file: string, firstId: number, n: number): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (fs.existsSync(file)) fs.rmSync(file);
  const conn = await DuckDbConnection.open({ path: file });
  await conn.exec(retailDdl('duckdb'));
  const rows: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = firstId + i;
    const state = STATES[i % STATES.length];
    const tier = TIERS[i % TIERS.length];
    const gender = GENDERS[i % GENDERS.length];
    const birth = `${1950 + (i % 50)}-0${1 + (i % 9)}-15`;
    rows.push(
      `(${id}, 'First${id}', 'Last${id}', 'c${id}@example.com', '555-${id}', DATE '${birth}', '${gender}', 'City', '${state}', '7${String(id).padStart(4, '0')}', 'west', DATE '2024-01-01', 'web', '${tier}', ${i * 10}, ${i % 2 === 0}, ${i % 3 === 0}, false, ${1 + (i % 4)}, ${i % 5 === 0}, '50k_100k', 'ios', NULL, false)`,
    );
  }
  await conn.exec(`INSERT INTO customers VALUES ${rows.join(',\n')}`);
  await conn.close();
}

export function tinyCounts(n: number, pred: (i: number) => boolean): number {
  let c = 0;
  for (let i = 0; i < n; i++) if (pred(i)) c++;
  return c;
}
export const stateOf = (i: number) => STATES[i % STATES.length]!;
export const tierOf = (i: number) => TIERS[i % TIERS.length]!;

export function writeCatalog(home: string, tenantId: string): void {
  const file = catalogPath(tenantId, { SMARTSEG_HOME: home });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ ...referenceRetailTestCatalog('2026-06-30'), tenant_id: tenantId }));
}

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  home: string;
  close(): Promise<void>;
}

export function tempHome(prefix = 'smartseg-api-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Boots the API on a temp SMARTSEG_HOME (SQLite + in-process queue) the way main.ts does, via Test.createTestingModule. */
export async function bootTestApp(
  env: Record<string, string> = {},
  options: { home?: string; override?: (b: ReturnType<typeof Test.createTestingModule>) => void } = {},
): Promise<TestApp> {
  const home = options.home ?? tempHome();
  const config = loadAppConfig({
    SMARTSEG_HOME: home,
    ADMIN_API_KEY: ADMIN_KEY,
    API_KEY_PEPPER: 'test-pepper-0123456789',
    DEMO_TENANT: 'false',
    RATE_LIMIT_PER_KEY: '100000',
    RATE_LIMIT_PER_TENANT: '100000',
    RATE_LIMIT_ANONYMOUS: '100000',
    LOG_LEVEL: 'error',
    ...env,
  });
  resolveSecrets(config);
  const builder = Test.createTestingModule({ imports: [AppModule.forRoot(config)] });
  options.override?.(builder);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(fastifyAdapter(config), { logger: ['error'] });
  configureApp(app, config);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    config,
    home,
    close: async () => {
      await app.close();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Creates a tenant with a tiny warehouse and catalog, and returns keys by role set. */
export async function seedTenant(
  t: TestApp,
  tenantId: string,
  firstId: number,
  n: number,
  keys: Record<string, string[]>,
): Promise<Record<string, string>> {
  await writeTinyWarehouse(warehousePath(tenantId, { SMARTSEG_HOME: t.home }), firstId, n);
  writeCatalog(t.home, tenantId);
  const res = await t.app.inject({
    method: 'POST',
    url: '/admin/tenants',
    headers: { 'x-api-key': ADMIN_KEY },
    payload: { id: tenantId, name: `Tenant ${tenantId}` },
  });
  if (res.statusCode !== 201) throw new Error(`create tenant: ${res.statusCode} ${res.body}`);
  const out: Record<string, string> = {};
  for (const [name, roles] of Object.entries(keys)) {
    const k = await t.app.inject({
      method: 'POST',
      url: `/admin/tenants/${tenantId}/keys`,
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
      payload: { name, roles },
    });
    if (k.statusCode !== 201) throw new Error(`create key: ${k.statusCode} ${k.body}`);
    out[name] = k.json<{ key: string }>().key;
  }
  return out;
}

/** Parses a text/event-stream body into events. */
export function parseSse(body: string): { event: string; data: unknown }[] {
  return body
    .split('\n\n')
    .filter((b) => b.trim())
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = /^data: (.*)$/m.exec(block)?.[1];
      return { event, data: data ? JSON.parse(data) : null };
    });
}
