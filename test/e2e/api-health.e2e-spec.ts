import * as fs from 'node:fs';
import * as net from 'node:net';
import { Logger } from '@nestjs/common';
import { TENANT_CHECK_WAIT_MS } from '../../apps/api/src/health/health.controller';
import { ADMIN_KEY, bootTestApp, seedTenant, writeCatalog, type TestApp } from './api-test-app';

const PASSWORD = 'pw-never-echoed';
/** Nothing listens on port 1: the connection is refused at once. */
const REFUSED_URL = `postgres://u:${PASSWORD}@127.0.0.1:1/x`;

interface Ready {
  status: string;
  info?: Record<string, { status: string }>;
  error?: Record<string, { status: string }>;
  details: {
    database: { status: string };
    warehouse: { status: string; engine: string; opened: Record<string, string>; missing: string[]; down?: string[] };
  };
}

/**
 * Readiness depends on the service's own dependencies (state database, the embedded warehouse
 * engine, Redis when configured), not on any one tenant's warehouse: a tenant whose PostgreSQL
 * warehouse is unreachable is named as down in the body, the gauge and the log, and the probe
 * still answers 200 (it answered 503 for everyone before).
 */
describe('GET /health/ready with a tenant whose warehouse is down', () => {
  let t: TestApp;
  let viewer: string;
  /** Accepts connections and never answers: a warehouse that hangs. */
  let silent: net.Server;
  const sockets = new Set<net.Socket>();
  let silentPort = 0;

  async function admin(method: 'POST' | 'PATCH', url: string, payload: object) {
    const res = await t.app.inject({ method, url, headers: { 'x-api-key': ADMIN_KEY }, payload });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res;
  }

  async function ready(): Promise<{ statusCode: number; body: string; json: Ready; ms: number }> {
    const started = Date.now();
    const res = await t.app.inject({ method: 'GET', url: '/health/ready' });
    return { statusCode: res.statusCode, body: res.body, json: res.json<Ready>(), ms: Date.now() - started };
  }

  beforeAll(async () => {
    silent = net.createServer((s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as net.AddressInfo).port;
    t = await bootTestApp();
    ({ viewer } = await seedTenant(t, 'healthy', 1, 50, { viewer: ['viewer'] }));
    // the healthy tenant's DuckDB warehouse is opened (and so checked by readiness)
    const count = await t.app.inject({
      method: 'POST',
      url: '/v1/segments/count',
      headers: { 'x-api-key': viewer! },
      payload: { segment: { version: 1, where: { kind: 'attribute', facet: 'state', op: 'eq', value: 'TX' } } },
    });
    expect(count.statusCode).toBe(200);
  }, 60_000);

  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => silent.close(resolve));
    await t?.close();
  });

  it('is ready with every warehouse up', async () => {
    const r = await ready();
    expect(r.statusCode).toBe(200);
    expect(r.json.details.database.status).toBe('up');
    expect(r.json.details.warehouse).toMatchObject({ status: 'up', engine: 'up', opened: { healthy: 'up' } });
    expect(r.json.details.warehouse.down).toBeUndefined();
  });

  it('stays ready when a tenant warehouse is unreachable, naming the tenant as down (body, gauge, log)', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      writeCatalog(t.home, 'wh-bad');
      await admin('POST', '/admin/tenants', {
        id: 'wh-bad',
        name: 'wh-bad',
        settings: { warehouse: { kind: 'postgres', url: REFUSED_URL } },
      });
      // the check runs in the background; a refused connection is reported by the first probe or the next
      let r = await ready();
      for (let i = 0; i < 20 && !r.json.details.warehouse.down?.includes('wh-bad'); i++) {
        expect(r.statusCode).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 100));
        r = await ready();
      }
      expect(r.statusCode).toBe(200);
      expect(r.json.status).toBe('ok');
      expect(r.json.details.warehouse.status).toBe('up');
      expect(r.json.details.warehouse.engine).toBe('up');
      expect(r.json.details.warehouse.down).toEqual(['wh-bad']);
      expect(r.json.details.warehouse.opened['wh-bad']).toMatch(/^down: /);
      expect(r.json.details.warehouse.opened['healthy']).toBe('up');
      expect(r.body).not.toContain(PASSWORD);

      const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
      expect(metrics.body).toMatch(/tenant_warehouse_up\{tenant_id="wh-bad"\} 0/);
      expect(metrics.body).toMatch(/tenant_warehouse_up\{tenant_id="healthy"\} 1/);

      const logged = warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('wh-bad'));
      expect(logged.some((m) => /warehouse down: /.test(m))).toBe(true);
      expect(logged.join('\n')).not.toContain(PASSWORD);

      // the healthy tenant is served as before
      const count = await t.app.inject({
        method: 'POST',
        url: '/v1/segments/count',
        headers: { 'x-api-key': viewer },
        payload: { segment: { version: 1, where: { kind: 'attribute', facet: 'state', op: 'eq', value: 'TX' } } },
      });
      expect(count.statusCode).toBe(200);
    } finally {
      warn.mockRestore();
    }
  }, 30_000);

  it('answers within the probe budget when a tenant warehouse hangs', async () => {
    writeCatalog(t.home, 'wh-hangs');
    await admin('POST', '/admin/tenants', {
      id: 'wh-hangs',
      name: 'wh-hangs',
      settings: { warehouse: { kind: 'postgres', url: `postgres://u:${PASSWORD}@127.0.0.1:${silentPort}/x` } },
    });
    const r = await ready();
    expect(r.statusCode).toBe(200);
    // the hanging check (3 s) is not waited for: the probe answers with what it knows
    expect(r.ms).toBeLessThan(TENANT_CHECK_WAIT_MS + 1500);
    expect(r.json.details.warehouse.opened['wh-hangs']).toBeUndefined();
    // once the check gave up, the tenant is named as down
    await new Promise((resolve) => setTimeout(resolve, 3500));
    let later = await ready();
    for (let i = 0; i < 20 && !later.json.details.warehouse.down?.includes('wh-hangs'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      later = await ready();
    }
    expect(later.statusCode).toBe(200);
    expect(later.json.details.warehouse.down).toEqual(expect.arrayContaining(['wh-bad', 'wh-hangs']));
    expect(later.json.details.warehouse.opened['wh-hangs']).toMatch(/^down: .*within 3000 ms/);
  }, 30_000);

  it('a disabled tenant is no longer checked', async () => {
    await admin('POST', '/admin/tenants/wh-bad/disable', {});
    await admin('POST', '/admin/tenants/wh-hangs/disable', {});
    let r = await ready();
    for (let i = 0; i < 20 && r.json.details.warehouse.down; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      r = await ready();
    }
    expect(r.statusCode).toBe(200);
    expect(r.json.details.warehouse.down).toBeUndefined();
    expect(Object.keys(r.json.details.warehouse.opened)).toEqual(['healthy']);
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).not.toMatch(/tenant_warehouse_up\{tenant_id="wh-bad"\}/);
  }, 30_000);

  it('is not ready when its own warehouse dependency fails (the data home is gone)', async () => {
    fs.rmSync(t.home, { recursive: true, force: true });
    const r = await ready();
    expect(r.statusCode).toBe(503);
    expect(r.json.status).toBe('error');
    expect(r.json.details.warehouse.status).toBe('down');
    expect(r.json.details.warehouse.engine).toMatch(/^down: the data home cannot be read/);
  });
});
