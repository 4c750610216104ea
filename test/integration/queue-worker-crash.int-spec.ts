import * as fs from 'node:fs';
import { Job, Queue, QueueEvents } from 'bullmq';
import { BULLMQ_QUEUE_NAME, JobQueue, redisConnection, type JobInfo } from '@smartseg/queue';
import { spawnWorker, type WorkerProcess } from '../e2e/api-flow.shared';
import { ADMIN_KEY, bootTestApp, seedTenant, tempHome, type TestApp } from '../e2e/api-test-app';
import { startTempRedis, type TempRedis } from './api-redis.helper';

const PEPPER = 'test-pepper-0123456789';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * BullMQ jobs survive a worker killed mid-run: the job's lock expires (QUEUE_LOCK_DURATION_MS),
 * another worker's stalled check (QUEUE_STALLED_INTERVAL_MS) puts it back, and it completes once,
 * in the context of the tenant in its payload. A job for a disabled or unknown tenant fails at
 * once, without retries. Real worker processes (dist/apps/worker) on a throwaway redis-server;
 * skipped locally without redis-server, failing under CI=true.
 */
describe('BullMQ worker crash and tenant checks (skipped without redis-server; set TEST_REDIS_URL)', () => {
  let redis: TempRedis | undefined;
  let t: TestApp | undefined;
  let jobs: JobQueue;
  let raw: Queue;
  let events: QueueEvents;
  const workers: WorkerProcess[] = [];
  const completed: string[] = [];
  const home = tempHome('smartseg-crash-');

  const workerEnv = () => ({
    SMARTSEG_HOME: home,
    REDIS_URL: redis!.url,
    ADMIN_API_KEY: ADMIN_KEY,
    API_KEY_PEPPER: PEPPER,
    DEMO_TENANT: 'false',
    SMARTSEG_TEST_JOBS: 'true',
    QUEUE_CONCURRENCY: '1',
    // short enough for a test, long enough that a loaded machine does not make a live worker's
    // lock lapse (it is renewed every 2.5 s)
    QUEUE_LOCK_DURATION_MS: '5000',
    QUEUE_STALLED_INTERVAL_MS: '1000',
    QUEUE_MAX_STALLED_COUNT: '2',
  });

  async function until(what: string, pred: () => Promise<boolean>, ms = 45_000): Promise<void> {
    const end = Date.now() + ms;
    while (!(await pred())) {
      if (Date.now() > end)
        throw new Error(
          `timed out waiting for ${what}; workers said:\n${workers.map((w) => w.output()).join('\n---\n')}`,
        );
      await sleep(100);
    }
  }

  beforeAll(async () => {
    redis = await startTempRedis();
    if (!redis) return;
    t = await bootTestApp({ REDIS_URL: redis.url }, { home });
    await seedTenant(t, 'crash-a', 1, 30, {});
    await seedTenant(t, 'crash-b', 1001, 70, {});
    await seedTenant(t, 'crash-off', 2001, 10, {});
    const off = await t.app.inject({
      method: 'POST',
      url: '/admin/tenants/crash-off/disable',
      headers: { 'x-api-key': ADMIN_KEY },
    });
    expect(off.statusCode).toBe(200);
    jobs = t.app.get(JobQueue);
    const connection = redisConnection(redis.url);
    raw = new Queue(BULLMQ_QUEUE_NAME, { connection });
    events = new QueueEvents(BULLMQ_QUEUE_NAME, { connection });
    events.on('completed', ({ jobId }) => completed.push(jobId));
    await events.waitUntilReady();
  }, 60_000);

  afterAll(async () => {
    for (const w of workers) await w.kill();
    await events?.close();
    await raw?.close();
    await t?.app.close();
    await redis?.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('runs a job killed mid-run again on a second worker: completed once, for its own tenant', async () => {
    if (!t) return void process.stdout.write('Redis not available: skipped\n');
    expect(jobs.kind).toBe('bullmq');
    const b = await jobs.enqueue('test.slow', { tenantId: 'crash-b', requestedBy: 'test', ms: 4000 });
    const a = await jobs.enqueue('test.slow', { tenantId: 'crash-a', requestedBy: 'test', ms: 200 });

    const first = await spawnWorker(workerEnv());
    workers.push(first);
    await until(
      'the first worker to take the job',
      async () => (await jobs.get('crash-b', b.id))?.status === 'running',
    );
    expect((await jobs.get('crash-b', b.id))?.worker).toBe(first.name);
    await sleep(500);
    await first.kill();
    expect(first.child.signalCode).toBe('SIGKILL');
    // killed mid-run: nothing completed, the job still looks active until its lock expires
    expect(completed).toEqual([]);
    expect((await jobs.get('crash-b', b.id))?.status).toBe('running');

    const second = await spawnWorker(workerEnv());
    workers.push(second);
    let infoB: JobInfo | undefined;
    await until(
      'the job to complete on the second worker',
      async () => (infoB = await jobs.get('crash-b', b.id))?.status === 'completed',
    );
    expect(infoB).toMatchObject({
      status: 'completed',
      worker: second.name,
      result: { tenant: 'crash-b', customers: 70, pid: second.pid },
    });
    let infoA: JobInfo | undefined;
    await until('the other job', async () => (infoA = await jobs.get('crash-a', a.id))?.status === 'completed');
    expect(infoA?.result).toEqual({ tenant: 'crash-a', customers: 30, pid: second.pid });

    // started twice (on the killed worker, then on the second), finished once
    const job = await Job.fromId(raw, b.id);
    expect(job).toMatchObject({ stalledCounter: 1, attemptsStarted: 2, attemptsMade: 1 });
    await sleep(300); // completed events are delivered asynchronously
    expect(completed.filter((id) => id === b.id)).toEqual([b.id]);
    expect(completed.filter((id) => id === a.id)).toEqual([a.id]);
    // a job id is no capability: another tenant does not see it
    expect(await jobs.get('crash-a', b.id)).toBeUndefined();
    expect(second.output()).toMatch(/stalled/);
  }, 90_000);

  it('fails a job whose tenant is disabled or unknown at once, without running or retrying it', async () => {
    if (!t) return;
    const worker = workers.at(-1);
    // the worker left running by the test above
    expect([worker?.child.exitCode, worker?.child.signalCode]).toEqual([null, null]);
    const off = await jobs.enqueue('test.slow', { tenantId: 'crash-off', requestedBy: 'test', ms: 0 });
    const ghost = await jobs.enqueue('test.slow', { tenantId: 'ghost', requestedBy: 'test', ms: 0 });
    const ok = await jobs.enqueue('test.slow', { tenantId: 'crash-a', requestedBy: 'test', ms: 0 });
    await until('the three jobs to finish', async () => {
      const states = await Promise.all([
        jobs.get('crash-off', off.id),
        jobs.get('ghost', ghost.id),
        jobs.get('crash-a', ok.id),
      ]);
      return states.every((s) => s?.status === 'completed' || s?.status === 'failed');
    });
    expect(await jobs.get('crash-off', off.id)).toMatchObject({
      status: 'failed',
      error: "Job refused: tenant 'crash-off' is disabled",
    });
    expect(await jobs.get('ghost', ghost.id)).toMatchObject({
      status: 'failed',
      error: "Job refused: no tenant 'ghost'",
    });
    for (const id of [off.id, ghost.id]) {
      const job = await Job.fromId(raw, id);
      // enqueued with 3 attempts, refused after the first
      expect([id, job?.opts.attempts, job?.attemptsMade, job?.returnvalue ?? null]).toEqual([id, 3, 1, null]);
    }
    // the worker is still there and still serves the tenants that may run jobs
    expect(await jobs.get('crash-a', ok.id)).toMatchObject({ status: 'completed', result: { tenant: 'crash-a' } });
    expect([worker?.child.exitCode, worker?.child.signalCode]).toEqual([null, null]);
  }, 60_000);
});
