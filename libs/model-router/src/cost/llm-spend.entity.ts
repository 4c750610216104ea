import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Model spend per calendar month, in the state database (DatabaseSpendStore): one row per
 * `key` (`tenant:<id>` or `provider:<id>`) and `month` (YYYY-MM, UTC), `usd` increased atomically
 * by every call's cost. Register it with the app's entities; migrations create `llm_spend`.
 */
@Entity({ name: 'llm_spend' })
export class LlmSpendEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key!: string;

  @PrimaryColumn({ type: 'varchar', length: 7 })
  month!: string;

  @Column({ type: 'double precision' })
  usd!: number;

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt!: string;
}
