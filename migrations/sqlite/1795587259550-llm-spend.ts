import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SQLite: llm_spend, model spend per tenant / provider key and month (libs/model-router DatabaseSpendStore). */
export class LlmSpendSqlite1795587259550 implements MigrationInterface {
  name = 'LlmSpendSqlite1795587259550';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "llm_spend" ("key" varchar(200) NOT NULL, "month" varchar(7) NOT NULL, "usd" double precision NOT NULL, "updated_at" varchar(32) NOT NULL, PRIMARY KEY ("key", "month"))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "llm_spend"`);
  }
}
