import { Module, type DynamicModule, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { AppConfig } from '@smartseg/common/server';
import { InProcessJobQueue } from './in-process-job-queue';
import { JobHandlers } from './job-handlers';
import { JobQueue } from './job-queue.port';
import { JobRunner } from './job-runner';
import { redisConnection, type BullMqWorkerOptions } from './redis-connection';

export interface QueueModuleOptions {
  /** BullMQ on this Redis when set; in-process otherwise. */
  redisUrl?: string;
  /** 'worker' consumes BullMQ jobs; 'api' only enqueues. In-process queues always run their jobs. */
  role: 'api' | 'worker';
  /** Default: QUEUE_CONCURRENCY from AppConfig when it is in the container, else 2. */
  concurrency?: number;
}

const OPTIONS = Symbol('QUEUE_MODULE_OPTIONS');

class QueueShutdown implements OnApplicationShutdown {
  constructor(@Inject(JobQueue) private readonly queue: JobQueue) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.queue.kind === 'bullmq') await this.queue.close();
  }
}

/** The BullMQ worker settings from the validated configuration (QUEUE_*), when there is one. */
export function workerOptions(options: QueueModuleOptions, config?: AppConfig): BullMqWorkerOptions {
  return {
    concurrency: options.concurrency ?? config?.QUEUE_CONCURRENCY ?? 2,
    ...(config
      ? {
          lockDurationMs: config.QUEUE_LOCK_DURATION_MS,
          stalledIntervalMs: config.QUEUE_STALLED_INTERVAL_MS,
          maxStalledCount: config.QUEUE_MAX_STALLED_COUNT,
        }
      : {}),
  };
}

/**
 * The queue port and its adapter. Needs TenantContext (libs/common tenancy) in the container;
 * reads the worker settings from AppConfig when it is there too.
 */
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
          inject: [JobRunner, { token: AppConfig, optional: true }],
          useFactory: (runner: JobRunner, config?: AppConfig): JobQueue => {
            if (!options.redisUrl) return new InProcessJobQueue(runner);
            // bullmq is loaded only here: the in-process default does not carry it.
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const { BullMqJobQueue } = require('./bullmq-job-queue') as typeof import('./bullmq-job-queue');
            const q = new BullMqJobQueue(redisConnection(options.redisUrl), runner);
            if (options.role === 'worker') q.startWorker(workerOptions(options, config));
            return q;
          },
        },
        QueueShutdown,
      ],
      exports: [JobQueue, JobHandlers, JobRunner],
    };
  }
}
