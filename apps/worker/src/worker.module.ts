import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@smartseg/common/server';
import { CoreModule } from '../../api/src/core.module';

/**
 * The worker: the API's core modules (database, tenant-config, queue, engine, catalogs,
 * warehouses, job handlers) with the queue in the 'worker' role, and no HTTP. With REDIS_URL it
 * consumes the BullMQ queue the API fills; without it there is nothing to consume (the API runs
 * its jobs in-process).
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, options: { skillsDir?: string } = {}): DynamicModule {
    return { module: WorkerModule, imports: [CoreModule.forRoot(config, { role: 'worker', ...options })] };
  }
}
