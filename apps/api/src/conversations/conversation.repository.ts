import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Segment } from '@smartseg/segment-engine';
import { ConversationEntity, ConversationTurnEntity } from '../database/entities';

export interface NewTurn {
  text: string;
  skill: string;
  status: string;
  result: Record<string, unknown>;
  elapsedMs: number;
  actor: string;
}

/** Conversations and their turns; every method takes the tenant id first. */
@Injectable()
export class ConversationRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** A conversation row not written yet (see `create` and `addTurn`'s `create` option). */
  draft(tenantId: string, actor: string): ConversationEntity {
    const now = new Date().toISOString();
    return Object.assign(new ConversationEntity(), {
      id: randomUUID(),
      tenantId,
      currentSegment: null,
      createdAt: now,
      createdBy: actor,
      updatedAt: now,
    });
  }

  /** Writes a new, empty conversation (one INSERT: its id is new, so there is nothing to look up first). */
  async create(tenantId: string, actor: string): Promise<ConversationEntity> {
    const row = this.draft(tenantId, actor);
    await this.ds.getRepository(ConversationEntity).insert(row);
    return row;
  }

  async find(tenantId: string, id: string): Promise<ConversationEntity | null> {
    return this.ds.getRepository(ConversationEntity).findOneBy({ tenantId, id });
  }

  async turns(tenantId: string, conversationId: string): Promise<ConversationTurnEntity[]> {
    return this.ds
      .getRepository(ConversationTurnEntity)
      .find({ where: { tenantId, conversationId }, order: { seq: 'ASC' } });
  }

  /**
   * Appends a turn and moves the conversation on (its time, and its current segment when the turn
   * produced or cleared one), in one transaction. With `create` (a conversation drafted for this
   * turn and not written yet), the conversation is inserted in the same transaction with the turn
   * as its first: a new conversation and its first answer are one write.
   */
  async addTurn(
    tenantId: string,
    conversationId: string,
    turn: NewTurn,
    currentSegment: Segment | null | undefined,
    options: { create?: ConversationEntity } = {},
  ): Promise<ConversationTurnEntity> {
    const created = options.create;
    if (created && (created.tenantId !== tenantId || created.id !== conversationId)) {
      throw new Error('addTurn: the drafted conversation is not the one the turn is for');
    }
    return this.ds.transaction(async (em) => {
      let seq = 1;
      if (!created) {
        const last = await em
          .createQueryBuilder(ConversationTurnEntity, 't')
          .select('MAX(t.seq)', 'seq')
          .where('t.tenantId = :tenantId AND t.conversationId = :conversationId', { tenantId, conversationId })
          .getRawOne<{ seq: number | null }>();
        seq = Number(last?.seq ?? 0) + 1;
      }
      const row = Object.assign(new ConversationTurnEntity(), {
        id: randomUUID(),
        tenantId,
        conversationId,
        seq,
        text: turn.text,
        skill: turn.skill,
        status: turn.status,
        result: turn.result,
        elapsedMs: turn.elapsedMs,
        createdAt: new Date().toISOString(),
        createdBy: turn.actor,
      });
      if (created) {
        await em.insert(ConversationEntity, {
          ...created,
          updatedAt: row.createdAt,
          currentSegment: currentSegment ?? null,
        });
        await em.insert(ConversationTurnEntity, row as never); // the JSON column goes through its transformer
      } else {
        await em.insert(ConversationTurnEntity, row as never); // the JSON column goes through its transformer
        const patch: Partial<ConversationEntity> = { updatedAt: row.createdAt };
        if (currentSegment !== undefined) patch.currentSegment = currentSegment;
        await em.update(ConversationEntity, { tenantId, id: conversationId }, patch as never);
      }
      return row;
    });
  }
}
