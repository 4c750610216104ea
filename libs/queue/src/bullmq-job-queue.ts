import { Logger } from '@nestjs/common';
import { Job, Queue, UnrecoverableError, Worker, type ConnectionOptions } from 'bullmq';
import { BULLMQ_QUEUE_NAME, workerName, type BullMqWorkerOptions } from './redis-connection';
import { isFinalJobError, JobRunner } from './job-runner';
import {
  assertJobPayload,
  JobQueue,
  type EnqueueOptions,
  type JobInfo,
  type JobName,
  type JobPayloads,
  type JobStatus,
} from './job-queue.port';

function statusOf(state: string): JobStatus {
  if (state === 'completed') return 'completed';
  if (state === 'failed') return 'failed';
  if (state === 'active') return 'running';
  return 'queued';
}

/** BullMQ on Redis. The API enqueues; apps/worker (role 'worker') consumes. */
export class BullMqJobQueue extends JobQueue {
  readonly kind = 'bullmq' as const;
  private readonly logger = new Logger('BullMqJobQueue');
  private readonly queue: Queue;
  private worker?: Worker;
  private name?: string;

  constructor(
    private readonly connection: ConnectionOptions,
    private readonly runner: JobRunner,
  ) {
    super();
    this.queue = new Queue(BULLMQ_QUEUE_NAME, { connection });
  }

  /** The consuming worker's name (undefined in a process that only enqueues). */
  override get workerName(): string | undefined {
    return this.name;
  }

  /** Starts consuming (apps/worker). */
  startWorker(options: BullMqWorkerOptions = {}): void {
    if (this.worker) return;
    this.name = workerName();
    this.worker = new Worker(
      BULLMQ_QUEUE_NAME,
      async (job) => {
        try {
          return await this.runner.run(job.name as JobName, job.id ?? '', job.data as JobPayloads[JobName]);
        } catch (e) {
          // Wrong input or tenant: retrying cannot help, so the job fails now.
          if (isFinalJobError(e)) throw new UnrecoverableError((e as Error).message);
          throw e;
        }
      },
      {
        connection: this.connection,
        name: this.name,
        concurrency: options.concurrency ?? 2,
        ...(options.lockDurationMs !== undefined ? { lockDuration: options.lockDurationMs } : {}),
        ...(options.stalledIntervalMs !== undefined ? { stalledInterval: options.stalledIntervalMs } : {}),
        ...(options.maxStalledCount !== undefined ? { maxStalledCount: options.maxStalledCount } : {}),
      },
    );
    this.worker.on('failed', (job, err) => this.logger.warn(`${job?.name} ${job?.id} failed: ${err.message}`));
    this.worker.on('stalled', (id) => this.logger.warn(`job ${id} stalled (its worker stopped); it runs again`));
    this.worker.on('error', (err) => this.logger.error(`worker: ${err.message}`));
  }

  async enqueue<N extends JobName>(
    name: N,
    data: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<{ id: string }> {
    assertJobPayload(name, data);
    const job = await this.queue.add(name, data, {
      attempts: 1 + Math.max(0, options.attempts ?? 2),
      backoff: { type: 'exponential', delay: 1000 },
      ...(options.delayMs ? { delay: options.delayMs } : {}),
      removeOnComplete: { count: 1000, age: 24 * 3600 },
      removeOnFail: { count: 1000, age: 7 * 24 * 3600 },
    });
    return { id: String(job.id) };
  }

  async get(tenantId: string, id: string): Promise<JobInfo | undefined> {
    // The state first, then the job: a job seen 'completed' carries its result (read the other
    // way round, a job finishing in between would show 'completed' without one).
    const state = await this.queue.getJobState(id);
    const job = await Job.fromId(this.queue, id);
    if (!job || (job.data as { tenantId?: string }).tenantId !== tenantId) return undefined;
    const info: JobInfo = {
      id,
      name: job.name as JobName,
      tenantId,
      status: statusOf(state),
      createdAt: new Date(job.timestamp).toISOString(),
    };
    if (job.returnvalue !== undefined && job.returnvalue !== null) info.result = job.returnvalue;
    if (job.failedReason) info.error = job.failedReason;
    if (job.finishedOn) info.finishedAt = new Date(job.finishedOn).toISOString();
    if (job.processedBy) info.worker = job.processedBy;
    return info;
  }

  async drain(): Promise<void> {
    for (;;) {
      const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed');
      if ((counts['waiting'] ?? 0) + (counts['active'] ?? 0) + (counts['delayed'] ?? 0) === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async ping(): Promise<void> {
    await this.queue.waitUntilReady();
    await this.queue.getJobCounts('waiting');
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
  }
}
