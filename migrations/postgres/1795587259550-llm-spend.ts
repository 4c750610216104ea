import type { MigrationInterface, QueryRunner } from 'typeorm';

/** PostgreSQL: llm_spend, model spend per tenant / provider key and month (libs/model-router DatabaseSpendStore). */
export class LlmSpendPostgres1795587259550 implements MigrationInterface {
  name = 'LlmSpendPostgres1795587259550';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "llm_spend" ("key" character varying(200) NOT NULL, "month" character varying(7) NOT NULL, "usd" double precision NOT NULL, "updated_at" character varying(32) NOT NULL, CONSTRAINT "PK_6ff01a095530a64b64aa4507a37" PRIMARY KEY ("key", "month"))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "llm_spend"`);
  }
}
