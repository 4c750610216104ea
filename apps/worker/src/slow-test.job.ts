import { Injectable, type OnModuleInit } from '@nestjs/common';
import { TenantContext } from '@smartseg/common/server';
import { JobHandlers, type JobPayloads } from '@smartseg/queue';
import { TenantWarehouses } from '../../api/src/warehouse/tenant-warehouses.service';

/** Longest a 'test.slow' job may sleep. */
export const SLOW_TEST_JOB_MAX_MS = 120_000;

export interface SlowTestJobResult {
  /** The tenant of the context the job ran in. */
  tenant: string;
  /** That tenant's customers, counted on its warehouse. */
  customers: number;
  /** The worker process that finished it. */
  pid: number;
}

/**
 * 'test.slow' (tests only, registered when the worker runs with SMARTSEG_TEST_JOBS=true): sleeps
 * `ms` in short steps, long enough for a test to kill the worker mid-run, then counts the
 * customers of the tenant it runs for.
 */
@Injectable()
export class SlowTestJob implements OnModuleInit {
  constructor(
    private readonly handlers: JobHandlers,
    private readonly tenant: TenantContext,
    private readonly warehouses: TenantWarehouses,
  ) {}

  onModuleInit(): void {
    this.handlers.register('test.slow', (data) => this.run(data));
  }

  async run(data: JobPayloads['test.slow']): Promise<SlowTestJobResult> {
    const until = Date.now() + Math.min(Math.max(0, data.ms), SLOW_TEST_JOB_MAX_MS);
    while (Date.now() < until) await new Promise((r) => setTimeout(r, Math.min(100, until - Date.now())));
    const tenant = this.tenant.tenantId;
    const connection = await this.warehouses.connection(tenant);
    const [row] = await connection.query<{ n: number }>('SELECT count(*) AS n FROM customers');
    return { tenant, customers: Number(row?.n ?? 0), pid: process.pid };
  }
}
