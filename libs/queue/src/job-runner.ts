import { Injectable, Logger } from '@nestjs/common';
import { SmartsegError, TenantContext } from '@smartseg/common/server';
import { JobHandlers } from './job-handlers';
import { assertJobPayload, type JobName, type JobPayloads } from './job-queue.port';

/**
 * True when running the job again cannot help: the caller's input or the tenant is wrong
 * (a SmartsegError with a client code: NOT_FOUND, FORBIDDEN, BAD_INPUT...). Such jobs fail at once.
 */
export function isFinalJobError(e: unknown): boolean {
  return e instanceof SmartsegError && e.isClientError;
}

/** Runs one job's handler inside a tenant context built from the job's own payload. */
@Injectable()
export class JobRunner {
  private readonly logger = new Logger('JobRunner');

  constructor(
    private readonly handlers: JobHandlers,
    private readonly tenant: TenantContext,
  ) {}

  async run<N extends JobName>(name: N, id: string, data: JobPayloads[N]): Promise<unknown> {
    assertJobPayload(name, data);
    const handler = this.handlers.get(name);
    if (!handler) throw new Error(`No handler registered for job '${name}' in this process`);
    await this.handlers.checkTenant(data.tenantId);
    const started = Date.now();
    try {
      return await this.tenant.run(
        { tenantId: data.tenantId, actorId: data.requestedBy, roles: data.roles ?? ['viewer'] },
        () => handler(data, { id, name }),
      );
    } finally {
      this.logger.debug(`${name} ${id} for ${data.tenantId} in ${Date.now() - started} ms`);
    }
  }
}
