/* eslint-disable @typescript-eslint/no-require-imports -- jest.isolateModules loads modules with require */
import type { TestingModule } from '@nestjs/testing';

/** bullmq is loaded only when a queue on Redis is made: the in-process default does not carry it. */
describe('queue module loading', () => {
  it('imports the queue library and runs the in-process queue without loading bullmq', async () => {
    let lib!: typeof import('./index');
    let compiled!: Promise<TestingModule>;
    jest.isolateModules(() => {
      jest.doMock('bullmq', () => {
        throw new Error('bullmq was loaded');
      });
      lib = require('./index') as typeof import('./index');
      const { Test } = require('@nestjs/testing') as typeof import('@nestjs/testing');
      const { TenancyModule } = require('@smartseg/common/server') as typeof import('@smartseg/common/server');
      compiled = Test.createTestingModule({
        imports: [TenancyModule, lib.QueueModule.forRoot({ role: 'api' })],
      }).compile();
    });
    expect(lib.redisConnection('redis://cache:6380')).toMatchObject({ port: 6380 });
    const moduleRef = await compiled;
    const jobs = moduleRef.get(lib.JobQueue);
    expect(jobs.kind).toBe('in-process');
    expect(jobs.workerName).toBeUndefined();
    await moduleRef.close();
  });
});
