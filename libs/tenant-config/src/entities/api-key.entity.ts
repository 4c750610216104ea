import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Role } from '@smartseg/common/server';
import { jsonText } from './tenant.entity';

/** An API key of a tenant. Only its HMAC-SHA256 (with the server's pepper) is stored. */
@Entity({ name: 'api_keys' })
@Index('api_keys_tenant_idx', ['tenantId'])
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** The first characters of the key, to recognise it in lists (never enough to use it). */
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  @Index('api_keys_hash_uq', { unique: true })
  @Column({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash!: string;

  @Column({ type: 'text', transformer: jsonText<Role[]>([]) })
  roles!: Role[];

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy!: string;

  @Column({ name: 'revoked_at', type: 'varchar', length: 32, nullable: true })
  revokedAt!: string | null;
}
