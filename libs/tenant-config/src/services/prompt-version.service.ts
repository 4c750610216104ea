import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import { ErrorCode, SmartsegError } from '@smartseg/common/server';
import { PromptVersionEntity } from '../entities/prompt-version.entity';
import { AuditService } from './audit.service';
import { newId, nowIso } from './clock';
import { PLATFORM_AUDIT_TENANT } from './tenant.service';

const SKILL_ID = /^[a-z][a-z0-9_]{1,99}$/;

/** Prompt versions per skill: create, list, activate, roll back. One active version per skill. */
@Injectable()
export class PromptVersionService {
  constructor(
    @InjectRepository(PromptVersionEntity) private readonly repo: Repository<PromptVersionEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(
    skillId: string,
    input: { template: string; notes?: string; activate?: boolean },
    actor: string,
  ): Promise<PromptVersionEntity> {
    if (!SKILL_ID.test(skillId))
      throw new SmartsegError(ErrorCode.BadInput, `Invalid skill id '${skillId}'`, [
        { path: 'skillId', message: 'must match ^[a-z][a-z0-9_]{1,99}$' },
      ]);
    const created = await this.dataSource.transaction(async (em) => {
      const last = await em.findOne(PromptVersionEntity, { where: { skillId }, order: { version: 'DESC' } });
      const row = em.create(PromptVersionEntity, {
        id: newId(),
        skillId,
        version: (last?.version ?? 0) + 1,
        template: input.template,
        notes: input.notes ?? null,
        active: false,
        createdAt: nowIso(),
        createdBy: actor,
        activatedAt: null,
      });
      return em.save(row);
    });
    await this.audit.record(PLATFORM_AUDIT_TENANT, {
      actor,
      action: 'prompt.create',
      entityType: 'prompt_version',
      entityId: `${skillId}@${created.version}`,
    });
    return input.activate ? this.activate(skillId, created.version, actor) : created;
  }

  async list(skillId: string): Promise<PromptVersionEntity[]> {
    return this.repo.find({ where: { skillId }, order: { version: 'ASC' } });
  }

  async active(skillId: string): Promise<PromptVersionEntity | null> {
    return this.repo.findOneBy({ skillId, active: true });
  }

  async activate(skillId: string, version: number, actor: string): Promise<PromptVersionEntity> {
    const activated = await this.dataSource.transaction(async (em) => {
      const target = await em.findOneBy(PromptVersionEntity, { skillId, version });
      if (!target) throw new SmartsegError(ErrorCode.NotFound, `No prompt version ${version} for skill '${skillId}'`);
      await em.update(PromptVersionEntity, { skillId, active: true }, { active: false });
      target.active = true;
      target.activatedAt = nowIso();
      return em.save(target);
    });
    await this.audit.record(PLATFORM_AUDIT_TENANT, {
      actor,
      action: 'prompt.activate',
      entityType: 'prompt_version',
      entityId: `${skillId}@${version}`,
    });
    return activated;
  }

  /** Re-activates the version that was active before the current one (by activation time). */
  async rollback(skillId: string, actor: string): Promise<PromptVersionEntity> {
    const all = await this.list(skillId);
    const current = all.find((v) => v.active);
    if (!current)
      throw new SmartsegError(ErrorCode.Conflict, `Skill '${skillId}' has no active prompt version to roll back from`);
    const previous = all
      .filter((v) => v.version !== current.version && v.activatedAt !== null)
      .sort((a, b) => (a.activatedAt! < b.activatedAt! ? 1 : -1))[0];
    const fallback = previous ?? all.filter((v) => v.version < current.version).pop();
    if (!fallback) throw new SmartsegError(ErrorCode.Conflict, `Skill '${skillId}' has no earlier prompt version`);
    return this.activate(skillId, fallback.version, actor);
  }
}
