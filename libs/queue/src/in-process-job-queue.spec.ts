import { Test } from '@nestjs/testing';
import { ErrorCode, loadAppConfig, SmartsegError, TenancyModule, TenantContext } from '@smartseg/common/server';
import { JobHandlers } from './job-handlers';
import { JobQueue } from './job-queue.port';
import { isFinalJobError } from './job-runner';
import { QueueModule, workerOptions } from './queue.module';
import { InProcessJobQueue } from './in-process-job-queue';
import { redisConnection, workerName } from './redis-connection';

describe('JobQueue (in-process adapter)', () => {
  async function setup() {
    const ref = await Test.createTestingModule({
      imports: [TenancyModule, QueueModule.forRoot({ role: 'api' })],
    }).compile();
    await ref.init();
    return { ref, queue: ref.get(JobQueue), handlers: ref.get(JobHandlers), tenant: ref.get(TenantContext) };
  }

  it('is the default adapter and runs a typed job inside the tenant context of its payload', async () => {
    const { ref, queue, handlers, tenant } = await setup();
    expect(queue).toBeInstanceOf(InProcessJobQueue);
    const seen: string[] = [];
    handlers.register('memory.consolidate', async (data) => {
      seen.push(`${tenant.tenantId}/${tenant.actorId}/${data.conversationId}`);
      return { ok: true };
    });
    const { id } = await queue.enqueue('memory.consolidate', {
      tenantId: 't1',
      requestedBy: 'k1',
      conversationId: 'c1',
    });
    await queue.drain();
    expect(seen).toEqual(['t1/k1/c1']);
    expect(await queue.get('t1', id)).toMatchObject({
      status: 'completed',
      result: { ok: true },
      name: 'memory.consolidate',
    });
    expect(await queue.get('t2', id)).toBeUndefined();
    await ref.close();
  });

  it('refuses a payload without a tenant id and an unknown job name', async () => {
    const { ref, queue } = await setup();
    await expect(queue.enqueue('eval.run', { requestedBy: 'x', evalSet: 'core' } as never)).rejects.toThrow(/tenantId/);
    await expect(queue.enqueue('nope' as never, { tenantId: 't' } as never)).rejects.toThrow(/Unknown job/);
    await ref.close();
  });

  it('retries, then records the failure', async () => {
    const { ref, queue, handlers } = await setup();
    let calls = 0;
    handlers.register('eval.run', async () => {
      calls++;
      if (calls < 3) throw new Error('flaky');
      return 'done';
    });
    const ok = await queue.enqueue('eval.run', { tenantId: 't', requestedBy: 'x', evalSet: 'a' }, { attempts: 2 });
    await queue.drain();
    expect(await queue.get('t', ok.id)).toMatchObject({ status: 'completed', result: 'done' });
    const bad = await queue.enqueue(
      'export.ids',
      { tenantId: 't', requestedBy: 'x', segmentId: 's', format: 'csv' },
      { attempts: 0 },
    );
    await queue.drain();
    expect(await queue.get('t', bad.id)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/No handler/),
    });
    await ref.close();
  });

  it('does not let a job see the enqueuing request context', async () => {
    const { ref, queue, handlers, tenant } = await setup();
    let inside = '';
    handlers.register('memory.consolidate', async () => {
      inside = tenant.tenantId;
    });
    await tenant.run({ tenantId: 'caller', actorId: 'k', roles: ['admin'] }, () =>
      queue.enqueue('memory.consolidate', { tenantId: 'target', requestedBy: 'k' }),
    );
    await queue.drain();
    expect(inside).toBe('target');
    await ref.close();
  });
});

describe('redisConnection', () => {
  it('parses redis URLs', () => {
    expect(redisConnection('redis://:secret@cache:6380/2')).toMatchObject({
      host: 'cache',
      port: 6380,
      password: 'secret',
      db: 2,
    });
    expect(redisConnection('rediss://cache')).toMatchObject({ host: 'cache', port: 6379, tls: {} });
  });
});

describe('JobQueue tenant check and final errors (in-process adapter)', () => {
  it('runs the tenant check before the handler; a refused job fails at once, without retries', async () => {
    const ref = await Test.createTestingModule({
      imports: [TenancyModule, QueueModule.forRoot({ role: 'api' })],
    }).compile();
    await ref.init();
    const queue = ref.get(JobQueue);
    const handlers = ref.get(JobHandlers);
    const checked: string[] = [];
    handlers.setTenantCheck(async (tenantId) => {
      checked.push(tenantId);
      if (tenantId === 'off')
        throw new SmartsegError(ErrorCode.Forbidden, `Job refused: tenant '${tenantId}' is disabled`);
    });
    expect(() => handlers.setTenantCheck(async () => undefined)).toThrow(/already set/);
    const ran: string[] = [];
    handlers.register('memory.consolidate', async (data) => {
      ran.push(data.tenantId);
      return 'ok';
    });
    const off = await queue.enqueue('memory.consolidate', { tenantId: 'off', requestedBy: 'k' }, { attempts: 3 });
    const on = await queue.enqueue('memory.consolidate', { tenantId: 'on', requestedBy: 'k' });
    await queue.drain();
    expect(ran).toEqual(['on']);
    expect(checked).toEqual(['off', 'on']);
    expect(await queue.get('off', off.id)).toMatchObject({
      status: 'failed',
      error: "Job refused: tenant 'off' is disabled",
    });
    expect(await queue.get('on', on.id)).toMatchObject({ status: 'completed', result: 'ok' });
    await ref.close();
  });

  it('does not retry a handler failing with a client error, and retries other failures', async () => {
    const ref = await Test.createTestingModule({
      imports: [TenancyModule, QueueModule.forRoot({ role: 'api' })],
    }).compile();
    await ref.init();
    const queue = ref.get(JobQueue);
    const handlers = ref.get(JobHandlers);
    let calls = 0;
    handlers.register('export.ids', async () => {
      calls++;
      throw new SmartsegError(ErrorCode.NotFound, 'No segment');
    });
    const job = await queue.enqueue('export.ids', { tenantId: 't', requestedBy: 'x', segmentId: 's', format: 'csv' });
    await queue.drain();
    expect(calls).toBe(1);
    expect(await queue.get('t', job.id)).toMatchObject({ status: 'failed', error: 'No segment' });
    expect(isFinalJobError(new SmartsegError(ErrorCode.WarehouseError, 'down'))).toBe(false);
    expect(isFinalJobError(new Error('flaky'))).toBe(false);
    await ref.close();
  });
});

describe('workerOptions', () => {
  it('takes the BullMQ worker settings from AppConfig, BullMQ defaults without it', () => {
    const config = loadAppConfig({
      QUEUE_LOCK_DURATION_MS: '2000',
      QUEUE_STALLED_INTERVAL_MS: '1000',
      QUEUE_MAX_STALLED_COUNT: '3',
      QUEUE_CONCURRENCY: '5',
    });
    expect(workerOptions({ role: 'worker' }, config)).toEqual({
      concurrency: 5,
      lockDurationMs: 2000,
      stalledIntervalMs: 1000,
      maxStalledCount: 3,
    });
    expect(workerOptions({ role: 'worker', concurrency: 1 }, config).concurrency).toBe(1);
    expect(workerOptions({ role: 'worker' })).toEqual({ concurrency: 2 });
  });

  it('names a worker after its process', () => {
    expect(workerName(1234)).toMatch(/^1234@[0-9a-f]{8}$/);
    expect(workerName(1234)).not.toBe(workerName(1234));
  });
});
