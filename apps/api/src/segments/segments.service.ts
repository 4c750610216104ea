import { Injectable } from '@nestjs/common';
import { ErrorCode, SmartsegError } from '@smartseg/common/server';
import { AuditService } from '@smartseg/tenant-config';
import { TenantContext } from '@smartseg/common/server';
import { AudienceFacade } from '../audience/audience.facade';
import type { CreateSegmentDto, UpdateSegmentDto } from '../dto/segment.dto';
import { SegmentRepository, type SavedSegment } from './segment.repository';

/** Saved segments for the current tenant: verified before saving, every change audited. */
@Injectable()
export class SegmentsService {
  constructor(
    private readonly tenant: TenantContext,
    private readonly repo: SegmentRepository,
    private readonly audience: AudienceFacade,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateSegmentDto): Promise<SavedSegment> {
    const { tenantId, actorId } = this.tenant.principal;
    const checked = await this.audience.check(dto.segment);
    const saved = await this.repo.create(
      tenantId,
      {
        name: dto.name,
        ...(dto.description !== undefined ? { description: dto.description } : {}),
        segment: checked.segment,
      },
      actorId,
    );
    await this.audit.record(tenantId, {
      actor: actorId,
      action: 'segment.create',
      entityType: 'segment',
      entityId: saved.id,
      details: { name: saved.name, version: 1 },
    });
    return saved;
  }

  list(limit?: number, offset?: number): Promise<SavedSegment[]> {
    return this.repo.list(this.tenant.tenantId, { ...(limit ? { limit } : {}), ...(offset ? { offset } : {}) });
  }

  async get(id: string, version?: number): Promise<SavedSegment> {
    const s = await this.repo.find(this.tenant.tenantId, id, version);
    if (!s)
      throw new SmartsegError(
        ErrorCode.NotFound,
        version ? `No version ${version} of segment '${id}'` : `No segment '${id}'`,
      );
    return s;
  }

  async versions(id: string) {
    await this.get(id);
    return this.repo.versions(this.tenant.tenantId, id);
  }

  async update(id: string, dto: UpdateSegmentDto): Promise<SavedSegment> {
    const { tenantId, actorId } = this.tenant.principal;
    const segment = dto.segment !== undefined ? (await this.audience.check(dto.segment)).segment : undefined;
    const saved = await this.repo.update(
      tenantId,
      id,
      {
        ...(dto.name !== undefined ? { name: dto.name } : {}),
        ...(dto.description !== undefined ? { description: dto.description } : {}),
        ...(segment ? { segment } : {}),
      },
      actorId,
    );
    if (!saved) throw new SmartsegError(ErrorCode.NotFound, `No segment '${id}'`);
    await this.audit.record(tenantId, {
      actor: actorId,
      action: 'segment.update',
      entityType: 'segment',
      entityId: id,
      details: { version: saved.version, fields: Object.keys(dto) },
    });
    return saved;
  }

  async remove(id: string): Promise<void> {
    const { tenantId, actorId } = this.tenant.principal;
    if (!(await this.repo.softDelete(tenantId, id, actorId)))
      throw new SmartsegError(ErrorCode.NotFound, `No segment '${id}'`);
    await this.audit.record(tenantId, {
      actor: actorId,
      action: 'segment.delete',
      entityType: 'segment',
      entityId: id,
    });
  }

  async history(id: string) {
    await this.get(id);
    return this.audit.list(this.tenant.tenantId, { entityType: 'segment', entityId: id });
  }
}
