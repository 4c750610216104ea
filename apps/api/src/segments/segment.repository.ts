import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource } from 'typeorm';
import type { Segment } from '@smartseg/segment-engine';
import { SegmentEntity, SegmentVersionEntity } from '../database/entities';

export interface SavedSegment {
  id: string;
  name: string;
  description: string | null;
  version: number;
  segment: Segment;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

function view(s: SegmentEntity, v: SegmentVersionEntity): SavedSegment {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    version: v.version,
    segment: v.definition,
    created_at: s.createdAt,
    created_by: s.createdBy,
    updated_at: s.updatedAt,
    updated_by: s.updatedBy,
  };
}

/** Saved segments and their versions. Every method takes the tenant id first and filters by it. */
@Injectable()
export class SegmentRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async create(
    tenantId: string,
    input: { name: string; description?: string; segment: Segment },
    actor: string,
  ): Promise<SavedSegment> {
    return this.ds.transaction(async (em) => {
      const now = new Date().toISOString();
      const s = em.create(SegmentEntity, {
        id: randomUUID(),
        tenantId,
        name: input.name,
        description: input.description ?? null,
        currentVersion: 1,
        createdAt: now,
        createdBy: actor,
        updatedAt: now,
        updatedBy: actor,
        deletedAt: null,
      });
      const v = em.create(SegmentVersionEntity, {
        id: randomUUID(),
        tenantId,
        segmentId: s.id,
        version: 1,
        definition: input.segment,
        createdAt: now,
        createdBy: actor,
      });
      await em.save(s);
      await em.save(v);
      return view(s, v);
    });
  }

  async list(tenantId: string, options: { limit?: number; offset?: number } = {}): Promise<SavedSegment[]> {
    const rows = await this.ds.getRepository(SegmentEntity).find({
      where: { tenantId, deletedAt: IsNull() },
      order: { updatedAt: 'DESC' },
      take: options.limit ?? 100,
      skip: options.offset ?? 0,
    });
    if (rows.length === 0) return [];
    const versions = await this.ds
      .getRepository(SegmentVersionEntity)
      .createQueryBuilder('v')
      .where('v.tenant_id = :tenantId', { tenantId })
      .andWhere('v.segment_id IN (:...ids)', { ids: rows.map((r) => r.id) })
      .getMany();
    return rows.map((s) =>
      view(
        s,
        versions.find((v) => v.segmentId === s.id && v.version === s.currentVersion)!,
      ),
    );
  }

  async find(tenantId: string, id: string, version?: number): Promise<SavedSegment | undefined> {
    const s = await this.ds.getRepository(SegmentEntity).findOneBy({ tenantId, id, deletedAt: IsNull() });
    if (!s) return undefined;
    const v = await this.ds
      .getRepository(SegmentVersionEntity)
      .findOneBy({ tenantId, segmentId: id, version: version ?? s.currentVersion });
    return v ? view(s, v) : undefined;
  }

  async versions(
    tenantId: string,
    id: string,
  ): Promise<{ version: number; created_at: string; created_by: string; segment: Segment }[]> {
    const rows = await this.ds
      .getRepository(SegmentVersionEntity)
      .find({ where: { tenantId, segmentId: id }, order: { version: 'ASC' } });
    return rows.map((v) => ({
      version: v.version,
      created_at: v.createdAt,
      created_by: v.createdBy,
      segment: v.definition,
    }));
  }

  /** A new version when the definition changes; name/description change in place. */
  async update(
    tenantId: string,
    id: string,
    patch: { name?: string; description?: string; segment?: Segment },
    actor: string,
  ): Promise<SavedSegment | undefined> {
    return this.ds.transaction(async (em) => {
      const s = await em.findOneBy(SegmentEntity, { tenantId, id, deletedAt: IsNull() });
      if (!s) return undefined;
      const now = new Date().toISOString();
      if (patch.name !== undefined) s.name = patch.name;
      if (patch.description !== undefined) s.description = patch.description;
      s.updatedAt = now;
      s.updatedBy = actor;
      let v = await em.findOneByOrFail(SegmentVersionEntity, { tenantId, segmentId: id, version: s.currentVersion });
      if (patch.segment !== undefined) {
        s.currentVersion += 1;
        v = em.create(SegmentVersionEntity, {
          id: randomUUID(),
          tenantId,
          segmentId: id,
          version: s.currentVersion,
          definition: patch.segment,
          createdAt: now,
          createdBy: actor,
        });
        await em.save(v);
      }
      await em.save(s);
      return view(s, v);
    });
  }

  async softDelete(tenantId: string, id: string, actor: string): Promise<boolean> {
    const res = await this.ds
      .getRepository(SegmentEntity)
      .update({ tenantId, id, deletedAt: IsNull() }, { deletedAt: new Date().toISOString(), updatedBy: actor });
    return (res.affected ?? 0) > 0;
  }
}
