import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A version of a skill's prompt. At most one version per skill is active. */
@Entity({ name: 'prompt_versions' })
@Index('prompt_versions_skill_version_uq', ['skillId', 'version'], { unique: true })
export class PromptVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'skill_id', type: 'varchar', length: 100 })
  skillId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  template!: string;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @Column({ type: 'boolean' })
  active!: boolean;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy!: string;

  @Column({ name: 'activated_at', type: 'varchar', length: 32, nullable: true })
  activatedAt!: string | null;
}
