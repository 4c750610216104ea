import { Injectable, Logger } from '@nestjs/common';
import { TenantContext } from '@smartseg/common/server';
import { JobHandlers } from './job-handlers';
import { assertJobPayload, type JobName, type JobPayloads } from './job-queue.port';

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
