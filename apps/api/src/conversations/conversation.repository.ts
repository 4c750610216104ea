import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
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

/** The INSERT of every column of an entity, per data source and entity (see insertRow). */
const insertSql = new WeakMap<DataSource, Map<EntityTarget<ObjectLiteral>, string>>();

/**
 * Inserts one entity with all its columns through the transaction's manager: one prepared
 * statement whose text is built once from TypeORM's metadata, the values going through each
 * column's transformer and the driver's conversion as with `em.insert`, without the query
 * builder's per-call work (for the turn written with every conversation answer).
 */
async function insertRow<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  entity: T,
): Promise<void> {
  const driver = em.connection.driver;
  const metadata = em.connection.getMetadata(target);
  let bySource = insertSql.get(em.connection);
  if (!bySource) insertSql.set(em.connection, (bySource = new Map()));
  let sql = bySource.get(target);
  if (!sql) {
    const table = metadata.tablePath
      .split('.')
      .map((part) => driver.escape(part))
      .join('.');
    const names = metadata.columns.map((c) => driver.escape(c.databaseName)).join(', ');
    const params = metadata.columns.map((c, i) => driver.createParameter(c.databaseName, i)).join(', ');
    sql = `INSERT INTO ${table} (${names}) VALUES (${params})`;
    bySource.set(target, sql);
  }
  const values = metadata.columns.map((c) => driver.preparePersistentValue(c.getEntityValue(entity), c) ?? null);
  await em.query(sql, values);
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
        await insertRow(
          em,
          ConversationEntity,
          Object.assign(new ConversationEntity(), created, {
            updatedAt: row.createdAt,
            currentSegment: currentSegment ?? null,
          }),
        );
        await insertRow(em, ConversationTurnEntity, row);
      } else {
        await insertRow(em, ConversationTurnEntity, row);
        const patch: Partial<ConversationEntity> = { updatedAt: row.createdAt };
        if (currentSegment !== undefined) patch.currentSegment = currentSegment;
        await em.update(ConversationEntity, { tenantId, id: conversationId }, patch as never);
      }
      return row;
    });
  }
}
