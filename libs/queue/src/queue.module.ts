import { Module, type DynamicModule, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { BullMqJobQueue, redisConnection } from './bullmq-job-queue';
import { InProcessJobQueue } from './in-process-job-queue';
import { JobHandlers } from './job-handlers';
import { JobQueue } from './job-queue.port';
import { JobRunner } from './job-runner';

export interface QueueModuleOptions {
  /** BullMQ on this Redis when set; in-process otherwise. */
  redisUrl?: string;
  /** 'worker' consumes BullMQ jobs; 'api' only enqueues. In-process queues always run their jobs. */
  role: 'api' | 'worker';
  concurrency?: number;
}

const OPTIONS = Symbol('QUEUE_MODULE_OPTIONS');

class QueueShutdown implements OnApplicationShutdown {
  constructor(@Inject(JobQueue) private readonly queue: JobQueue) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.queue instanceof BullMqJobQueue) await this.queue.close();
  }
}

/** The queue port and its adapter. Needs TenantContext (libs/common tenancy) in the container. */
@Module({})
export class QueueModule {
  static forRoot(options: QueueModuleOptions): DynamicModule {
    return {
      module: QueueModule,
      global: true,
      providers: [
        { provide: OPTIONS, useValue: options },
        JobHandlers,
        JobRunner,
        {
          provide: JobQueue,
          inject: [JobRunner],
          useFactory: (runner: JobRunner): JobQueue => {
            if (!options.redisUrl) return new InProcessJobQueue(runner);
            const q = new BullMqJobQueue(redisConnection(options.redisUrl), runner);
            if (options.role === 'worker') q.startWorker(options.concurrency);
            return q;
          },
        },
        QueueShutdown,
      ],
      exports: [JobQueue, JobHandlers, JobRunner],
    };
  }
}
