import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { LlmSpendEntity } from '@smartseg/model-router';
import type { Segment } from '@smartseg/segment-engine';
import { jsonText, TENANT_CONFIG_ENTITIES } from '@smartseg/tenant-config';

/**
 * The API's own tables. Every row carries tenant_id and every repository method takes the
 * tenant id as its first argument. Timestamps are ISO-8601 UTC strings (see TenantEntity).
 */

/** A saved segment; its definitions live in segment_versions (every update is a new version). */
@Entity({ name: 'segments' })
@Index('segments_tenant_idx', ['tenantId', 'deletedAt'])
export class SegmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'current_version', type: 'integer' })
  currentVersion!: number;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt!: string;

  @Column({ name: 'updated_by', type: 'varchar', length: 64 })
  updatedBy!: string;

  @Column({ name: 'deleted_at', type: 'varchar', length: 32, nullable: true })
  deletedAt!: string | null;
}

@Entity({ name: 'segment_versions' })
@Index('segment_versions_uq', ['tenantId', 'segmentId', 'version'], { unique: true })
export class SegmentVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  @Column({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text', transformer: jsonText<Segment | null>(null) })
  definition!: Segment;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy!: string;
}

@Entity({ name: 'conversations' })
@Index('conversations_tenant_idx', ['tenantId', 'createdAt'])
export class ConversationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  /** The segment after the last turn that produced one (what an edit starts from). */
  @Column({ name: 'current_segment', type: 'text', nullable: true, transformer: jsonText<Segment | null>(null) })
  currentSegment!: Segment | null;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt!: string;
}

@Entity({ name: 'conversation_turns' })
@Index('conversation_turns_uq', ['tenantId', 'conversationId', 'seq'], { unique: true })
export class ConversationTurnEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  @Column({ name: 'conversation_id', type: 'varchar', length: 36 })
  conversationId!: string;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'varchar', length: 100 })
  skill!: string;

  /** segment | clarify | refuse | error */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  /** The turn's answer (segment, explanation, count, question, options, reason). */
  @Column({ type: 'text', transformer: jsonText<Record<string, unknown>>({}) })
  result!: Record<string, unknown>;

  @Column({ name: 'elapsed_ms', type: 'integer' })
  elapsedMs!: number;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy!: string;
}

@Entity({ name: 'feedback' })
@Index('feedback_tenant_idx', ['tenantId', 'createdAt'])
export class FeedbackEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  /** confirm | correct */
  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  @Column({ name: 'conversation_id', type: 'varchar', length: 36, nullable: true })
  conversationId!: string | null;

  @Column({ name: 'turn_seq', type: 'integer', nullable: true })
  turnSeq!: number | null;

  @Column({ type: 'text', nullable: true })
  text!: string | null;

  /** The corrected segment (for 'correct'). */
  @Column({ type: 'text', nullable: true, transformer: jsonText<Segment | null>(null) })
  segment!: Segment | null;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy!: string;
}

/** A tenant's edited catalog (facet words, business rules); absent: the catalog file as written by `demo init`. */
@Entity({ name: 'tenant_catalogs' })
export class TenantCatalogEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text', transformer: jsonText<Record<string, unknown>>({}) })
  catalog!: Record<string, unknown>;

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt!: string;

  @Column({ name: 'updated_by', type: 'varchar', length: 64 })
  updatedBy!: string;
}

export const API_ENTITIES = [
  SegmentEntity,
  SegmentVersionEntity,
  ConversationEntity,
  ConversationTurnEntity,
  FeedbackEntity,
  TenantCatalogEntity,
  // model spend per tenant / provider and month (libs/model-router's DatabaseSpendStore)
  LlmSpendEntity,
];

/** Every entity of the product's database (tenant-config's and the API's). */
export const ALL_ENTITIES = [...TENANT_CONFIG_ENTITIES, ...API_ENTITIES];
