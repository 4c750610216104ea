import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Segment } from '@smartseg/segment-engine';
import { ConversationEntity, ConversationTurnEntity } from '../database/entities';

/** Conversations and their turns; every method takes the tenant id first. */
@Injectable()
export class ConversationRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async create(tenantId: string, actor: string): Promise<ConversationEntity> {
    const now = new Date().toISOString();
    return this.ds
      .getRepository(ConversationEntity)
      .save({ id: randomUUID(), tenantId, currentSegment: null, createdAt: now, createdBy: actor, updatedAt: now });
  }

  async find(tenantId: string, id: string): Promise<ConversationEntity | null> {
    return this.ds.getRepository(ConversationEntity).findOneBy({ tenantId, id });
  }

  async turns(tenantId: string, conversationId: string): Promise<ConversationTurnEntity[]> {
    return this.ds
      .getRepository(ConversationTurnEntity)
      .find({ where: { tenantId, conversationId }, order: { seq: 'ASC' } });
  }

  async addTurn(
    tenantId: string,
    conversationId: string,
    turn: {
      text: string;
      skill: string;
      status: string;
      result: Record<string, unknown>;
      elapsedMs: number;
      actor: string;
    },
    currentSegment: Segment | null | undefined,
  ): Promise<ConversationTurnEntity> {
    return this.ds.transaction(async (em) => {
      const last = await em.findOne(ConversationTurnEntity, {
        where: { tenantId, conversationId },
        order: { seq: 'DESC' },
      });
      const row = em.create(ConversationTurnEntity, {
        id: randomUUID(),
        tenantId,
        conversationId,
        seq: (last?.seq ?? 0) + 1,
        text: turn.text,
        skill: turn.skill,
        status: turn.status,
        result: turn.result,
        elapsedMs: turn.elapsedMs,
        createdAt: new Date().toISOString(),
        createdBy: turn.actor,
      });
      await em.save(row);
      const patch: Partial<ConversationEntity> = { updatedAt: row.createdAt };
      if (currentSegment !== undefined) patch.currentSegment = currentSegment;
      await em.update(ConversationEntity, { tenantId, id: conversationId }, patch as never);
      return row;
    });
  }
}
