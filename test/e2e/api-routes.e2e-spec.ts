import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { ACCESS_KEY, type AccessRule } from '../../apps/api/src/auth/access.decorator';
import { bootTestApp, type TestApp } from './api-test-app';

interface RouteRow {
  method: string;
  path: string;
  handler: string;
  access: AccessRule | undefined;
}

function joinPath(...parts: (string | undefined)[]): string {
  return `/${parts
    .filter((p) => p !== undefined && p !== '' && p !== '/')
    .map((p) => p!.replace(/^\/|\/$/g, ''))
    .join('/')}`;
}

/** Every route of the API with its access rule, read from the controllers the app registered. */
export function listRoutes(t: TestApp): RouteRow[] {
  const rows: RouteRow[] = [];
  const seen = new Set<unknown>();
  for (const mod of t.app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const cls = wrapper.metatype as (new (...a: unknown[]) => unknown) | undefined;
      if (!cls || seen.has(cls)) continue;
      seen.add(cls);
      const base = Reflect.getMetadata(PATH_METADATA, cls) as string | undefined;
      const classAccess = Reflect.getMetadata(ACCESS_KEY, cls) as AccessRule | undefined;
      let proto = cls.prototype as object;
      const names = new Set<string>();
      while (proto && proto !== Object.prototype) {
        for (const n of Object.getOwnPropertyNames(proto)) names.add(n);
        proto = Object.getPrototypeOf(proto) as object;
      }
      for (const name of names) {
        if (name === 'constructor') continue;
        const fn = (cls.prototype as Record<string, unknown>)[name];
        if (typeof fn !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, fn) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        rows.push({
          method: RequestMethod[method],
          path: joinPath(base, path),
          handler: `${cls.name}.${name}`,
          access: (Reflect.getMetadata(ACCESS_KEY, fn) as AccessRule | undefined) ?? classAccess,
        });
      }
    }
  }
  return rows.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

const sample = (path: string) =>
  path.replace(/:[A-Za-z]+/g, (m) =>
    m === ':version' || m === ':customerId' ? '1' : '00000000-0000-4000-8000-000000000000',
  );

describe('API routes: every route declares its guard', () => {
  let t: TestApp;
  let rows: RouteRow[];
  beforeAll(async () => {
    t = await bootTestApp();
    rows = listRoutes(t);
  }, 60_000);
  afterAll(async () => t?.close());

  it('lists every route with its access rule (and fails on an unguarded one)', () => {
    const table = rows.map(
      (r) =>
        `${r.method.padEnd(6)} ${r.path.padEnd(52)} ${(r.access ? `${r.access.kind}${r.access.roles.length ? ` [${r.access.roles.join(',')}]` : ''}` : 'NONE (unguarded!)').padEnd(22)} ${r.handler}`,
    );
    process.stdout.write(`\nAPI routes (${rows.length}):\n${table.join('\n')}\n`);
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.filter((r) => !r.access).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('only probes and metrics are public; /admin is admin-only; /v1 is tenant-only', () => {
    for (const r of rows) {
      if (r.path.startsWith('/admin')) expect([r.path, r.access?.kind]).toEqual([r.path, 'admin']);
      else if (r.path.startsWith('/v1')) expect([r.path, r.access?.kind]).toEqual([r.path, 'tenant']);
      else expect([r.path, r.access?.kind]).toEqual([r.path, 'public']);
    }
  });

  it('every route is served by Fastify, and refuses a caller without a key unless public', async () => {
    const fastify = t.app.getHttpAdapter().getInstance();
    for (const r of rows) {
      expect([r.method, r.path, fastify.hasRoute({ method: r.method as 'GET', url: r.path })]).toEqual([
        r.method,
        r.path,
        true,
      ]);
      const res = await t.app.inject({
        method: r.method as 'GET',
        url: sample(r.path),
        ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }),
      });
      if (r.access?.kind === 'public') expect([r.path, res.statusCode]).not.toEqual([r.path, 401]);
      else expect([r.method, r.path, res.statusCode, res.json().code]).toEqual([r.method, r.path, 401, 'UNAUTHORIZED']);
    }
  });

  it('serves the probes and metrics', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/health/live' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().info).toMatchObject({ database: { status: 'up' }, warehouse: { status: 'up' } });
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    for (const name of [
      'agent_requests_total',
      'agent_request_latency_seconds',
      'llm_tokens_total',
      'llm_cost_usd_total',
      'llm_call_latency_seconds',
      'cache_hits_total',
      'cache_misses_total',
      'eval_score',
    ]) {
      expect(metrics.body).toContain(`# TYPE ${name}`);
    }
  });
});
