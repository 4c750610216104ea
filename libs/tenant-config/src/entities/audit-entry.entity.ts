import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { jsonText } from './tenant.entity';

/** Who changed what, when. Tenant id '_admin' records platform-level changes with no tenant. */
@Entity({ name: 'audit_log' })
@Index('audit_log_tenant_at_idx', ['tenantId', 'at'])
export class AuditEntryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  /** The API key id that acted, 'admin' for the admin key, 'system' for boot tasks. */
  @Column({ type: 'varchar', length: 64 })
  actor!: string;

  /** e.g. segment.create, segment.update, segment.delete, key.create, tenant.disable. */
  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 64 })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 100 })
  entityId!: string;

  @Column({ type: 'text', nullable: true, transformer: jsonText<Record<string, unknown> | null>(null) })
  details!: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 32 })
  at!: string;
}
