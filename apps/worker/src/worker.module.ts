import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@smartseg/common/server';
import { CoreModule } from '../../api/src/core.module';
import { SlowTestJob } from './slow-test.job';

export interface WorkerOptions {
  /** skills/ folder (default: the repository's). */
  skillsDir?: string;
  /** Registers the test-only 'test.slow' job (SMARTSEG_TEST_JOBS=true; never in production). */
  testJobs?: boolean;
}

/**
 * The worker: the API's core modules (database, tenant-config, queue, engine, catalogs,
 * warehouses, job handlers) with the queue in the 'worker' role, and no HTTP. With REDIS_URL it
 * consumes the BullMQ queue the API fills; without it there is nothing to consume (the API runs
 * its jobs in-process).
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, options: WorkerOptions = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot(config, { role: 'worker', ...(options.skillsDir ? { skillsDir: options.skillsDir } : {}) }),
      ],
      providers: options.testJobs ? [SlowTestJob] : [],
    };
  }
}

/** SMARTSEG_TEST_JOBS: 'true' registers the test-only jobs; unset or 'false' does not; anything else is refused. */
export function testJobsEnabled(env: NodeJS.ProcessEnv): boolean {
  const v = env['SMARTSEG_TEST_JOBS']?.trim().toLowerCase();
  if (v === undefined || v === '' || v === 'false') return false;
  if (v === 'true') return true;
  throw new Error('SMARTSEG_TEST_JOBS must be true or false');
}
