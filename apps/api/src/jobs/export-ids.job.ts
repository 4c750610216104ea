import * as fs from 'node:fs';
import * as path from 'node:path';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobHandlers, type JobPayloads } from '@smartseg/queue';
import { AppConfig } from '@smartseg/common/server';
import { AudienceFacade } from '../audience/audience.facade';
import { SegmentRepository } from '../segments/segment.repository';

/** 'export.ids': writes a saved segment's ids to $SMARTSEG_HOME/exports/<tenant>/<job>.<csv|jsonl>. */
@Injectable()
export class ExportIdsJob implements OnModuleInit {
  constructor(
    private readonly handlers: JobHandlers,
    private readonly config: AppConfig,
    private readonly segments: SegmentRepository,
    private readonly audience: AudienceFacade,
  ) {}

  onModuleInit(): void {
    this.handlers.register('export.ids', (data, job) => this.run(data, job.id));
  }

  async run(data: JobPayloads['export.ids'], jobId: string): Promise<{ file: string; rows: number }> {
    const saved = await this.segments.find(data.tenantId, data.segmentId, data.version);
    if (!saved) throw new Error(`No segment '${data.segmentId}' for tenant '${data.tenantId}'`);
    const dir = path.join(this.config.SMARTSEG_HOME, 'exports', data.tenantId);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${jobId.replace(/[^a-zA-Z0-9-]/g, '_')}.${data.format}`);
    const out = fs.createWriteStream(file, { mode: 0o600 });
    let rows = 0;
    if (data.format === 'csv') out.write('customer_id\n');
    for await (const r of await this.audience.rows(saved.segment)) {
      out.write(
        data.format === 'csv'
          ? `${String(r['customer_id'])}\n`
          : `${JSON.stringify({ customer_id: r['customer_id'] })}\n`,
      );
      rows++;
    }
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    return { file: path.relative(this.config.SMARTSEG_HOME, file), rows };
  }
}
