import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AuditEntryEntity } from '../entities/audit-entry.entity';
import { newId, nowIso } from './clock';

export interface AuditInput {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  details?: Record<string, unknown>;
}

/** The audit trail: every change, with who and when. Scoped by tenant like every repository. */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntryEntity) private readonly repo: Repository<AuditEntryEntity>) {}

  async record(tenantId: string, input: AuditInput): Promise<AuditEntryEntity> {
    const entry = this.repo.create({
      id: newId(),
      tenantId,
      actor: input.actor,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      details: input.details ?? null,
      at: nowIso(),
    });
    return this.repo.save(entry);
  }

  async list(
    tenantId: string,
    filter: { entityType?: string; entityId?: string; limit?: number } = {},
  ): Promise<AuditEntryEntity[]> {
    return this.repo.find({
      where: {
        tenantId,
        ...(filter.entityType ? { entityType: filter.entityType } : {}),
        ...(filter.entityId ? { entityId: filter.entityId } : {}),
      },
      order: { at: 'DESC' },
      take: Math.min(filter.limit ?? 100, 1000),
    });
  }
}
