import * as fs from 'node:fs';
import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { JobQueue } from '@smartseg/queue';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { bootTestApp, seedTenant, stateOf, tempHome, tinyCounts, type TestApp } from '../e2e/api-test-app';
import { startTempRedis, type TempRedis } from './api-redis.helper';

/** With REDIS_URL: BullMQ jobs consumed by apps/worker, and rate limits shared across API instances. */
describe('API with Redis (skipped without redis-server; set TEST_REDIS_URL)', () => {
  let redis: TempRedis | undefined;
  let api1: TestApp | undefined;
  let api2: TestApp | undefined;
  let worker: INestApplicationContext | undefined;
  let keys: Record<string, string> = {};
  const home = tempHome('smartseg-redis-');

  beforeAll(async () => {
    redis = await startTempRedis();
    if (!redis) return;
    const env = { REDIS_URL: redis.url, RATE_LIMIT_PER_KEY: '100000', RATE_LIMIT_PER_TENANT: '6' };
    api1 = await bootTestApp(env, { home });
    api2 = await bootTestApp(env, { home });
    keys = await seedTenant(api1, 'rt', 1, 50, { viewer: ['viewer'], editor: ['editor'] });
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(api1.config), { logger: false });
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api2?.app.close();
    await api1?.app.close();
    await redis?.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('queues an export on BullMQ; apps/worker runs it in the tenant context', async () => {
    if (!api1) return void process.stdout.write('Redis not available: skipped\n');
    expect(api1.app.get(JobQueue).kind).toBe('bullmq');
    const seg = await api1.app.inject({
      method: 'POST',
      url: '/v1/segments',
      headers: { 'x-api-key': keys['editor']! },
      payload: {
        name: 'WA',
        segment: { version: 1, where: { kind: 'attribute', facet: 'state', op: 'eq', value: 'WA' } },
      },
    });
    const job = await api1.app.inject({
      method: 'POST',
      url: `/v1/segments/${seg.json().id}/exports`,
      headers: { 'x-api-key': keys['editor']! },
      payload: { format: 'csv' },
    });
    expect(job.statusCode).toBe(202);
    let info: { status: string; result?: { rows: number; file: string } } = { status: 'queued' };
    for (let i = 0; i < 100 && info.status !== 'completed' && info.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      info = (
        await api2!.app.inject({
          method: 'GET',
          url: `/v1/jobs/${job.json().job_id}`,
          headers: { 'x-api-key': keys['viewer']! },
        })
      ).json();
    }
    expect(info).toMatchObject({ status: 'completed', result: { rows: tinyCounts(50, (i) => stateOf(i) === 'WA') } });
    expect(fs.readFileSync(path.join(home, info.result!.file), 'utf8').split('\n')[0]).toBe('customer_id');
  }, 30_000);

  it('shares a tenant rate limit between API instances', async () => {
    if (!api1 || !api2) return;
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const app = i % 2 === 0 ? api1 : api2;
      statuses.push(
        (await app.app.inject({ method: 'GET', url: '/v1/me', headers: { 'x-api-key': keys['viewer']! } })).statusCode,
      );
    }
    // 6 per tenant per window, some already used by the previous test
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    expect(statuses.at(-1)).toBe(429);
  });

  it('reports Redis in readiness', async () => {
    if (!api1) return;
    const ready = await api1.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.json().info.redis).toEqual({ status: 'up' });
  });
});
