import * as fs from 'node:fs';
import { JobQueue } from '@smartseg/queue';
import { startTempRedis, type TempRedis } from '../integration/api-redis.helper';
import { startTempPostgres, type TempPostgres } from '../integration/migrations-postgres.helper';
import { FLOW_TENANT, runApiFlow, spawnWorker, type FlowResult, type WorkerProcess } from './api-flow.shared';
import { ADMIN_KEY, bootTestApp, seedTenant, tempHome, type TestApp } from './api-test-app';

const N = 120;
const PEPPER = 'test-pepper-0123456789';

/**
 * The same conversation -> save -> count -> export flow on both stores: the embedded default
 * (SQLite, in-process jobs) and the production shape (PostgreSQL, Redis, BullMQ, and a real
 * apps/worker process from dist that runs the export jobs). Without PostgreSQL or redis-server
 * the production half skips locally; under CI=true it fails.
 */
describe('production shape: one API flow on the embedded default and on PostgreSQL + Redis + worker', () => {
  const results: { embedded?: FlowResult; production?: FlowResult } = {};

  describe('embedded: SQLite + in-process queue', () => {
    let t: TestApp;
    let keys: Record<string, string>;

    beforeAll(async () => {
      t = await bootTestApp();
      keys = await seedTenant(t, FLOW_TENANT, 1, N, { editor: ['editor'], viewer: ['viewer'] });
    }, 60_000);
    afterAll(async () => t?.close());

    it('runs the flow; the API process runs the export jobs itself', async () => {
      expect(t.app.get(JobQueue).kind).toBe('in-process');
      results.embedded = await runApiFlow({
        app: t.app,
        home: t.home,
        keys: { editor: keys['editor']!, viewer: keys['viewer']! },
        n: N,
      });
      expect(results.embedded.jobs.csv.worker).toBeUndefined();
    }, 60_000);
  });

  describe('production: PostgreSQL + Redis + apps/worker process', () => {
    let pg: TempPostgres | undefined;
    let redis: TempRedis | undefined;
    let t: TestApp | undefined;
    let worker: WorkerProcess | undefined;
    let keys: Record<string, string> = {};
    const home = tempHome('smartseg-prod-');

    beforeAll(async () => {
      pg = startTempPostgres();
      redis = await startTempRedis();
      if (!pg || !redis) return;
      const env = { DATABASE_URL: pg.url, REDIS_URL: redis.url };
      t = await bootTestApp(env, { home });
      keys = await seedTenant(t, FLOW_TENANT, 1, N, { editor: ['editor'], viewer: ['viewer'] });
      worker = await spawnWorker({
        ...env,
        SMARTSEG_HOME: home,
        ADMIN_API_KEY: ADMIN_KEY,
        API_KEY_PEPPER: PEPPER,
        DEMO_TENANT: 'false',
      });
    }, 120_000);

    afterAll(async () => {
      await worker?.stop();
      await t?.app.close();
      await redis?.stop();
      pg?.stop();
      fs.rmSync(home, { recursive: true, force: true });
    });

    it('runs the flow; the export jobs are run by the worker process, not by the API', async () => {
      if (!t || !worker) return void process.stdout.write('PostgreSQL or Redis not available: skipped\n');
      expect(t.app.get(JobQueue).kind).toBe('bullmq');
      results.production = await runApiFlow({
        app: t.app,
        home,
        keys: { editor: keys['editor']!, viewer: keys['viewer']! },
        n: N,
      });
      for (const job of Object.values(results.production.jobs)) {
        expect(job.worker).toBe(worker.name);
        expect(job.worker?.startsWith(`${worker.pid}@`)).toBe(true);
      }
      expect(worker.pid).not.toBe(process.pid);
      const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json().info).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
    }, 120_000);

    it('keeps the worker alive after the flow (no crash in its log)', () => {
      if (!t || !worker) return;
      expect(worker.child.exitCode).toBeNull();
      expect(worker.output()).not.toMatch(/worker failed|ERROR/);
    });
  });

  it('gives equal results on both stores', () => {
    if (!results.production) {
      if (process.env['CI'] === 'true') throw new Error('the production flow did not run in CI');
      return void process.stdout.write('production flow skipped: nothing to compare\n');
    }
    expect(results.embedded).toBeDefined();
    expect(results.production.comparable).toEqual(results.embedded!.comparable);
  });
});
