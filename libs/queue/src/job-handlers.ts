import { Injectable } from '@nestjs/common';
import type { JobName, JobPayloads } from './job-queue.port';

export type JobHandler<N extends JobName> = (data: JobPayloads[N], job: { id: string; name: N }) => Promise<unknown>;

/**
 * Decides whether a job may run for the tenant in its payload (the tenant exists and is active);
 * throws otherwise. A SmartsegError with a client code makes the job fail at once, without retries.
 */
export type JobTenantCheck = (tenantId: string) => Promise<void>;

/**
 * Registers what each job does. Modules register handlers at init; the in-process adapter and
 * the BullMQ worker both run them through `JobRunner` (which sets the tenant context).
 */
@Injectable()
export class JobHandlers {
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();
  private tenantCheck?: JobTenantCheck;

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

  /** Sets the check every job's tenant passes before its handler runs (one per process). */
  setTenantCheck(check: JobTenantCheck): void {
    if (this.tenantCheck) throw new Error('A job tenant check is already set');
    this.tenantCheck = check;
  }

  async checkTenant(tenantId: string): Promise<void> {
    await this.tenantCheck?.(tenantId);
  }
}
