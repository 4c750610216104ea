import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { JobHandlers, JobQueue } from '@smartseg/queue';
import { loadAppConfig } from '@smartseg/common/server';
import { testJobsEnabled, WorkerModule } from './worker.module';

describe('WorkerModule', () => {
  it('boots as an application context from the same modules, with the job handlers registered', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'smartseg-worker-'));
    const config = loadAppConfig({
      SMARTSEG_HOME: home,
      ADMIN_API_KEY: 'w'.repeat(30),
      API_KEY_PEPPER: 'p'.repeat(30),
      LOG_LEVEL: 'error',
    });
    const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
    try {
      expect(app.get(JobHandlers).names()).toContain('export.ids');
      expect(app.get(JobHandlers).names()).not.toContain('test.slow');
      expect(app.get(JobQueue).kind).toBe('in-process');
      expect(fs.existsSync(path.join(home, 'app.sqlite'))).toBe(true);
    } finally {
      await app.close();
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  it("registers the test-only 'test.slow' job only when asked (SMARTSEG_TEST_JOBS=true)", async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'smartseg-worker-'));
    const config = loadAppConfig({
      SMARTSEG_HOME: home,
      ADMIN_API_KEY: 'w'.repeat(30),
      API_KEY_PEPPER: 'p'.repeat(30),
      LOG_LEVEL: 'error',
    });
    const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, { testJobs: true }), {
      logger: false,
    });
    try {
      expect(app.get(JobHandlers).names()).toEqual(expect.arrayContaining(['export.ids', 'test.slow']));
    } finally {
      await app.close();
      fs.rmSync(home, { recursive: true, force: true });
    }
    expect([testJobsEnabled({}), testJobsEnabled({ SMARTSEG_TEST_JOBS: 'false' })]).toEqual([false, false]);
    expect(testJobsEnabled({ SMARTSEG_TEST_JOBS: 'true' })).toBe(true);
    expect(() => testJobsEnabled({ SMARTSEG_TEST_JOBS: 'yes please' })).toThrow(/SMARTSEG_TEST_JOBS/);
  });
});
