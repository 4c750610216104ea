import { once } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobHandlers, type JobPayloads } from '@smartseg/queue';
import { AppConfig, ErrorCode, SmartsegError } from '@smartseg/common/server';
import { TenantService } from '@smartseg/tenant-config';
import { AudienceFacade } from '../audience/audience.facade';
import { SegmentRepository } from '../segments/segment.repository';
import { jobTenantCheck } from './job-tenant-check';

/**
 * 'export.ids': writes a saved segment's ids to $SMARTSEG_HOME/exports/<tenant>/<job>.<csv|jsonl>.
 * Registering the API's jobs, it also sets the check every job passes first: its tenant exists
 * and is active.
 */
@Injectable()
export class ExportIdsJob implements OnModuleInit {
  constructor(
    private readonly handlers: JobHandlers,
    private readonly config: AppConfig,
    private readonly segments: SegmentRepository,
    private readonly audience: AudienceFacade,
    private readonly tenants: TenantService,
  ) {}

  onModuleInit(): void {
    this.handlers.setTenantCheck(jobTenantCheck(this.tenants));
    this.handlers.register('export.ids', (data, job) => this.run(data, job.id));
  }

  async run(data: JobPayloads['export.ids'], jobId: string): Promise<{ file: string; rows: number }> {
    const saved = await this.segments.find(data.tenantId, data.segmentId, data.version);
    // A missing segment stays missing: NOT_FOUND fails the job without retries.
    if (!saved)
      throw new SmartsegError(ErrorCode.NotFound, `No segment '${data.segmentId}' for tenant '${data.tenantId}'`);
    const dir = path.join(this.config.SMARTSEG_HOME, 'exports', data.tenantId);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${jobId.replace(/[^a-zA-Z0-9-]/g, '_')}.${data.format}`);
    // Written beside, then renamed: a run cut short (a worker killed mid-export) leaves no half file.
    const partial = `${file}.part`;
    const out = fs.createWriteStream(partial, { mode: 0o600 });
    let rows = 0;
    if (data.format === 'csv') out.write('customer_id\n');
    for await (const r of await this.audience.rows(saved.segment)) {
      const line =
        data.format === 'csv'
          ? `${String(r['customer_id'])}\n`
          : `${JSON.stringify({ customer_id: r['customer_id'] })}\n`;
      if (!out.write(line)) await once(out, 'drain');
      rows++;
    }
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    fs.renameSync(partial, file);
    return { file: path.relative(this.config.SMARTSEG_HOME, file), rows };
  }
}
