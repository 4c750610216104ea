import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { isFinalJobError, JobRunner } from './job-runner';
import {
  assertJobPayload,
  JobQueue,
  type EnqueueOptions,
  type JobInfo,
  type JobName,
  type JobPayloads,
} from './job-queue.port';

const MAX_REMEMBERED = 1000;

/** The default queue: jobs run in this process, one at a time, after the request returns. */
@Injectable()
export class InProcessJobQueue extends JobQueue implements OnApplicationShutdown {
  readonly kind = 'in-process' as const;
  private readonly logger = new Logger('InProcessJobQueue');
  private readonly jobs = new Map<string, JobInfo>();
  private chain: Promise<void> = Promise.resolve();
  private pending = 0;
  private closed = false;

  constructor(private readonly runner: JobRunner) {
    super();
  }

  async enqueue<N extends JobName>(
    name: N,
    data: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<{ id: string }> {
    if (this.closed) throw new Error('The job queue is closed');
    assertJobPayload(name, data);
    const id = randomUUID();
    const info: JobInfo = { id, name, tenantId: data.tenantId, status: 'queued', createdAt: new Date().toISOString() };
    this.remember(info);
    const attempts = 1 + Math.max(0, options.attempts ?? 2);
    const payload = structuredClone(data);
    this.pending++;
    this.chain = this.chain.then(async () => {
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      info.status = 'running';
      for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
          info.result = await this.runner.run(name, id, payload);
          info.status = 'completed';
          delete info.error;
          break;
        } catch (e) {
          info.status = 'failed';
          info.error = e instanceof Error ? e.message : String(e);
          const final = isFinalJobError(e);
          if (attempt === attempts || final) this.logger.warn(`${name} ${id} failed: ${info.error}`);
          if (final) break;
        }
      }
      info.finishedAt = new Date().toISOString();
      this.pending--;
    });
    return { id };
  }

  async get(tenantId: string, id: string): Promise<JobInfo | undefined> {
    const j = this.jobs.get(id);
    return j && j.tenantId === tenantId ? structuredClone(j) : undefined;
  }

  async drain(): Promise<void> {
    while (this.pending > 0) await this.chain;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.closed = true;
    await this.drain();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  private remember(info: JobInfo): void {
    this.jobs.set(info.id, info);
    if (this.jobs.size > MAX_REMEMBERED) {
      const oldest = this.jobs.keys().next().value;
      if (oldest !== undefined) this.jobs.delete(oldest);
    }
  }
}
