import { Injectable } from '@nestjs/common';
import type { JobName, JobPayloads } from './job-queue.port';

export type JobHandler<N extends JobName> = (data: JobPayloads[N], job: { id: string; name: N }) => Promise<unknown>;

/**
 * Registers what each job does. Modules register handlers at init; the in-process adapter and
 * the BullMQ worker both run them through `JobRunner` (which sets the tenant context).
 */
@Injectable()
export class JobHandlers {
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();

  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    if (this.handlers.has(name)) throw new Error(`A handler for job '${name}' is already registered`);
    this.handlers.set(name, handler as unknown as JobHandler<JobName>);
  }

  get<N extends JobName>(name: N): JobHandler<N> | undefined {
    return this.handlers.get(name) as JobHandler<N> | undefined;
  }

  names(): JobName[] {
    return [...this.handlers.keys()];
  }
}
