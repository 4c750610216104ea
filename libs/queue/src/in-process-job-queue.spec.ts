import { Test } from '@nestjs/testing';
import { TenancyModule, TenantContext } from '@smartseg/common/server';
import { JobHandlers } from './job-handlers';
import { JobQueue } from './job-queue.port';
import { QueueModule } from './queue.module';
import { InProcessJobQueue } from './in-process-job-queue';
import { redisConnection } from './bullmq-job-queue';

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
