import * as fs from 'node:fs';
import * as path from 'node:path';
import { Logger } from '@nestjs/common';
import { warehousePath } from '@smartseg/common/server';
import { copyWarehouseToPostgres, DuckDbConnection, generateRetailWarehouse } from '@smartseg/warehouse';
import { TenantWarehouses } from '../../apps/api/src/warehouse/tenant-warehouses.service';
import { startTempPostgres, type TempPostgres } from '../integration/migrations-postgres.helper';
import { ADMIN_KEY, bootTestApp, tempHome, writeCatalog, type TestApp } from './api-test-app';

const AS_OF = '2026-06-30';
const SCHEMA = 'wh_tenant';
const PASSWORD = 'pw-s3cret-do-not-echo';

/** The same URL with a password in it (ignored by a trust-auth server; there to be masked). */
function withPassword(url: string): { url: string; password: string } {
  const existing = /^[a-z]+:\/\/[^:@/?#]*:([^@/?#]+)@/i.exec(url)?.[1];
  if (existing) return { url, password: existing };
  return { url: url.replace(/^([a-z]+:\/\/)([^@/?#]*)@/i, `$1$2:${PASSWORD}@`), password: PASSWORD };
}

const SEGMENTS: Record<string, unknown> = {
  texans: { version: 1, where: { kind: 'attribute', facet: 'state', op: 'eq', value: 'TX' } },
  tiers: { version: 1, where: { kind: 'attribute', facet: 'loyalty_tier', op: 'in', values: ['gold', 'platinum'] } },
  recentBaby: {
    version: 1,
    where: { kind: 'purchase', item: { department: ['Baby'] }, window: { type: 'last', n: 365, unit: 'day' } },
  },
  texansNotBaby: {
    version: 1,
    where: {
      kind: 'and',
      children: [
        { kind: 'attribute', facet: 'state', op: 'eq', value: 'TX' },
        {
          kind: 'not',
          child: { kind: 'purchase', item: { department: ['Baby'] }, window: { type: 'last', n: 90, unit: 'day' } },
        },
      ],
    },
  },
};

/**
 * A tenant whose warehouse is PostgreSQL (settings.warehouse = {kind:'postgres', url, schema}),
 * loaded with copyWarehouseToPostgres from a small generated DuckDB warehouse, answers with the
 * same counts, breakdowns and ids as a tenant on that DuckDB file. The url is validated, never
 * echoed, and the warehouse is reported in /health/ready (an unreachable one without failing it). Skipped locally without PostgreSQL; fails in CI.
 */
describe('tenant warehouse on PostgreSQL (skipped without PostgreSQL; set TEST_DATABASE_URL)', () => {
  let pg: TempPostgres | undefined;
  let t: TestApp | undefined;
  let secretUrl: { url: string; password: string };
  const keys: Record<string, string> = {};
  const editors: Record<string, string> = {};
  const home = tempHome('smartseg-pgwh-');

  async function admin(method: 'POST' | 'PATCH' | 'GET', url: string, payload?: object) {
    return t!.app.inject({ method, url, headers: { 'x-api-key': ADMIN_KEY }, ...(payload ? { payload } : {}) });
  }

  async function tenant(id: string, settings: object): Promise<void> {
    writeCatalog(home, id);
    const res = await admin('POST', '/admin/tenants', { id, name: id, settings });
    if (res.statusCode !== 201) throw new Error(`create tenant ${id}: ${res.statusCode} ${res.body}`);
    const k = await admin('POST', `/admin/tenants/${id}/keys`, { name: 'viewer', roles: ['viewer'] });
    keys[id] = k.json<{ key: string }>().key;
    const e = await admin('POST', `/admin/tenants/${id}/keys`, { name: 'editor', roles: ['editor'] });
    editors[id] = e.json<{ key: string }>().key;
  }

  beforeAll(async () => {
    pg = startTempPostgres();
    if (!pg) return;
    t = await bootTestApp({}, { home });
    const file = warehousePath('wh-duck', { SMARTSEG_HOME: home });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const duck = await DuckDbConnection.open({ path: file });
    try {
      await generateRetailWarehouse(duck, { customers: 400, seed: 3, asOf: AS_OF });
      await copyWarehouseToPostgres(duck, pg.url, { schema: SCHEMA });
    } finally {
      await duck.close();
    }
    secretUrl = withPassword(pg.url);
    await tenant('wh-duck', {});
    await tenant('wh-pg', { warehouse: { kind: 'postgres', url: secretUrl.url, schema: SCHEMA } });
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    pg?.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('answers the same counts, breakdowns and ids on PostgreSQL as on the DuckDB file it was loaded from', async () => {
    if (!t) return void process.stdout.write('PostgreSQL not available: skipped\n');
    const ask = async (tenantId: string, url: string, payload: object, status = 200) => {
      const res = await t!.app.inject({ method: 'POST', url, headers: { 'x-api-key': keys[tenantId]! }, payload });
      expect([tenantId, url, res.statusCode]).toEqual([tenantId, url, status]);
      return res;
    };
    const counts: Record<string, number> = {};
    for (const [name, segment] of Object.entries(SEGMENTS)) {
      const duck = (await ask('wh-duck', '/v1/segments/count', { segment })).json().count;
      const pgCount = (await ask('wh-pg', '/v1/segments/count', { segment })).json().count;
      expect([name, pgCount]).toEqual([name, duck]);
      counts[name] = duck;
    }
    // the data is not trivial: every segment matches someone, and not everyone
    for (const [name, n] of Object.entries(counts)) expect([name, n > 0 && n < 400]).toEqual([name, true]);

    const bd = async (tenantId: string) =>
      (await ask(tenantId, '/v1/segments/breakdown', { segment: SEGMENTS['tiers'], facet: 'state' })).json().rows;
    expect(await bd('wh-pg')).toEqual(await bd('wh-duck'));

    const conv = async (tenantId: string) =>
      (await ask(tenantId, '/v1/conversations', { text: 'customers in Texas' }, 201)).json().count;
    expect(await conv('wh-pg')).toBe(counts['texans']);
    expect(await conv('wh-duck')).toBe(counts['texans']);
  }, 120_000);

  it('exports the same ids from both warehouses', async () => {
    if (!t) return;
    const ids = async (tenantId: string) => {
      const saved = await t!.app.inject({
        method: 'POST',
        url: '/v1/segments',
        headers: { 'x-api-key': editors[tenantId]! },
        payload: { name: 'texans', segment: SEGMENTS['texansNotBaby'] },
      });
      expect(saved.statusCode).toBe(201);
      const id = saved.json().id as string;
      const csv = await t!.app.inject({
        method: 'GET',
        url: `/v1/segments/${id}/export?format=csv`,
        headers: { 'x-api-key': keys[tenantId]! },
      });
      expect(csv.statusCode).toBe(200);
      return csv.body
        .trim()
        .split('\n')
        .slice(1)
        .map(Number)
        .sort((a, b) => a - b);
    };
    const fromPg = await ids('wh-pg');
    expect(fromPg.length).toBeGreaterThan(0);
    expect(fromPg).toEqual(await ids('wh-duck'));
  }, 60_000);

  it('connects read-only, in the tenant schema, pooled and reused', async () => {
    if (!t) return;
    const warehouses = t.app.get(TenantWarehouses);
    const conn = await warehouses.connection('wh-pg');
    expect(conn.dialect).toBe('postgres');
    expect(await warehouses.connection('wh-pg')).toBe(conn);
    expect(await conn.query('SHOW default_transaction_read_only')).toEqual([{ default_transaction_read_only: 'on' }]);
    expect((await conn.query<{ s: string }>('SELECT current_schema() AS s'))[0]?.s).toBe(SCHEMA);
    await expect(conn.exec('CREATE TABLE smartseg_should_not_exist (i int)')).rejects.toThrow(/read-only/);
    await expect(conn.query('DELETE FROM customers')).rejects.toThrow(/read-only/);
    expect((await conn.query<{ n: number }>('SELECT count(*) AS n FROM customers'))[0]?.n).toBe(400);
  });

  it('reports the PostgreSQL warehouse in /health/ready', async () => {
    if (!t) return;
    const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().info.warehouse.opened).toMatchObject({ 'wh-pg': 'up' });
  });

  it('refuses a malformed warehouse setting with a 400 naming the field, without echoing the url', async () => {
    if (!t) return;
    const cases: [object, string][] = [
      [{ kind: 'postgres', url: `mysql://root:${PASSWORD}@db/x` }, 'settings.warehouse.url'],
      [{ kind: 'postgres' }, 'settings.warehouse.url'],
      [{ kind: 'postgres', url: secretUrl.url, schema: 'bad-schema; DROP' }, 'settings.warehouse.schema'],
      [{ kind: 'oracle', url: secretUrl.url }, 'settings.warehouse.kind'],
      [{ kind: 'duckdb', url: secretUrl.url }, 'settings.warehouse.url'],
      [{ kind: 'postgres', url: secretUrl.url, path: '/tmp/x.duckdb' }, 'settings.warehouse.path'],
      [{ kind: 'postgres', url: secretUrl.url, password: 'x' }, 'settings.warehouse.password'],
      [{ kind: 'postgres', url: 42 }, 'settings.warehouse.url'],
      // the masked url GET shows, sent back
      [{ kind: 'postgres', url: 'postgres://reader:***@db/shop' }, 'settings.warehouse.url'],
    ];
    for (const [warehouse, field] of cases) {
      const res = await admin('PATCH', '/admin/tenants/wh-duck', { settings: { warehouse } });
      expect([field, res.statusCode, res.json().code]).toEqual([field, 400, 'BAD_INPUT']);
      expect(res.json().details.map((d: { path: string }) => d.path)).toContain(field);
      expect(res.json().message).toContain(field);
      expect(res.body).not.toContain(PASSWORD);
    }
    // the tenant is unchanged
    const ok = await t.app.inject({
      method: 'POST',
      url: '/v1/segments/count',
      headers: { 'x-api-key': keys['wh-duck']! },
      payload: { segment: SEGMENTS['texans'] },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('never shows the url in tenant responses', async () => {
    if (!t) return;
    const configured = await admin('PATCH', '/admin/tenants/wh-pg', {
      settings: { warehouse: { kind: 'postgres', url: secretUrl.url, schema: SCHEMA } },
    });
    expect(configured.statusCode).toBe(200);
    for (const res of [configured, await admin('GET', '/admin/tenants'), await admin('GET', '/admin/tenants/wh-pg')]) {
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(secretUrl.password);
      expect(res.body).toContain('"kind":"postgres"');
      expect(res.body).toContain(':***@');
    }
  });

  it('never shows the url in the audit trail (GET /admin/tenants/:id/audit)', async () => {
    if (!t) return;
    const audit = await admin('GET', '/admin/tenants/wh-pg/audit');
    expect(audit.statusCode).toBe(200);
    expect(audit.body).toContain('tenant.configure');
    expect(audit.body).not.toContain(secretUrl.password);
  });

  it('reports an unreachable PostgreSQL warehouse as down, with the url masked in answers and logs', async () => {
    if (!t) return;
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      await tenant('wh-bad', {
        warehouse: { kind: 'postgres', url: `postgres://smartseg:${PASSWORD}@127.0.0.1:1/nowhere` },
      });
      const count = await t.app.inject({
        method: 'POST',
        url: '/v1/segments/count',
        headers: { 'x-api-key': keys['wh-bad']! },
        payload: { segment: SEGMENTS['texans'] },
      });
      expect(count.statusCode).toBe(502);
      expect(count.json().code).toBe('WAREHOUSE_ERROR');
      expect(count.body).not.toContain(PASSWORD);
      // one tenant's warehouse does not take the service out of readiness: it is named as down
      let ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
      for (let i = 0; i < 20 && !JSON.stringify(ready.json()).includes('"wh-bad":"down: '); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
      }
      expect(ready.statusCode).toBe(200);
      expect(ready.body).not.toContain(PASSWORD);
      expect(JSON.stringify(ready.json())).toMatch(/"wh-bad":"down: /);
      expect(ready.json().details.warehouse.down).toContain('wh-bad');
      const logged = warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('wh-bad'));
      expect(logged.length).toBeGreaterThan(0);
      expect(logged.join('\n')).toContain('postgres://smartseg:***@127.0.0.1:1/nowhere');
      expect(logged.join('\n')).not.toContain(PASSWORD);
    } finally {
      warn.mockRestore();
    }
    // disabled, it is no longer checked
    await admin('POST', '/admin/tenants/wh-bad/disable');
    let after = await t.app.inject({ method: 'GET', url: '/health/ready' });
    for (let i = 0; i < 20 && after.json().details.warehouse.down; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await t.app.inject({ method: 'GET', url: '/health/ready' });
    }
    expect(after.statusCode).toBe(200);
    expect(after.json().details.warehouse.opened['wh-bad']).toBeUndefined();
  }, 60_000);
});
